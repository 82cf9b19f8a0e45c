// English: the Options form (role, sign-in, invitation, message, expiry, dry run, Advanced) and its buttons.

export const options = {
  "options.title": "Options",
  "options.role": "People can",
  "options.canView": "Can view",
  "options.canEdit": "Can edit",
  "options.requireSignIn": "Require sign-in",
  "options.sendInvitation": "Send an invitation e-mail",
  "options.message": "Message (optional)",
  "options.messageCount": "{length} / {max}",
  "options.messageIgnored": "The message is sent only with an invitation e-mail.",
  "options.messageCut": {
    one: "The message was cut to {max} characters: {count} character at the end was left out.",
    other: "The message was cut to {max} characters: {count} characters at the end were left out.",
  },
  "options.expires": "Expires (optional)",
  "options.expiresNote":
    "Work or school accounts don't accept an expiry on an invitation, so the add-in records the date in the Permissions sheet and offers Remove expired access once it has passed.",
  "options.dryRun": "Dry run: check and record, send nothing",
  "options.advanced": "Advanced",
  "options.inviteThrough": "Invite through",
  "options.routeItems": "Items (Microsoft Graph v1.0)",
  "options.routeWorkbooks": "Workbooks: the 2015 API (/workbooks/{id}/invite, beta only)",
  "options.routeNote.offered":
    "Leave this on Items unless your administrator asked otherwise. Workbooks is the 2015 beta API; Microsoft Graph v1.0 has no such route.",
  "options.routeNote.notOffered":
    "Workbooks (the 2015 API) is offered only with a beta Graph address: Microsoft Graph v1.0 answers it with 400 \"Resource not found for the segment 'workbooks'\".",
  "options.problems": "Problems",
  "options.problem.role": "The role must be Can view or Can edit.",
  "options.problem.bothOff":
    "Turn on 'Require sign-in' or 'Send an invitation e-mail': Microsoft 365 needs at least one.",
  "options.problem.messageTooLong": "The message is {length} characters; the limit is {max}.",
  "options.problem.invalidDate": "The expiration date isn't a valid date.",
  "options.problem.pastDate": "The expiration date is in the past. Choose a later date, or clear it.",
  "options.share": "Share",
  "options.cancel": "Cancel",
  "options.retryFailed": "Retry failed",
} as const;
