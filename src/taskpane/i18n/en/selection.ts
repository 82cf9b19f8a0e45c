// English: the Selection card (the preview of the recipients in the selected cells).

export const selection = {
  "selection.title": "Selection",
  "selection.refresh": "Refresh",
  "selection.countsLabel": "Selection counts",
  "selection.valid": "Valid",
  "selection.rejected": "Rejected",
  "selection.duplicates": "Duplicates",
  "selection.recipients": "Recipients ({count})",
  "selection.rejectedTitle": "Cells that are not addresses",
  "selection.moreRecipients": { one: "…and {count} more recipient", other: "…and {count} more recipients" },
  "selection.moreRejected": {
    one: "…and {count} more (see the status column)",
    other: "…and {count} more (see the status column)",
  },
  "selection.readFailed": "The selection couldn't be read.",
  "selection.reading": "Reading the selection…",
  "selection.empty": "Select the cells with e-mail addresses. The preview follows your selection.",
  "selection.summary": "{recipients}, {rejected}, {duplicates}.",
  "selection.summary.recipients": { one: "{count} recipient", other: "{count} recipients" },
  "selection.summary.rejected": { one: "{count} rejected", other: "{count} rejected" },
  "selection.summary.duplicates": {
    one: "{count} duplicate merged",
    other: "{count} duplicates merged",
  },
  "selection.ownSettings": {
    one: "{count} recipient has their own Role, Message or Expires column; those override the options below for their rows.",
    other:
      "{count} recipients have their own Role, Message or Expires column; those override the options below for their rows.",
  },
  "selection.own.read": "Can view",
  "selection.own.write": "Can edit",
  "selection.own.message": "own message",
  "selection.own.expires": "expires {date}",
  "selection.reject.invalidSyntax": "Not a valid e-mail address.",
  "selection.reject.errorValue": "An error value, not an e-mail address.",
  "selection.reject.number": "A number, not an e-mail address.",
  "selection.reject.boolean": "TRUE or FALSE, not an e-mail address.",
  "selection.reject.tooLong": "Too long to be an e-mail address or a list of them.",
  "selection.reject.invalidOverride":
    "This row's own Role, Message or Expires isn't valid; the status beside the row says why.",
  "selection.reject.suspiciousName":
    "The name before the address holds an @ or a <, so it could pass for another address.",
  "selection.reject.tooManyEntries": "The cell holds too many entries; none of them was read.",
  "selection.reject.overLimit":
    "Past the most addresses one run reads; this cell and the rest were not read.",
} as const;
