// The batch dispatcher: the queue of invites still to send and the loop that sends them. It takes the
// invites that are ready (their notBefore has passed), at most the pacer's batch cap at a time, into a
// free in-flight slot when the pacer allows, and otherwise sleeps until the next one is due or something
// changes (a batch ends, the person cancels or answers the pause: loop-wakeup.ts). How many batches may be
// in flight is the pacer's to say (its concurrency controller, concurrency.ts), and the dispatcher tells it
// how long each batch took, from sending to its answers handled. When the run halts it
// sends nothing new, records what is queued as not sent, and waits for the batches in flight. It knows
// nothing of Graph: sending a batch and settling a failed one are hooks, so a fake clock drives it in
// tests (test/app/batch-dispatcher.test.ts).

import type { ShareOptions, Recipient } from "../core/types";
import type { Clock } from "../core/ports";
import type { LoopWakeup } from "./loop-wakeup";
import type { Pacer } from "./pacer";
import type { StopReason } from "./run-stop";

/** One recipient's invite waiting in the queue. */
export interface Pending {
  recipient: Recipient;
  options: ShareOptions;
  /** Attempts counted against the retry policy so far. */
  attempt: number;
  /** Graph time waited so far before resending (retry-policy.ts caps it). */
  waitedMs: number;
  /** Clock time before which it is not sent. */
  notBefore: number;
}

export interface DispatchHooks {
  /** Sends one batch and handles its answers. */
  send(batch: Pending[]): Promise<void>;
  /** send() threw: the batch's recipients must not be stranded. */
  failed(batch: Pending[], error: unknown): void;
  /** A batch is done (its slot is already free); may write back alongside the next batch. */
  answered(): Promise<void>;
  /** Whether the run halts, asked before every step. */
  halt(): StopReason | "cancelled" | undefined;
  /** Settles a queued recipient the halted run never sent. */
  notSent(p: Pending, why: StopReason | "cancelled"): void;
  /** Set while the person decides at the pause: nothing is sent meanwhile. */
  paused(): boolean;
}

export class BatchDispatcher {
  private readonly queue: Pending[] = [];
  private inFlight = 0;
  private readonly workers: Promise<void>[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly pacer: Pick<Pacer, "nextSlot" | "batchCap" | "onSend" | "onBatchDone">,
    private readonly wakeup: LoopWakeup,
    private readonly batchSize: number,
    /** Multiplies every retry delay (1 against Graph; smaller against the emulator in tests). */
    private readonly timeScale: number,
    private readonly hooks: DispatchHooks,
  ) {}

  get queued(): number {
    return this.queue.length;
  }

  /** Queues an invite to send as soon as the pacer allows. */
  add(p: Pending): void {
    this.queue.push(p);
  }

  /** Queues an invite again after delayMs (Graph time), counting one more attempt. */
  requeue(p: Pending, delayMs: number): void {
    p.attempt += 1;
    p.waitedMs += delayMs;
    p.notBefore = this.clock.now() + delayMs * this.timeScale;
    this.queue.push(p);
  }

  /** Queues an invite again to send now, counting no attempt of its own (the caller counts, if needed). */
  resendNow(p: Pending): void {
    p.notBefore = this.clock.now();
    this.queue.push(p);
  }

  /** Sends until the queue is empty and nothing is in flight, or the run halts. */
  async run(signal?: AbortSignal): Promise<void> {
    const poke = this.wakeup.poke;
    signal?.addEventListener("abort", poke);
    while (this.queue.length > 0 || this.inFlight > 0) {
      const halt = this.hooks.halt();
      if (halt) {
        // Nothing new is sent; what is queued is recorded as not sent. In-flight batches finish.
        for (const p of this.queue.splice(0)) this.hooks.notSent(p, halt);
        if (this.inFlight === 0) break;
        await this.wakeup.changed();
        continue;
      }
      const wait = this.step();
      if (wait) await wait; // after a launch the loop goes on at once, to fill the next free slot
    }
    await Promise.allSettled(this.workers);
    signal?.removeEventListener("abort", poke);
  }

  /**
   * One turn of the loop while the run goes on: sends a ready batch (and returns nothing), or returns
   * what to wait for: the pause's answer, a free slot, or the next invite's time.
   */
  private step(): Promise<void> | undefined {
    if (this.hooks.paused()) return this.wakeup.changed(); // nothing is sent while the person decides
    const gate = this.pacer.nextSlot(this.inFlight);
    if (gate > 0) return this.wakeup.nap(gate);
    const ready = this.takeReady();
    if (ready.length > 0) {
      this.pacer.onSend(ready.length);
      this.launch(ready);
      return undefined;
    }
    const earliest = this.queue.length
      ? Math.min(...this.queue.map((p) => p.notBefore)) - this.clock.now()
      : Infinity;
    return this.wakeup.nap(Number.isFinite(earliest) ? Math.max(1, earliest) : Infinity);
  }

  private takeReady(): Pending[] {
    const now = this.clock.now();
    this.queue.sort((a, b) => a.notBefore - b.notBefore);
    const ready: Pending[] = [];
    const cap = this.pacer.batchCap(this.batchSize);
    while (ready.length < cap && this.queue.length && (this.queue[0]?.notBefore ?? 0) <= now) {
      const p = this.queue.shift();
      if (p) ready.push(p);
    }
    return ready;
  }

  private launch(batch: Pending[]): void {
    this.inFlight += 1;
    const sentAt = this.clock.now();
    const w = this.hooks
      .send(batch)
      .then(
        () => this.pacer.onBatchDone(sentAt, batch.length),
        (e: unknown) => this.hooks.failed(batch, e),
      )
      .finally(() => {
        // The slot is free as soon as Graph has answered; writing back runs alongside the next batch.
        this.inFlight -= 1;
        this.wakeup.poke();
        return this.hooks.answered();
      });
    this.workers.push(w);
  }
}
