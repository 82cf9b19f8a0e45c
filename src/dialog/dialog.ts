// Entry of dialog.html (its own bundle): standard MSAL with redirects, which works in the Office dialog
// where nested app authentication is not available. See dialog-flow.ts and docs/sign-in.md.

import { createStandardPublicClientApplication } from "@azure/msal-browser";
import { encodeDialogMessage, readDialogRequest } from "../auth/dialog-protocol";
import { msalConfiguration, pageAddress } from "../auth/msal-config";
import { buildTimeAuthSettings, GRAPH_SCOPES } from "../auth/settings";
import { runDialogFlow } from "./dialog-flow";

async function main(): Promise<void> {
  await Office.onReady();
  // The token goes only to the pane: dialog.html is served next to taskpane.html (the dialog's first page
  // must be on the pane's domain, and MSAL redirects back to this page), so this page's origin is the
  // pane's. targetOrigin needs DialogOrigin 1.1; older Office ignores the option and delivers to the
  // dialog's current domain, which is this same origin
  // (https://learn.microsoft.com/office/dev/add-ins/develop/dialog-api-in-office-add-ins#cross-domain-messaging-to-the-host-runtime).
  const targetOrigin = window.location.origin;
  const send = (message: string) => Office.context.ui.messageParent(message, { targetOrigin });
  const settings = buildTimeAuthSettings();
  if (!settings) {
    send(encodeDialogMessage({ kind: "failed", errorCode: "not_configured" }));
    return;
  }
  try {
    const client = await createStandardPublicClientApplication(
      msalConfiguration(settings, pageAddress(window.location)),
    );
    await runDialogFlow({
      client,
      // The pane's query string is there on the first load; after the redirect MSAL's answer is.
      request: readDialogRequest(window.location.search),
      scopes: GRAPH_SCOPES,
      send,
      clock: { now: () => Date.now() },
    });
  } catch {
    send(encodeDialogMessage({ kind: "failed", errorCode: "dialog_page_error" }));
  }
}

void main();
