// The share loop's alarm clock: it sleeps until a time passes or something changes (a batch ends, the
// person cancels, the pause is answered), whichever comes first, and leaves no timer behind.

import type { Clock } from "../core/ports";

export class LoopWakeup {
  private wake: () => void = () => undefined;
  private next: Promise<void>;

  constructor(private readonly clock: Clock) {
    this.next = new Promise<void>((resolve) => (this.wake = resolve));
  }

  /** Something changed: whoever sleeps wakes up. */
  readonly poke = (): void => {
    this.wake();
    this.next = new Promise<void>((resolve) => (this.wake = resolve));
  };

  /** Resolves at the next poke. */
  changed(): Promise<void> {
    return this.next;
  }

  /** Sleeps until ms pass (Infinity: until a poke) or a poke comes. */
  async nap(ms: number): Promise<void> {
    const done = new AbortController();
    try {
      await Promise.race([this.next, ...(Number.isFinite(ms) ? [this.clock.sleep(ms, done.signal)] : [])]);
    } finally {
      done.abort();
    }
  }
}
