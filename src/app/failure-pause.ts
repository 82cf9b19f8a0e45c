// The pause after identical failures (issue #11): when an option makes every invite fail the same way
// (an expiration date on a work or school tenant, a blocked domain), the run should not burn through
// the whole list. When the first PAUSE_AFTER invites all failed with the same code, the flow asks once,
// through the confirmContinue port, and sends nothing until the answer: Stop (the rest are "Not sent")
// or Go on (the run continues and does not ask again). Without a UI to ask, the answer is Stop.

import type { GraphErrorInfo, Outcome } from "../core/types";

export const PAUSE_AFTER = 10;

export interface PauseInfo {
  /** How many invites failed, all alike (PAUSE_AFTER). */
  failed: number;
  /** Graph's code, with the inner code when there is one: "invalidRequest", "notAllowed/…". */
  code: string;
  /** A plain sentence for that failure (src/core/errors.ts failureSentence). */
  sentence: string;
  /** Graph's own message of the last of them (the task pane words its sentence from code and message). */
  message: string;
}

/** Resolves true to go on, false to stop. */
export type ConfirmContinue = (info: PauseInfo) => Promise<boolean>;

/** No UI wired (a script, the benchmark): stopping is the safe answer. */
export const stopWithoutAsking: ConfirmContinue = () => Promise.resolve(false);

export class FirstFailuresPause {
  private failures = 0;
  private code: string | undefined;
  private watching = true;
  /** Set while the person decides: the flow sends nothing until it settles. */
  waiting: Promise<void> | undefined;

  constructor(
    private readonly ask: ConfirmContinue,
    private readonly sentenceFor: (error: GraphErrorInfo) => string,
    private readonly onAnswer: (goOn: boolean) => void,
  ) {}

  /** Records the outcome of a sent invite; skipped ones (not sent, already had access) do not count. */
  note(o: Outcome): void {
    if (!this.watching || o.status === "skipped") return;
    const code = o.status === "failed" ? codeOf(o.error) : undefined;
    if (code === undefined || (this.code !== undefined && code !== this.code)) {
      this.watching = false; // something got through, or failures differ: no pause in this run
      return;
    }
    this.code = code;
    this.failures += 1;
    if (this.failures < PAUSE_AFTER || o.status !== "failed") return;
    this.watching = false;
    const info: PauseInfo = {
      failed: this.failures,
      code,
      sentence: this.sentenceFor(o.error),
      message: o.error.message,
    };
    this.waiting = this.ask(info)
      .catch(() => false)
      .then((goOn) => {
        this.waiting = undefined;
        this.onAnswer(goOn);
      });
  }
}

function codeOf(e: GraphErrorInfo): string {
  return e.innerCode ? `${e.code}/${e.innerCode}` : e.code;
}
