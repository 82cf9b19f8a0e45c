// When to try again, as a pure function of what Graph answered (concepts/throttling.md,
// "Avoid getting throttled or blocked in SharePoint Online"; api-reference/v1.0/api/driveitem-invite.md).

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Cap on the total time spent waiting for one request. */
  maxTotalWaitMs: number;
  /** First backoff step when Graph gives no Retry-After. */
  baseDelayMs: number;
  /** Cap on one backoff step (Retry-After itself is honoured up to maxTotalWaitMs). */
  maxDelayMs: number;
  /**
   * First wait after a top-level 429/503/424 whose Retry-After could not be read (default 5 s), doubling
   * up to unknownRetryAfterMaxMs (default 2 min). Graph's CORS answer does not expose Retry-After, so a
   * browser never sees it on a whole response (microsoft-graph-docs#17488, msgraph-sdk-design#76): the
   * wait Graph asked for is unknown and may be long (onedrive-api-docs#1436), so this starts well above
   * the ordinary backoff and is never skipped.
   */
  unknownRetryAfterBaseMs?: number;
  unknownRetryAfterMaxMs?: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  maxTotalWaitMs: 15 * 60_000,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
};

export interface RetryInput {
  /** HTTP status; 0 for a network failure or a timeout (no answer). */
  status: number;
  /** The Retry-After header as sent: delta-seconds or an HTTP date. */
  retryAfter?: string | null | undefined;
  /** Attempts made so far (1 after the first failure). */
  attempt: number;
  /** Time already spent waiting for this request. */
  waitedMs: number;
  /** Current time (ms since epoch), to read an HTTP-date Retry-After. */
  now: number;
  /** A number in [0, 1) for jitter. */
  random: number;
  /**
   * Whether sending again is safe without looking first. A POST /invite is not: after a 5xx or a lost
   * answer it may have been carried out, so the caller must reconcile before resending.
   */
  idempotent: boolean;
  /**
   * True when the answer was a whole HTTP response rather than a $batch item. There a missing
   * Retry-After means "could not be read" (a browser hides it: Graph's Access-Control-Expose-Headers
   * does not list it), not "Graph sent none", and the wait is unknownRetryAfterMs, not a short backoff.
   * Inside $batch each item's headers are JSON in the body, so absent really is absent.
   */
  topLevel?: boolean;
}

export type RetryDecision =
  | { action: "retry"; delayMs: number }
  /** Wait, then re-read the permissions and resend only recipients who still have no access. */
  | { action: "reconcile"; delayMs: number }
  | { action: "stop"; reason: "notRetryable" | "attemptsExhausted" | "waitExhausted" };

/** Statuses that mean "not now" rather than "no". */
export function isTransient(status: number): boolean {
  return (
    status === 0 ||
    status === 424 ||
    status === 429 ||
    status === 500 ||
    status === 502 ||
    status === 503 ||
    status === 504
  );
}

/** Statuses whose answer tells the caller to wait (Graph may send Retry-After with them). */
export function isThrottleStatus(status: number): boolean {
  return status === 429 || status === 503 || status === 424;
}

/**
 * The wait after the attempt-th top-level throttle whose Retry-After could not be read: base, doubled
 * each time, capped, plus up to a fifth more as jitter (never less: the real Retry-After is unknown).
 */
export function unknownRetryAfterMs(attempt: number, policy: RetryPolicy, random: number): number {
  const base = policy.unknownRetryAfterBaseMs ?? 5_000;
  const max = policy.unknownRetryAfterMaxMs ?? 120_000;
  const step = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(step * (1 + random / 5));
}

/** Statuses after which the request may already have been carried out. 429 is refused before execution. */
export function isAmbiguous(status: number): boolean {
  return isTransient(status) && status !== 429;
}

/** Reads Retry-After (RFC 9110 §10.2.3): seconds, or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** Exponential backoff with "full jitter" between half and the whole step. */
export function backoffMs(attempt: number, policy: RetryPolicy, random: number): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + (step / 2) * random);
}

export function decideRetry(input: RetryInput, policy: RetryPolicy = DEFAULT_RETRY_POLICY): RetryDecision {
  if (!isTransient(input.status)) return { action: "stop", reason: "notRetryable" };
  if (input.attempt >= policy.maxAttempts) return { action: "stop", reason: "attemptsExhausted" };
  const retryAfterMs = parseRetryAfter(input.retryAfter, input.now);
  // Retry-After is a floor, never shortened; without it, back off exponentially with jitter, and much
  // longer when it may have been there but could not be read (a top-level throttle in a browser).
  const unknown = retryAfterMs === undefined && input.topLevel === true && isThrottleStatus(input.status);
  const delayMs =
    retryAfterMs ??
    (unknown
      ? unknownRetryAfterMs(input.attempt, policy, input.random)
      : backoffMs(input.attempt, policy, input.random));
  if (input.waitedMs + delayMs > policy.maxTotalWaitMs) return { action: "stop", reason: "waitExhausted" };
  if (!input.idempotent && isAmbiguous(input.status)) return { action: "reconcile", delayMs };
  return { action: "retry", delayMs };
}
