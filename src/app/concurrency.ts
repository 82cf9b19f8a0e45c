// How many $batch requests may be in flight: a limit that opens up while answers come back clean and
// backs off at the first sign of Graph's budget or of Graph getting slow. It is modelled on two public
// designs:
// - TCP congestion control (RFC 5681, https://www.rfc-editor.org/rfc/rfc5681): additive increase (one
//   more batch per round trip of clean answers) and multiplicative decrease (halved on a 429, a 503 or
//   SharePoint's RateLimit-Remaining, at most once per round trip, as TCP cuts once per window). TCP's slow
//   start (one more per clean answer: doubling every round trip) is a setting, off by default: it
//   overshoots, and a budget that trips with k batches in flight costs 2^(k−1) × Retry-After;
// - TCP Vegas as Netflix's concurrency-limits library uses it (VegasLimit,
//   https://github.com/Netflix/concurrency-limits; "Performance Under Load",
//   https://netflixtechblog.medium.com/performance-under-load-3e6fa9a60581): the batches queued at Graph
//   are estimated from the round trip time as queue = limit × (1 − minRtt / rtt); the limit grows only
//   while that queue is under `alpha` batches and shrinks by one for each answer that finds it over
//   `beta`, so a Graph that answers more slowly as more is sent is not pushed further.
// A round trip is only comparable with another of the same size: in a Graph that is slow (server time
// per invite) a batch of 20 takes longer than a batch of 3, so the shortest round trip is kept for the
// largest batch size seen, and smaller batches neither grow nor shrink the limit. Answers to batches
// sent before the last cut say nothing about the new limit and are ignored.
// Before any of that, a probe: one batch at a time until probeInvites invites came back clean, because a
// budget that trips with k batches in flight costs 2^(k−1) × Retry-After (docs/performance.md, "The probe").
// Pure state on the caller's clock: tested on a fake clock (test/app/concurrency.test.ts).

export interface ConcurrencyTuning {
  /** Batches in flight at the start. */
  initialLimit: number;
  /** Grow by one per clean answer (doubling per round trip) until the first cut, instead of one per round trip. */
  slowStart: boolean;
  /**
   * The limit stays at initialLimit until this many invites have come back clean (the probe): the first
   * 429 of a run costs 2^(k−1) × Retry-After with k batches in flight (each request that arrives while
   * throttled doubles it), so the run finds a small budget with one batch in flight.
   */
  probeInvites: number;
  /** Never fewer than this. */
  minLimit: number;
  /** Never more than this (a cap: 1 means one batch at a time, always). */
  maxLimit: number;
  /** Share of the limit kept after a 429 or a 503 (multiplicative decrease). */
  backoffRatio: number;
  /** Grow while fewer batches than this are estimated queued at Graph. */
  alpha: number;
  /** Shrink by one for each answer that finds more batches than this queued (rising latency). */
  beta: number;
}

export const DEFAULT_CONCURRENCY: ConcurrencyTuning = {
  initialLimit: 1,
  slowStart: false,
  probeInvites: 120,
  minLimit: 1,
  maxLimit: 16,
  backoffRatio: 0.5,
  alpha: 3,
  beta: 6,
};

/** One change of the limit, for the benchmark and for tests. */
export interface LimitEvent {
  at: number;
  limit: number;
  cause: "clean" | "latency" | "throttled" | "unavailable" | "budget";
}

export class ConcurrencyLimit {
  private readonly tuning: ConcurrencyTuning;
  private limit: number;
  /** While true (until the first cut, when tuning.slowStart), the limit grows by one per clean answer. */
  private slowStart: boolean;
  /** Shortest round trip of a batch of refSize invites (the no-load estimate). */
  private minRtt: number | undefined;
  private refSize = 0;
  private lastCutAt = Number.NEGATIVE_INFINITY;
  /** Invites answered clean so far (the probe ends at probeInvites). */
  private cleanInvites = 0;
  /** Clean answers towards the next +1: one round trip's worth (the limit) adds one. */
  private credit = 0;
  /** Set by the caller to keep every change of the limit. */
  trace: LimitEvent[] | undefined;

  constructor(tuning: Partial<ConcurrencyTuning> = {}) {
    this.tuning = { ...DEFAULT_CONCURRENCY, ...tuning };
    this.limit = this.clamp(this.tuning.initialLimit);
    this.slowStart = this.tuning.slowStart;
  }

  /** Batches allowed in flight now. */
  current(): number {
    return Math.floor(this.limit);
  }

  /** A batch of `size` invites sent at `sentAt` was answered `now`, with no 429 or 503 among its answers. */
  onClean(sentAt: number, now: number, size: number): void {
    if (sentAt < this.lastCutAt) return; // sent before the last cut: it does not judge the new limit
    this.cleanInvites += size;
    const rtt = Math.max(1, now - sentAt);
    if (size > this.refSize) {
      this.refSize = size;
      this.minRtt = rtt;
    } else if (size < this.refSize) {
      return;
    }
    this.minRtt = Math.min(this.minRtt ?? rtt, rtt);
    const queued = this.limit * (1 - this.minRtt / rtt);
    if (queued > this.tuning.beta) {
      this.slowStart = false;
      this.set(this.limit - 1, now, "latency");
    } else if (queued < this.tuning.alpha && this.cleanInvites >= this.tuning.probeInvites) {
      this.grow(now);
    }
  }

  /**
   * Graph said the budget is used up (429), nearly used up (RateLimit-Remaining) or it is overloaded (503):
   * the limit is cut, once per round trip (the answers of batches already in flight report the same event).
   */
  onOverload(now: number, cause: "throttled" | "unavailable" | "budget"): void {
    if (now - this.lastCutAt < (this.minRtt ?? 0)) return;
    this.slowStart = false;
    this.lastCutAt = now;
    this.set(this.limit * this.tuning.backoffRatio, now, cause);
  }

  private grow(now: number): void {
    if (!this.slowStart) {
      this.credit += 1;
      if (this.credit < this.current()) return;
      this.credit = 0;
    }
    this.set(this.limit + 1, now, "clean");
  }

  private set(limit: number, now: number, cause: LimitEvent["cause"]): void {
    const before = this.current();
    this.limit = this.clamp(limit);
    if (this.trace && this.current() !== before) this.trace.push({ at: now, limit: this.current(), cause });
  }

  private clamp(limit: number): number {
    const { minLimit, maxLimit } = this.tuning;
    return Math.min(Math.max(1, maxLimit), Math.max(Math.max(1, minLimit), limit));
  }
}
