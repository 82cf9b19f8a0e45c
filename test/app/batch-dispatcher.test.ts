// The batch dispatcher on a fake clock, without Graph: which invites go out together, when, and what
// happens to the queue when the run halts or a batch throws.
import type { Clock } from "../../src/core/ports";
import type { Recipient } from "../../src/core/types";
import { BatchDispatcher, type DispatchHooks, type Pending } from "../../src/app/batch-dispatcher";
import { LoopWakeup } from "../../src/app/loop-wakeup";
import type { StopReason } from "../../src/app/run-stop";

/** A clock whose sleeps pass at once, moving the time on. */
function fakeClock(start = 1_000_000): Clock {
  let now = start;
  return {
    now: () => now,
    sleep: (ms: number) => {
      now += ms;
      return Promise.resolve();
    },
  };
}

function pending(n: number): Pending[] {
  return Array.from({ length: n }, (_, i) => {
    const recipient: Recipient = {
      key: `p${i}@contoso.com`,
      kind: "email",
      value: `p${i}@contoso.com`,
      source: { sheet: "Sheet1", row: i, column: 0, address: `A${i + 1}` },
      duplicates: [],
    };
    return {
      recipient,
      options: { role: "read", requireSignIn: true, sendInvitation: false },
      attempt: 0,
      waitedMs: 0,
      notBefore: 0,
    };
  });
}

/** No pacing: every slot free, batches as large as asked. */
const OPEN_PACER = {
  nextSlot: () => 0,
  batchCap: (n: number) => n,
  onSend: () => undefined,
  onBatchDone: () => undefined,
};

interface Recorder {
  hooks: DispatchHooks;
  sent: Array<{ at: number; keys: string[] }>;
  notSent: Array<{ key: string; why: StopReason | "cancelled" }>;
  failed: string[];
  answered: number;
}

function recorder(
  clock: Clock,
  send: (batch: Pending[]) => Promise<void> = () => Promise.resolve(),
): Recorder {
  const r: Recorder = {
    sent: [],
    notSent: [],
    failed: [],
    answered: 0,
    hooks: {
      send: (batch) => {
        r.sent.push({ at: clock.now(), keys: batch.map((p) => p.recipient.key) });
        return send(batch);
      },
      failed: (batch) => batch.forEach((p) => r.failed.push(p.recipient.key)),
      answered: () => {
        r.answered += 1;
        return Promise.resolve();
      },
      halt: () => undefined,
      notSent: (p, why) => r.notSent.push({ key: p.recipient.key, why }),
      paused: () => false,
    },
  };
  return r;
}

