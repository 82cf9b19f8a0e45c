// English: the recipient check (who each recipient is, from the directory) in the Selection card.

export const directory = {
  "directory.title": "Who they are",
  "directory.checking": "Looking them up in the directory… {done} of {total}",
  "directory.member": { one: "{count} in your organisation", other: "{count} in your organisation" },
  "directory.guest": { one: "{count} existing guest", other: "{count} existing guests" },
  "directory.newExternal": { one: "{count} new external person", other: "{count} new external people" },
  "directory.notFound": { one: "{count} not found", other: "{count} not found" },
  "directory.group": { one: "{count} group", other: "{count} groups" },
  "directory.unchecked": { one: "{count} not checked", other: "{count} not checked" },
  "directory.summary": "In the directory: {parts}.",
  "directory.external": {
    one: "{count} recipient is outside your organisation. Your organisation may refuse sharing with people outside it; Graph then refuses their invitation.",
    other:
      "{count} recipients are outside your organisation. Your organisation may refuse sharing with people outside it; Graph then refuses their invitations.",
  },
  "directory.consentNeeded":
    "See who each recipient is before you share: a colleague, a guest, or someone new from outside. This asks once for permission to read basic profiles in your organisation's directory.",
  "directory.ask": "Check who they are",
  "directory.declined":
    "The directory check is unavailable: permission to read the directory was not given. Sharing works as before.",
  "directory.refused":
    "The directory check is unavailable: your organisation does not let this add-in read the directory. Sharing works as before.",
  "directory.kind.member": "In your organisation",
  "directory.kind.guest": "Existing guest",
  "directory.kind.newExternal": "New external: the invitation creates a guest",
  "directory.kind.notFound": "Not in the directory",
  "directory.kind.notFoundOrGroup": "Not in the directory (or a group, which can't be checked)",
  "directory.kind.group": "Group",
  "directory.kind.unchecked": "Not checked",
  "directory.kind.checking": "Checking…",
} as const;
