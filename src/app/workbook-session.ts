// The workbook session of a run (api-reference/v1.0/api/workbook-createsession.md). Invites do not touch
// the workbook, so only createSession/refreshSession keep it alive: it is refreshed before it can idle
// out, the refresh interval shrinks to half of any idle time that was seen to expire it, an expired
// session is replaced, and one that keeps expiring is given up: the run goes on without the header and
// says so. Closed at the end in every case.

import type { DriveItemRef, GraphErrorInfo } from "../core/types";
import type { Clock, GraphPort } from "./ports";

const MAX_SESSIONS_LOST = 5;

export class WorkbookSession {
  id: string | undefined;
  /** Why the run went without a session, for the person. */
  note: string | undefined;
  private touchedAt = 0;
  private refreshEvery: number;
  private lostCount = 0;
  private renewal: Promise<void> | undefined;

  constructor(
    private readonly graph: GraphPort,
    private readonly item: DriveItemRef,
    private readonly clock: Clock,
    /** Refresh interval in the caller's clock (already scaled). */
    refreshEveryMs: number,
    /** Called when the run continues without a session (log rows say so from then on). */
    private readonly onSessionless: () => void,
  ) {
    this.refreshEvery = refreshEveryMs;
  }

  get sessionless(): boolean {
    return this.note !== undefined;
  }

  /** Adopts a session opened elsewhere (the start-of-run $batch), or records why there is none. */
  adopt(id: string | undefined, error?: GraphErrorInfo): void {
    if (id) {
      this.id = id;
      this.touchedAt = this.clock.now();
    } else {
      this.goWithout(error ? `${error.code}: ${error.message}` : "no session");
    }
  }

  async open(): Promise<void> {
    try {
      this.id = await this.graph.createSession(this.item);
      this.touchedAt = this.clock.now();
    } catch (e) {
      this.goWithout(e instanceof Error ? e.message : String(e));
    }
  }

  /** Refreshes the session when it has not been touched for the refresh interval. */
  async keepAlive(): Promise<void> {
    if (!this.id || this.clock.now() - this.touchedAt < this.refreshEvery) return;
    this.touchedAt = this.clock.now();
    try {
      await this.graph.refreshSession(this.item, this.id);
    } catch {
      await this.renew();
    }
  }

  /** When the session was last created or refreshed. */
  lastTouched(): number {
    return this.touchedAt;
  }

  /** Graph refused `usedId` as expired or unknown; touchedBefore is when it was last kept alive. */
  async lost(usedId: string | undefined, touchedBefore: number): Promise<void> {
    if (!usedId || this.id !== usedId) return; // already replaced by another batch
    this.id = undefined;
    this.lostCount += 1;
    this.refreshEvery = Math.max(1, Math.min(this.refreshEvery, (this.clock.now() - touchedBefore) / 2));
    if (this.lostCount > MAX_SESSIONS_LOST)
      this.goWithout(`the workbook session expired ${this.lostCount} times`);
    else await this.renew();
  }

  async close(): Promise<void> {
    const closing = this.id;
    this.id = undefined;
    if (!closing) return;
    try {
      await this.graph.closeSession(this.item, closing);
    } catch {
      // Closing is a courtesy: an unclosed session idles out in minutes. The run's result stands.
    }
  }

  private renew(): Promise<void> {
    this.renewal ??= this.open().finally(() => (this.renewal = undefined));
    return this.renewal;
  }

  private goWithout(why: string): void {
    // Personal accounts and some files have no workbook sessions: share without the header, and say so.
    this.id = undefined;
    this.note = `No workbook session could be opened (${why}); the workbook was shared without one.`;
    this.onSessionless();
  }
}
