// The pacer's behaviour on a fake clock: what it allows and when, never how fast anything runs
// (performance figures live in `npm run bench`).
import type { Clock } from "../../src/core/ports";
import { Pacer } from "../../src/app/pacer";

function fakeClock(start = 1_000_000): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    sleep: () => Promise.resolve(),
    advance(ms: number) {
      now += ms;
    },
  };
}

/** Sends a batch of `size` invites that all succeed `rttMs` later. */
function sendOk(pacer: Pacer, clock: ReturnType<typeof fakeClock>, size: number, rttMs = 20): void {
  pacer.onSend(size);
  clock.advance(rttMs);
  for (let i = 0; i < size; i++) pacer.onSuccess();
}

describe("Pacer", () => {
  it("starts without a rate and one batch in flight, and opens up once answers come back clean", () => {
    const clock = fakeClock();
    const pacer = new Pacer(clock, { concurrency: { probeInvites: 60 } });
    expect(pacer.currentRate()).toBeUndefined();
    expect(pacer.nextSlot(0)).toBe(0);
    expect(pacer.nextSlot(1)).toBeGreaterThan(0);
    for (let i = 0; i < 2; i++) {
      const sentAt = clock.now();
      clock.advance(20);
      pacer.onBatchDone(sentAt, 20); // the probe: one batch at a time
    }
    expect(pacer.currentConcurrency()).toBe(1);
    const sentAt = clock.now();
    clock.advance(20);
    pacer.onBatchDone(sentAt, 20); // 60 invites back clean: the probe is over
    expect(pacer.currentConcurrency()).toBe(2);
    expect(pacer.nextSlot(1)).toBe(0);
    expect(pacer.nextSlot(2)).toBeGreaterThan(0);
  });

  it("never has more in flight than maxInFlight", () => {
    const clock = fakeClock();
    const pacer = new Pacer(clock, { maxInFlight: 3, concurrency: { probeInvites: 0 } });
    for (let i = 0; i < 50; i++) {
      const sentAt = clock.now();
      clock.advance(20);
      pacer.onBatchDone(sentAt, 20);
    }
    expect(pacer.currentConcurrency()).toBe(3);
    expect(pacer.nextSlot(2)).toBe(0);
    expect(pacer.nextSlot(3)).toBeGreaterThan(0);
  });

  it("a 503 item with Retry-After pauses everyone until then and halves the batches in flight", () => {
    const clock = fakeClock();
    const pacer = new Pacer(clock, { concurrency: { initialLimit: 8 } });
    pacer.onBatchAnswers([
      { status: 200, headers: {} },
      { status: 503, headers: { "retry-after": "3" } },
    ]);
    expect(pacer.currentConcurrency()).toBe(4);
    expect(pacer.nextSlot(0)).toBe(3_000);
    clock.advance(3_000);
    expect(pacer.nextSlot(0)).toBe(0);
    expect(pacer.currentRate()).toBeUndefined(); // a 503 is not the budget: no rate
  });

  it("RateLimit headers (sent from 80 % use) are a sign of the budget: fewer batches in flight", () => {
    const clock = fakeClock();
    const pacer = new Pacer(clock, { concurrency: { initialLimit: 8 } });
    pacer.onBatchAnswers([
      { status: 200, headers: { "ratelimit-remaining": "100", "ratelimit-reset": "1" } },
    ]);
    expect(pacer.currentConcurrency()).toBe(4);
    expect(pacer.batchCap(20)).toBe(20); // 100 units = 20 invites left
  });

  it("a 503 whose Retry-After cannot be read halves the limit without a pause", () => {
    const clock = fakeClock();
    const pacer = new Pacer(clock, { concurrency: { initialLimit: 8 } });
    pacer.onUnavailable(undefined);
    expect(pacer.currentConcurrency()).toBe(4);
    expect(pacer.nextSlot(0)).toBe(0);
  });

  it("a 429 halves the batches in flight once per episode, and answers sent before it do not reopen", () => {
    const clock = fakeClock();
    const pacer = new Pacer(clock, { concurrency: { initialLimit: 8, probeInvites: 0 } });
    const sentBefore = clock.now();
    clock.advance(20);
    sendOk(pacer, clock, 20);
    pacer.onThrottle(1_000);
    pacer.onThrottle(2_000); // another batch of the same episode
    expect(pacer.currentConcurrency()).toBe(4);
    pacer.onBatchDone(sentBefore, 20); // sent before the 429: not a clean answer
    expect(pacer.currentConcurrency()).toBe(4);
  });

  it("sends nothing before Retry-After has passed", () => {
    const clock = fakeClock();
    const pacer = new Pacer(clock);
    sendOk(pacer, clock, 20);
    pacer.onThrottle(3_000);
    expect(pacer.nextSlot(0)).toBe(3_000);
    clock.advance(2_999);
    expect(pacer.nextSlot(0)).toBe(1);
    clock.advance(1);
    expect(pacer.nextSlot(0)).toBe(0);
  });

  it("scales Retry-After by timeScale", () => {
    const clock = fakeClock();
    const pacer = new Pacer(clock, {}, 0.01);
    pacer.onThrottle(2_000);
    expect(pacer.nextSlot(0)).toBe(20);
  });

  it("drops the rate below what got through since the last pause", () => {
    const clock = fakeClock();
    const pacer = new Pacer(clock, { backoffFactor: 0.9 });
    // 120 invites got through in 300 ms, then the budget ran out with Retry-After 1 s.
    for (let i = 0; i < 6; i++) sendOk(pacer, clock, 20, 50);
    pacer.onThrottle(1_000);
    const rate = pacer.currentRate();
    expect(rate).toBeDefined();
    // Measured over at least the Retry-After: 120 a second, less the backoff.
    expect(rate).toBeCloseTo(108, 5);
    expect(rate ?? Infinity).toBeLessThan(120);
  });

  it("counts 429s of batches sent before the pause as the same episode: longer pause, no second cut", () => {
    const clock = fakeClock();
    const pacer = new Pacer(clock, { backoffFactor: 0.9 });
    for (let i = 0; i < 6; i++) sendOk(pacer, clock, 20, 50);
    pacer.onThrottle(1_000);
    const rate = pacer.currentRate();
    clock.advance(5);
    pacer.onThrottle(2_000); // the other batch in flight, answered with a grown Retry-After
    expect(pacer.currentRate()).toBe(rate);
    expect(pacer.episodes).toBe(1);
    expect(pacer.throttles).toBe(2);
    expect(pacer.nextSlot(0)).toBe(2_000);
  });

  it("after a 429 sends one batch at a time, spaced by the rate", () => {
    const clock = fakeClock();
    const pacer = new Pacer(clock, { maxInFlight: 4, backoffFactor: 1 });
    for (let i = 0; i < 5; i++) sendOk(pacer, clock, 20, 10);
    pacer.onThrottle(1_000); // 100 through, over 1 s: 100 a second
    clock.advance(1_000);
    expect(pacer.nextSlot(0)).toBe(0);
    expect(pacer.nextSlot(1)).toBeGreaterThan(0); // one in flight at most
    pacer.onSend(20);
    expect(pacer.nextSlot(0)).toBe(200); // 20 invites at 100 a second
    clock.advance(200);
    expect(pacer.nextSlot(0)).toBe(0);
  });

  it("cuts the rate again on a later episode, never below minRate", () => {
    const clock = fakeClock();
    const pacer = new Pacer(clock, { backoffFactor: 0.5, minRate: 2 });
    sendOk(pacer, clock, 20);
    pacer.onThrottle(1_000);
    const first = pacer.currentRate() ?? 0;
    for (let i = 0; i < 5; i++) {
      clock.advance(1_000);
      pacer.onThrottle(1_000);
    }
    const last = pacer.currentRate() ?? 0;
    expect(last).toBeLessThan(first);
    expect(last).toBe(2);
    expect(pacer.episodes).toBe(6);
  });

  it("grows back slowly: by increaseFactor per increaseEveryMs without a 429", () => {
    const clock = fakeClock();
    const pacer = new Pacer(clock, { backoffFactor: 1, increaseEveryMs: 5_000, increaseFactor: 1.02 });
    for (let i = 0; i < 5; i++) sendOk(pacer, clock, 20, 10);
    pacer.onThrottle(1_000);
    const base = pacer.currentRate() ?? 0;
    clock.advance(4_999);
    pacer.nextSlot(0);
    expect(pacer.currentRate()).toBe(base);
    clock.advance(1);
    pacer.nextSlot(0);
    expect(pacer.currentRate()).toBeCloseTo(base * 1.02, 9);
    clock.advance(5_000);
    pacer.nextSlot(0);
    expect(pacer.currentRate()).toBeCloseTo(base * 1.02 * 1.02, 9);
  });

  it("honours initialRate from the start, one batch at a time", () => {
    const clock = fakeClock();
    const pacer = new Pacer(clock, { initialRate: 10, maxInFlight: 4 });
    expect(pacer.currentConcurrency()).toBe(1);
    expect(pacer.nextSlot(0)).toBe(0);
    pacer.onSend(20);
    expect(pacer.nextSlot(0)).toBe(2_000);
  });

  it("spends no more than the announced budget (RateLimit-Remaining), then waits for RateLimit-Reset", () => {
    const clock = fakeClock();
    const pacer = new Pacer(clock);
    pacer.onSend(20); // a batch still in flight when the header arrives
    // 150 units left = 30 invites, 20 of which the batch in flight will use.
    pacer.onRateLimit(150, 2);
    expect(pacer.batchCap(20)).toBe(10);
    expect(pacer.nextSlot(0)).toBe(0);
    pacer.onSend(10);
    expect(pacer.batchCap(20)).toBe(0);
    expect(pacer.nextSlot(0)).toBe(2_000);
    clock.advance(2_000);
    // A new window: the budget is no longer known, full batches again.
    expect(pacer.batchCap(20)).toBe(20);
    expect(pacer.nextSlot(0)).toBe(0);
  });
});
