// English: the account line (who is signed in) and the blocker above everything.

export const account = {
  "account.signedIn": "Signed in as {name}",
  "account.signedInNoName": "Signed in",
  "account.signedOut": "Not signed in. You'll be asked to sign in when you share.",
  "account.notConfigured": "Sign-in is not configured in this build.",
  "account.development": "Development sign-in",
  "account.developmentAs": "Development sign-in: {name}",
  "account.signOut": "Sign out",
  "account.blocker.notConfigured":
    "Sign-in is not configured in this build, so nothing can be shared from here.",
  "account.blocker.notConfiguredDetail":
    "Ask whoever deployed the add-in to build it with the app registration's client ID.",
} as const;
