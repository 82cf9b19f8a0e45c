// English: the "Progress and results" card (panels/run.ts, run-dom.ts) and Share / Cancel / Retry failed.
// Every count sentence has a singular and a plural form, chosen by {count}.

export const run = {
  "run.title": "Progress and results",
  "run.ready": "Ready.",

  // The phases before and after sending, shown as the progress line and announced.
  "run.phase.reading": "Reading the selection…",
  "run.phase.resolving": "Finding this workbook in OneDrive or SharePoint…",
  "run.phase.checking": "Checking who already has access…",
  "run.phase.sharing": "Sharing…",
  "run.phase.checkingDry": "Checking…",
  "run.phase.finishing": "Writing the results to the workbook…",
  "run.phase.done": "Done.",

  // While sending: one figure on screen; screen readers hear every quarter.
  "run.progress.done": "{done} of {total} done",
  "run.progress.announce": "Sharing: {percent}% done.",
  "run.progress.announceDry": "Dry run: {percent}% checked.",
  "run.progress.seconds": { one: "about {count} second left", other: "about {count} seconds left" },
  "run.progress.minutes": { one: "about {count} minute left", other: "about {count} minutes left" },
  "run.progress.hours": { one: "about {count} hour left", other: "about {count} hours left" },
  "run.progress.throttled": "Microsoft asked us to slow down — resuming in {seconds} s",
  "run.progress.counts": "Sharing counts",
  "run.count.granted": "Granted",
  "run.count.failed": "Failed",
  "run.count.skipped": "Skipped",
  "run.count.notSent": "Not sent",
  "run.count.remaining": "Remaining",
  "run.status.cancelling": "Cancelling: nothing new is sent; finishing what was already sent…",
  "run.status.paused": "Paused: nothing more is sent until you choose Stop or Go on.",

  // The pause after identical failures.
  "run.pause.text": {
    one: "The first invitation failed: {sentence}",
    other: "The first {count} invitations all failed: {sentence}",
  },
  "run.pause.stop": "Stop",
  "run.pause.goOn": "Go on",

  // The result line: "Done: 3 granted, 1 failed." Each part counts recipients.
  "run.part.granted": { one: "{count} granted", other: "{count} granted" },
  "run.part.failed": { one: "{count} failed", other: "{count} failed" },
  "run.part.alreadyHad": { one: "{count} already had access", other: "{count} already had access" },
  "run.part.notSent": { one: "{count} not sent", other: "{count} not sent" },
  "run.part.wouldShare": { one: "{count} would be shared", other: "{count} would be shared" },
  "run.part.alreadyHas": { one: "{count} already has access", other: "{count} already have access" },
  "run.head.done": "Done: {parts}.",
  "run.head.cancelled": "Cancelled: {parts}.",
  "run.head.stopped": "Stopped: {parts}.",
  "run.head.stoppedSignIn": "Stopped: sign in again. {parts}.",
  "run.head.dryRun": "Dry run, nothing was sent: {parts}.",

  // The details under the result line.
  "run.detail.cancelled": {
    one: "{count} recipient was not sent because you cancelled. Share the remaining one to finish.",
    other: "{count} recipients were not sent because you cancelled. Share the remaining {count} to finish.",
  },
  "run.detail.stoppedSignIn": {
    one: 'Your sign-in ended during the run, so it stopped. Sign in again, then share the remaining recipient (marked "Not sent: sign in again").',
    other:
      'Your sign-in ended during the run, so it stopped. Sign in again, then share the remaining {count} (marked "Not sent: sign in again").',
  },
  "run.detail.stoppedByYou": {
    one: 'You stopped the run. Fix the cause, then share the remaining recipient (marked "Not sent").',
    other: 'You stopped the run. Fix the cause, then share the remaining {count} (marked "Not sent").',
  },
  "run.detail.rejected": {
    one: "{count} cell isn't an e-mail address (see the status beside it).",
    other: "{count} cells aren't e-mail addresses (see the status beside each).",
  },
  "run.detail.duplicates": {
    one: "{count} duplicate address was merged and sent once.",
    other: "{count} duplicate addresses were merged and sent once.",
  },
  "run.detail.duplicatesDry": {
    one: "{count} duplicate address would be merged and sent once.",
    other: "{count} duplicate addresses would be merged and sent once.",
  },
  "run.detail.statusesSkipped": {
    one: "{count} status was not written: the cell beside its row holds your data.",
    other: "{count} statuses were not written: the cells beside their rows hold your data.",
  },
  "run.detail.unwritable": {
    one: "{count} result couldn't be written to the workbook; the invitations stand.",
    other: "{count} results couldn't be written to the workbook; the invitations stand.",
  },
  "run.detail.sessionless":
    "No workbook session could be opened, so the invitations went without one; that doesn't change who got access.",
  "run.detail.log": 'Every outcome is in the "{sheet}" sheet.',

  // The recipients not shared: one sentence per kind of failure, for whoever it happened to.
  "run.failures.title": "Not shared",
  "run.failures.one": "{who}: {sentence}",
  "run.failures.group": { one: "{count} person: {sentence}", other: "{count} people: {sentence}" },
  "run.failures.more": {
    one: "…and {count} more (see the Permissions sheet)",
    other: "…and {count} more (see the Permissions sheet)",
  },
  "run.failure.expiryNotSupported":
    "Work or school accounts don't accept an expiration date on invitations. Clear Expires, then choose Retry failed.",
  "run.failure.expiryNeedsPremium":
    "This personal OneDrive accepts an expiration date only with a premium account. Clear Expires, then choose Retry failed.",
  "run.failure.externalBlocked":
    "Your organization doesn't allow sharing with people outside it. Ask your admin, or share with addresses in your organization.",
  "run.failure.notAllowed":
    "Your organization's sharing settings don't allow this invitation. Ask your admin; the code is in the Permissions sheet.",
  "run.failure.accessDenied":
    "You don't have permission to share this workbook. Ask its owner to share it with you with edit rights.",
  "run.failure.itemNotFound":
    "OneDrive or SharePoint couldn't find this workbook any more. Reopen it, then choose Retry failed.",
  "run.failure.invalidRequest":
    "Microsoft 365 refused the invitation as invalid, for example an address in your organization that doesn't exist. Check the address.",
  "run.failure.throttled":
    "Microsoft 365 kept asking us to slow down, so this invitation wasn't sent. Wait a few minutes, then choose Retry failed.",
  "run.failure.unavailable":
    "Microsoft 365 didn't answer properly. Wait a few minutes, then choose Retry failed.",
  "run.failure.notSent": "The run stopped before this invitation was sent. Choose Retry failed to send it.",
  "run.failure.unknown":
    "Microsoft 365 refused the invitation. The error code and Microsoft's message are in the Permissions sheet.",

  // Why a run could not start or stopped as a whole (src/core/errors.ts codes).
  "run.error.notInCloud":
    "This workbook isn't saved to OneDrive or SharePoint yet. Save it there, then try again.",
  "run.error.unsupportedLocation":
    "This workbook's location isn't a OneDrive or SharePoint address, so it can't be shared from here.",
  "run.error.workbookNotFound":
    "OneDrive or SharePoint couldn't find this workbook. If it was just moved or renamed, reopen it and try again.",
  "run.error.noRecipients":
    "The selection holds no e-mail addresses. Select the cells with the addresses, then try again.",
  "run.error.invalidOptions": "Some sharing options need attention before anything can be sent.",
  "run.error.notSignedIn": "You're not signed in. Sign in with your work or school account, then try again.",
  "run.error.accessDenied":
    "You don't have permission to share this workbook. Ask its owner to share it with edit rights.",
  "run.error.throttled":
    "Microsoft 365 is limiting requests right now. Wait a few minutes, then retry the failed rows.",
  "run.error.network":
    "Microsoft 365 couldn't be reached. Check your connection, then retry the failed rows.",
  "run.error.workbookWrite":
    "The results couldn't be written to the workbook. If it is read-only or being edited elsewhere, try again.",
  "run.error.graph":
    "Microsoft 365 answered with an error. The code and request ID are in the Permissions sheet.",
  "run.error.cancelled":
    "Sharing was cancelled. Rows that were not sent are marked; share again to finish them.",

  // Share, Cancel and Retry failed.
  "run.hint.unavailable": "Sharing isn't available here (see above).",
  "run.hint.select": "Select cells with e-mail addresses to share.",
  "run.hint.share": {
    one: "Shares this workbook with {count} recipient.",
    other: "Shares this workbook with {count} recipients.",
  },
  "run.hint.dryRun": {
    one: "Dry run: checks {count} recipient and records what would happen; nothing is sent.",
    other: "Dry run: checks {count} recipients and records what would happen; nothing is sent.",
  },
  "run.cancel": "Cancel",
  "run.cancelling": "Cancelling…",
  "run.retry.failed": {
    one: "Retry failed ({count} recipient)",
    other: "Retry failed ({count} recipients)",
  },
  "run.retry.remaining": { one: "Share the remaining recipient", other: "Share the remaining {count}" },
  "run.retry.both": "Retry failed ({failed}) and share the remaining {remaining}",

  // The card's other labels.
  "run.details": "Details",
  "run.openLog": 'Show the "{sheet}" sheet',
} as const;
