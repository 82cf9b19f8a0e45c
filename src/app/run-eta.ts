// What the progress says about time while invites go out: the time left, from the recent rate and the
// pace the pacer keeps (core/eta.ts), and, while a Retry-After is waited out, how long until sending
// resumes, counted down once a second. The pacer itself is not changed: ThrottleAwarePacer tells this
// module when a 429 asked everyone to wait.

import { estimateLeftMs, RecentRate } from "../core/eta";
import type { Clock } from "../core/ports";
import type { RunProgress } from "./outcome-ledger";
import { Pacer, type PacerTuning } from "./pacer";

/** The window the rate is measured over, in Graph ms (scaled by timeScale like every Graph time). */
export const RATE_WINDOW_MS = 30_000;
/** Batches answered before a time left is shown: the first answer alone says little about the pace. */
const MIN_ANSWERS = 2;

/** A Pacer that also reports until when a 429 keeps everyone waiting. */
export class ThrottleAwarePacer extends Pacer {
  private throttledUntil = 0;

  constructor(
    private readonly clockRef: Clock,
    tuning: Partial<PacerTuning>,
    private readonly scale: number,
    private readonly onWait: (until: number) => void,
  ) {
    super(clockRef, tuning, scale);
  }

  override onThrottle(retryAfterMs: number): void {
    super.onThrottle(retryAfterMs);
    const until = this.clockRef.now() + Math.max(0, retryAfterMs) * this.scale;
    if (until > this.throttledUntil) {
      this.throttledUntil = until;
      this.onWait(until);
    }
  }
}

export class RunEta {
  private readonly rate: RecentRate;
  private waitUntil = 0;
  private ticking = false;
  private readonly stopped = new AbortController();

  constructor(
    private readonly clock: Clock,
    private readonly progress: RunProgress,
    private readonly timeScale: number,
    private readonly pacedRate: () => number | undefined,
  ) {
    this.rate = new RecentRate(RATE_WINDOW_MS * timeScale);
  }

  /** Sending starts: recipients settled before it (already had access) do not count toward the rate. */
  start(done: number): void {
    this.rate.note({ at: this.clock.now(), done });
  }

  /** A batch was answered. */
  answered(done: number): void {
    this.rate.note({ at: this.clock.now(), done });
    this.update();
    this.progress.emit();
  }

  /** A 429 asked everyone to wait until `until` (clock time): count it down once a second. */
  throttled(until: number): void {
    this.waitUntil = Math.max(this.waitUntil, until);
    if (!this.ticking) void this.tick();
  }

  /** The run is over: no more countdown. */
  stop(): void {
    this.stopped.abort();
    delete this.progress.state.resumeInMs;
  }

  private async tick(): Promise<void> {
    this.ticking = true;
    try {
      while (!this.stopped.signal.aborted) {
        const left = this.waitUntil - this.clock.now();
        this.update();
        this.progress.emit();
        if (left <= 0) break;
        await this.clock.sleep(Math.min(1000, left), this.stopped.signal);
      }
    } finally {
      this.ticking = false;
    }
  }

  private update(): void {
    const state = this.progress.state;
    const wait = Math.max(0, this.waitUntil - this.clock.now());
    if (wait > 0) state.resumeInMs = wait;
    else delete state.resumeInMs;
    const paced = this.pacedRate();
    const eta =
      this.rate.answered >= MIN_ANSWERS
        ? estimateLeftMs({
            remaining: state.remaining,
            observedPerMs: this.rate.perMs(),
            pacedPerMs: paced === undefined ? undefined : paced / (1000 * this.timeScale),
            waitMs: wait,
          })
        : undefined;
    if (eta === undefined) delete state.etaMs;
    else state.etaMs = eta;
  }
}
