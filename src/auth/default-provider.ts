// The real wiring: MSAL's nestable client, the Office.js globals and the dialog page next to the pane.

import {
  createNestablePublicClientApplication,
  PublicClientApplication,
  type Configuration,
} from "@azure/msal-browser";
import { msalConfiguration, pageAddress } from "./msal-config";
import {
  createMsalTokenProvider,
  createUnconfiguredSignIn,
  type NestableClientLike,
  type SignIn,
} from "./msal-token-provider";
import { createDialogOpener, officeAuthHost, officeDialogApi } from "./office-dialog";
import { buildTimeAuthSettings, type AuthSettings } from "./settings";

/**
 * The NAA client, or a rejection when the host has no NAA bridge: createNestablePublicClientApplication
 * then quietly returns a standard client, whose popups an Office webview may not allow; its factory
 * argument is called only for a nested client, which is how the two are told apart.
 */
async function createNaaClient(configuration: Configuration): Promise<NestableClientLike> {
  let nested = false;
  const client = await createNestablePublicClientApplication(
    configuration,
    undefined,
    (config, controller) => {
      nested = true;
      return new PublicClientApplication(config, controller);
    },
  );
  if (!nested) throw new Error("Nested app authentication is not available in this host.");
  return client;
}

/**
 * The sign-in for the task pane, from the build-time settings (see settings.ts) and the Office globals.
 * Call it after Office.onReady; it does nothing until the first getToken.
 */
export function createDefaultTokenProvider(
  settings: AuthSettings | undefined = buildTimeAuthSettings(),
): SignIn {
  if (!settings) return createUnconfiguredSignIn();
  const pane = pageAddress(window.location);
  return createMsalTokenProvider({
    naa: () => createNaaClient(msalConfiguration(settings, pane)),
    office: officeAuthHost(),
    openDialog: createDialogOpener(officeDialogApi(), window.location.origin),
    dialogPage: new URL("dialog.html", pane).href,
    clock: { now: () => Date.now() },
  });
}
