// English: the page itself (title, the too-old-Excel note, the share hint after a run) and the sentences
// for the run errors of src/core/errors.ts, by code (the same words as SHARE_ERROR_MESSAGES).

export const pane = {
  "pane.documentTitle": "Bulk Share",
  "pane.title": "Share this workbook",
  "pane.excelTooOld":
    "This version of Excel is too old for this add-in. Use Excel for Microsoft 365, Excel 2021 or later, or Excel on the web.",
  "pane.shareAgain": {
    one: "Sharing again checks the {count} recipient selected now; whoever already has access is skipped.",
    other: "Sharing again checks the {count} recipients selected now; whoever already has access is skipped.",
  },
} as const;
