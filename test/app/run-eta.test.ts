// The time left and the Retry-After countdown the pane shows, on a fake clock.
import { RunProgress, type ShareProgress } from "../../src/app/outcome-ledger";
import { RunEta, ThrottleAwarePacer } from "../../src/app/run-eta";

/** A fake clock: sleeps end when advance() passes their time (or their signal aborts). */
function fakeClock(start = 1_000_000) {
  let timers: { at: number; wake: () => void }[] = [];
  const clock = {
    at: start,
    now: () => clock.at,
    sleep: (ms: number, signal?: AbortSignal) =>
      new Promise<void>((resolve) => {
        if (signal?.aborted) return resolve();
        timers.push({ at: clock.at + ms, wake: resolve });
        signal?.addEventListener("abort", () => resolve());
      }),
    /** Moves time on by ms, waking every sleeper on the way, in order. */
    async advance(ms: number) {
      const end = clock.at + ms;
      for (;;) {
        await new Promise((r) => setTimeout(r, 0));
        const next = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!next) break;
        clock.at = next.at;
        timers = timers.filter((t) => t !== next);
        next.wake();
      }
      clock.at = end;
      await new Promise((r) => setTimeout(r, 0));
    },
  };
  return clock;
}

function setup(total: number, pace?: number) {
  const clock = fakeClock();
  const seen: ShareProgress[] = [];
  const progress = new RunProgress((p) => seen.push(p));
  progress.state.total = total;
  progress.state.remaining = total;
  const eta = new RunEta(clock, progress, 1, () => pace);
  const settle = (done: number) => {
    progress.state.granted = done;
    progress.state.remaining = total - done;
  };
  return { clock, seen, progress, eta, settle };
}

describe("the time left", () => {
  it("is not guessed from recipients settled before sending (already had access), nor from one answer", () => {
    const { clock, progress, eta, settle } = setup(399);
    settle(7); // already had access: settled at once
    eta.start(7);
    clock.at += 2_000;
    settle(27);
    eta.answered(27);
    expect(progress.state.etaMs).toBeUndefined();
    clock.at += 2_000;
    settle(47);
    eta.answered(47);
    // 40 recipients in 4 s: 352 left take about 35 s, not 9.
    expect(progress.state.etaMs).toBe(35_200);
    eta.stop();
  });

  it("follows the recent rate once the run slows down, not the eager start", () => {
    const { clock, progress, eta, settle } = setup(1000);
    eta.start(0);
    let done = 0;
    for (let i = 0; i < 5; i++) {
      clock.at += 500; // eager: 20 every half second
      settle((done += 20));
      eta.answered(done);
    }
    for (let i = 0; i < 20; i++) {
      clock.at += 10_000; // paced: 20 every 10 s
      settle((done += 20));
      eta.answered(done);
    }
    // 500 left at 2 a second: about 250 s (the start's 40 a second is long out of the window).
    expect(progress.state.etaMs).toBe(250_000);
    eta.stop();
  });

  it("is not shown once nothing remains", () => {
    const { clock, progress, eta, settle } = setup(40);
    eta.start(0);
    for (const done of [20, 40]) {
      clock.at += 1_000;
      settle(done);
      eta.answered(done);
    }
    expect(progress.state.etaMs).toBeUndefined();
    eta.stop();
  });

  it("is never faster than the pace the add-in keeps", () => {
    const { clock, progress, eta, settle } = setup(200, 0.5);
    eta.start(0);
    for (const done of [20, 40]) {
      clock.at += 1_000;
      settle(done);
      eta.answered(done);
    }
    // Observed 20 a second, but the pacer allows 0.5 a second: 160 left take 320 s.
    expect(progress.state.etaMs).toBe(320_000);
    eta.stop();
  });
});

describe("between answers", () => {
  it("the time left counts down once a second, and grows when answers stop coming", async () => {
    const { clock, seen, eta, settle } = setup(100);
    eta.start(0);
    for (const done of [20, 40]) {
      await clock.advance(1_000);
      settle(done);
      eta.answered(done);
    }
    // 40 in 2 s: 60 left take 3 s.
    seen.length = 0;
    await clock.advance(2_000);
    // On time (1 s on), it counts down; once the next answer is late (2 s on), the rate measured up
    // to now has dropped: 40 in 4 s, so 60 take 6 s.
    expect(seen.map((p) => p.etaMs)).toEqual([2_000, 6_000]);
    seen.length = 0;
    await clock.advance(6_000);
    const later = seen.map((p) => p.etaMs ?? 0);
    expect(later.at(-1)).toBe(60 / (40 / 10_000));
    expect(later.every((ms, i) => i === 0 || ms >= (later[i - 1] ?? 0))).toBe(true);
    eta.stop();
  });
});

describe("a Retry-After being waited out", () => {
  it("is counted down once a second, then cleared, and added to the time left", async () => {
    const { clock, seen, eta, settle } = setup(100, 1);
    eta.start(0);
    for (const done of [20, 40]) {
      await clock.advance(1_000);
      settle(done);
      eta.answered(done);
    }
    seen.length = 0;
    const pacer = new ThrottleAwarePacer(clock, {}, 1, (until) => eta.throttled(until));
    pacer.onThrottle(3_000);
    await clock.advance(3_000);
    expect(seen.map((p) => p.resumeInMs)).toEqual([3_000, 2_000, 1_000, undefined]);
    // 60 left at the pacer's 1 a second, after the wait: never less than 60 s once sending resumes.
    expect(seen[0]?.etaMs).toBe(63_000);
    expect(seen.at(-1)?.etaMs).toBe(60_000);
    eta.stop();
  });

  it("once the run has ended, nothing more is counted down", async () => {
    const { clock, seen, eta } = setup(100);
    const pacer = new ThrottleAwarePacer(clock, {}, 1, (until) => eta.throttled(until));
    eta.stop(); // the run ended: nothing more is reported
    pacer.onThrottle(2_000);
    await clock.advance(3_000);
    expect(seen).toEqual([]);
  });
});
