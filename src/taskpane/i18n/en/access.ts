// English: the Manage access card and its confirmation dialog.

export const access = {
  "access.title": "Manage access",
  "access.list": "List current access",
  "access.refreshList": "Refresh the list",
  "access.revoke": "Remove access…",
  "access.showSheet": "Show the sheet",
  "access.detailsLabel": "Access details",
  "access.listLabel": "Current access",
  "access.note":
    "The owner's access and access inherited from a folder or site are never removed here: the owner can't lose their own file, and inherited access is changed where it is set.",
  "access.more": {
    one: '…and {count} more (see the "{sheet}" sheet)',
    other: '…and {count} more (see the "{sheet}" sheet)',
  },
  "access.intro":
    'List who has access now into the "Current access" sheet. Select rows there to remove their access.',
  "access.unavailable": "Manage access isn't available here (see above).",
  "access.listed": {
    one: '{count} permission listed in "{sheet}". Select rows there, then Remove access.',
    other: '{count} permissions listed in "{sheet}". Select rows there, then Remove access.',
  },
  "access.selected": {
    one: '{count} row of "{sheet}" selected. Remove access… shows what would be removed before anything is.',
    other:
      '{count} rows of "{sheet}" selected. Remove access… shows what would be removed before anything is.',
  },
  "access.reading": "Reading who has access…",
  "access.readingSelected": "Reading the selected rows…",
  "access.removing": "Removing access: {done} of {total} done…",
  "access.removed": {
    one: '{count} permission removed. The "{sheet}" sheet is up to date.',
    other: '{count} permissions removed. The "{sheet}" sheet is up to date.',
  },
  "access.removedSomeFailed": {
    one: '{count} permission removed, {failed} failed. The "{sheet}" sheet is up to date.',
    other: '{count} permissions removed, {failed} failed. The "{sheet}" sheet is up to date.',
  },
  "access.failure": "{who}: {message}",
  "access.logged": 'Each removal is recorded in the "{sheet}" sheet.',
  "access.role.owner": "Owner",
  "access.role.write": "Can edit",
  "access.role.read": "Can view",
  "access.kept.owner": "No: the owner's access can't be removed.",
  "access.kept.inherited": "No: inherited from a folder or site; change it there.",
  "access.kept.siteGroup":
    "No: a SharePoint site group; removing it would change access for everyone in it. Change it in the site's permissions.",
  "access.kept.group":
    "No: a group; removing it would change access for everyone in it. Change it in Excel's Share > Manage access.",
  "access.kept.link":
    "No: a sharing link; removing it would cut off everyone on it. Select the people under it to remove them one by one.",
  "access.kept.openLink":
    "No: a sharing link anyone it reaches can use; remove it in Excel's Share > Manage access if you mean to.",
  "access.kept.openLinkPerson":
    "No: this link works for anyone who has it, so taking the person off would not end their access.",
  "access.kept.unknown":
    "No: the add-in can't tell what this permission is; manage it in Excel's Share > Manage access.",
  "access.kept.no": "No",
  "access.confirm.title": {
    one: "Remove access for {count} permission?",
    other: "Remove access for {count} permissions?",
  },
  "access.confirm.nothing": "Nothing to remove",
  "access.confirm.gone": {
    one: "{count} selected permission no longer exists.",
    other: "{count} selected permissions no longer exist.",
  },
  "access.confirm.selectFirst": 'Select rows of the "Current access" table first, then Remove access.',
  "access.confirm.atOnce": "They lose access at once. Each removal is recorded in the Permissions sheet.",
  "access.confirm.removeLine": "{who} ({access})",
  "access.confirm.removeLineEmail": "{who} <{email}> ({access})",
  "access.confirm.keptLine": "{who}: {reason}",
  "access.confirm.ok": "Remove access",
  "access.confirm.okNothing": "OK",
  "access.confirm.cancel": "Cancel",
  "access.confirm.close": "Close",
  "access.confirm.removeLabel": "Access to remove",
  "access.confirm.keptLabel": "Access kept",
} as const;
