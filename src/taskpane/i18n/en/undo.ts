// English: the Undo a run / Remove expired access card and the check after a run.

export const undo = {
  "undo.title": "Undo a run",
  "undo.intro":
    "Removes exactly the access a run granted. People it skipped because they already had access keep it.",
  "undo.runLabel": "Run",
  "undo.selectedRow": "The run of the selected row in the Permissions sheet",
  "undo.runOption": { one: "{run} ({at}): {count} grant", other: "{run} ({at}): {count} grants" },
  "undo.undoRun": "Undo run…",
  "undo.removeExpired": "Remove expired access…",
  "undo.loading": "Reading the Permissions sheet and who has access now…",
  "undo.noRun": "Select a row of a run in the Permissions sheet, or pick a run here, then choose Undo run.",
  "undo.nothingToUndo": "Run {run} has no access left to remove.",
  "undo.nothingExpired": "No access recorded in the Permissions sheet is past its expiry date.",
  "undo.confirmUndo": {
    one: "Remove the access run {run} granted to {count} person?",
    other: "Remove the access run {run} granted to {count} people?",
  },
  "undo.confirmExpired": {
    one: "Remove the access of {count} person whose expiry date has passed?",
    other: "Remove the access of {count} people whose expiry date has passed?",
  },
  "undo.gone": {
    one: "{count} grant is already gone and counts as done.",
    other: "{count} grants are already gone and count as done.",
  },
  "undo.kept": "{who}: kept. {reason}",
  "undo.confirm": "Remove",
  "undo.cancel": "Cancel",
  "undo.removing": "Removing {done} of {total}…",
  "undo.removed": {
    one: "Removed {count} person's access. Each removal is in the Permissions sheet.",
    other: "Removed {count} people's access. Each removal is in the Permissions sheet.",
  },
  "undo.failed": {
    one: "{count} removal failed; run it again to finish (what was removed stays removed).",
    other: "{count} removals failed; run it again to finish (what was removed stays removed).",
  },
  "undo.failedLine": "{who}: {message}",
  "undo.expiredOffer": {
    one: "{count} grant in the Permissions sheet is past its expiry date. Remove expired access?",
    other: "{count} grants in the Permissions sheet are past their expiry date. Remove expired access?",
  },
  "undo.notVisible": {
    one: "{count} recipient was granted by Graph but is not visible in the access list — check with your admin.",
    other:
      "{count} recipients were granted by Graph but are not visible in the access list — check with your admin.",
  },
  "undo.notVerified": "The grants could not be checked against the access list afterwards: {reason}",
} as const;
