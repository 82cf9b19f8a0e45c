// The add-in's only contact with the Excel JavaScript API: reading the selection, creating the
// Permissions log table, and writing log rows and statuses. Each function takes a small number of
// context.sync() round trips: a fixed one, or, for data large enough to meet Excel on the web's 5 MB
// payload limit, as few as that limit allows (src/office/payload.ts); everything else is pure code.
// Errors from Excel are not caught here: the share flow reports them.

import type { FlushReport, PaneWorkbookPort, WorkbookFlush } from "../core/ports";
import {
  columnLetters,
  intersectBoxes,
  parseAddressList,
  parseRangeAddress,
  type RangeBox,
} from "../core/a1";
import { capCellText, startsLikeFormula } from "../core/cell-text";
import {
  logCellsForExcel,
  PERMISSION_LOG_COLUMNS,
  PERMISSION_LOG_SHEET,
  PERMISSION_LOG_TABLE,
  SHARED_AT_FORMAT,
  type LogCell,
  type UtcOffsetAt,
} from "../core/permission-log";
import { ACCESS_SHEET, ACCESS_TABLE, ACCESS_TABLE_COLUMNS } from "../core/results";
import { groupStatusWrites, type StatusBlock } from "../core/status-blocks";
import type { SelectionGrid } from "../core/types";
import { BULK_BYTES_PER_CELL, jsonBytes, packBySize, RANGE_WRITE_BYTES, SYNC_BUDGET_BYTES } from "./payload";
import { hiddenRowsOf, readAreas } from "./selection-reader";

export function createExcelWorkbookPort(): PaneWorkbookPort {
  return {
    readSelection,
    documentUrl,
    ensureLog,
    flush,
    activateSheet,
    writeAccessTable,
    readSelectedAccessRows,
    readLog,
    readSelectedLogRuns,
  };
}

function boxOf(sheet: string, range: Excel.Range): RangeBox {
  return {
    sheet,
    rowIndex: range.rowIndex,
    columnIndex: range.columnIndex,
    rowCount: range.rowCount,
    columnCount: range.columnCount,
  };
}

/**
 * Geometry first (areas and the used range), then the values of the areas clipped to the used range,
 * so that selecting whole columns never reads a million rows. The values take one sync up to some
 * 16,000 one-column rows, and then as many as Excel on the web's payload limit asks for
 * (src/office/selection-reader.ts).
 */
async function readSelection(): Promise<SelectionGrid> {
  return Excel.run(async (context) => {
    const selected = context.workbook.getSelectedRanges();
    selected.load(
      "areas/items/rowIndex,areas/items/columnIndex,areas/items/rowCount,areas/items/columnCount",
    );
    // The selection is always on the active worksheet.
    const sheet = context.workbook.worksheets.getActiveWorksheet();
    sheet.load("name");
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load("rowIndex,columnIndex,rowCount,columnCount");
    await context.sync();

    if (used.isNullObject) return { areas: [] };
    const sheetName = sheet.name;
    const usedBox = boxOf(sheetName, used);
    const clipped = selected.areas.items
      .map((area) => intersectBoxes(boxOf(sheetName, area), usedBox))
      .filter((box): box is RangeBox => box !== undefined);
    if (clipped.length === 0) return { areas: [] };
    return { areas: await readAreas(context, sheet, sheetName, clipped) };
  });
}

function documentUrl(): string | undefined {
  const url = Office.context.document.url;
  return url ? url : undefined;
}

function sheetCandidate(base: string, n: number): string {
  return n === 1 ? base : `${base} (${n})`;
}

interface TableSpec {
  sheet: string;
  table: string;
  columns: readonly string[];
}

const LOG_TABLE: TableSpec = {
  sheet: PERMISSION_LOG_SHEET,
  table: PERMISSION_LOG_TABLE,
  columns: PERMISSION_LOG_COLUMNS,
};
const ACCESS: TableSpec = { sheet: ACCESS_SHEET, table: ACCESS_TABLE, columns: ACCESS_TABLE_COLUMNS };

