// The outcome ledger: every recipient of a run leaves with exactly one outcome, and this is where it is
// recorded. Settling an outcome (the first one wins) tells the first-failures pause, appends the
// recipient's Permissions log row to the write-back, and moves the progress counts the task pane shows;
// flush() is the write-back hook the flow calls after every batch and at the end (write-back.ts). The
// ledger decides nothing about Graph: the dispatcher, the batch answers and reconciliation settle here.

import { logRowForOutcome, logRowsForRejections, type RunContext } from "../core/results";
import type { Outcome, ParsedSelection, Recipient, Rejection } from "../core/types";
import type { WorkbookPort } from "../core/ports";
import { WriteBack } from "./write-back";

/** Skipped outcomes that were never sent: the run was cancelled or stopped. */
const NOT_SENT_REASONS: ReadonlySet<string> = new Set(["cancelled", "stopped", "signInNeeded"]);

export type SharePhase = "reading" | "resolving" | "checking" | "sharing" | "finishing" | "done";

export interface ShareProgress {
  phase: SharePhase;
  total: number;
  granted: number;
  failed: number;
  skipped: number;
  remaining: number;
  /** Of the skipped: recipients not sent because the run stopped or was cancelled ("Retry failed" sends them). */
  notSent: number;
  /** Estimated time left, once there is a rate to go by (run-eta.ts). */
  etaMs?: number;
  /** Set while a 429's Retry-After is waited out: how long until sending resumes (run-eta.ts). */
  resumeInMs?: number;
}

/** The progress the task pane shows; emit() hands it a copy. */
export class RunProgress {
  readonly state: ShareProgress = {
    phase: "reading",
    total: 0,
    granted: 0,
    failed: 0,
    skipped: 0,
    remaining: 0,
    notSent: 0,
  };

  constructor(private readonly onProgress?: (p: ShareProgress) => void) {}

  emit(): void {
    this.onProgress?.({ ...this.state });
  }

  phase(phase: SharePhase): void {
    this.state.phase = phase;
    this.emit();
  }
}

export class OutcomeLedger {
  readonly outcomes = new Map<string, Outcome>();
  /** Statuses beside the selected rows and the Permissions log rows, written as the run goes. */
  readonly writeBack: WriteBack;
  private readonly byKey: Map<string, Recipient>;

  constructor(
    workbook: WorkbookPort,
    parsed: ParsedSelection,
    private readonly recipients: readonly Recipient[],
    private readonly progress: RunProgress,
    private readonly ctx: RunContext,
    /** Told of every outcome as it settles (the first-failures pause). */
    private readonly onSettle: (o: Outcome) => void,
  ) {
    this.byKey = new Map(recipients.map((r) => [r.key, r] as const));
    this.writeBack = new WriteBack(workbook, parsed, this.outcomes);
  }

  /** The selection's rejected cells go to the Permissions log too. */
  logRejections(rejected: Rejection[]): void {
    for (const row of logRowsForRejections(rejected, this.ctx)) this.writeBack.log(row);
  }

  has(key: string): boolean {
    return this.outcomes.has(key);
  }

  /** How many recipients the run shares with. */
  get total(): number {
    return this.recipients.length;
  }

  /** Records the recipient's outcome; a second outcome for the same recipient is ignored. */
  settle(o: Outcome): void {
    if (this.outcomes.has(o.key)) return;
    this.outcomes.set(o.key, o);
    this.onSettle(o);
    const r = this.byKey.get(o.key);
    if (r) this.writeBack.log(logRowForOutcome(r, o, this.ctx));
    const p = this.progress.state;
    if (o.status === "granted") p.granted += 1;
    else if (o.status === "failed") p.failed += 1;
    else p.skipped += 1;
    if (o.status === "skipped" && NOT_SENT_REASONS.has(o.reason)) p.notSent += 1;
    p.remaining = Math.max(0, this.recipients.length - this.outcomes.size);
  }

  /** Every recipient leaves with exactly one outcome, even when the run broke off. */
  settleUnsent(): void {
    for (const r of this.recipients) {
      if (!this.outcomes.has(r.key)) {
        this.settle({
          status: "failed",
          key: r.key,
          error: { status: 0, code: "notSent", message: "The run stopped before this recipient was sent." },
        });
      }
    }
  }

  /** The write-back hook: statuses and log rows settled so far go to the workbook. */
  flush(final: boolean): Promise<void> {
    return this.writeBack.flush(final);
  }

  /** The last flush, tried once more with the log table made again in case its sheet was deleted. */
  async flushLast(workbook: WorkbookPort): Promise<void> {
    await this.flush(true);
    if (this.writeBack.error !== undefined) {
      await workbook.ensureLog().catch(() => undefined);
      await this.flush(true);
    }
  }

  /**
   * Verify after (verify-after.ts): a grant the permission list does not show is no longer counted as
   * granted; a second log row records it and the row's status is written again.
   */
  markNotVisible(key: string): void {
    const o = this.outcomes.get(key);
    const r = this.byKey.get(key);
    if (o?.status !== "granted" || o.notVisible || !r) return;
    const changed: Outcome = { ...o, notVisible: true };
    this.outcomes.set(key, changed);
    this.progress.state.granted -= 1;
    this.writeBack.log(logRowForOutcome(r, changed, this.ctx));
    this.writeBack.restate(key);
  }

  /** The outcomes in the order of the recipients. */
  list(): Outcome[] {
    return this.recipients.map((r) => this.outcomes.get(r.key)).filter((o): o is Outcome => o !== undefined);
  }
}
