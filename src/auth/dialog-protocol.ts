// What the fallback dialog page (src/dialog) and the task pane say to each other through
// Office.context.ui.messageParent: one JSON message, parsed here at the edge into a typed result.

export interface AccountSummary {
  /** Display name; may be empty when the ID token carries none. */
  name: string;
  /** The sign-in name (UPN or e-mail). */
  username: string;
}

/** The outcome of one sign-in in the Office dialog. */
export type DialogResult =
  | { kind: "token"; accessToken: string; expiresOn: number; account: AccountSummary }
  | { kind: "cancelled" }
  | { kind: "failed"; errorCode: string };

/** What the pane asks of the dialog page, carried in its query string. */
export interface DialogRequest {
  /** Pre-fills the account on the sign-in page. */
  loginHint?: string;
  /** After a sign-out: let the person pick the account instead of reusing the last one. */
  selectAccount?: boolean;
}

const PROTOCOL = "bulk-share-sign-in/1";

export function encodeDialogMessage(result: DialogResult): string {
  return JSON.stringify({ protocol: PROTOCOL, ...result });
}

const SAFE_CODE = /^[A-Za-z0-9_.-]{1,80}$/;

function text(value: unknown, max: number): string | undefined {
  return typeof value === "string" && value.length <= max ? value : undefined;
}

/**
 * Reads a message from the dialog. Never throws and never echoes the message: anything that is not a
 * well-formed message of this protocol becomes { kind: "failed", errorCode: "bad_dialog_message" }.
 */
export function parseDialogMessage(message: string): DialogResult {
  const bad: DialogResult = { kind: "failed", errorCode: "bad_dialog_message" };
  let value: unknown;
  try {
    value = JSON.parse(message);
  } catch {
    return bad;
  }
  if (typeof value !== "object" || value === null) return bad;
  const m = value as Record<string, unknown>;
  if (m.protocol !== PROTOCOL) return bad;
  switch (m.kind) {
    case "cancelled":
      return { kind: "cancelled" };
    case "failed": {
      const code = text(m.errorCode, 80);
      return { kind: "failed", errorCode: code && SAFE_CODE.test(code) ? code : "unknown_error" };
    }
    case "token": {
      const accessToken = text(m.accessToken, 64_000);
      const expiresOn = m.expiresOn;
      const account =
        typeof m.account === "object" && m.account !== null ? (m.account as Record<string, unknown>) : {};
      const name = text(account.name, 500) ?? "";
      const username = text(account.username, 500);
      if (
        !accessToken ||
        typeof expiresOn !== "number" ||
        !Number.isFinite(expiresOn) ||
        username === undefined
      ) {
        return bad;
      }
      return { kind: "token", accessToken, expiresOn, account: { name, username } };
    }
    default:
      return bad;
  }
}

/** The dialog page's address with the request in its query string. */
export function buildDialogUrl(dialogPage: string, request: DialogRequest): string {
  const url = new URL(dialogPage);
  url.search = "";
  url.hash = "";
  if (request.loginHint) url.searchParams.set("loginHint", request.loginHint);
  if (request.selectAccount) url.searchParams.set("prompt", "select_account");
  return url.href;
}

/** The request as the dialog page reads it from its own query string. */
export function readDialogRequest(search: string): DialogRequest {
  const params = new URLSearchParams(search);
  const request: DialogRequest = {};
  const hint = params.get("loginHint");
  if (hint && hint.length <= 320) request.loginHint = hint;
  if (params.get("prompt") === "select_account") request.selectAccount = true;
  return request;
}
