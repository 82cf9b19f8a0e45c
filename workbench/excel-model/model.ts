// The in-memory workbook behind the simulated Excel host: sheets, cells, number formats, hidden rows,
// tables, the selection and the document URL. Browser-safe (no Node imports): the jest tests and the
// workbench page share it. Coordinates are 0-based (rowIndex/columnIndex) unless a helper says
// otherwise; addresses are A1-style.
//
// What it does like Excel:
// - a string entered into a cell whose number format is not "@" (Text) is parsed as a person typing
//   it: "=..." (and "+x"/"-x" that are not numbers) becomes a FORMULA, "12" a number, "TRUE" a
//   boolean, "#N/A" an error value, a leading apostrophe forces text; into a "@" cell everything is
//   stored as text (numbers become strings); "@x" is read as the formula "=x", as Excel (for Lotus
//   compatibility) does;
// - a string over 32,767 characters (Excel's limit for a cell) is refused with InvalidArgument, and
//   the write that carries it changes nothing;
// - Excel on the web's 5 MB limits on one request and one response (requestPayloadLimit,
//   responsePayloadLimit): the host that runs the request (the RichApi engine, or the Office.js
//   simulator) measures each sync, records it in `payloads` and refuses one over a limit with
//   RequestPayloadSizeLimitExceeded or ResponsePayloadSizeLimitExceeded;
// - a number format set on whole columns is kept per column, so cells created later inherit it;
// - `null` in a written array leaves that cell unchanged; "" clears it;
// - the used range ignores whole-column formats (only cells count).
// What it does not: dates, percentages, currency parsing, cell references in formulas (they give
// #NAME?), merged cells, hidden columns, recalculation.

import { columnLetters, parseRangeAddress, quoteSheetName, splitAddressList } from "../../src/core/a1";
import { ExcelSimError, invalidArgument } from "./errors";
import { evaluateFormula } from "./formula";

export const MAX_ROWS = 1048576;
export const MAX_COLUMNS = 16384;

export type CellScalar = string | number | boolean;
/** What a write may carry per cell: null leaves the cell unchanged (as Office.js does). */
export type CellInput = CellScalar | null;
/** A cell value as Range.values returns it: empty cells are "". */
export type ReadValue = CellScalar;
export type ValueType = "Empty" | "String" | "Double" | "Boolean" | "Error";
export type SheetVisibility = "Visible" | "Hidden" | "VeryHidden";

/** A rectangle on one sheet, 0-based. */
export interface Box {
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

interface StoredCell {
  value: CellScalar | null;
  isError?: boolean;
  formula?: string;
  /** Explicit cell format; when missing the column format (or "General") applies. */
  numberFormat?: string;
}

/** A cell as tests and the workbench see it. */
export interface CellSnapshot {
  /** null for an empty cell. */
  value: CellScalar | null;
  formula?: string;
  numberFormat: string;
  text: string;
  valueType: ValueType;
}

export class SheetModel {
  visibility: SheetVisibility = "Visible";
  readonly cells = new Map<number, StoredCell>();
  readonly columnFormats = new Map<number, string>();
  readonly hiddenRows = new Set<number>();
  /** Column widths in points, set by autofit (for the workbench). */
  readonly columnWidths = new Map<number, number>();
  selection: Box[] = [{ rowIndex: 0, columnIndex: 0, rowCount: 1, columnCount: 1 }];

  constructor(
    readonly id: string,
    public name: string,
  ) {}
}

export interface TableModel {
  readonly id: string;
  name: string;
  sheet: SheetModel;
  /** Row of the header. */
  rowIndex: number;
  columnIndex: number;
  columnCount: number;
  dataRowCount: number;
}

export interface TableInfo {
  name: string;
  sheet: string;
  /** Header plus data rows, e.g. "Permissions!A1:Q3". */
  address: string;
  headers: string[];
  rowCount: number;
}

/** One operation the Office.js simulator applied, in order (for tests and the workbench's log). */
export interface ApiOperation {
  /** The value of syncCount during which it was applied. */
  sync: number;
  kind: "set" | "call" | "load";
  /** e.g. "Range.values", "TableRowCollection.add", "Range.load". */
  member: string;
  address?: string;
  /** Number of cells covered (ranges). */
  cells?: number;
  /** Loaded property names, for loads. */
  properties?: string[];
}

export type ModelChange =
  | { kind: "cells" | "format" | "rows" | "selection"; sheet: string }
  | { kind: "sheets" | "tables" | "document" | "sync" };

export type ModelListener = (change: ModelChange) => void;

export interface WorkbookModelOptions {
  /** Sheet names in order; default ["Sheet1"]. */
  sheets?: string[];
  documentUrl?: string;
  /**
   * Largest number of cells one load of values/text/formulas/valueTypes/numberFormat may cover before
   * the sync rejects with ResponsePayloadSizeLimitExceeded (Excel on the web caps a response at 5 MB).
   * Default 1,000,000: reading a whole column (1,048,576 cells) fails, as it should in an add-in.
   */
  readCellLimit?: number;
  /**
   * Largest request (UTF-8 bytes of JSON) one sync may send before it is refused with
   * RequestPayloadSizeLimitExceeded. Default PAYLOAD_LIMIT_BYTES, the limit of Excel on the web.
   */
  requestPayloadLimit?: number;
  /** Largest response (UTF-8 bytes of JSON) before ResponsePayloadSizeLimitExceeded; default the same. */
  responsePayloadLimit?: number;
}

/**
 * Excel on the web refuses a request or a response over 5 MB ("Resource limits and performance
 * optimization for Office Add-ins", learn.microsoft.com/office/dev/add-ins/concepts/
 * resource-limits-and-performance-optimization#excel-add-ins).
 */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

/** The size of one sync as the host measured it. */
export interface SyncPayload {
  /** The value of syncCount for that sync. */
  sync: number;
  requestBytes: number;
  responseBytes: number;
}

/** UTF-8 bytes of `text`. */
export function utf8Length(text: string): number {
  let bytes = text.length;
  // eslint-disable-next-line no-control-regex -- ASCII only: one byte a character
  if (!/[^\x00-\x7f]/.test(text)) return bytes;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) bytes += 1;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 2; // a surrogate pair: 2 code units, 4 bytes
      i += 1;
    } else bytes += 2;
  }
  return bytes;
}