/**
 * Finds the log table, or creates it on "Permissions" (or "Permissions (2)", ... when a sheet of that
 * name already holds something: a person's sheet is never written over). The log's columns get the
 * Text format first, so appended cells are stored as text and never run as formulas.
 */
async function ensureLog(): Promise<string> {
  return Excel.run((context) => findOrCreateTable(context, LOG_TABLE));
}

/** The sheet name of the table of `spec`, creating the table (and its sheet) as ensureLog describes. */
async function findOrCreateTable(context: Excel.RequestContext, spec: TableSpec): Promise<string> {
  const workbook = context.workbook;
  const table = workbook.tables.getItemOrNullObject(spec.table);
  // The table's address names its sheet (a method, so no navigation through a null object).
  const tableRange = table.getRange();
  tableRange.load("address");
  const worksheets = workbook.worksheets;
  worksheets.load("items/name");
  await context.sync();
  if (!table.isNullObject) {
    const tableAddress = tableRange.address;
    return parseRangeAddress(tableAddress).sheet;
  }

  // Existing sheets named like a candidate, and whether each holds anything.
  const base = spec.sheet.toLowerCase();
  const existing = new Map<string, Excel.Range>();
  for (const ws of worksheets.items) {
    const name = ws.name.toLowerCase();
    if (name === base || name.startsWith(`${base} (`)) {
      const usedRange = ws.getUsedRangeOrNullObject(false);
      usedRange.load("address");
      existing.set(name, usedRange);
    }
  }
  if (existing.size > 0) await context.sync();

  let n = 1;
  for (; ; n++) {
    const usedRange = existing.get(sheetCandidate(spec.sheet, n).toLowerCase());
    if (!usedRange || usedRange.isNullObject) break;
  }
  const sheetName = sheetCandidate(spec.sheet, n);
  const sheet = existing.has(sheetName.toLowerCase())
    ? workbook.worksheets.getItem(sheetName)
    : workbook.worksheets.add(sheetName);
  const lastColumn = columnLetters(spec.columns.length - 1);
  setWholeRangeNumberFormat(sheet.getRange(`A:${lastColumn}`), "@");
  const header = sheet.getRangeByIndexes(0, 0, 1, spec.columns.length);
  header.values = [[...spec.columns]];
  const newTable = sheet.tables.add(header, true);
  newTable.name = spec.table;
  header.format.autofitColumns();
  await context.sync();
  return sheetName;
}

/**
 * Office.js applies a single (non-array) numberFormat to every cell of the range; the typings only
 * declare the 2-D array form, which for whole columns would be a million rows long.
 */
function setWholeRangeNumberFormat(range: Excel.Range, format: string): void {
  (range as unknown as { numberFormat: string }).numberFormat = format;
}

/** A cell of the rows being appended: row index in the rows given, column index in the row. */
interface CellPos {
  row: number;
  column: number;
}

/**
 * Appends `rows` to `table` so that every string lands as the exact text, whatever the table's columns
 * were formatted as (a table made by an older build, or reformatted by a person, may be General, where
 * "=cmd|' /C calc'!A0" would become a formula and "-3+3" a number):
 * 1. empty rows are added, then their cells get the Text format ("@") and only then the values, all in
 *    one request. Excel carries out a request's operations in order and stops at the first one that
 *    fails, so no value reaches a cell whose format write failed;
 * 2. a string that starts like a formula (= + - @ tab CR, or their full-width forms) is not in that
 *    first write: the same request reads the cells' format back, and the string is written in a second
 *    request only into a cell that reads "@". A cell that does not is left empty and reported, so
 *    such a string is never entered into a cell that is not Text.
 * Every string is cut to MAX_CELL_TEXT characters. A number (the log's "Shared at") is written as a
 * number into a cell formatted SHARED_AT_FORMAT, set in the same first step. Returns the cells left
 * empty by step 2.
 */
