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
};
