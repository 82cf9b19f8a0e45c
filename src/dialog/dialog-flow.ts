// The fallback sign-in page's logic, for hosts without nested app authentication: the task pane opens
// dialog.html in an Office dialog; on first load this page sends the browser to the Microsoft sign-in
// page (loginRedirect); when the sign-in page sends it back, MSAL reads the answer
// (handleRedirectPromise) and the token goes to the pane with messageParent. Nothing is shown or stored.

import { authErrorCode, isCancelled } from "../auth/auth-errors";
import { encodeDialogMessage, type DialogRequest, type DialogResult } from "../auth/dialog-protocol";
import type { TokenResultLike } from "../auth/msal-token-provider";

/** The part of MSAL's standard PublicClientApplication used by the dialog page. */
export interface RedirectClientLike {
  handleRedirectPromise(options?: { navigateToLoginRequestUrl?: boolean }): Promise<TokenResultLike | null>;
  loginRedirect(request: { scopes: string[]; loginHint?: string; prompt?: string }): Promise<void>;
}

export interface DialogFlowDeps {
  client: RedirectClientLike;
  request: DialogRequest;
  scopes: readonly string[];
  /** Office.context.ui.messageParent. */
  send: (message: string) => void;
  clock: { now(): number };
}

/** Used when MSAL reports no expiry: shorter than any Entra access token lives. */
const FALLBACK_LIFETIME_MS = 30 * 60_000;

export async function runDialogFlow(deps: DialogFlowDeps): Promise<"sent" | "redirecting"> {
  const reply = (result: DialogResult) => deps.send(encodeDialogMessage(result));
  try {
    // Handle the answer here, on the redirect page itself, instead of reloading the page that started.
    const result = await deps.client.handleRedirectPromise({ navigateToLoginRequestUrl: false });
    if (result) {
      if (!result.accessToken || !result.account) {
        reply({ kind: "failed", errorCode: "empty_token" });
      } else {
        reply({
          kind: "token",
          accessToken: result.accessToken,
          expiresOn: result.expiresOn?.getTime() ?? deps.clock.now() + FALLBACK_LIFETIME_MS,
          account: { name: result.account.name ?? "", username: result.account.username },
        });
      }
      return "sent";
    }
    const login: { scopes: string[]; loginHint?: string; prompt?: string } = { scopes: [...deps.scopes] };
    if (deps.request.loginHint) login.loginHint = deps.request.loginHint;
    if (deps.request.selectAccount) login.prompt = "select_account";
    await deps.client.loginRedirect(login);
    return "redirecting";
  } catch (e) {
    // Only the code crosses to the pane; MSAL's message may quote the server's answer.
    if (isCancelled(e)) reply({ kind: "cancelled" });
    else reply({ kind: "failed", errorCode: authErrorCode(e) ?? "unknown_error" });
    return "sent";
  }
}