async function appendTextRows(
  context: Excel.RequestContext,
  table: Excel.Table,
  rows: readonly (readonly LogCell[])[],
): Promise<CellPos[]> {
  if (rows.length === 0) return [];
  const texts = rows.map((row) => row.map((cell) => (typeof cell === "number" ? cell : capCellText(cell))));
  const risky: CellPos[] = [];
  const firstPass = texts.map((row, r) =>
    row.map((text, c) => {
      if (typeof text === "number" || !startsLikeFormula(text)) return text;
      risky.push({ row: r, column: c });
      return "";
    }),
  );
  const added = table.rows.add(
    undefined,
    texts.map((row) => row.map(() => "")),
  );
  const range = added.getRange().getResizedRange(rows.length - 1, 0);
  setDateOrTextFormats(range, texts);
  range.values = firstPass;
  if (risky.length > 0) range.load("numberFormat");
  await context.sync();
  if (risky.length === 0) return [];

  const unsafe: CellPos[] = [];
  const safe: CellPos[] = [];
  for (const cell of risky) (range.numberFormat[cell.row]?.[cell.column] === "@" ? safe : unsafe).push(cell);
  const textOf = (cell: CellPos): string => String(texts[cell.row]?.[cell.column] ?? "");
  for (const part of packBySize(safe, (cell) => RANGE_WRITE_BYTES + jsonBytes(textOf(cell)))) {
    for (const cell of part) {
      const target = range.getCell(cell.row, cell.column);
      target.numberFormat = [["@"]];
      target.values = [[textOf(cell)]];
    }
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per part: Excel on the web refuses a larger one
    await context.sync();
  }
  return unsafe;
}

/**
 * Every cell Text ("@"), then the date format where a number goes (the log's "Shared at"): one format
 * for a whole column that holds only numbers, cell by cell only in a column that mixes them, so the
 * request stays small (one value per column, not one per cell).
 */
function setDateOrTextFormats(range: Excel.Range, cells: readonly (readonly LogCell[])[]): void {
  setWholeRangeNumberFormat(range, "@");
  const width = cells[0]?.length ?? 0;
  for (let c = 0; c < width; c++) {
    const numbers = cells.map((row) => typeof row[c] === "number");
    if (!numbers.some(Boolean)) continue;
    const column = range.getColumn(c);
    if (numbers.every(Boolean)) setWholeRangeNumberFormat(column, SHARED_AT_FORMAT);
    else column.numberFormat = numbers.map((isNumber) => [isNumber ? SHARED_AT_FORMAT : "@"]);
  }
}

/** The time zone of the machine running Excel (and this pane), at a moment. */
const localOffsetAt: UtcOffsetAt = (utcMs) => new Date(utcMs).getTimezoneOffset();

/**
 * Estimated request bytes of appending `row` (see appendTextRows): the empty row added, then its values
 * (formats go one per column: setDateOrTextFormats).
 */
function appendRowBytes(row: readonly LogCell[]): number {
  const values = row.map((cell) => (typeof cell === "number" ? cell : capCellText(cell)));
  return jsonBytes(values) + (3 + 2 * BULK_BYTES_PER_CELL) * row.length + 2;
}

/**
 * Appends `rows` (see appendTextRows) in as few syncs as the payload budget allows
 * (src/office/payload.ts); returns the cells left empty, by row index in `rows`.
 */
async function appendRowsInChunks(
  context: Excel.RequestContext,
  table: Excel.Table,
  rows: readonly (readonly LogCell[])[],
): Promise<CellPos[]> {
  const unsafe: CellPos[] = [];
  let offset = 0;
  for (const chunk of packBySize(rows, appendRowBytes)) {
    for (const cell of await appendTextRows(context, table, chunk))
      unsafe.push({ row: cell.row + offset, column: cell.column });
    offset += chunk.length;
  }
  return unsafe;
}

