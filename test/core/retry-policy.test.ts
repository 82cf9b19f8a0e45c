import fc from "fast-check";
import {
  backoffMs,
  decideRetry,
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
  type RetryInput,
} from "../../src/core/retry-policy";

const now = Date.UTC(2026, 10, 26, 15, 0, 0);
const input = (over: Partial<RetryInput>): RetryInput => ({
  status: 429,
  attempt: 1,
  waitedMs: 0,
  now,
  random: 0.5,
  idempotent: false,
  ...over,
});

describe("parseRetryAfter", () => {
  it.each([
    ["120", 120_000],
    ["0", 0],
    [" 3 ", 3_000],
    ["Thu, 26 Nov 2026 15:00:30 GMT", 30_000],
    ["Thu, 26 Nov 2026 14:00:00 GMT", 0],
    ["soon", undefined],
    [null, undefined],
  ])("%s → %s ms", (value, ms) => expect(parseRetryAfter(value, now)).toBe(ms));
});

describe("decideRetry", () => {
  it("waits at least Retry-After on a 429 and resends (a 429 was refused before execution)", () => {
    expect(decideRetry(input({ retryAfter: "7" }))).toEqual({ action: "retry", delayMs: 7_000 });
  });
  it("backs off exponentially with jitter when a 429 has no Retry-After", () => {
    const d1 = decideRetry(input({ attempt: 1, random: 0 }));
    const d3 = decideRetry(input({ attempt: 3, random: 0 }));
    expect(d1).toEqual({ action: "retry", delayMs: 500 });
    expect(d3).toEqual({ action: "retry", delayMs: 2_000 });
  });
  it.each([0, 500, 503, 504])("never resends an invite blindly after %s: it reconciles first", (status) => {
    expect(decideRetry(input({ status, retryAfter: "2" }))).toEqual({ action: "reconcile", delayMs: 2_000 });
  });
  it("retries idempotent reads after 503", () => {
    expect(decideRetry(input({ status: 503, idempotent: true, retryAfter: "1" }))).toEqual({
      action: "retry",
      delayMs: 1_000,
    });
  });
  it.each([400, 401, 403, 404, 409])("stops on %s", (status) => {
    expect(decideRetry(input({ status }))).toEqual({ action: "stop", reason: "notRetryable" });
  });
  it("caps attempts and total waiting (a Retry-After of an hour is not waited out)", () => {
    expect(decideRetry(input({ attempt: DEFAULT_RETRY_POLICY.maxAttempts }))).toEqual({
      action: "stop",
      reason: "attemptsExhausted",
    });
    expect(decideRetry(input({ retryAfter: "3600" }))).toEqual({ action: "stop", reason: "waitExhausted" });
  });

  it("property: a delay is never shorter than Retry-After, never negative, and attempts end", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0, 200, 400, 429, 500, 503, 504),
        fc.option(fc.integer({ min: 0, max: 5000 }), { nil: undefined }),
        fc.integer({ min: 1, max: 20 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        fc.boolean(),
        (status, retryAfterS, attempt, random, idempotent) => {
          const d = decideRetry(
            input({
              status,
              retryAfter: retryAfterS === undefined ? undefined : String(retryAfterS),
              attempt,
              random,
              idempotent,
            }),
          );
          if (d.action === "stop") return true;
          expect(d.delayMs).toBeGreaterThanOrEqual(0);
          if (retryAfterS !== undefined) expect(d.delayMs).toBeGreaterThanOrEqual(retryAfterS * 1000);
          expect(attempt).toBeLessThan(DEFAULT_RETRY_POLICY.maxAttempts);
          if (!idempotent && status !== 429) expect(d.action).toBe("reconcile");
          return true;
        },
      ),
    );
  });

  it("property: backoff grows with the attempt and stays within its cap", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (a, r) => {
          const d = backoffMs(a, DEFAULT_RETRY_POLICY, r);
          expect(d).toBeLessThanOrEqual(DEFAULT_RETRY_POLICY.maxDelayMs);
          expect(d).toBeGreaterThanOrEqual(
            Math.min(DEFAULT_RETRY_POLICY.maxDelayMs, 1000 * 2 ** (a - 1)) / 2,
          );
        },
      ),
    );
  });
});

describe("a top-level throttle whose Retry-After could not be read", () => {
  it.each([429, 503, 424])(
    "%i waits at least 5 s, doubling to a 2-minute cap, never the short backoff",
    (status) => {
      const waits = [1, 2, 3, 4, 5, 6, 7].map((attempt) => {
        const d = decideRetry(input({ status, attempt, random: 0, idempotent: true, topLevel: true }));
        return d.action === "retry" ? d.delayMs : -1;
      });
      expect(waits).toEqual([5_000, 10_000, 20_000, 40_000, 80_000, 120_000, 120_000]);
    },
  );
  it("a readable Retry-After is still what is waited, and inside $batch absent means absent", () => {
    expect(decideRetry(input({ retryAfter: "2", topLevel: true, idempotent: true }))).toEqual({
      action: "retry",
      delayMs: 2_000,
    });
    const item = decideRetry(input({ attempt: 1, random: 0, idempotent: true }));
    expect(item).toEqual({ action: "retry", delayMs: backoffMs(1, DEFAULT_RETRY_POLICY, 0) });
    expect(backoffMs(1, DEFAULT_RETRY_POLICY, 0)).toBeLessThan(5_000);
  });
  it("jitter only lengthens the wait", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.double({ min: 0, max: 0.999, noNaN: true }), (a, r) => {
        const d = decideRetry(input({ attempt: a, random: r, idempotent: true, topLevel: true }), {
          ...DEFAULT_RETRY_POLICY,
          maxAttempts: 100,
          maxTotalWaitMs: Infinity,
        });
        const floor = Math.min(120_000, 5_000 * 2 ** (a - 1));
        return d.action === "retry" && d.delayMs >= floor && d.delayMs <= floor * 1.2 + 1;
      }),
    );
  });
});
