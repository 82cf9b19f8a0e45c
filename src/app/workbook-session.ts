// The workbook session of a run (api-reference/v1.0/api/workbook-createsession.md). Invites do not touch
// the workbook, so only createSession/refreshSession keep it alive: it is refreshed before it can idle
// out, the refresh interval shrinks to half of any idle time that was seen to expire it, an expired
// session is replaced, and one that keeps expiring is given up: the run goes on without the header and
// says so. Closed at the end in every case.

import type { DriveItemRef, GraphErrorInfo } from "../core/types";
import type { Clock, GraphPort } from "../core/ports";
import { isSignInLost } from "./sign-in-stop";

const MAX_SESSIONS_LOST = 5;

export class WorkbookSession {
  id: string | undefined;
  /** Why the run went without a session, for the person. */
  note: string | undefined;
  private touchedAt = 0;
  private refreshEvery: number;
  private lostCount = 0;
  /** A create or refresh in flight: batches wait for it. */
  private busy: Promise<void> | undefined;

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
    const startedAt = this.clock.now();
    try {
      this.id = await this.graph.createSession(this.item);
      this.touchedAt = startedAt;
    } catch (e) {
      // A sign-in that is gone is not a file without sessions: the run stops instead (sign-in-stop.ts).
      if (isSignInLost(e)) throw e;
      this.goWithout(e instanceof Error ? e.message : String(e));
    }
  }

  /**
   * The session id the next batch must carry. Waits while a session is being created or refreshed, and
   * refreshes first when a refresh is due, so no invite goes out with a lapsed id or with none while a
   * replacement is on its way. undefined only when the run goes on without sessions.
   */
  async current(): Promise<string | undefined> {
    while (this.busy) await this.busy;
    if (this.id && this.clock.now() - this.touchedAt >= this.refreshEvery) {
      await this.exclusive(() => this.refresh());
    }
    while (this.busy) await this.busy;
    return this.id;
  }

  private async refresh(): Promise<void> {
    const id = this.id;
    if (!id) return;
    const startedAt = this.clock.now();
    try {
      await this.graph.refreshSession(this.item, id);
      this.touchedAt = startedAt;
    } catch (e) {
      if (isSignInLost(e)) throw e;
      this.id = undefined;
      await this.open();
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
    else await this.exclusive(() => this.open());
  }

  async close(): Promise<void> {
    // A replacement still being created would otherwise be left open.
    while (this.busy) await this.busy.catch(() => undefined);
    const closing = this.id;
    this.id = undefined;
    if (!closing) return;
    try {
      await this.graph.closeSession(this.item, closing);
    } catch {
      // Closing is a courtesy: an unclosed session idles out in minutes. The run's result stands.
    }
  }

  /** Runs one create or refresh at a time; whoever asks meanwhile waits for it (see current()). */
  private exclusive(work: () => Promise<void>): Promise<void> {
    if (this.busy) return this.busy;
    const run = work().finally(() => {
      if (this.busy === run) this.busy = undefined;
    });
    this.busy = run;
    return run;
  }

  private goWithout(why: string): void {
    // Personal accounts and some files have no workbook sessions: share without the header, and say so.
    this.id = undefined;
    this.note = `No workbook session could be opened (${why}); the workbook was shared without one.`;
    this.onSessionless();
  }
}
