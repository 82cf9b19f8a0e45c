// German: what the pane says when it cannot start (opened outside Excel, or office.js did not load).

import type { Translation } from "../format";
import type { startup as en } from "../en/startup";

export const startup: Translation<typeof en> = {
  "startup.loading": "Wird geladen…",
  "startup.notInExcel.title": "Öffnen Sie dieses Add-In in Excel",
  "startup.notInExcel.body":
    "Diese Seite ist der Aufgabenbereich des Add-Ins „Bulk Share“ und funktioniert nur in Excel. Wählen Sie in Excel Start > Bulk Share > Für Liste freigeben.",
  "startup.noOfficeJs.title": "Das Add-In konnte nicht starten",
  "startup.noOfficeJs.body":
    "office.js, die Bibliothek von Microsoft, die das Add-In mit Excel verbindet, konnte nicht vom Office-CDN (appsforoffice.microsoft.com) geladen werden.",
  "startup.waiting.title": "Excel antwortet nicht",
  "startup.waiting.body": "Das Add-In hat {seconds} Sekunden auf Excel gewartet, ohne Antwort.",
  "startup.ifInExcel":
    "Wenn dies Excel ist: Prüfen Sie die Netzwerkverbindung oder bitten Sie Ihre Administration, appsforoffice.microsoft.com zuzulassen. Schließen Sie dann den Aufgabenbereich und öffnen Sie ihn erneut.",
  "startup.ifBrowser":
    "Wenn Sie diese Seite in einem Browser geöffnet haben: Öffnen Sie das Add-In stattdessen in Excel, mit Start > Bulk Share > Für Liste freigeben.",
};
