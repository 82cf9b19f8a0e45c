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
  "pane.error.notInCloud":
    "This workbook isn't saved to OneDrive or SharePoint yet. Save it there, then try again.",
  "pane.error.unsupportedLocation":
    "This workbook's location isn't a OneDrive or SharePoint address, so it can't be shared from here.",
  "pane.error.workbookNotFound":
    "OneDrive or SharePoint couldn't find this workbook. If it was just moved or renamed, reopen it and try again.",
  "pane.error.noRecipients":
    "The selection holds no e-mail addresses. Select the cells with the addresses, then try again.",
  "pane.error.invalidOptions": "Some sharing options need attention before anything can be sent.",
  "pane.error.notSignedIn": "You're not signed in. Sign in with your work or school account, then try again.",
  "pane.error.accessDenied":
    "You don't have permission to share this workbook. Ask its owner to share it with edit rights.",
  "pane.error.throttled":
    "Microsoft 365 is limiting requests right now. Wait a few minutes, then retry the failed rows.",
  "pane.error.network":
    "Microsoft 365 couldn't be reached. Check your connection, then retry the failed rows.",
  "pane.error.workbookWrite":
    "The results couldn't be written to the workbook. If it is read-only or being edited elsewhere, try again.",
  "pane.error.graph":
    "Microsoft 365 answered with an error. The code and request ID are in the Permissions sheet.",
  "pane.error.cancelled":
    "Sharing was cancelled. Rows that were not sent are marked; share again to finish them.",
} as const;
