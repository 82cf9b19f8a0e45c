// A1-style addresses: column letters, sheet-qualified cell and range addresses, and parsing of
// the comma-separated range lists Excel returns for RangeAreas ("Sheet1!A1:A3,Sheet1!A5").

import type { CellRef } from "./types";

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnLetters(column: number): string {
  if (!Number.isInteger(column) || column < 0) throw new RangeError(`bad column index ${column}`);
  let n = column + 1;
  let s = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "A" → 0, "AA" → 26. */
export function columnIndex(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) throw new RangeError(`bad column letters ${letters}`);
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Quotes a sheet name as Excel does when it needs quoting: 'My Sheet', 'O''Brien'. */
export function quoteSheetName(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) && !/^[A-Za-z]{1,3}[0-9]+$/.test(sheet)
    ? sheet
    : `'${sheet.replace(/'/g, "''")}'`;
}

export function cellAddress(sheet: string, row: number, column: number): string {
  return `${quoteSheetName(sheet)}!${columnLetters(column)}${row + 1}`;
}

export function cellRef(sheet: string, row: number, column: number): CellRef {
  return { sheet, row, column, address: cellAddress(sheet, row, column) };
}

/** A rectangle on a sheet, 0-based and inclusive. */
export interface RangeBox {
  sheet: string;
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

const MAX_ROWS = 1048576;
const MAX_COLUMNS = 16384;

function splitSheet(address: string): { sheet: string; local: string } {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return { sheet: "", local: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, local: address.slice(bang + 1) };
}

interface Corner {
  row?: number;
  column?: number;
}

function parseCorner(text: string): Corner {
  const m = /^\$?([A-Za-z]{1,3})?\$?([0-9]+)?$/.exec(text);
  if (!m || (!m[1] && !m[2])) throw new RangeError(`bad cell reference ${text}`);
  const corner: Corner = {};
  if (m[1]) corner.column = columnIndex(m[1]);
  if (m[2]) corner.row = Number(m[2]) - 1;
  return corner;
}

/** Parses one range address: "Sheet1!A1:C5", "A:A", "3:5", "'My Sheet'!B2". */
export function parseRangeAddress(address: string): RangeBox {
  const { sheet, local } = splitSheet(address.trim());
  const [a, b = a] = local.split(":") as [string, string?];
  const start = parseCorner(a);
  const end = parseCorner(b);
  const r0 = start.row ?? 0;
  const r1 = end.row ?? MAX_ROWS - 1;
  const c0 = start.column ?? 0;
  const c1 = end.column ?? MAX_COLUMNS - 1;
  return {
    sheet,
    rowIndex: Math.min(r0, r1),
    columnIndex: Math.min(c0, c1),
    rowCount: Math.abs(r1 - r0) + 1,
    columnCount: Math.abs(c1 - c0) + 1,
  };
}

/** Splits a RangeAreas address list at the commas that are not inside a quoted sheet name. */
export function splitAddressList(list: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (const ch of list) {
    if (ch === "'") quoted = !quoted;
    if (ch === "," && !quoted) {
      if (current.trim()) parts.push(current.trim());
      current = "";
    } else {
      current += ch;
    }
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

export function parseAddressList(list: string): RangeBox[] {
  return splitAddressList(list).map(parseRangeAddress);
}

export function rangeAddress(box: RangeBox): string {
  const start = `${columnLetters(box.columnIndex)}${box.rowIndex + 1}`;
  const end = `${columnLetters(box.columnIndex + box.columnCount - 1)}${box.rowIndex + box.rowCount}`;
  return `${quoteSheetName(box.sheet)}!${start === end ? start : `${start}:${end}`}`;
}

/** The intersection of two boxes on the same sheet, or undefined when they do not overlap. */
export function intersectBoxes(a: RangeBox, b: RangeBox): RangeBox | undefined {
  const r0 = Math.max(a.rowIndex, b.rowIndex);
  const r1 = Math.min(a.rowIndex + a.rowCount, b.rowIndex + b.rowCount);
  const c0 = Math.max(a.columnIndex, b.columnIndex);
  const c1 = Math.min(a.columnIndex + a.columnCount, b.columnIndex + b.columnCount);
  if (r1 <= r0 || c1 <= c0) return undefined;
  return { sheet: a.sheet, rowIndex: r0, columnIndex: c0, rowCount: r1 - r0, columnCount: c1 - c0 };
}