/** UTF-8 bytes of the JSON text of `value` (0 for undefined). */
export function jsonBytes(value: unknown): number {
  const text = JSON.stringify(value) as string | undefined;
  return text === undefined ? 0 : utf8Length(text);
}

/** Excel's limit on the characters in one cell. */
export const MAX_CELL_CHARACTERS = 32767;

const ERROR_LITERALS = new Set([
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
]);
const NUMBER_TEXT = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const BAD_SHEET_CHARS = /[[\]:*?/\\]/;

function key(row: number, column: number): number {
  return row * MAX_COLUMNS + column;
}

function rowOf(k: number): number {
  return Math.floor(k / MAX_COLUMNS);
}

function columnOf(k: number): number {
  return k % MAX_COLUMNS;
}

export function boxCells(box: Box): number {
  return box.rowCount * box.columnCount;
}

/** Checks a box lies on the grid. */
export function checkBox(box: Box): Box {
  const ok =
    [box.rowIndex, box.columnIndex, box.rowCount, box.columnCount].every(Number.isInteger) &&
    box.rowIndex >= 0 &&
    box.columnIndex >= 0 &&
    box.rowCount >= 1 &&
    box.columnCount >= 1 &&
    box.rowIndex + box.rowCount <= MAX_ROWS &&
    box.columnIndex + box.columnCount <= MAX_COLUMNS;
  if (!ok) throw invalidArgument(`range outside the grid: ${JSON.stringify(box)}`);
  return box;
}

/** Parses "B2:C5", "B:B", "3:5", "'My Sheet'!A1" into a sheet name ("" when absent) and a box. */
export function parseAddress(address: string): { sheet: string; box: Box } {
  let parsed;
  try {
    parsed = parseRangeAddress(address);
  } catch {
    throw invalidArgument(`bad address ${JSON.stringify(address)}`);
  }
  const { sheet, ...box } = parsed;
  return { sheet, box: checkBox(box) };
}

/** The A1 address Excel gives a box: "Sheet1!B2:C5", "Sheet1!B7", "Sheet1!B:B", "Sheet1!3:5". */
export function formatAddress(sheet: string, box: Box): string {
  const c0 = columnLetters(box.columnIndex);
  const c1 = columnLetters(box.columnIndex + box.columnCount - 1);
  const r0 = box.rowIndex + 1;
  const r1 = box.rowIndex + box.rowCount;
  const entireColumns = box.rowIndex === 0 && box.rowCount === MAX_ROWS;
  const entireRows = box.columnIndex === 0 && box.columnCount === MAX_COLUMNS;
  let local: string;
  if (entireColumns && !entireRows) local = `${c0}:${c1}`;
  else if (entireRows) local = `${r0}:${r1}`;
  else if (box.rowCount === 1 && box.columnCount === 1) local = `${c0}${r0}`;
  else local = `${c0}${r0}:${c1}${r1}`;
  return `${quoteSheetName(sheet)}!${local}`;
}

export function intersect(a: Box, b: Box): Box | undefined {
  const r0 = Math.max(a.rowIndex, b.rowIndex);
  const r1 = Math.min(a.rowIndex + a.rowCount, b.rowIndex + b.rowCount);
  const c0 = Math.max(a.columnIndex, b.columnIndex);
  const c1 = Math.min(a.columnIndex + a.columnCount, b.columnIndex + b.columnCount);
  if (r1 <= r0 || c1 <= c0) return undefined;
  return { rowIndex: r0, columnIndex: c0, rowCount: r1 - r0, columnCount: c1 - c0 };
}

function textOf(cell: StoredCell | undefined): string {
  const v = cell?.value ?? null;
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return String(v);
}

function valueTypeOf(cell: StoredCell | undefined): ValueType {
  const v = cell?.value ?? null;
  if (v === null) return "Empty";
  if (cell?.isError) return "Error";
  if (typeof v === "number") return "Double";
  if (typeof v === "boolean") return "Boolean";
  return "String";
}

