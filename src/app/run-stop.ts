// Why a run stops sending before its queue is empty, and what the recipients it never sent record. Every
// one of them ends "Not sent" (or "Cancelled: not sent"), which "Retry failed" sends next time.

import type { Outcome } from "../core/types";

/** signIn: no token could be had (sign-in-stop.ts); stopped: the person chose Stop at the pause. */
export type StopReason = "signIn" | "stopped";

/** The outcome of a recipient the run did not send. */
export function notSentOutcome(key: string, why: StopReason | "cancelled"): Outcome {
  const reason = why === "signIn" ? "signInNeeded" : why;
  return { status: "skipped", key, reason };
}
