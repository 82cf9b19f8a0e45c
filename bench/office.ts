// Office.js cost on the simulated host (model.syncCount counts context.sync round trips) and the core's
// parsing speed: the two things that grow with the selection rather than with Graph.
import type { StatusWrite } from "../src/core/ports";
import { PERMISSION_LOG_COLUMNS } from "../src/core/permission-log";
import { parseRecipients } from "../src/core/recipients";
import type { CellValue, SelectionGrid } from "../src/core/types";
import { createExcelWorkbookPort } from "../src/office/excel-workbook";
import { installExcelSimulator } from "../test/excel-sim/install";
import { rosterWorkbook } from "./pipeline";
import { roster } from "./workload";

export interface SyncResult {
  readSyncs: number;
  readMs: number;
  writeSyncs: number;
  writeMs: number;
  recipients: number;
}

/** Reads a selection of `rows` addresses (plus header), then writes one result per row in one flush. */
export async function measureSyncs(rows: number): Promise<SyncResult> {
  const model = rosterWorkbook(roster(rows));
  const uninstall = installExcelSimulator(model);
  try {
    const port = createExcelWorkbookPort();
    let before = model.syncCount;
    let started = performance.now();
    const grid = await port.readSelection();
    const readMs = performance.now() - started;
    const readSyncs = model.syncCount - before;
    const parsed = parseRecipients(grid);

    await port.ensureLog();
    const statuses: StatusWrite[] = parsed.rows.map((r) => ({
      sheet: r.sheet,
      row: r.row,
      column: r.statusCell.column,
      text: "Shared (read)",
    }));
    const logRows = parsed.recipients.map((r) =>
      PERMISSION_LOG_COLUMNS.map((c) => (c === "Recipient" ? r.key : c === "Status" ? "granted" : "")),
    );
    before = model.syncCount;
    started = performance.now();
    await port.flush({ logRows, statuses });
    return {
      readSyncs,
      readMs,
      writeSyncs: model.syncCount - before,
      writeMs: performance.now() - started,
      recipients: parsed.recipients.length,
    };
  } finally {
    uninstall();
  }
}

/** A one-column selection of `cells` cells: a header, then addresses. */
export function syntheticGrid(cells: number): SelectionGrid {
  const values: CellValue[][] = [["Email"]];
  for (let i = 1; i < cells; i++) {
    // Mostly one plain address a cell, as rosters are; some display names, lists, blanks and junk.
    const v =
      i % 50 === 0
        ? "not an address"
        : i % 97 === 0
          ? null
          : i % 10 === 0
            ? `Person ${i} <person${i}@fabrikam.com>; p${i}@contoso.com`
            : `person${i}@fabrikam.com`;
    values.push([v]);
  }
  return { areas: [{ sheet: "Roster", rowIndex: 0, columnIndex: 0, values }] };
}

/** Median wall time of parseRecipients over `runs` runs (after one warm-up), and what it found. */
export function measureParse(cells: number, runs = 5): { wallMs: number; recipients: number } {
  const grid = syntheticGrid(cells);
  let recipients = parseRecipients(grid).recipients.length;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    recipients = parseRecipients(grid).recipients.length;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { wallMs: times[Math.floor(times.length / 2)] ?? 0, recipients };
}