describe("BatchDispatcher", () => {
  it("sends the queue in batches of at most the batch size, each invite once", async () => {
    const clock = fakeClock();
    const rec = recorder(clock);
    const d = new BatchDispatcher(clock, OPEN_PACER, new LoopWakeup(clock), 2, 1, rec.hooks);
    pending(5).forEach((p) => d.add(p));
    await d.run();
    expect(rec.sent.map((b) => b.keys.length)).toEqual([2, 2, 1]);
    expect(rec.sent.flatMap((b) => b.keys).sort()).toEqual(
      pending(5)
        .map((p) => p.recipient.key)
        .sort(),
    );
    expect(rec.answered).toBe(3);
    expect(d.queued).toBe(0);
  });

  it("sends a requeued invite only once its delay (scaled) has passed, counting the attempt", async () => {
    const clock = fakeClock();
    const start = clock.now();
    const [only] = pending(1);
    const requeue = (batch: Pending[]): Promise<void> => {
      if (batch[0] && batch[0].attempt === 0) d.requeue(batch[0], 4_000);
      return Promise.resolve();
    };
    const rec = recorder(clock, requeue);
    const d: BatchDispatcher = new BatchDispatcher(
      clock,
      OPEN_PACER,
      new LoopWakeup(clock),
      20,
      0.5,
      rec.hooks,
    );
    if (only) d.add(only);
    await d.run();
    expect(rec.sent.map((b) => b.at - start)).toEqual([0, 2_000]);
    expect(only?.attempt).toBe(1);
    expect(only?.waitedMs).toBe(4_000);
  });

  it("waits for the pacer's next slot before sending", async () => {
    const clock = fakeClock();
    const start = clock.now();
    const rec = recorder(clock);
    let lastSend = Number.NEGATIVE_INFINITY;
    const pacer = {
      nextSlot: () => Math.max(0, lastSend + 100 - clock.now()),
      batchCap: (n: number) => n,
      onSend: () => void (lastSend = clock.now()),
      onBatchDone: () => undefined,
    };
    const d = new BatchDispatcher(clock, pacer, new LoopWakeup(clock), 1, 1, rec.hooks);
    pending(3).forEach((p) => d.add(p));
    await d.run();
    expect(rec.sent.map((b) => b.at - start)).toEqual([0, 100, 200]);
  });

  it("keeps no more batches in flight than the pacer allows, and tells it each batch's round trip", async () => {
    const clock = fakeClock();
    let inFlight = 0;
    let most = 0;
    const rec = recorder(clock, async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await clock.sleep(50); // Graph answers 50 ms later
      inFlight -= 1;
    });
    const done: Array<{ size: number; rtt: number }> = [];
    const pacer = {
      nextSlot: (n: number) => (n >= 2 ? 60_000 : 0),
      batchCap: (n: number) => n,
      onSend: () => undefined,
      onBatchDone: (sentAt: number, size: number) => void done.push({ size, rtt: clock.now() - sentAt }),
    };
    const d = new BatchDispatcher(clock, pacer, new LoopWakeup(clock), 2, 1, rec.hooks);
    pending(7).forEach((p) => d.add(p));
    await d.run();
    expect(most).toBe(2);
    expect(done.map((b) => b.size).sort()).toEqual([1, 2, 2, 2]);
    expect(done.every((b) => b.rtt >= 50)).toBe(true);
  });

  it("a batch whose send threw is not reported to the pacer as a round trip", async () => {
    const clock = fakeClock();
    const rec = recorder(clock, () => Promise.reject(new Error("boom")));
    const done: number[] = [];
    const pacer = { ...OPEN_PACER, onBatchDone: (_: number, size: number) => void done.push(size) };
    const d = new BatchDispatcher(clock, pacer, new LoopWakeup(clock), 2, 1, rec.hooks);
    pending(2).forEach((p) => d.add(p));
    await d.run();
    expect(rec.failed).toHaveLength(2);
    expect(done).toEqual([]);
  });

  it("when the run halts, sends nothing new and records what is queued as not sent", async () => {
    const clock = fakeClock();
    let halt: StopReason | "cancelled" | undefined;
    const rec = recorder(clock, () => {
      halt = "cancelled"; // the person cancels while the first batch is in flight
      return Promise.resolve();
    });
    rec.hooks.halt = () => halt;
    const d = new BatchDispatcher(clock, OPEN_PACER, new LoopWakeup(clock), 2, 1, rec.hooks);
    pending(5).forEach((p) => d.add(p));
    await d.run();
    expect(rec.sent).toHaveLength(1);
    expect(rec.notSent).toEqual(
      pending(5)
        .slice(2)
        .map((p) => ({ key: p.recipient.key, why: "cancelled" })),
    );
    expect(rec.answered).toBe(1);
  });

  it("sends nothing while the pause waits for an answer", async () => {
    const clock = fakeClock();
    const wakeup = new LoopWakeup(clock);
    let paused = true;
    const rec = recorder(clock);
    rec.hooks.paused = () => paused;
    const d = new BatchDispatcher(clock, OPEN_PACER, wakeup, 20, 1, rec.hooks);
    pending(1).forEach((p) => d.add(p));
    const done = d.run();
    await new Promise((resolve) => setImmediate(resolve));
    expect(rec.sent).toHaveLength(0);
    paused = false;
    wakeup.poke();
    await done;
    expect(rec.sent).toHaveLength(1);
  });

  it("hands a batch whose send threw to the failed hook, and goes on with the rest", async () => {
    const clock = fakeClock();
    let calls = 0;
    const rec = recorder(clock, () =>
      ++calls === 1 ? Promise.reject(new Error("boom")) : Promise.resolve(),
    );
    const d = new BatchDispatcher(clock, OPEN_PACER, new LoopWakeup(clock), 2, 1, rec.hooks);
    pending(3).forEach((p) => d.add(p));
    await d.run();
    expect(rec.failed).toEqual(pending(2).map((p) => p.recipient.key));
    expect(rec.sent).toHaveLength(2);
    expect(rec.answered).toBe(2);
  });
});
