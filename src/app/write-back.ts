// Write-back after every batch: finished recipients' log rows, and the status of every row whose
// recipients all have an outcome. Flushes are chained so they land in order.
//
// One bad row must never stop the record of everyone else:
// - log rows and statuses go out in separate requests, in chunks of a few hundred rows and at most
//   2 MB (Excel on the web refuses a request over 5 MB), so any number of rows can be written;
// - a chunk Excel refuses is split in halves and retried, down to the single row it refuses; that row
//   is tried again (3 attempts in all) and then reported in `unwritableRows` instead of being queued
//   forever;
// - when nothing at all could be written (the workbook is read-only, the log's sheet was deleted) the
//   rows stay queued for the next flush and `error` says why.

import { cellAddress } from "../core/a1";
import { chunkBySize, rowPayloadSize } from "../core/cell-text";
import { PERMISSION_LOG_COLUMNS, STATUS_COLUMN_HEADER } from "../core/permission-log";
import { duplicateIndex, isWritableStatusCell, rowStatusText } from "../core/results";
import type { Outcome, ParsedSelection } from "../core/types";
import type { FlushReport, StatusWrite, WorkbookPort } from "../core/ports";

/** Attempts at writing one row, alone, before it is reported as unwritable. */
export const MAX_ROW_ATTEMPTS = 3;
/** Failed requests one flush may make while isolating bad rows before it leaves the rest queued. */
const FAILED_CALLS_PER_FLUSH = 40;

/** A row the workbook would not take; the run goes on without it and the pane lists it. */
export interface UnwritableRow {
  kind: "log" | "status";
  /** What it was: "Log row for megan@contoso.com (Roster!B4)", "Status cell Roster!C4". */
  what: string;
  /** Excel's reason. */
  reason: string;
}

interface Item<T> {
  value: T;
  failures: number;
  error?: unknown;
}

interface Attempt {
  succeeded: boolean;
  failedCalls: number;
  lastError: unknown;
}

type Writer<T> = (values: T[]) => Promise<FlushReport | void>;

const RECIPIENT = PERMISSION_LOG_COLUMNS.indexOf("Recipient");
const SOURCE = PERMISSION_LOG_COLUMNS.indexOf("Source cell");

function describeLogRow(row: readonly string[]): string {
  const who = row[RECIPIENT] || row[PERMISSION_LOG_COLUMNS.indexOf("Status")] || "a run";
  const where = row[SOURCE];
  return `Log row for ${who.slice(0, 200)}${where ? ` (${where})` : ""}`;
}

function describeStatus(s: StatusWrite): string {
  return `Status cell ${cellAddress(s.sheet, s.row, s.column)}`;
}

function reasonOf(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.slice(0, 500);
}

export class WriteBack {
  private readonly written = new Set<string>();
  private pendingLog: Array<Item<string[]>> = [];
  private pendingStatuses: Array<Item<StatusWrite>> = [];
  private readonly duplicates: Map<string, string>;
  private chain: Promise<void> = Promise.resolve();
  private headersQueued = false;
  /** Why the last flush left rows unwritten; undefined when everything queued landed. */
  error: unknown;
  /** Status cells left alone because they hold the person's own data (or a formula). */
  statusesSkipped = 0;
  /** Rows the workbook refused MAX_ROW_ATTEMPTS times, or whose text Excel would not keep as text. */
  readonly unwritableRows: UnwritableRow[] = [];

  constructor(
    private readonly workbook: WorkbookPort,
    private readonly parsed: ParsedSelection,
    private readonly outcomes: ReadonlyMap<string, Outcome>,
  ) {
    this.duplicates = duplicateIndex(parsed);
  }

  /** Queues a row for the Permissions log. */
  log(row: string[]): void {
    this.pendingLog.push({ value: row, failures: 0 });
  }

  /** The status of every row naming this recipient is written again at the next flush (verify-after). */
  restate(key: string): void {
    for (const row of this.parsed.rows) {
      if (row.recipientKeys.includes(key)) this.written.delete(row.statusCell.address);
    }
  }

  /**
   * Writes what is ready. `final`: the run is over, so rows none of whose recipients took part (a
   * "Retry failed" run) are settled as they are.
   */
  flush(final: boolean): Promise<void> {
    this.queueStatuses(final);
    if (this.pendingLog.length === 0 && this.pendingStatuses.length === 0) return this.chain;
    this.chain = this.chain.then(() => this.writePending());
    return this.chain;
  }

