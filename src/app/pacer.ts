// Pacing: how many batches may be in flight and how fast invites may go. SharePoint counts resource
// units per window and answers 429 once they are used up; every request that arrives while throttled
// makes the next Retry-After longer ("Avoid getting throttled or blocked in SharePoint Online";
// onedrive-api-docs#1436 reports about an hour). So the pacer:
// - leaves the number of batches in flight to a controller (concurrency.ts): it starts with one, opens up
//   while answers come back clean and quick, and backs off on a 429, a 503 or a rising round trip time;
// - on the first 429 of an episode stops sending until Retry-After, and sets the rate just under what got
//   through since the last pause (measured over at least Retry-After, the budget's refill time);
// - treats further 429s of batches sent before it knew (they land during the pause) as the same episode:
//   the pause lengthens, the rate and the limit are not cut again;
// - a 503 that carries Retry-After pauses everyone until then as well; any 503 cuts the limit;
// - once it has a rate, spaces the batches by that rate and lets the rate grow back slowly.
// - where Graph says how much budget is left (SharePoint's RateLimit-Remaining / RateLimit-Reset, sent once
//   80 % of the units are used), it sends no more invites than that before the window resets, shrinking
//   the last batches to fit, so the run never trips the budget at all.
// A Retry-After a browser cannot read (CORS hides it on a top-level answer) reaches the pacer as the retry
// policy's stand-in wait, so the pause holds either way.
// All times are in the caller's clock; Graph-side durations (Retry-After, increaseEveryMs) are multiplied
// by timeScale, and rates are per Graph second.

import type { Clock } from "../core/ports";
import { ConcurrencyLimit, type ConcurrencyTuning, type LimitEvent } from "./concurrency";

export interface PacerTuning {
  /** Batches in flight at most, ever (the controller's cap; 1 = one batch at a time). */
  maxInFlight: number;
  /** The concurrency controller's other settings (concurrency.ts). */
  concurrency: Partial<Omit<ConcurrencyTuning, "maxLimit">>;
  /** Invites per second to start with; undefined = no limit until the first 429. */
  initialRate?: number;
  /** Share of the observed rate kept after a 429. */
  backoffFactor: number;
  /** After this long (Graph time) without a 429, the rate grows by increaseFactor. */
  increaseEveryMs: number;
  increaseFactor: number;
  /** The rate never drops below this (invites per Graph second). */
  minRate: number;
  /** When set, every change of the concurrency limit is appended here (benchmark, tests). */
  limitTrace?: LimitEvent[];
}

/** Resource units one invite costs: "all permission resource operations" cost 5 (SharePoint throttling doc). */
export const UNITS_PER_INVITE = 5;

export const DEFAULT_PACER: PacerTuning = {
  maxInFlight: 8,
  concurrency: {},
  backoffFactor: 0.97,
  increaseEveryMs: 5_000,
  increaseFactor: 1.02,
  minRate: 0.5,
};

export class Pacer {
  private readonly tuning: PacerTuning;
  private readonly limit: ConcurrencyLimit;
  private rate: number | undefined;
  /** Nothing is sent before this (the latest Retry-After of the current episode). */
  private resumeAt = 0;
  private nextAllowedAt = 0;
  private lastChangeAt: number;
  /** Start of the current run of sending without a 429: the run's start or the end of the last pause. */
  private streakStart: number;
  /** Times of the invites granted since streakStart. */
  private readonly successes: number[] = [];
  /** Invites the budget still allows before budgetResetAt (from RateLimit headers); undefined: unknown. */
  private budgetLeft: number | undefined;
  private budgetResetAt = 0;
  /** Invites sent and not yet answered. */
  private invitesInFlight = 0;
  /** When the last 429 or 503 came: batches sent before then are not clean answers. */
  private lastOverloadAt = Number.NEGATIVE_INFINITY;
  /** 429 answers seen (batches with at least one throttled invite), episodes included. */
  throttles = 0;
  /** Throttling episodes: a 429 after the pacer was free to send again. */
  episodes = 0;

  constructor(
    private readonly clock: Clock,
    tuning: Partial<PacerTuning> = {},
    private readonly timeScale = 1,
  ) {
    this.tuning = { ...DEFAULT_PACER, ...tuning };
    this.rate = this.tuning.initialRate;
    this.limit = new ConcurrencyLimit({ ...this.tuning.concurrency, maxLimit: this.tuning.maxInFlight });
    this.limit.trace = this.tuning.limitTrace;
    this.lastChangeAt = clock.now();
    this.streakStart = clock.now();
  }

  /** Milliseconds to wait before the next batch may start (0: go now). */
  nextSlot(inFlight: number): number {
    const now = this.clock.now();
    if (now < this.resumeAt) return this.resumeAt - now;
    if (inFlight >= this.limit.current()) return 60_000 * this.timeScale; // woken early when a batch ends
    this.forgetExpiredBudget(now);
    if (this.budgetLeft !== undefined && this.budgetLeft <= 0) return Math.max(1, this.budgetResetAt - now);
    this.maybeIncrease(now);
    return Math.max(0, this.nextAllowedAt - now);
  }

  /** How many invites the next batch may carry: all of them, unless the known budget allows fewer. */
  batchCap(batchSize: number): number {
    this.forgetExpiredBudget(this.clock.now());
    return this.budgetLeft === undefined ? batchSize : Math.max(0, Math.min(batchSize, this.budgetLeft));
  }

