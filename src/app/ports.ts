// The small interfaces the share flow runs over. The Office adapters (src/office) and the Graph
// client (src/graph) implement them; tests and the benchmark may pass in-memory ones.

import type { SelectionGrid } from "../core/types";

/** One status cell to write beside a selected row (0-based sheet coordinates). */
export interface StatusWrite {
  sheet: string;
  row: number;
  column: number;
  text: string;
}

/** What one flush writes: rows appended to the Permissions log, and status cells. */
export interface WorkbookFlush {
  /** Each row has exactly PERMISSION_LOG_COLUMNS.length strings (src/core/permission-log.ts). */
  logRows: string[][];
  statuses: StatusWrite[];
}

export interface WorkbookPort {
  /** Reads the selected cells (clipped to the used range, hidden rows marked). */
  readSelection(): Promise<SelectionGrid>;
  /** Office.context.document.url: the file's URL, a local path, or undefined for an unsaved workbook. */
  documentUrl(): string | undefined;
  /**
   * Makes sure the Permissions log table exists (creating its sheet and table on first use) and
   * returns the name of the sheet it is on. Called once before anything is sent.
   */
  ensureLog(): Promise<string>;
  /** Appends the log rows and writes the statuses, in a single context.sync. */
  flush(update: WorkbookFlush): Promise<void>;
}
