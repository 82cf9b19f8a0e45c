// German: the page itself and the sentences for the run errors, by code.

import type { Translation } from "../format";
import type { pane as en } from "../en/pane";

export const pane: Translation<typeof en> = {
  "pane.documentTitle": "Bulk Share",
  "pane.title": "Diese Arbeitsmappe freigeben",
  "pane.excelTooOld":
    "Diese Excel-Version ist für dieses Add-In zu alt. Verwenden Sie Excel für Microsoft 365, Excel 2021 oder neuer oder Excel im Web.",
  "pane.shareAgain": {
    one: "Erneutes Freigeben prüft den jetzt ausgewählten {count} Empfänger; wer schon Zugriff hat, wird übersprungen.",
    other:
      "Erneutes Freigeben prüft die jetzt ausgewählten {count} Empfänger; wer schon Zugriff hat, wird übersprungen.",
  },
  "pane.error.notInCloud":
    "Diese Arbeitsmappe ist noch nicht in OneDrive oder SharePoint gespeichert. Speichern Sie sie dort und versuchen Sie es erneut.",
  "pane.error.unsupportedLocation":
    "Der Speicherort dieser Arbeitsmappe ist keine OneDrive- oder SharePoint-Adresse, daher kann sie von hier aus nicht freigegeben werden.",
  "pane.error.workbookNotFound":
    "OneDrive oder SharePoint hat diese Arbeitsmappe nicht gefunden. Wurde sie gerade verschoben oder umbenannt, öffnen Sie sie erneut und versuchen Sie es noch einmal.",
  "pane.error.noRecipients":
    "Die Auswahl enthält keine E-Mail-Adressen. Wählen Sie die Zellen mit den Adressen aus und versuchen Sie es erneut.",
  "pane.error.invalidOptions":
    "Einige Freigabeoptionen müssen korrigiert werden, bevor etwas gesendet werden kann.",
  "pane.error.notSignedIn":
    "Sie sind nicht angemeldet. Melden Sie sich mit Ihrem Geschäfts- oder Schulkonto an und versuchen Sie es erneut.",
  "pane.error.accessDenied":
    "Sie dürfen diese Arbeitsmappe nicht freigeben. Bitten Sie die Besitzerin oder den Besitzer, sie mit Bearbeitungsrechten für Sie freizugeben.",
  "pane.error.throttled":
    "Microsoft 365 begrenzt gerade die Anfragen. Warten Sie einige Minuten und wiederholen Sie dann die fehlgeschlagenen Zeilen.",
  "pane.error.network":
    "Microsoft 365 war nicht erreichbar. Prüfen Sie Ihre Verbindung und wiederholen Sie dann die fehlgeschlagenen Zeilen.",
  "pane.error.workbookWrite":
    "Die Ergebnisse konnten nicht in die Arbeitsmappe geschrieben werden. Ist sie schreibgeschützt oder wird sie anderswo bearbeitet, versuchen Sie es erneut.",
  "pane.error.graph":
    "Microsoft 365 hat mit einem Fehler geantwortet. Code und Anforderungs-ID stehen im Blatt „Permissions“.",
  "pane.error.cancelled":
    "Die Freigabe wurde abgebrochen. Nicht gesendete Zeilen sind markiert; geben Sie erneut frei, um sie abzuschließen.",
};
