// German: the Manage access card and its confirmation dialog. Sheet names ("Current access",
// "Permissions") are the names the add-in gives its sheets, so they stay as they are.

import type { Translation } from "../format";
import type { access as en } from "../en/access";

export const access: Translation<typeof en> = {
  "access.title": "Zugriff verwalten",
  "access.list": "Aktuellen Zugriff auflisten",
  "access.refreshList": "Liste aktualisieren",
  "access.revoke": "Zugriff entfernen…",
  "access.showSheet": "Blatt anzeigen",
  "access.detailsLabel": "Details zum Zugriff",
  "access.listLabel": "Aktueller Zugriff",
  "access.note":
    "Der Zugriff der Besitzerin oder des Besitzers und von einem Ordner oder einer Website geerbter Zugriff werden hier nie entfernt: Wem die Datei gehört, verliert sie nicht, und geerbter Zugriff wird dort geändert, wo er festgelegt ist.",
  "access.more": {
    one: "…und {count} weiterer (siehe Blatt „{sheet}“)",
    other: "…und {count} weitere (siehe Blatt „{sheet}“)",
  },
  "access.intro":
    "Listen Sie im Blatt „Current access“ auf, wer jetzt Zugriff hat. Wählen Sie dort Zeilen aus, um deren Zugriff zu entfernen.",
  "access.unavailable": "„Zugriff verwalten“ ist hier nicht verfügbar (siehe oben).",
  "access.listed": {
    one: "{count} Berechtigung in „{sheet}“ aufgelistet. Wählen Sie dort Zeilen aus, dann „Zugriff entfernen“.",
    other:
      "{count} Berechtigungen in „{sheet}“ aufgelistet. Wählen Sie dort Zeilen aus, dann „Zugriff entfernen“.",
  },
  "access.selected": {
    one: "{count} Zeile von „{sheet}“ ausgewählt. „Zugriff entfernen…“ zeigt, was entfernt würde, bevor etwas entfernt wird.",
    other:
      "{count} Zeilen von „{sheet}“ ausgewählt. „Zugriff entfernen…“ zeigt, was entfernt würde, bevor etwas entfernt wird.",
  },
  "access.reading": "Es wird gelesen, wer Zugriff hat…",
  "access.readingSelected": "Die ausgewählten Zeilen werden gelesen…",
  "access.removing": "Zugriff wird entfernt: {done} von {total} erledigt…",
  "access.removed": {
    one: "{count} Berechtigung entfernt. Das Blatt „{sheet}“ ist auf dem neuesten Stand.",
    other: "{count} Berechtigungen entfernt. Das Blatt „{sheet}“ ist auf dem neuesten Stand.",
  },
  "access.removedSomeFailed": {
    one: "{count} Berechtigung entfernt, {failed} fehlgeschlagen. Das Blatt „{sheet}“ ist auf dem neuesten Stand.",
    other:
      "{count} Berechtigungen entfernt, {failed} fehlgeschlagen. Das Blatt „{sheet}“ ist auf dem neuesten Stand.",
  },
  "access.failure": "{who}: {message}",
  "access.logged": "Jede Entfernung wird im Blatt „{sheet}“ festgehalten.",
  "access.role.owner": "Besitzer",
  "access.role.write": "Kann bearbeiten",
  "access.role.read": "Kann anzeigen",
  "access.kept.owner": "Nein: Der Zugriff der Besitzerin oder des Besitzers kann nicht entfernt werden.",
  "access.kept.inherited": "Nein: von einem Ordner oder einer Website geerbt; ändern Sie ihn dort.",
  "access.kept.siteGroup":
    "Nein: eine SharePoint-Websitegruppe; sie zu entfernen, würde den Zugriff aller Mitglieder ändern. Ändern Sie sie in den Berechtigungen der Website.",
  "access.kept.group":
    "Nein: eine Gruppe; sie zu entfernen, würde den Zugriff aller Mitglieder ändern. Ändern Sie sie in Excel unter Teilen > Zugriff verwalten.",
  "access.kept.link":
    "Nein: ein Freigabelink; ihn zu entfernen, würde allen darauf den Zugriff nehmen. Wählen Sie die Personen darunter aus, um sie einzeln zu entfernen.",
  "access.kept.openLink":
    "Nein: ein Freigabelink, den jeder nutzen kann, der ihn erhält; entfernen Sie ihn bei Bedarf in Excel unter Teilen > Zugriff verwalten.",
  "access.kept.openLinkPerson":
    "Nein: Dieser Link funktioniert für alle, die ihn haben; die Person davon zu entfernen, würde ihren Zugriff nicht beenden.",
  "access.kept.unknown":
    "Nein: Das Add-In kann nicht erkennen, was diese Berechtigung ist; verwalten Sie sie in Excel unter Teilen > Zugriff verwalten.",
  "access.kept.no": "Nein",
  "access.confirm.title": {
    one: "Zugriff für {count} Berechtigung entfernen?",
    other: "Zugriff für {count} Berechtigungen entfernen?",
  },
  "access.confirm.nothing": "Nichts zu entfernen",
  "access.confirm.gone": {
    one: "{count} ausgewählte Berechtigung gibt es nicht mehr.",
    other: "{count} ausgewählte Berechtigungen gibt es nicht mehr.",
  },
  "access.confirm.selectFirst":
    "Wählen Sie zuerst Zeilen der Tabelle „Current access“ aus, dann „Zugriff entfernen“.",
  "access.confirm.atOnce":
    "Der Zugriff endet sofort. Jede Entfernung wird im Blatt „Permissions“ festgehalten.",
  "access.confirm.removeLine": "{who} ({access})",
  "access.confirm.removeLineEmail": "{who} <{email}> ({access})",
  "access.confirm.keptLine": "{who}: {reason}",
  "access.confirm.ok": "Zugriff entfernen",
  "access.confirm.okNothing": "OK",
  "access.confirm.cancel": "Abbrechen",
  "access.confirm.close": "Schließen",
  "access.confirm.removeLabel": "Zu entfernender Zugriff",
  "access.confirm.keptLabel": "Beibehaltener Zugriff",
};