/** Estimated request bytes of one status: its text, its ["@"] format and office.js's slicing. */
function statusTextBytes(text: string): number {
  return jsonBytes(capCellText(text)) + 10 + 2 * BULK_BYTES_PER_CELL;
}

function statusBlockBytes(block: StatusBlock): number {
  return block.texts.reduce((bytes, text) => bytes + statusTextBytes(text), RANGE_WRITE_BYTES);
}

/** `block` cut into pieces of at most half the budget, so that any piece fits in a sync. */
function splitBlock(block: StatusBlock): StatusBlock[] {
  const pieces: StatusBlock[] = [];
  let current: StatusBlock = { ...block, texts: [] };
  let bytes = RANGE_WRITE_BYTES;
  for (const text of block.texts) {
    const size = statusTextBytes(text);
    if (current.texts.length > 0 && bytes + size > SYNC_BUDGET_BYTES / 2) {
      pieces.push(current);
      current = { ...block, row: current.row + current.texts.length, texts: [] };
      bytes = RANGE_WRITE_BYTES;
    }
    current.texts.push(text);
    bytes += size;
  }
  pieces.push(current);
  return pieces;
}

/** One request: each block formatted as Text BEFORE its values are set. */
async function writeStatusBlocks(context: Excel.RequestContext, blocks: StatusBlock[]): Promise<void> {
  const sheets = new Map<string, Excel.Worksheet>();
  for (const block of blocks) {
    let sheet = sheets.get(block.sheet);
    if (!sheet) {
      sheet = context.workbook.worksheets.getItem(block.sheet);
      sheets.set(block.sheet, sheet);
    }
    const range = sheet.getRangeByIndexes(block.row, block.column, block.texts.length, 1);
    range.numberFormat = block.texts.map(() => ["@"]);
    range.values = block.texts.map((text) => [capCellText(text)]);
  }
  await context.sync();
}

/**
 * Appends the log rows (see appendTextRows; "Shared at" as a local date and time), then writes the statuses in their own requests: contiguous
 * blocks, each formatted as Text BEFORE its values are set. Each kind takes as few syncs as Excel on
 * the web's payload limit allows: one for 10,000 log rows or 10,000 statuses of usual width. When a
 * later sync fails, what the earlier ones wrote stays (as within one request: Excel does not roll
 * back), so a caller that retries a failed flush passes no more than one sync's worth of log rows at a
 * time: src/app/write-back.ts passes at most 2 MB, which is one.
 */
async function flush(update: WorkbookFlush): Promise<FlushReport | void> {
  const blocks = groupStatusWrites(update.statuses).flatMap(splitBlock);
  if (update.logRows.length === 0 && blocks.length === 0) return;
  return Excel.run(async (context) => {
    let unsafeCells: CellPos[] = [];
    if (update.logRows.length > 0) {
      const table = context.workbook.tables.getItem(PERMISSION_LOG_TABLE);
      const cells = update.logRows.map((row) => logCellsForExcel(row, localOffsetAt));
      unsafeCells = await appendRowsInChunks(context, table, cells);
    }
    for (const chunk of packBySize(blocks, statusBlockBytes)) await writeStatusBlocks(context, chunk);
    return unsafeCells.length > 0 ? { unsafeCells } : undefined;
  });
}

async function activateSheet(name: string): Promise<void> {
  await Excel.run(async (context) => {
    context.workbook.worksheets.getItem(name).activate();
    await context.sync();
  });
}

/**
 * Replaces the rows of the "Current access" table: the old data rows are deleted (cells below move up)
 * and the new ones appended as text in chunks (see appendTextRows), so a display name such as "=cmd"
 * stays text even when the table's columns are not formatted as Text.
 */