/** What typing `text` into a cell that is not formatted as Text stores. */
function parseEntry(text: string): StoredCell {
  if (text === "") return { value: null };
  if (text.startsWith("'")) return { value: text.slice(1) === "" ? null : text.slice(1) };
  if (NUMBER_TEXT.test(text)) return { value: Number(text) };
  if (text.length > 1 && /^[=+\-@]/.test(text)) {
    const formula = text.startsWith("=") ? text : text.startsWith("@") ? `=${text.slice(1)}` : `=${text}`;
    const result = evaluateFormula(formula);
    return result.isError
      ? { value: result.value, isError: true, formula }
      : { value: result.value, formula };
  }
  if (/^(true|false)$/i.test(text)) return { value: text.toUpperCase() === "TRUE" };
  if (ERROR_LITERALS.has(text.toUpperCase())) return { value: text.toUpperCase(), isError: true };
  return { value: text };
}

function isCellInput(v: unknown): v is CellInput {
  return (
    v === null ||
    typeof v === "string" ||
    typeof v === "boolean" ||
    (typeof v === "number" && Number.isFinite(v))
  );
}

/** Validates a write: a scalar, or a 2-D array with exactly the box's dimensions. */
function shapeOf<T>(
  box: Box,
  input: unknown,
  isCell: (v: unknown) => v is T,
  what: string,
): (r: number, c: number) => T {
  if (!Array.isArray(input)) {
    if (!isCell(input)) throw invalidArgument(`${what}: unsupported value ${String(input)}`);
    return () => input;
  }
  const rows: unknown[] = input;
  if (rows.length !== box.rowCount) {
    throw invalidArgument(`${what}: ${rows.length} rows given for a range of ${box.rowCount}`);
  }
  const grid: T[][] = [];
  for (const row of rows) {
    if (!Array.isArray(row) || row.length !== box.columnCount) {
      throw invalidArgument(`${what}: each row must have ${box.columnCount} values`);
    }
    const cells: unknown[] = row;
    if (!cells.every(isCell)) throw invalidArgument(`${what}: unsupported value in the array`);
    grid.push(cells as T[]);
  }
  return (r, c) => grid[r]?.[c] as T;
}

/** Refuses a write holding a string longer than a cell may hold, before anything is changed. */
function checkTextLengths(input: unknown): void {
  const cells: unknown[] = Array.isArray(input) ? input.flat() : [input];
  for (const cell of cells) {
    if (typeof cell === "string" && cell.length > MAX_CELL_CHARACTERS) {
      throw invalidArgument(
        `a cell can hold at most ${MAX_CELL_CHARACTERS} characters; this text has ${cell.length}`,
      );
    }
  }
}

function isFormatInput(v: unknown): v is string | null {
  return v === null || typeof v === "string";
}

export class WorkbookModel {
  /** Round trips made by the simulated host (one per context.sync that carried operations). */
  syncCount = 0;
  documentUrl: string;
  readCellLimit: number;
  requestPayloadLimit: number;
  responsePayloadLimit: number;
  /** Operations applied by the Office.js simulator, in order. */
  readonly operations: ApiOperation[] = [];
  /** The measured size of every sync, refused ones included, in order. */
  readonly payloads: SyncPayload[] = [];

  private readonly sheetList: SheetModel[] = [];
  private readonly tableList: TableModel[] = [];
  private activeSheetModel: SheetModel;
  private readonly listeners = new Set<ModelListener>();
  private nextSheetId = 1;
  private nextTableId = 1;

  constructor(options: WorkbookModelOptions = {}) {
    this.documentUrl = options.documentUrl ?? "";
    this.readCellLimit = options.readCellLimit ?? 1_000_000;
    this.requestPayloadLimit = options.requestPayloadLimit ?? PAYLOAD_LIMIT_BYTES;
    this.responsePayloadLimit = options.responsePayloadLimit ?? PAYLOAD_LIMIT_BYTES;
    const names = options.sheets ?? ["Sheet1"];
    if (names.length === 0) throw invalidArgument("a workbook has at least one sheet");
    for (const name of names) this.addSheet(name);
    const first = this.sheetList[0];
    if (!first) throw invalidArgument("a workbook has at least one sheet");
    this.activeSheetModel = first;
  }

  // ---- change notification -------------------------------------------------------------------

