// Pacing: how many batches may be in flight and how fast invites may go. It starts eager and, on the
// first 429, learns the tenant's budget from what got through (SharePoint counts resource units per
// window: "Avoid getting throttled or blocked in SharePoint Online"), so a long run rides just under
// the budget instead of bouncing off it. All times are in the caller's clock; Graph-side durations are
// multiplied by timeScale.

import type { Clock } from "./ports";

export interface PacerTuning {
  /** Batches in flight at most. */
  maxInFlight: number;
  /** Invites per second to start with; undefined = no limit until the first 429. */
  initialRate?: number;
  /** Share of the observed rate kept after a 429. */
  backoffFactor: number;
  /** After this long (Graph time) without a 429, the rate grows by increaseFactor. */
  increaseEveryMs: number;
  increaseFactor: number;
}

export const DEFAULT_PACER: PacerTuning = {
  maxInFlight: 4,
  backoffFactor: 0.9,
  increaseEveryMs: 3_000,
  increaseFactor: 1.03,
};

export class Pacer {
  private readonly tuning: PacerTuning;
  private concurrency: number;
  private rate: number | undefined;
  private resumeAt = 0;
  private nextAllowedAt = 0;
  private lastChangeAt: number;
  private readonly successes: number[] = [];
  throttles = 0;

  constructor(
    private readonly clock: Clock,
    tuning: Partial<PacerTuning> = {},
    private readonly timeScale = 1,
  ) {
    this.tuning = { ...DEFAULT_PACER, ...tuning };
    this.concurrency = this.tuning.maxInFlight;
    this.rate = this.tuning.initialRate;
    this.lastChangeAt = clock.now();
  }

  /** Milliseconds to wait before the next batch may start (0: go now). */
  nextSlot(inFlight: number): number {
    const now = this.clock.now();
    if (now < this.resumeAt) return this.resumeAt - now;
    if (inFlight >= this.concurrency) return 60_000 * this.timeScale; // woken early when a batch ends
    this.maybeIncrease(now);
    return Math.max(0, this.nextAllowedAt - now);
  }

  onSend(invites: number): void {
    const now = this.clock.now();
    if (this.rate !== undefined) {
      this.nextAllowedAt = Math.max(now, this.nextAllowedAt) + (invites / this.rate) * 1000 * this.timeScale;
    }
  }

  onSuccess(): void {
    const now = this.clock.now();
    this.successes.push(now);
    const horizon = now - 10_000 * this.timeScale;
    while (this.successes.length && (this.successes[0] ?? now) < horizon) this.successes.shift();
  }

  /** A 429 said to wait retryAfterMs (Graph time): nobody sends until then, and the pace drops. */
  onThrottle(retryAfterMs: number): void {
    const now = this.clock.now();
    this.throttles += 1;
    this.resumeAt = Math.max(this.resumeAt, now + retryAfterMs * this.timeScale);
    this.nextAllowedAt = Math.max(this.nextAllowedAt, this.resumeAt);
    this.concurrency = Math.max(1, Math.floor(this.concurrency / 2));
    const windowMs = Math.max(1000, retryAfterMs) * this.timeScale;
    const recent = this.successes.filter((t) => t >= now - windowMs).length;
    const observed = (recent / windowMs) * 1000 * this.timeScale;
    const next = Math.max(1, observed * this.tuning.backoffFactor);
    this.rate =
      this.rate === undefined ? next : Math.max(1, Math.min(this.rate * this.tuning.backoffFactor, next));
    this.lastChangeAt = now;
  }

  private maybeIncrease(now: number): void {
    if (now - this.lastChangeAt < this.tuning.increaseEveryMs * this.timeScale) return;
    this.lastChangeAt = now;
    if (this.concurrency < this.tuning.maxInFlight) this.concurrency += 1;
    if (this.rate !== undefined) this.rate *= this.tuning.increaseFactor;
  }

  /** Current limit in invites per second (undefined: none), for progress and the benchmark. */
  currentRate(): number | undefined {
    return this.rate;
  }
}
