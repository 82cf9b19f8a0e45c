// German: the Options form (role, sign-in, invitation, message, expiry, dry run, Advanced) and its buttons.

import type { Translation } from "../format";
import type { options as en } from "../en/options";

export const options: Translation<typeof en> = {
  "options.title": "Optionen",
  "options.role": "Personen können",
  "options.canView": "Anzeigen",
  "options.canEdit": "Bearbeiten",
  "options.requireSignIn": "Anmeldung erforderlich",
  "options.sendInvitation": "Einladungs-E-Mail senden",
  "options.message": "Nachricht (optional)",
  "options.messageCount": "{length} / {max}",
  "options.messageIgnored": "Die Nachricht wird nur mit einer Einladungs-E-Mail gesendet.",
  "options.messageCut": {
    one: "Die Nachricht wurde auf {max} Zeichen gekürzt: {count} Zeichen am Ende wurde weggelassen.",
    other: "Die Nachricht wurde auf {max} Zeichen gekürzt: {count} Zeichen am Ende wurden weggelassen.",
  },
  "options.expires": "Läuft ab (optional)",
  "options.expiresNote":
    "Geschäfts- oder Schulkonten akzeptieren kein Ablaufdatum für Einladungen. Das Add-In hält das Datum daher im Blatt „Permissions“ fest und bietet nach Ablauf „Abgelaufene Zugriffe entfernen“ an.",
  "options.dryRun": "Probelauf: prüfen und festhalten, nichts senden",
  "options.advanced": "Erweitert",
  "options.inviteThrough": "Einladen über",
  "options.routeItems": "Items (Microsoft Graph v1.0)",
  "options.routeWorkbooks": "Workbooks: die API von 2015 (/workbooks/{id}/invite, nur Beta)",
  "options.routeNote.offered":
    "Lassen Sie dies auf „Items“, sofern Ihre Administration nichts anderes verlangt. „Workbooks“ ist die Beta-API von 2015; Microsoft Graph v1.0 kennt diesen Weg nicht.",
  "options.routeNote.notOffered":
    "„Workbooks“ (die API von 2015) wird nur mit einer Beta-Graph-Adresse angeboten: Microsoft Graph v1.0 antwortet darauf mit 400 \"Resource not found for the segment 'workbooks'\".",
  "options.problems": "Probleme",
  "options.problem.role": "Die Rolle muss „Anzeigen“ oder „Bearbeiten“ sein.",
  "options.problem.bothOff":
    "Schalten Sie „Anmeldung erforderlich“ oder „Einladungs-E-Mail senden“ ein: Microsoft 365 braucht mindestens eines davon.",
  "options.problem.messageTooLong": "Die Nachricht hat {length} Zeichen; erlaubt sind {max}.",
  "options.problem.invalidDate": "Das Ablaufdatum ist kein gültiges Datum.",
  "options.problem.pastDate":
    "Das Ablaufdatum liegt in der Vergangenheit. Wählen Sie ein späteres Datum oder leeren Sie das Feld.",
  "options.share": "Freigeben",
  "options.cancel": "Abbrechen",
  "options.retryFailed": "Fehlgeschlagene wiederholen",
};
