// The add-in's only contact with the Excel JavaScript API: reading the selection, creating the
// Permissions log table, and writing log rows and statuses. Each function is a fixed, small number of
// context.sync() round trips whatever the size of the selection; everything else is pure code.
// Errors from Excel are not caught here: the share flow reports them.

import type { FlushReport, PaneWorkbookPort, WorkbookFlush } from "../core/ports";
import {
  columnLetters,
  intersectBoxes,
  parseAddressList,
  parseRangeAddress,
  type RangeBox,
} from "../core/a1";
import { capCellText, chunkBySize, rowPayloadSize, startsLikeFormula } from "../core/cell-text";
import { PERMISSION_LOG_COLUMNS, PERMISSION_LOG_SHEET, PERMISSION_LOG_TABLE } from "../core/permission-log";
import { ACCESS_SHEET, ACCESS_TABLE, ACCESS_TABLE_COLUMNS } from "../core/results";
import { groupStatusWrites } from "../core/status-blocks";
import type { CellArea, CellValue, SelectionGrid } from "../core/types";

const MAX_COLUMNS = 16384;

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

function toCellValue(value: unknown): CellValue {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? value : null;
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

/** hiddenRows[r]: row r of `area` is covered by none of the visible boxes. */
function hiddenRowsOf(area: RangeBox, visible: RangeBox[]): boolean[] {
  const shown = new Array<boolean>(area.rowCount).fill(false);
  for (const box of visible) {
    const overlap = intersectBoxes({ ...box, sheet: area.sheet }, area);
    if (!overlap) continue;
    for (let r = overlap.rowIndex; r < overlap.rowIndex + overlap.rowCount; r++)
      shown[r - area.rowIndex] = true;
  }
  return shown.map((isShown) => !isShown);
}

/**
 * Two syncs whatever the selection: geometry first (areas and the used range), then the values of
 * the areas clipped to the used range, so that selecting whole columns never reads a million rows.
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

    const reads = clipped.map((box) => {
      const range = sheet.getRangeByIndexes(box.rowIndex, box.columnIndex, box.rowCount, box.columnCount);
      range.load("values,valueTypes");
      const besideColumn = box.columnIndex + box.columnCount;
      const beside =
        besideColumn < MAX_COLUMNS
          ? sheet.getRangeByIndexes(box.rowIndex, besideColumn, box.rowCount, 1)
          : undefined;
      // Formulas, not values: a formula cell reads as "=..." and so is never taken for our status
      // (src/core/results.ts), while a constant reads as its value. Same sync, same payload.
      beside?.load("formulas");
      const visible = range.getSpecialCellsOrNullObject(Excel.SpecialCellType.visible);
      visible.load("address");
      return { box, range, beside, visible };
    });
    await context.sync();

    return {
      areas: reads.map(({ box, range, beside, visible }): CellArea => {
        const visibleBoxes = visible.isNullObject ? [] : parseAddressList(visible.address);
        return {
          sheet: sheetName,
          rowIndex: box.rowIndex,
          columnIndex: box.columnIndex,
          values: range.values.map((row) => row.map(toCellValue)),
          valueTypes: range.valueTypes.map((row) => row.map(String)),
          hiddenRows: hiddenRowsOf(box, visibleBoxes),
          besideValues: beside
            ? beside.formulas.map((row) => toCellValue(row[0]))
            : new Array<CellValue>(box.rowCount).fill(null),
        };
      }),
    };
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
 * Every string is cut to MAX_CELL_TEXT characters. Returns the cells left empty by step 2.
 */
async function appendTextRows(
  context: Excel.RequestContext,
  table: Excel.Table,
  rows: readonly string[][],
): Promise<CellPos[]> {
  if (rows.length === 0) return [];
  const texts = rows.map((row) => row.map((text) => capCellText(text)));
  const risky: CellPos[] = [];
  const firstPass = texts.map((row, r) =>
    row.map((text, c) => {
      if (!startsLikeFormula(text)) return text;
      risky.push({ row: r, column: c });
      return "";
    }),
  );
  const added = table.rows.add(
    undefined,
    texts.map((row) => row.map(() => "")),
  );
  const range = added.getRange().getResizedRange(rows.length - 1, 0);
  setWholeRangeNumberFormat(range, "@");
  range.values = firstPass;
  if (risky.length > 0) range.load("numberFormat");
  await context.sync();
  if (risky.length === 0) return [];

  const unsafe: CellPos[] = [];
  for (const cell of risky) {
    if (range.numberFormat[cell.row]?.[cell.column] !== "@") {
      unsafe.push(cell);
      continue;
    }
    const target = range.getCell(cell.row, cell.column);
    target.numberFormat = [["@"]];
    target.values = [[texts[cell.row]?.[cell.column] ?? ""]];
  }
  if (unsafe.length < risky.length) await context.sync();
  return unsafe;
}

/**
 * Appends the log rows (see appendTextRows), then writes the statuses in their own request: contiguous
 * blocks, each formatted as Text BEFORE its values are set. The write-back passes one kind at a time,
 * in chunks small enough for one request (src/app/write-back.ts).
 */
async function flush(update: WorkbookFlush): Promise<FlushReport | void> {
  const blocks = groupStatusWrites(update.statuses);
  if (update.logRows.length === 0 && blocks.length === 0) return;
  return Excel.run(async (context) => {
    const workbook = context.workbook;
    let unsafeCells: CellPos[] = [];
    if (update.logRows.length > 0) {
      const table = workbook.tables.getItem(PERMISSION_LOG_TABLE);
      unsafeCells = await appendTextRows(context, table, update.logRows);
    }
    if (blocks.length > 0) {
      const sheets = new Map<string, Excel.Worksheet>();
      for (const block of blocks) {
        let sheet = sheets.get(block.sheet);
        if (!sheet) {
          sheet = workbook.worksheets.getItem(block.sheet);
          sheets.set(block.sheet, sheet);
        }
        const range = sheet.getRangeByIndexes(block.row, block.column, block.texts.length, 1);
        range.numberFormat = block.texts.map(() => ["@"]);
        range.values = block.texts.map((text) => [capCellText(text)]);
      }
      await context.sync();
    }
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
    for (const chunk of chunkBySize(rows, rowPayloadSize)) await appendTextRows(context, table, chunk);
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
