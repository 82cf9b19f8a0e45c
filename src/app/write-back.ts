// Write-back after every batch: finished recipients' log rows, and the status of every row whose
// recipients all have an outcome. Flushes are chained so they land in order. A flush that fails (the
// sheet was deleted, the workbook is busy) puts its rows back, to be written by the next one.

import { STATUS_COLUMN_HEADER } from "../core/permission-log";
import { duplicateIndex, isWritableStatusCell, rowStatusText } from "../core/results";
import type { Outcome, ParsedSelection } from "../core/types";
import type { StatusWrite, WorkbookPort } from "./ports";

export class WriteBack {
  private readonly written = new Set<string>();
  private readonly pendingLog: string[][] = [];
  private readonly duplicates: Map<string, string>;
  private chain: Promise<void> = Promise.resolve();
  private headersWritten = false;
  /** Why the last flush failed; undefined when it landed. */
  error: unknown;
  /** Status cells left alone because they hold the person's own data. */
  statusesSkipped = 0;

  constructor(
    private readonly workbook: WorkbookPort,
    private readonly parsed: ParsedSelection,
    private readonly outcomes: ReadonlyMap<string, Outcome>,
  ) {
    this.duplicates = duplicateIndex(parsed);
  }

  /** Queues a row for the Permissions log. */
  log(row: string[]): void {
    this.pendingLog.push(row);
  }

  /**
   * Writes what is ready. `final`: the run is over, so rows none of whose recipients took part (a
   * "Retry failed" run) are settled as they are.
   */
  flush(final: boolean): Promise<void> {
    const statuses: StatusWrite[] = [];
    const claimed: string[] = [];
    const headersNow = !this.headersWritten;
    if (headersNow) {
      this.headersWritten = true;
      for (const h of this.parsed.headers) {
        if (isWritableStatusCell(h.statusCellValue)) {
          statuses.push({
            sheet: h.sheet,
            row: h.row,
            column: h.statusCell.column,
            text: STATUS_COLUMN_HEADER,
          });
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
      claimed.push(id);
      statuses.push({ sheet: row.sheet, row: row.row, column: row.statusCell.column, text });
    }
    const logRows = this.pendingLog.splice(0, this.pendingLog.length);
    if (logRows.length === 0 && statuses.length === 0) return this.chain;
    this.chain = this.chain.then(async () => {
      try {
        await this.workbook.flush({ logRows, statuses });
        this.error = undefined;
      } catch (e) {
        this.error = e;
        this.pendingLog.unshift(...logRows);
        claimed.forEach((id) => this.written.delete(id));
        if (headersNow) this.headersWritten = false;
      }
    });
    return this.chain;
  }
}