async function writeAccessTable(rows: string[][]): Promise<string> {
  return Excel.run(async (context) => {
    const sheetName = await findOrCreateTable(context, ACCESS);
    const table = context.workbook.tables.getItem(ACCESS_TABLE);
    table.load("rows/count");
    await context.sync();
    if (table.rows.count > 0) table.getDataBodyRange().delete(Excel.DeleteShiftDirection.up);
    await appendRowsInChunks(context, table, rows);
    table.getRange().format.autofitColumns();
    await context.sync();
    return sheetName;
  });
}

/**
 * Two syncs: where the table and the selection are, then the Permission ID cells of the selected data
 * rows and which of them are visible (rows hidden by a filter are never picked up).
 */
async function readSelectedAccessRows(): Promise<string[]> {
  return readSelectedCells(ACCESS_TABLE, ACCESS_TABLE_COLUMNS.indexOf("Permission ID"));
}

/** The "Run ID" cells of the selected Permissions log rows (as readSelectedAccessRows does it). */
async function readSelectedLogRuns(): Promise<string[]> {
  return readSelectedCells(PERMISSION_LOG_TABLE, PERMISSION_LOG_COLUMNS.indexOf("Run ID"));
}

function cellText(value: unknown): string {
  return typeof value === "string" ? value : value === null || value === undefined ? "" : String(value);
}

/** Two syncs: whether the log exists and how many rows it has, then its header and rows as text. */
async function readLog(): Promise<string[][]> {
  return Excel.run(async (context) => {
    const table = context.workbook.tables.getItemOrNullObject(PERMISSION_LOG_TABLE);
    await context.sync();
    if (table.isNullObject) return [];
    table.rows.load("count");
    const range = table.getRange();
    range.load("values");
    await context.sync();
    const count = table.rows.count;
    return range.values.slice(0, count + 1).map((row) => row.map(cellText));
  });
}

/** The texts of one column of a table's visible, selected data rows, in table order, once each. */
async function readSelectedCells(tableName: string, columnInTable: number): Promise<string[]> {
  return Excel.run(async (context) => {
    const workbook = context.workbook;
    const table = workbook.tables.getItemOrNullObject(tableName);
    const tableRange = table.getRange();
    tableRange.load("address");
    const selected = workbook.getSelectedRanges();
    selected.load(
      "areas/items/rowIndex,areas/items/columnIndex,areas/items/rowCount,areas/items/columnCount",
    );
    const active = workbook.worksheets.getActiveWorksheet();
    active.load("name");
    await context.sync();
    if (table.isNullObject) return [];

    const whole = parseRangeAddress(tableRange.address);
    if (whole.sheet.toLowerCase() !== active.name.toLowerCase()) return [];
    const body: RangeBox = { ...whole, rowIndex: whole.rowIndex + 1, rowCount: whole.rowCount - 1 };
    if (body.rowCount < 1) return [];
    const idColumn = body.columnIndex + columnInTable;
    const reads = selected.areas.items
      .map((area) => intersectBoxes(boxOf(whole.sheet, area), body))
      .filter((box): box is RangeBox => box !== undefined)
      .map((box) => {
        const ids = active.getRangeByIndexes(box.rowIndex, idColumn, box.rowCount, 1);
        ids.load("values");
        const visible = ids.getSpecialCellsOrNullObject(Excel.SpecialCellType.visible);
        visible.load("address");
        return { box, ids, visible };
      });
    if (reads.length === 0) return [];
    await context.sync();

    const byRow = new Map<number, string>();
    for (const { box, ids, visible } of reads) {
      const hidden = hiddenRowsOf(
        { ...box, columnIndex: idColumn, columnCount: 1 },
        visible.isNullObject ? [] : parseAddressList(visible.address),
      );
      ids.values.forEach((row, r) => {
        const id = row[0];
        if (!hidden[r] && typeof id === "string" && id.trim() !== "") byRow.set(box.rowIndex + r, id.trim());
      });
    }
    return [...new Set([...byRow.entries()].sort((a, b) => a[0] - b[0]).map(([, id]) => id))];
  });
}
