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

/**
 * Keeps the progress's time left and Retry-After countdown current: after every answered batch, and
 * once a second while sending, so that neither stands still while nothing is answered. Between answers
 * the time left counts down from the last estimate; once an answer is later than usual (the mean gap
 * between answers), the rate is measured up to now, so a stalled run's time left grows instead of
 * sitting at "about 1 second".
 */
export class RunEta {
  private readonly rate: RecentRate;
  private waitUntil = 0;
  private last: { at: number; etaMs: number } | undefined;
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
    void this.tick();
  }

  /** A batch was answered. */
  answered(done: number): void {
    this.rate.note({ at: this.clock.now(), done });
    this.last = undefined;
    this.update();
    this.progress.emit();
  }

  /** A 429 asked everyone to wait until `until` (clock time). */
  throttled(until: number): void {
    if (this.stopped.signal.aborted || until <= this.waitUntil) return;
    this.waitUntil = until;
    this.update();
    this.progress.emit();
  }

  /** The run is over: no more updates. */
  stop(): void {
    this.stopped.abort();
    delete this.progress.state.resumeInMs;
  }

  /** Once a second (or when the wait ends, if sooner) until the run stops. */
  private async tick(): Promise<void> {
    const signal = this.stopped.signal;
    for (;;) {
      const wait = this.waitUntil - this.clock.now();
      await this.clock.sleep(wait > 0 ? Math.min(1000, wait) : 1000, signal);
      if (signal.aborted) return;
      this.update();
      this.progress.emit();
    }
  }

  private update(): void {
    const state = this.progress.state;
    const now = this.clock.now();
    const wait = Math.max(0, this.waitUntil - now);
    if (wait > 0) state.resumeInMs = wait;
    else delete state.resumeInMs;
    const eta = this.estimate(now, wait);
    if (eta === undefined) delete state.etaMs;
    else state.etaMs = eta;
  }

  private estimate(now: number, wait: number): number | undefined {
    if (this.rate.answered < MIN_ANSWERS || this.progress.state.remaining <= 0) return undefined;
    const paced = this.pacedRate();
    const pacedPerMs = paced === undefined ? undefined : paced / (1000 * this.timeScale);
    const remaining = this.progress.state.remaining;
    const sending = (observedPerMs: number | undefined) =>
      estimateLeftMs({ remaining, observedPerMs, pacedPerMs });
    if (this.last === undefined) {
      const first = sending(this.rate.perMs());
      if (first === undefined) return undefined;
      this.last = { at: now, etaMs: first };
    }
    const countdown = Math.max(0, this.last.etaMs - (now - this.last.at));
    const pace = this.rate.pace();
    const late = pace !== undefined && now - pace.lastAt > pace.meanGapMs;
    const stalled = late ? sending(this.rate.perMs(now)) : undefined;
    return wait + Math.max(countdown, stalled ?? 0);
  }
}
