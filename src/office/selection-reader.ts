// Reads the values of the selected areas (already clipped to the used range) in as few syncs as Excel
// on the web's payload limit allows (src/office/payload.ts). Each sync reads bands of rows sized from
// the measured width of the data: the first from a guess, every later one from the JSON bytes a cell
// actually took so far. A sync Excel still refuses for its size is read again in smaller bands.

import { intersectBoxes, parseAddressList, type RangeBox } from "../core/a1";
import type { CellArea, CellValue } from "../core/types";
import { isPayloadTooLarge, jsonBytes, SYNC_BUDGET_BYTES } from "./payload";

const MAX_COLUMNS = 16384;

/**
 * JSON bytes a cell's value and value type are assumed to take before any has been measured: a
 * 30-character address and "String" take about 45. With this guess a one-column selection of up to
 * 16,000 rows is read in one sync.
 */
export const FIRST_GUESS_CELL_BYTES = 100;

/** JSON bytes of a row's brackets, beyond its cells. */
const ROW_BYTES = 8;

/** One band of rows of one area, read in one sync. */
interface Band {
  area: number;
  box: RangeBox;
}

interface BandRead {
  band: Band;
  values: CellValue[][];
  valueTypes: string[][];
  hiddenRows: boolean[];
  besideValues: CellValue[];
}

function toCellValue(value: unknown): CellValue {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? value : null;
}

/**
 * The values as cell values, in place: what Excel answers is strings, numbers and booleans already, and
 * a 100,000-row band is not copied for the odd cell that is not (it becomes null).
 */
function asCellValues(values: unknown[][]): CellValue[][] {
  for (const row of values) {
    for (let c = 0; c < row.length; c++) row[c] = toCellValue(row[c]);
  }
  return values as CellValue[][];
}

/** hiddenRows[r]: row r of `area` is covered by none of the visible boxes. */
export function hiddenRowsOf(area: RangeBox, visible: RangeBox[]): boolean[] {
  const shown = new Array<boolean>(area.rowCount).fill(false);
  for (const box of visible) {
    const overlap = intersectBoxes({ ...box, sheet: area.sheet }, area);
    if (!overlap) continue;
    for (let r = overlap.rowIndex; r < overlap.rowIndex + overlap.rowCount; r++)
      shown[r - area.rowIndex] = true;
  }
  return shown.map((isShown) => !isShown);
}

/** The bands of the next sync, from row `start.row` of area `start.area` on, within the budget. */
function planBands(boxes: RangeBox[], start: { area: number; row: number }, cellBytes: number): Band[] {
  const bands: Band[] = [];
  let budget = SYNC_BUDGET_BYTES;
  for (let area = start.area, row = start.row; area < boxes.length && budget > 0; area++, row = 0) {
    const box = boxes[area];
    if (!box) break;
    // +1: the cell beside each row is read too.
    const rowBytes = (box.columnCount + 1) * cellBytes + ROW_BYTES;
    const rows = Math.min(box.rowCount - row, Math.max(1, Math.floor(budget / rowBytes)));
    if (bands.length > 0 && rows * rowBytes > budget) break;
    bands.push({ area, box: { ...box, rowIndex: box.rowIndex + row, rowCount: rows } });
    budget -= rows * rowBytes;
    if (row + rows < box.rowCount) break;
  }
  return bands;
}

interface QueuedBand {
  band: Band;
  range: Excel.Range;
  beside: Excel.Range | undefined;
  visible: Excel.RangeAreas;
}

/** Queues the loads of one band, for readBand after the sync. */
function queueBand(sheet: Excel.Worksheet, band: Band): QueuedBand {
  const { box } = band;
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
  return { band, range, beside, visible };
}

/** What a queued band read, once its sync is done. */
function readBand({ band, range, beside, visible }: QueuedBand): BandRead {
  const visibleBoxes = visible.isNullObject ? [] : parseAddressList(visible.address);
  return {
    band,
    values: asCellValues(range.values),
    // Excel answers the types as strings already.
    valueTypes: range.valueTypes as string[][],
    hiddenRows: hiddenRowsOf(band.box, visibleBoxes),
    besideValues: beside
      ? beside.formulas.map((row) => toCellValue(row[0]))
      : new Array<CellValue>(band.box.rowCount).fill(null),
  };
}

/** JSON bytes a cell took in `reads` (values, types and the cell beside), as the host sent them. */
function measuredCellBytes(reads: BandRead[]): number {
  let bytes = 0;
  let cells = 0;
  for (const read of reads) {
    bytes += jsonBytes(read.values) + jsonBytes(read.valueTypes) + jsonBytes(read.besideValues);
    cells += read.band.box.rowCount * (read.band.box.columnCount + 1);
  }
  return cells === 0 ? 0 : bytes / cells;
}

/** Reads `boxes` (areas of `sheet`) in syncs sized to stay under the payload limit. */
export async function readAreas(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  sheetName: string,
  boxes: RangeBox[],
): Promise<CellArea[]> {
  const parts: BandRead[][] = boxes.map(() => []);
  let cellBytes = FIRST_GUESS_CELL_BYTES;
  let measured = 0;
  const next = { area: 0, row: 0 };
  while (next.area < boxes.length) {
    const bands = planBands(boxes, next, cellBytes);
    const reads = bands.map((band) => queueBand(sheet, band));
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per part: Excel on the web refuses a larger one
      await context.sync();
    } catch (e) {
      const single = bands.length === 1 && bands[0]?.box.rowCount === 1;
      if (!isPayloadTooLarge(e) || single) throw e;
      cellBytes *= 4;
      continue;
    }
    const done = reads.map(readBand);
    measured = Math.max(measured, measuredCellBytes(done));
    cellBytes = Math.max(1, measured);
    for (const read of done) parts[read.band.area]?.push(read);
    const last = bands[bands.length - 1];
    if (!last) break;
    const box = boxes[last.area];
    const end = last.box.rowIndex + last.box.rowCount - (box?.rowIndex ?? 0);
    if (box && end < box.rowCount) Object.assign(next, { area: last.area, row: end });
    else Object.assign(next, { area: last.area + 1, row: 0 });
  }
  return boxes.map((box, i) => joinBands(sheetName, box, parts[i] ?? []));
}

function joinBands(sheet: string, box: RangeBox, reads: BandRead[]): CellArea {
  if (reads.length === 1 && reads[0]) {
    const { values, valueTypes, hiddenRows, besideValues } = reads[0];
    return {
      sheet,
      rowIndex: box.rowIndex,
      columnIndex: box.columnIndex,
      values,
      valueTypes,
      hiddenRows,
      besideValues,
    };
  }
  // Filled by index, not by flatMap or spreads: a band can hold 100,000 rows.
  const rows = reads.reduce((n, read) => n + read.values.length, 0);
  const values = new Array<CellValue[]>(rows);
  const valueTypes = new Array<string[]>(rows);
  const hiddenRows = new Array<boolean>(rows);
  const besideValues = new Array<CellValue>(rows);
  let at = 0;
  for (const read of reads) {
    for (let r = 0; r < read.values.length; r++, at++) {
      values[at] = read.values[r] ?? [];
      valueTypes[at] = read.valueTypes[r] ?? [];
      hiddenRows[at] = read.hiddenRows[r] ?? false;
      besideValues[at] = read.besideValues[r] ?? null;
    }
  }
  return {
    sheet,
    rowIndex: box.rowIndex,
    columnIndex: box.columnIndex,
    values,
    valueTypes,
    hiddenRows,
    besideValues,
  };
}
