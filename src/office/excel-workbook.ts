// The add-in's only contact with the Excel JavaScript API: reading the selection, creating the
// Permissions log table, and writing log rows and statuses. Each function is a fixed, small number of
// context.sync() round trips whatever the size of the selection; everything else is pure code.
// Errors from Excel are not caught here: the share flow reports them.

import type { WorkbookFlush, WorkbookPort } from "../app/ports";
import {
  columnLetters,
  intersectBoxes,
  parseAddressList,
  parseRangeAddress,
  type RangeBox,
} from "../core/a1";
import { PERMISSION_LOG_COLUMNS, PERMISSION_LOG_SHEET, PERMISSION_LOG_TABLE } from "../core/permission-log";
import { groupStatusWrites } from "../core/status-blocks";
import type { CellArea, CellValue, SelectionGrid } from "../core/types";

const MAX_COLUMNS = 16384;

export function createExcelWorkbookPort(): WorkbookPort {
  return { readSelection, documentUrl, ensureLog, flush };
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
      beside?.load("values");
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
            ? beside.values.map((row) => toCellValue(row[0]))
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

function logSheetCandidate(n: number): string {
  return n === 1 ? PERMISSION_LOG_SHEET : `${PERMISSION_LOG_SHEET} (${n})`;
}

/**
 * Finds the log table, or creates it on "Permissions" (or "Permissions (2)", ... when a sheet of that
 * name already holds something: a person's sheet is never written over). The log's columns get the
 * Text format first, so appended cells are stored as text and never run as formulas.
 */
async function ensureLog(): Promise<string> {
  return Excel.run(async (context) => {
    const workbook = context.workbook;
    const table = workbook.tables.getItemOrNullObject(PERMISSION_LOG_TABLE);
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
    const existing = new Map<string, Excel.Range>();
    for (const ws of worksheets.items) {
      const name = ws.name.toLowerCase();
      const isCandidate =
        name === PERMISSION_LOG_SHEET.toLowerCase() ||
        name.startsWith(`${PERMISSION_LOG_SHEET.toLowerCase()} (`);
      if (isCandidate) {
        const usedRange = ws.getUsedRangeOrNullObject(false);
        usedRange.load("address");
        existing.set(name, usedRange);
      }
    }
    if (existing.size > 0) await context.sync();

    let n = 1;
    for (; ; n++) {
      const usedRange = existing.get(logSheetCandidate(n).toLowerCase());
      if (!usedRange || usedRange.isNullObject) break;
    }
    const sheetName = logSheetCandidate(n);
    const sheet = existing.has(sheetName.toLowerCase())
      ? workbook.worksheets.getItem(sheetName)
      : workbook.worksheets.add(sheetName);
    const lastColumn = columnLetters(PERMISSION_LOG_COLUMNS.length - 1);
    setWholeRangeNumberFormat(sheet.getRange(`A:${lastColumn}`), "@");
    const header = sheet.getRangeByIndexes(0, 0, 1, PERMISSION_LOG_COLUMNS.length);
    header.values = [[...PERMISSION_LOG_COLUMNS]];
    const logTable = sheet.tables.add(header, true);
    logTable.name = PERMISSION_LOG_TABLE;
    header.format.autofitColumns();
    await context.sync();
    return sheetName;
  });
}

/**
 * Office.js applies a single (non-array) numberFormat to every cell of the range; the typings only
 * declare the 2-D array form, which for whole columns would be a million rows long.
 */
function setWholeRangeNumberFormat(range: Excel.Range, format: string): void {
  (range as unknown as { numberFormat: string }).numberFormat = format;
}

/**
 * One sync: append the log rows, and write the statuses in contiguous blocks, each formatted as Text
 * BEFORE its values are set, so a status such as =HYPERLINK(...) is stored as text, never a formula.
 */
async function flush(update: WorkbookFlush): Promise<void> {
  const blocks = groupStatusWrites(update.statuses);
  if (update.logRows.length === 0 && blocks.length === 0) return;
  await Excel.run(async (context) => {
    const workbook = context.workbook;
    if (update.logRows.length > 0) {
      workbook.tables.getItem(PERMISSION_LOG_TABLE).rows.add(undefined, update.logRows);
    }
    const sheets = new Map<string, Excel.Worksheet>();
    for (const block of blocks) {
      let sheet = sheets.get(block.sheet);
      if (!sheet) {
        sheet = workbook.worksheets.getItem(block.sheet);
        sheets.set(block.sheet, sheet);
      }
      const range = sheet.getRangeByIndexes(block.row, block.column, block.texts.length, 1);
      range.numberFormat = block.texts.map(() => ["@"]);
      range.values = block.texts.map((text) => [text]);
    }
    await context.sync();
  });
}