  /** Calls `listener` after every change; returns the function that stops it. */
  subscribe(listener: ModelListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(change: ModelChange): void {
    for (const listener of [...this.listeners]) listener(change);
  }

  // ---- sheets --------------------------------------------------------------------------------

  get sheets(): readonly SheetModel[] {
    return this.sheetList;
  }

  sheetNames(): string[] {
    return this.sheetList.map((s) => s.name);
  }

  findSheet(name: string): SheetModel | undefined {
    const wanted = name.toLowerCase();
    return this.sheetList.find((s) => s.name.toLowerCase() === wanted);
  }

  /** The sheet, or an ItemNotFound error. */
  sheet(name: string): SheetModel {
    const found = this.findSheet(name);
    if (!found) throw new ExcelSimError("ItemNotFound", `The worksheet '${name}' doesn't exist.`);
    return found;
  }

  positionOf(sheet: SheetModel): number {
    return this.sheetList.indexOf(sheet);
  }

  private checkSheetName(name: string, except?: SheetModel): void {
    if (
      typeof name !== "string" ||
      name.length === 0 ||
      name.length > 31 ||
      BAD_SHEET_CHARS.test(name) ||
      name.startsWith("'") ||
      name.endsWith("'")
    ) {
      throw invalidArgument(`bad worksheet name ${JSON.stringify(name)}`);
    }
    const clash = this.findSheet(name);
    if (clash && clash !== except) {
      throw new ExcelSimError("ItemAlreadyExists", `A worksheet named '${name}' already exists.`);
    }
  }

  /** Adds a sheet at the end (Excel's worksheets.add); returns it. */
  addSheet(name?: string): SheetModel {
    let chosen = name;
    if (chosen === undefined) {
      let n = this.sheetList.length + 1;
      while (this.findSheet(`Sheet${n}`)) n++;
      chosen = `Sheet${n}`;
    }
    this.checkSheetName(chosen);
    const sheet = new SheetModel(`{sim-sheet-${this.nextSheetId++}}`, chosen);
    this.sheetList.push(sheet);
    this.emit({ kind: "sheets" });
    return sheet;
  }

  renameSheet(sheet: SheetModel, name: string): void {
    this.checkSheetName(name, sheet);
    sheet.name = name;
    this.emit({ kind: "sheets" });
  }

  deleteSheet(sheet: SheetModel): void {
    const visible = this.sheetList.filter((s) => s.visibility === "Visible");
    if (visible.length === 1 && visible[0] === sheet) {
      throw new ExcelSimError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
    }
    this.sheetList.splice(this.sheetList.indexOf(sheet), 1);
    for (let i = this.tableList.length - 1; i >= 0; i--) {
      if (this.tableList[i]?.sheet === sheet) this.tableList.splice(i, 1);
    }
    if (this.activeSheetModel === sheet) this.activeSheetModel = visible.find((s) => s !== sheet) ?? sheet;
    this.emit({ kind: "sheets" });
  }

  get activeSheet(): SheetModel {
    return this.activeSheetModel;
  }

  activate(sheet: SheetModel | string): void {
    this.activeSheetModel = typeof sheet === "string" ? this.sheet(sheet) : sheet;
    this.emit({ kind: "selection", sheet: this.activeSheetModel.name });
  }

  // ---- selection -------------------------------------------------------------------------------

  /** Selects areas on a sheet and activates it, as a person would: select("Sheet1", "B1:B20,D5:D9"). */
  select(sheetName: string, addressList: string): void {
    const sheet = this.sheet(sheetName);
    const boxes = splitAddressList(addressList).map((part) => {
      const { sheet: named, box } = parseAddress(part);
      if (named !== "" && named.toLowerCase() !== sheet.name.toLowerCase()) {
        throw invalidArgument(`${part} is not on ${sheet.name}`);
      }
      return box;
    });
    this.selectBoxes(sheet, boxes);
  }

  selectBoxes(sheet: SheetModel, boxes: Box[]): void {
    if (boxes.length === 0) throw invalidArgument("empty selection");
    sheet.selection = boxes.map((b) => ({ ...b }));
    this.activeSheetModel = sheet;
    this.emit({ kind: "selection", sheet: sheet.name });
  }

  /** The active sheet's name and selected areas. */
  selection(): { sheet: string; areas: Box[]; address: string } {
    const sheet = this.activeSheetModel;
    return {
      sheet: sheet.name,
      areas: sheet.selection.map((b) => ({ ...b })),
      address: sheet.selection.map((b) => formatAddress(sheet.name, b)).join(","),
    };
  }

  // ---- hidden rows -----------------------------------------------------------------------------

  /** Hides rows as a filter does; `rowNumbers` are 1-based, as in Excel's row headers. */
  hideRows(sheetName: string, rowNumbers: number[]): void {
    const sheet = this.sheet(sheetName);
    for (const n of rowNumbers)
      this.setRowsHidden(sheet, { rowIndex: n - 1, columnIndex: 0, rowCount: 1, columnCount: 1 }, true);
  }

  /** Shows rows again; `rowNumbers` are 1-based. */
  unhideRows(sheetName: string, rowNumbers: number[]): void {
    const sheet = this.sheet(sheetName);
    for (const n of rowNumbers)
      this.setRowsHidden(sheet, { rowIndex: n - 1, columnIndex: 0, rowCount: 1, columnCount: 1 }, false);
  }

  setRowsHidden(sheet: SheetModel, box: Box, hidden: boolean): void {
    checkBox(box);
    for (let r = box.rowIndex; r < box.rowIndex + box.rowCount; r++) {
      if (hidden) sheet.hiddenRows.add(r);
      else sheet.hiddenRows.delete(r);
    }
    this.emit({ kind: "rows", sheet: sheet.name });
  }

  isRowHidden(sheetName: string, rowIndex: number): boolean {
    return this.sheet(sheetName).hiddenRows.has(rowIndex);
  }

  /** true when every row of the box is hidden, false when none is, null when mixed (Range.rowHidden). */
  rowHiddenState(sheet: SheetModel, box: Box): boolean | null {
    let hidden = 0;
    for (const r of sheet.hiddenRows) if (r >= box.rowIndex && r < box.rowIndex + box.rowCount) hidden++;
    if (hidden === 0) return false;
    return hidden === box.rowCount ? true : null;
  }

  /** The visible parts of a box: runs of consecutive rows that are not hidden. */
  visibleBoxes(sheet: SheetModel, box: Box): Box[] {
    const end = box.rowIndex + box.rowCount;
    const hidden = [...sheet.hiddenRows].filter((r) => r >= box.rowIndex && r < end).sort((a, b) => a - b);
    const boxes: Box[] = [];
    let start = box.rowIndex;
    for (const r of [...hidden, end]) {
      if (r > start) boxes.push({ ...box, rowIndex: start, rowCount: r - start });
      start = r + 1;
    }
    return boxes;
  }

  // ---- cells: reading --------------------------------------------------------------------------

  effectiveFormat(sheet: SheetModel, row: number, column: number): string {
    return sheet.cells.get(key(row, column))?.numberFormat ?? sheet.columnFormats.get(column) ?? "General";
  }

  private checkReadSize(box: Box): void {
    if (boxCells(box) > this.readCellLimit) throw new ExcelSimError("ResponsePayloadSizeLimitExceeded");
  }

  private grid<T>(
    sheet: SheetModel,
    box: Box,
    read: (cell: StoredCell | undefined, r: number, c: number) => T,
  ): T[][] {
    this.checkReadSize(box);
    const rows: T[][] = [];
    for (let r = box.rowIndex; r < box.rowIndex + box.rowCount; r++) {
      const row: T[] = [];
      for (let c = box.columnIndex; c < box.columnIndex + box.columnCount; c++) {
        row.push(read(sheet.cells.get(key(r, c)), r, c));
      }
      rows.push(row);
    }
    return rows;
  }

  readValues(sheet: SheetModel, box: Box): ReadValue[][] {
    return this.grid(sheet, box, (cell) => cell?.value ?? "");
  }

  readValueTypes(sheet: SheetModel, box: Box): ValueType[][] {
    return this.grid(sheet, box, valueTypeOf);
  }

  readText(sheet: SheetModel, box: Box): string[][] {
    return this.grid(sheet, box, textOf);
  }

  readFormulas(sheet: SheetModel, box: Box): ReadValue[][] {
    return this.grid(sheet, box, (cell) => cell?.formula ?? cell?.value ?? "");
  }

  readNumberFormat(sheet: SheetModel, box: Box): string[][] {
    return this.grid(sheet, box, (_cell, r, c) => this.effectiveFormat(sheet, r, c));
  }

  /** The bounding box of the cells holding values (valuesOnly) or values or formats. */
  usedBox(sheet: SheetModel, valuesOnly: boolean): Box | undefined {
    let r0 = Infinity;
    let r1 = -1;
    let c0 = Infinity;
    let c1 = -1;
    for (const [k, cell] of sheet.cells) {
      if (cell.value === null && (valuesOnly || cell.numberFormat === undefined)) continue;
      const r = rowOf(k);
      const c = columnOf(k);
      r0 = Math.min(r0, r);
      r1 = Math.max(r1, r);
      c0 = Math.min(c0, c);
      c1 = Math.max(c1, c);
    }
    if (r1 < 0) return undefined;
    return { rowIndex: r0, columnIndex: c0, rowCount: r1 - r0 + 1, columnCount: c1 - c0 + 1 };
  }

  // ---- cells: writing --------------------------------------------------------------------------

  private store(sheet: SheetModel, row: number, column: number, cell: StoredCell): void {
    if (cell.value === null && cell.numberFormat === undefined) sheet.cells.delete(key(row, column));
    else sheet.cells.set(key(row, column), cell);
  }

  /** Enters one value as a person (or Range.values) would; see the file comment. */
  enter(sheet: SheetModel, row: number, column: number, input: CellInput): void {
    if (input === null) return;
    const explicit = sheet.cells.get(key(row, column))?.numberFormat;
    const format = explicit ?? sheet.columnFormats.get(column) ?? "General";
    let cell: StoredCell;
    if (format === "@") {
      const text = typeof input === "boolean" ? (input ? "TRUE" : "FALSE") : String(input);
      cell = { value: text === "" ? null : text };
    } else {
      cell = typeof input === "string" ? parseEntry(input) : { value: input };
    }
    if (explicit !== undefined) cell.numberFormat = explicit;
    this.store(sheet, row, column, cell);
  }

  /** Range.values / Range.formulas: a scalar for every cell, or an array matching the box. */
  writeValues(sheet: SheetModel, box: Box, input: unknown): void {
    checkBox(box);
    const at = shapeOf(box, input, isCellInput, "values");
    checkTextLengths(input);
    for (let r = 0; r < box.rowCount; r++) {
      for (let c = 0; c < box.columnCount; c++)
        this.enter(sheet, box.rowIndex + r, box.columnIndex + c, at(r, c));
    }
    this.emit({ kind: "cells", sheet: sheet.name });
  }

  /** Range.numberFormat. A scalar on whole columns becomes the columns' format (new cells inherit it). */
  writeNumberFormat(sheet: SheetModel, box: Box, input: unknown): void {
    checkBox(box);
    const at = shapeOf(box, input, isFormatInput, "numberFormat");
    if (!Array.isArray(input) && box.rowCount === MAX_ROWS) {
      const format = at(0, 0);
      if (format === null) return;
      const last = box.columnIndex + box.columnCount;
      for (let c = box.columnIndex; c < last; c++) sheet.columnFormats.set(c, format);
      for (const [k, cell] of sheet.cells) {
        const c = columnOf(k);
        if (c >= box.columnIndex && c < last && cell.numberFormat !== undefined) {
          delete cell.numberFormat;
          this.store(sheet, rowOf(k), c, cell);
        }
      }
    } else {
      for (let r = 0; r < box.rowCount; r++) {
        for (let c = 0; c < box.columnCount; c++) {
          const format = at(r, c);
          if (format === null) continue;
          const row = box.rowIndex + r;
          const column = box.columnIndex + c;
          const cell = sheet.cells.get(key(row, column)) ?? { value: null };
          this.store(sheet, row, column, { ...cell, numberFormat: format });
        }
      }
    }
    this.emit({ kind: "format", sheet: sheet.name });
  }

  clear(sheet: SheetModel, box: Box, what: "All" | "Contents" | "Formats"): void {
    for (let r = box.rowIndex; r < box.rowIndex + box.rowCount; r++) {
      for (let c = box.columnIndex; c < box.columnIndex + box.columnCount; c++) {
        const cell = sheet.cells.get(key(r, c));
        if (!cell) continue;
        const next: StoredCell = what === "Formats" ? { ...cell } : { value: null };
        if (what === "Formats") delete next.numberFormat;
        else if (what === "Contents" && cell.numberFormat !== undefined)
          next.numberFormat = cell.numberFormat;
        this.store(sheet, r, c, next);
      }
    }
    this.emit({ kind: "cells", sheet: sheet.name });
  }

  /** Moves the cells of columns [columnIndex, +columnCount) at or below `fromRow` down by `count` rows. */
  shiftDown(
    sheet: SheetModel,
    fromRow: number,
    columnIndex: number,
    columnCount: number,
    count: number,
  ): void {
    const moving = [...sheet.cells.keys()].filter((k) => {
      const c = columnOf(k);
      return rowOf(k) >= fromRow && c >= columnIndex && c < columnIndex + columnCount;
    });
    if (moving.some((k) => rowOf(k) + count >= MAX_ROWS)) throw new ExcelSimError("NonBlankCellOffSheet");
    moving.sort((a, b) => b - a);
    for (const k of moving) {
      const cell = sheet.cells.get(k);
      sheet.cells.delete(k);
      if (cell) sheet.cells.set(k + count * MAX_COLUMNS, cell);
    }
  }

  /**
   * Range.delete("Up"): removes the box's cells and moves the cells below (in its columns) up. Whole
   * data rows of a table shrink that table; a box that cuts a table any other way is refused, as Excel
   * refuses to shift cells in a table.
   */
  deleteCellsUp(sheet: SheetModel, box: Box): void {
    checkBox(box);
    const end = box.rowIndex + box.rowCount;
    const columns = (b: Box) => ({ ...b, rowIndex: 0, rowCount: MAX_ROWS });
    const shrinking: TableModel[] = [];
    const moving: TableModel[] = [];
    for (const table of this.tableList) {
      if (table.sheet !== sheet || !intersect(columns(this.tableBox(table)), columns(box))) continue;
      const sameColumns = table.columnIndex === box.columnIndex && table.columnCount === box.columnCount;
      const firstData = table.rowIndex + 1;
      if (intersect(this.tableBox(table), box)) {
        if (!sameColumns || box.rowIndex < firstData || end > firstData + table.dataRowCount) {
          throw new ExcelSimError("InvalidOperation", "This operation would shift cells in a table.");
        }
        shrinking.push(table);
      } else if (table.rowIndex >= end) {
        if (!sameColumns) {
          throw new ExcelSimError("InvalidOperation", "This operation would shift cells in a table.");
        }
        moving.push(table);
      }
    }
    for (let r = box.rowIndex; r < end; r++) {
      for (let c = box.columnIndex; c < box.columnIndex + box.columnCount; c++) sheet.cells.delete(key(r, c));
    }
    const below = [...sheet.cells.keys()]
      .filter(
        (k) =>
          rowOf(k) >= end &&
          columnOf(k) >= box.columnIndex &&
          columnOf(k) < box.columnIndex + box.columnCount,
      )
      .sort((a, b) => a - b);
    for (const k of below) {
      const cell = sheet.cells.get(k);
      sheet.cells.delete(k);
      if (cell) sheet.cells.set(k - box.rowCount * MAX_COLUMNS, cell);
    }
    for (const table of shrinking) table.dataRowCount -= box.rowCount;
    for (const table of moving) table.rowIndex -= box.rowCount;
    if (shrinking.length + moving.length > 0) this.emit({ kind: "tables" });
    this.emit({ kind: "cells", sheet: sheet.name });
  }

  autofitColumns(sheet: SheetModel, box: Box): void {
    const used = this.usedBox(sheet, true);
    const rows = used && intersect({ ...box, rowIndex: 0, rowCount: MAX_ROWS }, used);
    for (let c = box.columnIndex; c < box.columnIndex + box.columnCount && c < MAX_COLUMNS; c++) {
      let longest = 0;
      if (rows) {
        for (let r = rows.rowIndex; r < rows.rowIndex + rows.rowCount; r++) {
          longest = Math.max(longest, textOf(sheet.cells.get(key(r, c))).length);
        }
      }
      if (longest > 0) sheet.columnWidths.set(c, Math.min(255, longest) * 6 + 8);
      if (box.columnCount > 256 && c - box.columnIndex > 256) break;
    }
    this.emit({ kind: "format", sheet: sheet.name });
  }

  // ---- tables ----------------------------------------------------------------------------------

  get tables(): readonly TableModel[] {
    return this.tableList;
  }

  findTable(name: string): TableModel | undefined {
    const wanted = name.toLowerCase();
    return this.tableList.find((t) => t.name.toLowerCase() === wanted);
  }

  private checkTableName(name: string, except?: TableModel): void {
    if (
      typeof name !== "string" ||
      !/^[A-Za-z_\\][A-Za-z0-9_.\\]{0,254}$/.test(name) ||
      /^[A-Za-z]{1,3}[0-9]+$/.test(name) ||
      /^[RrCc]$/.test(name) ||
      /^R[0-9]*C[0-9]*$/i.test(name)
    ) {
      throw invalidArgument(`bad table name ${JSON.stringify(name)}`);
    }
    const clash = this.findTable(name);
    if (clash && clash !== except)
      throw new ExcelSimError("ItemAlreadyExists", `A table named '${name}' already exists.`);
  }

  renameTable(table: TableModel, name: string): void {
    this.checkTableName(name, table);
    table.name = name;
    this.emit({ kind: "tables" });
  }

  tableBox(table: TableModel): Box {
    return {
      rowIndex: table.rowIndex,
      columnIndex: table.columnIndex,
      rowCount: table.dataRowCount + 1,
      columnCount: table.columnCount,
    };
  }

  /**
   * Excel's tables.add. A table made from a header-only range has no data rows (rows.count 0); its
   * data body range is then the empty row below the header, as Excel shows it.
   */
  addTable(sheet: SheetModel, box: Box, hasHeaders: boolean): TableModel {
    checkBox(box);
    for (const other of this.tableList) {
      if (other.sheet === sheet && intersect(this.tableBox(other), box)) {
        throw invalidArgument("a table can't overlap another table");
      }
    }
    let n = this.nextTableId;
    while (this.findTable(`Table${n}`)) n++;
    const table: TableModel = {
      id: `{sim-table-${this.nextTableId++}}`,
      name: `Table${n}`,
      sheet,
      rowIndex: box.rowIndex,
      columnIndex: box.columnIndex,
      columnCount: box.columnCount,
      dataRowCount: hasHeaders ? box.rowCount - 1 : box.rowCount,
    };
    if (!hasHeaders) this.shiftDown(sheet, box.rowIndex, box.columnIndex, box.columnCount, 1);
    const seen = new Set<string>();
    for (let c = 0; c < box.columnCount; c++) {
      const column = box.columnIndex + c;
      let header = hasHeaders ? textOf(sheet.cells.get(key(box.rowIndex, column))) : "";
      if (header === "" || seen.has(header.toLowerCase())) {
        let i = c + 1;
        while (seen.has(`column${i}`)) i++;
        header = header === "" ? `Column${i}` : `${header}${i}`;
      }
      seen.add(header.toLowerCase());
      const old = sheet.cells.get(key(box.rowIndex, column));
      const cell: StoredCell = { value: header };
      if (old?.numberFormat !== undefined) cell.numberFormat = old.numberFormat;
      this.store(sheet, box.rowIndex, column, cell);
    }
    this.tableList.push(table);
    this.emit({ kind: "tables" });
    this.emit({ kind: "cells", sheet: sheet.name });
    return table;
  }

  /** Excel's table.rows.add(index, values): inserts rows (cells below move down); returns the first index. */
  addTableRows(table: TableModel, index: number | null | undefined, values: unknown): number {
    const at = index ?? table.dataRowCount;
    if (!Number.isInteger(at) || at < 0 || at > table.dataRowCount) throw invalidArgument(`row index ${at}`);
    const rows: unknown[] =
      values === undefined
        ? [new Array<null>(table.columnCount).fill(null)]
        : Array.isArray(values)
          ? values
          : [[values]];
    if (rows.length === 0) throw invalidArgument("no rows to add");
    const box: Box = {
      rowIndex: table.rowIndex + 1 + at,
      columnIndex: table.columnIndex,
      rowCount: rows.length,
      columnCount: table.columnCount,
    };
    const cellAt = shapeOf(box, rows, isCellInput, "rows.add");
    checkTextLengths(rows);
    this.shiftDown(table.sheet, box.rowIndex, box.columnIndex, box.columnCount, box.rowCount);
    for (const other of this.tableList) {
      const overlapsColumns = intersect(
        { ...this.tableBox(other), rowIndex: 0, rowCount: MAX_ROWS },
        { ...box, rowIndex: 0, rowCount: MAX_ROWS },
      );
      if (
        other !== table &&
        other.sheet === table.sheet &&
        other.rowIndex >= box.rowIndex &&
        overlapsColumns
      ) {
        other.rowIndex += box.rowCount;
      }
    }
    table.dataRowCount += box.rowCount;
    for (let r = 0; r < box.rowCount; r++) {
      for (let c = 0; c < box.columnCount; c++) {
        this.enter(table.sheet, box.rowIndex + r, box.columnIndex + c, cellAt(r, c));
      }
    }
    this.emit({ kind: "tables" });
    this.emit({ kind: "cells", sheet: table.sheet.name });
    return at;
  }

  // ---- helpers for tests and the workbench -----------------------------------------------------

  /** Types rows of values starting at topLeft (e.g. "B1"), as a person would. */
  setValues(sheetName: string, topLeftA1: string, rows: CellInput[][]): void {
    const sheet = this.sheet(sheetName);
    const { box } = parseAddress(topLeftA1);
    const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
    if (rows.length === 0 || width === 0) return;
    const target = checkBox({
      rowIndex: box.rowIndex,
      columnIndex: box.columnIndex,
      rowCount: rows.length,
      columnCount: width,
    });
    rows.forEach((row, r) =>
      row.forEach((v, c) => this.enter(sheet, target.rowIndex + r, target.columnIndex + c, v)),
    );
    this.emit({ kind: "cells", sheet: sheet.name });
  }

  /** Sets a number format on an address ("A:A", "B2:C3"). */
  setNumberFormat(sheetName: string, address: string, format: string): void {
    this.writeNumberFormat(this.sheet(sheetName), parseAddress(address).box, format);
  }

  /** Values as Range.values gives them (empty cells are ""). */
  getValues(sheetName: string, address: string): ReadValue[][] {
    return this.readValues(this.sheet(sheetName), parseAddress(address).box);
  }

  cell(sheetName: string, a1: string): CellSnapshot {
    const sheet = this.sheet(sheetName);
    const { box } = parseAddress(a1);
    const stored = sheet.cells.get(key(box.rowIndex, box.columnIndex));
    const snapshot: CellSnapshot = {
      value: stored?.value ?? null,
      numberFormat: this.effectiveFormat(sheet, box.rowIndex, box.columnIndex),
      text: textOf(stored),
      valueType: valueTypeOf(stored),
    };
    if (stored?.formula !== undefined) snapshot.formula = stored.formula;
    return snapshot;
  }

  /** The used range's address ("Sheet1!B1:B30"), or undefined for an empty sheet. */
  usedRange(sheetName: string, valuesOnly = false): string | undefined {
    const sheet = this.sheet(sheetName);
    const box = this.usedBox(sheet, valuesOnly);
    return box && formatAddress(sheet.name, box);
  }

  tableInfo(name: string): TableInfo | undefined {
    const table = this.findTable(name);
    if (!table) return undefined;
    const header = {
      rowIndex: table.rowIndex,
      columnIndex: table.columnIndex,
      rowCount: 1,
      columnCount: table.columnCount,
    };
    return {
      name: table.name,
      sheet: table.sheet.name,
      address: formatAddress(table.sheet.name, this.tableBox(table)),
      headers: this.readText(table.sheet, header)[0] ?? [],
      rowCount: table.dataRowCount,
    };
  }

  /** The data rows of a table, as Range.values gives them. */
  tableRows(name: string): ReadValue[][] {
    const table = this.findTable(name);
    if (!table) throw new ExcelSimError("ItemNotFound", `The table '${name}' doesn't exist.`);
    if (table.dataRowCount === 0) return [];
    return this.readValues(table.sheet, {
      rowIndex: table.rowIndex + 1,
      columnIndex: table.columnIndex,
      rowCount: table.dataRowCount,
      columnCount: table.columnCount,
    });
  }

  /** Calls `visit` for every non-empty or formatted cell of a sheet (for the workbench grid). */
  forEachCell(
    sheetName: string,
    visit: (rowIndex: number, columnIndex: number, cell: CellSnapshot) => void,
  ): void {
    const sheet = this.sheet(sheetName);
    for (const k of sheet.cells.keys()) {
      visit(
        rowOf(k),
        columnOf(k),
        this.cell(
          sheet.name,
          formatAddress(sheet.name, {
            rowIndex: rowOf(k),
            columnIndex: columnOf(k),
            rowCount: 1,
            columnCount: 1,
          }),
        ),
      );
    }
  }

  /** Records an applied API operation (used by the Office.js simulator). */
  record(operation: Omit<ApiOperation, "sync">): void {
    this.operations.push({ sync: this.syncCount, ...operation });
  }

  /** Records the size of the current sync (the host calls it once per sync). */
  recordPayload(requestBytes: number, responseBytes: number): void {
    this.payloads.push({ sync: this.syncCount, requestBytes, responseBytes });
  }

  /** The largest request and response since the sync numbered `fromSync` (default: all). */
  largestPayload(fromSync = 0): { requestBytes: number; responseBytes: number } {
    let requestBytes = 0;
    let responseBytes = 0;
    for (const p of this.payloads) {
      if (p.sync < fromSync) continue;
      requestBytes = Math.max(requestBytes, p.requestBytes);
      responseBytes = Math.max(responseBytes, p.responseBytes);
    }
    return { requestBytes, responseBytes };
  }
}
