// Sign-in lost mid-run (issue #11): when no token can be had (the refresh needs an interactive sign-in,
// or Graph answers 401 even to a fresh token), every later batch would ask again: with MSAL a popup or
// dialog per batch. The run stops once instead; whoever was not sent is "Not sent: sign in again", which
// "Retry failed" picks up after the person signs in.

import { ShareError } from "../core/errors";
import { isGraphFailure } from "../core/graph-failure";
import type { GraphErrorInfo } from "../core/types";

/**
 * True for a failure that only signing in again can cure: the token provider's notSignedIn (it has
 * already tried silently and, with MSAL, interactively), or a 401 that GraphHttp got after a fresh token.
 */
export function isSignInLost(e: unknown): boolean {
  if (e instanceof ShareError) return e.code === "notSignedIn";
  if (isGraphFailure(e)) return e.info.status === 401;
  return false;
}

/** A whole $batch answered 401: GraphHttp already retried it once with a fresh token. */
export function isSignInLostAnswer(status: number): boolean {
  return status === 401;
}

/** What the run records about the sign-in failure (codes only: never a token or an MSAL message). */
export function signInLostInfo(e: unknown): GraphErrorInfo {
  if (isGraphFailure(e)) return { ...e.info, message: "Microsoft 365 refused the sign-in (401)." };
  const detail = e instanceof ShareError ? e.details.join(" ") : "";
  return { status: 401, code: "signInRequired", message: detail || "Sign-in is needed again." };
}