  private queueStatuses(final: boolean): void {
    const add = (s: StatusWrite) => this.pendingStatuses.push({ value: s, failures: 0 });
    if (!this.headersQueued) {
      this.headersQueued = true;
      for (const h of this.parsed.headers) {
        if (isWritableStatusCell(h.statusCellValue)) {
          add({ sheet: h.sheet, row: h.row, column: h.statusCell.column, text: STATUS_COLUMN_HEADER });
        }
      }
    }
    for (const row of this.parsed.rows) {
      const id = row.statusCell.address;
      if (this.written.has(id)) continue;
      const text = rowStatusText(row, this.outcomes, this.duplicates);
      if (text === undefined) {
        // A row none of whose recipients is part of this run keeps its status.
        if (final) this.written.add(id);
        continue;
      }
      this.written.add(id);
      if (!isWritableStatusCell(row.statusCellValue)) {
        this.statusesSkipped += 1;
        continue;
      }
      add({ sheet: row.sheet, row: row.row, column: row.statusCell.column, text });
    }
  }

  private async writePending(): Promise<void> {
    const attempt: Attempt = { succeeded: false, failedCalls: 0, lastError: undefined };
    const logs = this.pendingLog.splice(0);
    const statuses = this.pendingStatuses.splice(0);
    const logLeft = await this.writeAll(
      logs,
      (rows) => this.workbook.flush({ logRows: rows, statuses: [] }),
      (row) => rowPayloadSize(row),
      (row) => ({ kind: "log", what: describeLogRow(row) }),
      attempt,
    );
    const statusLeft = await this.writeAll(
      statuses,
      (cells) => this.workbook.flush({ logRows: [], statuses: cells }),
      (s) => rowPayloadSize([s.text]) + 64,
      (s) => ({ kind: "status", what: describeStatus(s) }),
      attempt,
    );
    // Rows queued meanwhile go after the ones that are still waiting, keeping the log in order.
    this.pendingLog.unshift(...logLeft);
    this.pendingStatuses.unshift(...statusLeft);
    this.error = logLeft.length + statusLeft.length > 0 ? attempt.lastError : undefined;
  }

  /** Writes `items` in chunks, isolating rows Excel refuses; returns the items to keep queued. */
  private async writeAll<T>(
    items: Array<Item<T>>,
    write: Writer<T>,
    sizeOf: (value: T) => number,
    describe: (value: T) => Omit<UnwritableRow, "reason">,
    attempt: Attempt,
  ): Promise<Array<Item<T>>> {
    const left: Array<Item<T>> = [];
    const suspects: Array<Item<T>> = [];
    const report = (values: T[], result: FlushReport | void) => {
      for (const cell of result?.unsafeCells ?? []) {
        const value = values[cell.row];
        if (value === undefined) continue;
        this.unwritableRows.push({
          ...describe(value),
          reason: `the text of column ${cell.column + 1} was left out: Excel would not keep it as text`,
        });
      }
    };
    let stalled = false;
    /** One request; false when Excel refused it. */
    const send = async (chunk: Array<Item<T>>): Promise<boolean> => {
      const values = chunk.map((i) => i.value);
      try {
        report(values, await write(values));
        attempt.succeeded = true;
        return true;
      } catch (e) {
        attempt.failedCalls += 1;
        attempt.lastError = e;
        return false;
      }
    };
    const tryWrite = async (chunk: Array<Item<T>>): Promise<void> => {
      if (stalled || attempt.failedCalls >= FAILED_CALLS_PER_FLUSH) {
        left.push(...chunk);
        return;
      }
      if (await send(chunk)) return;
      const [only] = chunk;
      if (chunk.length === 1 && only) {
        only.failures += 1;
        only.error = attempt.lastError;
        suspects.push(only);
        return;
      }
      let rest = chunk;
      if (!attempt.succeeded) {
        // Nothing has landed yet: is it a row, or the workbook? The first and the last row, alone,
        // answer that in two requests; only when both fail is the workbook blamed and bisecting spared.
        const ends = [chunk[0], chunk[chunk.length - 1]].filter((i): i is Item<T> => i !== undefined);
        const landed = new Set<Item<T>>();
        for (const end of ends) if (await send([end])) landed.add(end);
        if (landed.size === 0) {
          stalled = true;
          left.push(...chunk);
          return;
        }
        rest = chunk.filter((i) => !landed.has(i));
      }
      const middle = Math.ceil(rest.length / 2);
      await tryWrite(rest.slice(0, middle));
      await tryWrite(rest.slice(middle));
    };
    for (const chunk of chunkBySize(items, (i) => sizeOf(i.value))) await tryWrite(chunk);
    // A row that fails alone while others land is tried again, then reported and dropped. When nothing
    // landed, the workbook (not the row) is the problem: everything stays queued.
    for (const item of suspects) {
      let landed = false;
      while (attempt.succeeded && !landed && item.failures < MAX_ROW_ATTEMPTS) {
        try {
          report([item.value], await write([item.value]));
          landed = true;
        } catch (e) {
          item.failures += 1;
          item.error = e;
        }
      }
      if (landed) continue;
      if (item.failures >= MAX_ROW_ATTEMPTS) {
        this.unwritableRows.push({ ...describe(item.value), reason: reasonOf(item.error) });
      } else left.push(item);
    }
    return left;
  }
}
