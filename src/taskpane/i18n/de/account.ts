// German: the account line (who is signed in) and the blocker above everything.

import type { Translation } from "../format";
import type { account as en } from "../en/account";

export const account: Translation<typeof en> = {
  "account.signedIn": "Angemeldet als {name}",
  "account.signedInNoName": "Angemeldet",
  "account.signedOut": "Nicht angemeldet. Sie werden beim Freigeben zur Anmeldung aufgefordert.",
  "account.notConfigured": "Die Anmeldung ist in diesem Build nicht eingerichtet.",
  "account.development": "Entwicklungsanmeldung",
  "account.developmentAs": "Entwicklungsanmeldung: {name}",
  "account.signOut": "Abmelden",
  "account.blocker.notConfigured":
    "Die Anmeldung ist in diesem Build nicht eingerichtet, daher kann von hier aus nichts freigegeben werden.",
  "account.blocker.notConfiguredDetail":
    "Bitten Sie die Person, die das Add-In bereitgestellt hat, es mit der Client-ID der App-Registrierung zu erstellen.",
};
