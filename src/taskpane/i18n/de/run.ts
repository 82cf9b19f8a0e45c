// German: the "Progress and results" card and Share / Cancel / Retry failed. The statuses quoted in
// „…“ are the texts written beside the rows, which stay English (src/core/results.ts).

import type { Translation } from "../format";
import type { run as en } from "../en/run";

const RETRY = "„Fehlgeschlagene wiederholen“";

export const run: Translation<typeof en> = {
  "run.title": "Fortschritt und Ergebnisse",
  "run.ready": "Bereit.",

  "run.phase.reading": "Die Auswahl wird gelesen…",
  "run.phase.resolving": "Diese Arbeitsmappe wird in OneDrive oder SharePoint gesucht…",
  "run.phase.checking": "Es wird geprüft, wer bereits Zugriff hat…",
  "run.phase.sharing": "Wird geteilt…",
  "run.phase.checkingDry": "Wird geprüft…",
  "run.phase.finishing": "Die Ergebnisse werden in die Arbeitsmappe geschrieben…",
  "run.phase.done": "Fertig.",

  "run.progress.done": "{done} von {total} erledigt",
  "run.progress.announce": "Teilen: {percent} % erledigt.",
  "run.progress.announceDry": "Testlauf: {percent} % geprüft.",
  "run.progress.seconds": { one: "noch etwa {count} Sekunde", other: "noch etwa {count} Sekunden" },
  "run.progress.minutes": { one: "noch etwa {count} Minute", other: "noch etwa {count} Minuten" },
  "run.progress.hours": { one: "noch etwa {count} Stunde", other: "noch etwa {count} Stunden" },
  "run.progress.throttled": "Microsoft hat uns gebeten, langsamer zu senden – weiter in {seconds} s",
  "run.progress.counts": "Stand des Teilens",
  "run.count.granted": "Erteilt",
  "run.count.failed": "Fehlgeschlagen",
  "run.count.skipped": "Übersprungen",
  "run.count.notSent": "Nicht gesendet",
  "run.count.remaining": "Verbleibend",
  "run.status.cancelling":
    "Wird abgebrochen: Es wird nichts Neues gesendet; bereits Gesendetes wird abgeschlossen…",
  "run.status.paused": "Angehalten: Es wird nichts mehr gesendet, bis Sie „Stopp“ oder „Weiter“ wählen.",

  "run.pause.text": {
    one: "Die erste Einladung ist fehlgeschlagen: {sentence}",
    other: "Die ersten {count} Einladungen sind alle fehlgeschlagen: {sentence}",
  },
  "run.pause.stop": "Stopp",
  "run.pause.goOn": "Weiter",

  "run.part.granted": { one: "{count} erteilt", other: "{count} erteilt" },
  "run.part.failed": { one: "{count} fehlgeschlagen", other: "{count} fehlgeschlagen" },
  "run.part.alreadyHad": { one: "{count} hatte bereits Zugriff", other: "{count} hatten bereits Zugriff" },
  "run.part.notSent": { one: "{count} nicht gesendet", other: "{count} nicht gesendet" },
  "run.part.wouldShare": { one: "{count} würde geteilt", other: "{count} würden geteilt" },
  "run.part.alreadyHas": { one: "{count} hat bereits Zugriff", other: "{count} haben bereits Zugriff" },
  "run.head.done": "Fertig: {parts}.",
  "run.head.cancelled": "Abgebrochen: {parts}.",
  "run.head.stopped": "Angehalten: {parts}.",
  "run.head.stoppedSignIn": "Angehalten: Bitte melden Sie sich erneut an. {parts}.",
  "run.head.dryRun": "Testlauf, es wurde nichts gesendet: {parts}.",

  "run.detail.cancelled": {
    one: "An {count} Empfänger wurde nichts gesendet, weil Sie abgebrochen haben. Teilen Sie mit dem verbleibenden, um abzuschließen.",
    other:
      "An {count} Empfänger wurde nichts gesendet, weil Sie abgebrochen haben. Teilen Sie mit den verbleibenden {count}, um abzuschließen.",
  },
  "run.detail.stoppedSignIn": {
    one: "Ihre Anmeldung ist während des Laufs abgelaufen, daher wurde er angehalten. Melden Sie sich erneut an und teilen Sie dann mit dem verbleibenden Empfänger (markiert mit „Not sent: sign in again“).",
    other:
      "Ihre Anmeldung ist während des Laufs abgelaufen, daher wurde er angehalten. Melden Sie sich erneut an und teilen Sie dann mit den verbleibenden {count} (markiert mit „Not sent: sign in again“).",
  },
  "run.detail.stoppedByYou": {
    one: "Sie haben den Lauf angehalten. Beheben Sie die Ursache und teilen Sie dann mit dem verbleibenden Empfänger (markiert mit „Not sent“).",
    other:
      "Sie haben den Lauf angehalten. Beheben Sie die Ursache und teilen Sie dann mit den verbleibenden {count} (markiert mit „Not sent“).",
  },
  "run.detail.rejected": {
    one: "{count} Zelle ist keine E-Mail-Adresse (siehe den Status daneben).",
    other: "{count} Zellen sind keine E-Mail-Adressen (siehe den Status neben jeder).",
  },
  "run.detail.duplicates": {
    one: "{count} doppelte Adresse wurde zusammengeführt und einmal gesendet.",
    other: "{count} doppelte Adressen wurden zusammengeführt und einmal gesendet.",
  },
  "run.detail.duplicatesDry": {
    one: "{count} doppelte Adresse würde zusammengeführt und einmal gesendet.",
    other: "{count} doppelte Adressen würden zusammengeführt und einmal gesendet.",
  },
  "run.detail.statusesSkipped": {
    one: "{count} Status wurde nicht geschrieben: Die Zelle neben seiner Zeile enthält Ihre Daten.",
    other: "{count} Status wurden nicht geschrieben: Die Zellen neben ihren Zeilen enthalten Ihre Daten.",
  },
  "run.detail.unwritable": {
    one: "{count} Ergebnis konnte nicht in die Arbeitsmappe geschrieben werden; die Einladungen bleiben bestehen.",
    other:
      "{count} Ergebnisse konnten nicht in die Arbeitsmappe geschrieben werden; die Einladungen bleiben bestehen.",
  },
  "run.detail.sessionless":
    "Es konnte keine Arbeitsmappensitzung geöffnet werden, daher wurden die Einladungen ohne sie gesendet; das ändert nichts daran, wer Zugriff erhalten hat.",
  "run.detail.log": "Jedes Ergebnis steht im Blatt „{sheet}“.",

  "run.failures.title": "Nicht geteilt",
  "run.failures.one": "{who}: {sentence}",
  "run.failures.group": { one: "{count} Person: {sentence}", other: "{count} Personen: {sentence}" },
  "run.failures.more": {
    one: "…und {count} weiterer (siehe das Blatt „Permissions“)",
    other: "…und {count} weitere (siehe das Blatt „Permissions“)",
  },
  "run.failure.expiryNotSupported": `Geschäfts- oder Schulkonten akzeptieren kein Ablaufdatum für Einladungen. Entfernen Sie das Ablaufdatum und wählen Sie dann ${RETRY}.`,
  "run.failure.expiryNeedsPremium": `Dieses persönliche OneDrive akzeptiert ein Ablaufdatum nur mit einem Premium-Konto. Entfernen Sie das Ablaufdatum und wählen Sie dann ${RETRY}.`,
  "run.failure.externalBlocked":
    "Ihre Organisation erlaubt kein Teilen mit Personen außerhalb der Organisation. Wenden Sie sich an Ihren Administrator, oder teilen Sie mit Adressen Ihrer Organisation.",
  "run.failure.notAllowed":
    "Die Freigabeeinstellungen Ihrer Organisation lassen diese Einladung nicht zu. Wenden Sie sich an Ihren Administrator; der Code steht im Blatt „Permissions“.",
  "run.failure.accessDenied":
    "Sie haben keine Berechtigung, diese Arbeitsmappe zu teilen. Bitten Sie den Besitzer, sie mit Bearbeitungsrechten für Sie freizugeben.",
  "run.failure.itemNotFound": `OneDrive oder SharePoint findet diese Arbeitsmappe nicht mehr. Öffnen Sie sie erneut und wählen Sie dann ${RETRY}.`,
  "run.failure.invalidRequest":
    "Microsoft 365 hat die Einladung als ungültig abgelehnt, zum Beispiel wegen einer Adresse Ihrer Organisation, die es nicht gibt. Prüfen Sie die Adresse.",
  "run.failure.throttled": `Microsoft 365 hat wiederholt gebeten, langsamer zu senden, daher wurde diese Einladung nicht gesendet. Warten Sie einige Minuten und wählen Sie dann ${RETRY}.`,
  "run.failure.unavailable": `Microsoft 365 hat nicht richtig geantwortet. Warten Sie einige Minuten und wählen Sie dann ${RETRY}.`,
  "run.failure.notSent": `Der Lauf wurde beendet, bevor diese Einladung gesendet wurde. Wählen Sie ${RETRY}, um sie zu senden.`,
  "run.failure.unknown":
    "Microsoft 365 hat die Einladung abgelehnt. Fehlercode und Meldung von Microsoft stehen im Blatt „Permissions“.",

  "run.error.notInCloud":
    "Diese Arbeitsmappe ist noch nicht in OneDrive oder SharePoint gespeichert. Speichern Sie sie dort und versuchen Sie es erneut.",
  "run.error.unsupportedLocation":
    "Der Speicherort dieser Arbeitsmappe ist keine OneDrive- oder SharePoint-Adresse, daher kann sie von hier aus nicht freigegeben werden.",
  "run.error.workbookNotFound":
    "OneDrive oder SharePoint hat diese Arbeitsmappe nicht gefunden. Wurde sie gerade verschoben oder umbenannt, öffnen Sie sie erneut und versuchen Sie es noch einmal.",
  "run.error.noRecipients":
    "Die Auswahl enthält keine E-Mail-Adressen. Wählen Sie die Zellen mit den Adressen aus und versuchen Sie es erneut.",
  "run.error.invalidOptions":
    "Einige Freigabeoptionen müssen korrigiert werden, bevor etwas gesendet werden kann.",
  "run.error.notSignedIn":
    "Sie sind nicht angemeldet. Melden Sie sich mit Ihrem Geschäfts- oder Schulkonto an und versuchen Sie es erneut.",
  "run.error.accessDenied":
    "Sie dürfen diese Arbeitsmappe nicht freigeben. Bitten Sie die Besitzerin oder den Besitzer, sie mit Bearbeitungsrechten für Sie freizugeben.",
  "run.error.throttled":
    "Microsoft 365 begrenzt gerade die Anfragen. Warten Sie einige Minuten und wiederholen Sie dann die fehlgeschlagenen Zeilen.",
  "run.error.network":
    "Microsoft 365 war nicht erreichbar. Prüfen Sie Ihre Verbindung und wiederholen Sie dann die fehlgeschlagenen Zeilen.",
  "run.error.workbookWrite":
    "Die Ergebnisse konnten nicht in die Arbeitsmappe geschrieben werden. Ist sie schreibgeschützt oder wird sie anderswo bearbeitet, versuchen Sie es erneut.",
  "run.error.graph":
    "Microsoft 365 hat mit einem Fehler geantwortet. Code und Anforderungs-ID stehen im Blatt „Permissions“.",
  "run.error.cancelled":
    "Die Freigabe wurde abgebrochen. Nicht gesendete Zeilen sind markiert; geben Sie erneut frei, um sie abzuschließen.",

  "run.hint.unavailable": "Teilen ist hier nicht verfügbar (siehe oben).",
  "run.hint.select": "Markieren Sie Zellen mit E-Mail-Adressen, um zu teilen.",
  "run.hint.share": {
    one: "Teilt diese Arbeitsmappe mit {count} Empfänger.",
    other: "Teilt diese Arbeitsmappe mit {count} Empfängern.",
  },
  "run.hint.dryRun": {
    one: "Testlauf: prüft {count} Empfänger und hält fest, was geschehen würde; es wird nichts gesendet.",
    other: "Testlauf: prüft {count} Empfänger und hält fest, was geschehen würde; es wird nichts gesendet.",
  },
  "run.cancel": "Abbrechen",
  "run.cancelling": "Wird abgebrochen…",
  "run.retry.failed": {
    one: "Fehlgeschlagene wiederholen ({count} Empfänger)",
    other: "Fehlgeschlagene wiederholen ({count} Empfänger)",
  },
  "run.retry.remaining": {
    one: "Mit dem verbleibenden Empfänger teilen",
    other: "Mit den verbleibenden {count} teilen",
  },
  "run.retry.both": "Fehlgeschlagene wiederholen ({failed}) und mit den verbleibenden {remaining} teilen",

  "run.details": "Details",
  "run.openLog": "Blatt „{sheet}“ anzeigen",
};