  /** What a RateLimit-Remaining / RateLimit-Reset pair says (units, Graph seconds), after a batch answered. */
  onRateLimit(remainingUnits: number, resetSeconds: number): void {
    const now = this.clock.now();
    // Batches still in flight will spend from the same budget.
    this.budgetLeft = Math.floor(remainingUnits / UNITS_PER_INVITE) - this.invitesInFlight;
    this.budgetResetAt = now + Math.max(0, resetSeconds) * 1000 * this.timeScale;
    // SharePoint sends these from 80 % use: a sign of the budget, so fewer batches in flight from now on.
    this.limit.onOverload(now, "budget");
  }

  /**
   * The answers of one batch: SharePoint announces the budget left once 80 % is used (RateLimit-* headers,
   * preview), and the lowest count holds; a 503 item says Graph is overloaded.
   */
  onBatchAnswers(answers: Iterable<{ status: number; headers: Record<string, string> }>): void {
    let remaining: number | undefined;
    let reset = 0;
    let unavailable: { retryAfter: string | undefined } | undefined;
    for (const answer of answers) {
      const text = answer.headers["ratelimit-remaining"];
      const r = Number(text);
      if (text !== undefined && Number.isFinite(r) && (remaining === undefined || r < remaining)) {
        remaining = r;
        reset = Number(answer.headers["ratelimit-reset"]) || 0;
      }
      if (answer.status === 503) unavailable = { retryAfter: answer.headers["retry-after"] };
    }
    if (remaining !== undefined) this.onRateLimit(remaining, reset);
    if (unavailable) this.onUnavailable(retryAfterMs(unavailable.retryAfter));
  }

  /** A 503 (an item, or the whole batch): the limit is cut; with a Retry-After, nobody sends until then. */
  onUnavailable(retryAfterMs: number | undefined): void {
    const now = this.clock.now();
    this.lastOverloadAt = now;
    if (retryAfterMs !== undefined) {
      this.resumeAt = Math.max(this.resumeAt, now + retryAfterMs * this.timeScale);
      this.nextAllowedAt = Math.max(this.nextAllowedAt, this.resumeAt);
    }
    this.limit.onOverload(now, "unavailable");
  }

  /** A batch of `invites` was answered (whatever the outcome). */
  onAnswered(invites: number): void {
    this.invitesInFlight = Math.max(0, this.invitesInFlight - invites);
  }

  /**
   * The batch of `invites` sent at `sentAt` is done (the dispatcher's view: its answers are handled). When
   * no 429 or 503 came since it was sent, its round trip feeds the concurrency controller.
   */
  onBatchDone(sentAt: number, invites: number): void {
    if (sentAt <= this.lastOverloadAt) return;
    this.limit.onClean(sentAt, this.clock.now(), invites);
  }

  private forgetExpiredBudget(now: number): void {
    // A new window starts with a full budget, which is not announced: back to learning.
    if (this.budgetLeft !== undefined && now >= this.budgetResetAt) this.budgetLeft = undefined;
  }

  onSend(invites: number): void {
    const now = this.clock.now();
    this.invitesInFlight += invites;
    if (this.budgetLeft !== undefined) this.budgetLeft -= invites;
    if (this.rate !== undefined) {
      // No credit for idle time: after a pause the next batch waits its full share again.
      this.nextAllowedAt = Math.max(now, this.nextAllowedAt) + (invites / this.rate) * 1000 * this.timeScale;
    }
  }

  onSuccess(): void {
    this.successes.push(this.clock.now());
  }

  /** A 429 said to wait retryAfterMs (Graph time): nobody sends until then, and the pace drops. */
  onThrottle(retryAfterMs: number): void {
    const now = this.clock.now();
    this.throttles += 1;
    this.lastOverloadAt = now;
    const until = now + Math.max(0, retryAfterMs) * this.timeScale;
    const sameEpisode = now < this.resumeAt;
    this.resumeAt = Math.max(this.resumeAt, until);
    this.nextAllowedAt = Math.max(this.nextAllowedAt, this.resumeAt);
    this.lastChangeAt = now;
    if (sameEpisode) return; // sent before the pause was known: no new information about the budget
    this.episodes += 1;
    this.limit.onOverload(now, "throttled");

    // What got through since the last pause, over at least one Retry-After (the budget's refill time)
    // and at least one second: a short burst that emptied the budget says little about a second.
    const passed = this.successes.filter((t) => t >= this.streakStart).length;
    const spanMs = Math.max(now - this.streakStart, Math.max(1000, retryAfterMs) * this.timeScale);
    const observed = (passed / spanMs) * 1000 * this.timeScale;
    const next = observed * this.tuning.backoffFactor;
    const cut = this.rate === undefined ? next : Math.min(this.rate * this.tuning.backoffFactor, next);
    this.rate = Math.max(this.tuning.minRate, cut);
    this.streakStart = this.resumeAt;
    this.successes.length = 0;
  }

  private maybeIncrease(now: number): void {
    if (now - this.lastChangeAt < this.tuning.increaseEveryMs * this.timeScale) return;
    this.lastChangeAt = now;
    if (this.rate !== undefined) this.rate *= this.tuning.increaseFactor;
  }

  /** Current limit in invites per second (undefined: none), for progress and the benchmark. */
  currentRate(): number | undefined {
    return this.rate;
  }

  /** Batches allowed in flight now. */
  currentConcurrency(): number {
    return this.limit.current();
  }
}

/** A Retry-After header in seconds (Graph sends delta-seconds), as milliseconds; undefined when unreadable. */
export function retryAfterMs(value: string | null | undefined): number | undefined {
  const seconds = value === null || value === undefined || value.trim() === "" ? NaN : Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}
