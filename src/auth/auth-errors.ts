// MSAL and Office dialog failures turned into ShareErrors a person can act on. An MSAL error's message
// can quote server answers, so only its code (and an AADSTS number, which names the cause for an admin)
// is kept; the MSAL error itself is never attached as `cause`, so nothing it carries reaches the pane.

import { ShareError } from "../core/errors";
import { NOT_CONFIGURED_TEXT } from "./settings";

/** Codes after which only an interactive sign-in can help (MSAL InteractionRequiredAuthErrorCodes). */
const INTERACTION_REQUIRED = new Set([
  "interaction_required",
  "consent_required",
  "login_required",
  "no_tokens_found",
  "refresh_token_expired",
  "bad_token",
  "native_account_unavailable",
  "ui_not_allowed",
  "interrupted_user",
  // No account in the cache yet: the first sign-in of a session.
  "no_account_error",
  "no_account_found",
]);

/** The browser refused to open MSAL's popup window. */
const POPUP_BLOCKED = new Set(["popup_window_error", "empty_window_error", "block_nested_popups"]);

/** The person closed the sign-in window or declined (MSAL spells it both ways; Entra says access_denied). */
const CANCELLED = new Set(["user_cancelled", "user_canceled", "access_denied"]);

/** The host has no working NAA bridge after all: the Office dialog takes over. */
const NAA_UNAVAILABLE = new Set(["nested_app_auth_bridge_disabled", "bridge_disabled", "bridge_unavailable"]);

const NETWORK = new Set([
  "no_network_connectivity",
  "network_error",
  "post_request_failed",
  "get_request_failed",
  "timed_out",
  "endpoints_resolution_error",
]);

/** Sentences for Office dialog failures a person (or whoever deployed the add-in) can act on. */
const DIALOG_LINES: Partial<Record<string, string>> = {
  office_dialog_12007: "A sign-in window is already open. Finish or close it, then share again.",
  office_dialog_12011:
    "Your browser blocked the sign-in window. Allow pop-ups for this site, then share again.",
  office_dialog_12002: "The sign-in page could not be loaded. Tell whoever deployed this add-in.",
  office_dialog_12003: "The sign-in page must be served over https. Tell whoever deployed this add-in.",
  office_dialog_12004:
    "The sign-in page is not on the add-in's own domain. Tell whoever deployed this add-in.",
  dialog_origin_mismatch:
    "The sign-in window answered from another site, so its answer was refused. Share again to sign in.",
  // Office leaves a dialog message's origin undefined without DialogOrigin 1.1 (older Office builds).
  dialog_origin_unknown:
    "This version of Office cannot tell where the sign-in window's answer came from, so it was refused. Update Office, then share again.",
};

const SAFE_CODE = /^[A-Za-z0-9_.-]{1,80}$/;

/** The error's code when it looks like one (MSAL errorCode, or a `code` string), else undefined. */
export function authErrorCode(e: unknown): string | undefined {
  if (typeof e !== "object" || e === null) return undefined;
  const record = e as { errorCode?: unknown; code?: unknown };
  const code = typeof record.errorCode === "string" && record.errorCode ? record.errorCode : record.code;
  return typeof code === "string" && SAFE_CODE.test(code) ? code : undefined;
}

function isNamed(e: unknown, name: string): boolean {
  return e instanceof Error && e.name === name;
}

export function isInteractionRequired(e: unknown): boolean {
  if (isNamed(e, "InteractionRequiredAuthError")) return true;
  const code = authErrorCode(e);
  return code !== undefined && INTERACTION_REQUIRED.has(code);
}

export function isPopupBlocked(e: unknown): boolean {
  const code = authErrorCode(e);
  return code !== undefined && POPUP_BLOCKED.has(code);
}

export function isCancelled(e: unknown): boolean {
  const code = authErrorCode(e);
  return code !== undefined && CANCELLED.has(code);
}

export function isNaaUnavailable(e: unknown): boolean {
  const code = authErrorCode(e);
  return code !== undefined && NAA_UNAVAILABLE.has(code);
}

export function signInCancelled(): ShareError {
  return new ShareError("notSignedIn", [
    "Sign-in was cancelled, so nothing was sent. Share again to sign in.",
  ]);
}

export function signInNotConfigured(): ShareError {
  return new ShareError("notSignedIn", [NOT_CONFIGURED_TEXT]);
}

/** An AADSTS number (e.g. AADSTS65001 = consent missing) from an error message, if there is one. */
function aadstsOf(e: unknown): string | undefined {
  const message = e instanceof Error ? e.message : "";
  return /\bAADSTS\d{5,6}\b/.exec(message)?.[0];
}

/** Any other sign-in failure, by code only. Never carries the original error or its message. */
export function signInFailed(e: unknown): ShareError {
  if (e instanceof ShareError) return e;
  const code = authErrorCode(e) ?? "unknown_error";
  const aadsts = aadstsOf(e);
  const reference = aadsts ? `${code}, ${aadsts}` : code;
  if (NETWORK.has(code)) {
    return new ShareError("network", [`Sign-in couldn't reach Microsoft (${reference}).`]);
  }
  const dialogLine = DIALOG_LINES[code];
  if (dialogLine) return new ShareError("notSignedIn", [`${dialogLine} (${reference})`]);
  if (code === "consent_required" || aadsts === "AADSTS65001") {
    return new ShareError("notSignedIn", [
      `This add-in needs permission to share files (Files.ReadWrite.All). Ask your administrator to grant consent (${reference}).`,
    ]);
  }
  return new ShareError("notSignedIn", [`Sign-in failed (${reference}).`]);
}

/**
 * Office dialog API error codes (https://learn.microsoft.com/office/dev/add-ins/develop/dialog-handle-errors-events).
 * 12006: the person closed the dialog; 12009: they chose to ignore it. Both are a cancelled sign-in.
 */
export function dialogErrorIsCancel(code: number): boolean {
  return code === 12006 || code === 12009;
}

/** The code a failed Office dialog reports as, e.g. office_dialog_12011. */
export function dialogErrorCode(code: number): string {
  return `office_dialog_${Math.trunc(code)}`;
}
