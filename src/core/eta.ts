// Time left in a run, from the recent rate. A run's speed changes: it starts eager, then the pacer
// slows it to what SharePoint's budget allows after a 429, and whoever already had access is settled
// at once before anything is sent. So the rate is measured over a moving window of recent progress
// (not since the start), and it is never taken as faster than the pace the add-in itself keeps. Pure:
// times are passed in.

export interface RateSample {
  /** Clock time, ms. */
  at: number;
  /** Recipients settled by then. */
  done: number;
}

/** Progress over the last `windowMs`, with the sample just before the window kept as its start. */
export class RecentRate {
  private readonly samples: RateSample[] = [];

  constructor(private readonly windowMs: number) {}

  note(sample: RateSample): void {
    this.samples.push(sample);
    // Keep one sample at or before the window's start, so the window spans its full length.
    while (this.samples.length > 2 && (this.samples[1]?.at ?? 0) <= sample.at - this.windowMs) {
      this.samples.shift();
    }
  }

  /** How many samples after the first one (answered batches, for the flow). */
  get answered(): number {
    return Math.max(0, this.samples.length - 1);
  }

  /** When progress was last noted, and the mean time between notes over the window. */
  pace(): { lastAt: number; meanGapMs: number } | undefined {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    if (!first || !last || this.samples.length < 2) return undefined;
    return { lastAt: last.at, meanGapMs: (last.at - first.at) / (this.samples.length - 1) };
  }

  /**
   * Recipients per ms over the window, up to `now` when given (time without progress slows the rate);
   * undefined until the samples span some time.
   */
  perMs(now?: number): number | undefined {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    if (!first || !last) return undefined;
    const end = Math.max(last.at, now ?? last.at);
    if (end <= first.at) return undefined;
    return Math.max(0, last.done - first.done) / (end - first.at);
  }
}

export interface EtaInput {
  remaining: number;
  /** The recent rate (RecentRate.perMs). */
  observedPerMs: number | undefined;
  /** The pace the add-in keeps (invites per clock ms), when it keeps one. */
  pacedPerMs?: number | undefined;
  /** Time still to wait before anything more is sent (a Retry-After being waited out). */
  waitMs?: number;
}

/** Estimated ms left, or undefined when there is no rate to go by yet. */
export function estimateLeftMs(input: EtaInput): number | undefined {
  const { remaining, observedPerMs, pacedPerMs } = input;
  const wait = Math.max(0, input.waitMs ?? 0);
  if (remaining <= 0) return wait;
  const rates = [observedPerMs, pacedPerMs].filter((r): r is number => r !== undefined && r > 0);
  if (rates.length === 0) return undefined;
  return Math.round(wait + remaining / Math.min(...rates));
}
