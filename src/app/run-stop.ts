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

/** Whether the run still sends: the person cancelled, or a stop reason came up (the first one stays). */
export class RunStop {
  cancelled = false;
  stopped: StopReason | undefined;

  stop(why: StopReason): void {
    this.stopped ??= why;
  }

  /** What halts sending now: cancelling wins over a stop reason. */
  get halt(): StopReason | "cancelled" | undefined {
    return this.cancelled ? "cancelled" : this.stopped;
  }
}
