// The concurrency controller on a fake clock: how many batches it allows in flight after which answers.
// Times are the test's own numbers; nothing here measures speed (that is `npm run bench`).
import { ConcurrencyLimit, type ConcurrencyTuning, type LimitEvent } from "../../src/app/concurrency";

/** A clock and a controller; `answer` sends a batch now and has it answered clean rttMs later. */
function harness(tuning: Partial<ConcurrencyTuning> = {}) {
  let now = 1_000_000;
  const limit = new ConcurrencyLimit({ probeInvites: 0, ...tuning });
  const trace: LimitEvent[] = [];
  limit.trace = trace;
  return {
    limit,
    trace,
    now: () => now,
    advance: (ms: number) => void (now += ms),
    answer(rttMs: number, size = 20): void {
      const sentAt = now;
      now += rttMs;
      limit.onClean(sentAt, now, size);
    },
    /** One round trip at the current limit: that many batches answered after rttMs. */
    round(rttMs: number, size = 20): void {
      const sentAt = now;
      now += rttMs;
      const n = limit.current();
      for (let i = 0; i < n; i++) limit.onClean(sentAt, now, size);
    },
  };
}

describe("ConcurrencyLimit", () => {
  it("stays at one batch in flight during the probe, then opens up on clean answers", () => {
    const h = harness({ probeInvites: 100 });
    for (let i = 0; i < 4; i++) h.answer(20); // 80 invites
    expect(h.limit.current()).toBe(1);
    h.answer(20); // 100: the probe is over
    expect(h.limit.current()).toBe(2);
  });

  it("by default grows by one batch per round trip of clean, quick answers", () => {
    const h = harness();
    const seen: number[] = [];
    for (let i = 0; i < 4; i++) {
      h.round(20);
      seen.push(h.limit.current());
    }
    expect(seen).toEqual([2, 3, 4, 5]);
  });

  it("with slowStart, doubles every round trip until the first cut", () => {
    const h = harness({ slowStart: true });
    const seen: number[] = [];
    for (let i = 0; i < 4; i++) {
      h.round(20);
      seen.push(h.limit.current());
    }
    expect(seen).toEqual([2, 4, 8, 16]);
  });

  it("never exceeds its cap", () => {
    const h = harness({ maxLimit: 5 });
    for (let i = 0; i < 20; i++) h.round(20);
    expect(h.limit.current()).toBe(5);
    expect(Math.max(...h.trace.map((e) => e.limit))).toBe(5);
  });

  it("halves on a 429 and on a 503, then grows by one per round trip only (slow start ends)", () => {
    const h = harness({ initialLimit: 16, slowStart: true });
    h.answer(20); // the no-load round trip
    h.limit.onOverload(h.now(), "throttled");
    expect(h.limit.current()).toBe(8);
    h.advance(100);
    h.limit.onOverload(h.now(), "unavailable");
    expect(h.limit.current()).toBe(4);
    h.round(20);
    expect(h.limit.current()).toBe(5); // additive increase now, not doubling
    h.round(20);
    expect(h.limit.current()).toBe(6);
    expect(h.trace.map((e) => e.cause)).toEqual(["throttled", "unavailable", "clean", "clean"]);
  });

  it("cuts once for answers that report the same event within a round trip", () => {
    const h = harness({ initialLimit: 16 });
    h.answer(50);
    h.limit.onOverload(h.now(), "throttled");
    h.advance(10);
    h.limit.onOverload(h.now(), "throttled"); // another batch of the same flight
    expect(h.limit.current()).toBe(8);
  });

  it("ignores the answers of batches sent before the last cut", () => {
    const h = harness({ initialLimit: 8 });
    const sentBefore = h.now();
    h.advance(5);
    h.limit.onOverload(h.now(), "throttled");
    h.advance(20);
    h.limit.onClean(sentBefore, h.now(), 20);
    expect(h.limit.current()).toBe(4);
  });

  it("backs off while the round trip grows (batches queue at Graph), and holds in between", () => {
    const h = harness({ alpha: 3, beta: 6, slowStart: true });
    for (let i = 0; i < 3; i++) h.round(100); // 8 in flight, no-load round trip 100 ms
    expect(h.limit.current()).toBe(8);
    h.answer(140); // 8 × (1 − 100/140) ≈ 2.3 queued: under alpha, still grows
    expect(h.limit.current()).toBe(9);
    h.answer(250); // 9 × 0.6 = 5.4: between alpha and beta, holds
    expect(h.limit.current()).toBe(9);
    const before = h.limit.current();
    for (let i = 0; i < 3; i++) h.answer(400); // 9 × 0.75 = 6.75 queued and more: shrinks
    expect(h.limit.current()).toBeLessThan(before);
    expect(h.trace.some((e) => e.cause === "latency")).toBe(true);
    h.round(400); // latency stays high: it never grows again
    expect(h.trace.at(-1)?.cause).toBe("latency");
  });

  it("judges latency only on batches as large as the largest seen (a short batch is naturally quicker)", () => {
    const h = harness({ initialLimit: 8, alpha: 3, beta: 6 });
    h.answer(30, 5); // a short batch: a quick answer
    h.answer(200, 20); // a full batch: slower, but it sets its own no-load round trip
    expect(h.trace.some((e) => e.cause === "latency")).toBe(false);
    const before = h.limit.current();
    h.answer(30, 5); // short batches no longer judge anything
    expect(h.limit.current()).toBe(before);
  });

  it("never goes below its floor", () => {
    const h = harness({ initialLimit: 4, minLimit: 2 });
    for (let i = 0; i < 5; i++) {
      h.advance(1_000);
      h.limit.onOverload(h.now(), "throttled");
    }
    expect(h.limit.current()).toBe(2);
  });
});
