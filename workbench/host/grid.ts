// The workbench's view of a WorkbookModel: a spreadsheet grid with column letters, row numbers and sheet
// tabs, mouse and keyboard selection like Excel's, and filtered (hidden) rows left out. Cells are edited as
// in a sheet: typing replaces the active cell (F2 or a double-click edits what it holds; Enter, Tab and
// Escape end the edit), Ctrl+V pastes tab- and line-separated text from the clipboard at the selection,
// Ctrl+C copies the selection the same way, and Delete or Backspace clears the selected cells. Only the
// rows in view are in the DOM (the Permissions sheet grows to thousands of rows); model changes are
// coalesced into one render per animation frame. Cell text always goes through textContent.

import { columnLetters } from "../../src/core/a1";
import {
  type Box,
  type ModelChange,
  type SheetModel,
  type WorkbookModel,
  formatAddress,
  MAX_COLUMNS,
  MAX_ROWS,
} from "../excel-model/model";

const ROW_HEIGHT = 24;
const HEADER_HEIGHT = 24;
const ROW_HEADER_WIDTH = 48;
const DEFAULT_COLUMN_WIDTH = 96;
const MAX_COLUMN_WIDTH = 320;
const OVERSCAN = 8;
/** Empty rows and columns shown past the used range, as a sheet always has more. */
const SPARE_ROWS = 30;
const SPARE_COLUMNS = 3;
const MIN_ROWS = 60;
const MIN_COLUMNS = 8;
const MAX_SHOWN_COLUMNS = 60;

interface Cell {
  row: number;
  column: number;
}

type SelectMode = "cells" | "columns" | "rows";

function span(a: number, b: number): { start: number; count: number } {
  return { start: Math.min(a, b), count: Math.abs(a - b) + 1 };
}

function boxBetween(mode: SelectMode, anchor: Cell, end: Cell): Box {
  const rows = span(anchor.row, end.row);
  const columns = span(anchor.column, end.column);
  if (mode === "columns") {
    return { rowIndex: 0, rowCount: MAX_ROWS, columnIndex: columns.start, columnCount: columns.count };
  }
  if (mode === "rows") {
    return { rowIndex: rows.start, rowCount: rows.count, columnIndex: 0, columnCount: MAX_COLUMNS };
  }
  return {
    rowIndex: rows.start,
    rowCount: rows.count,
    columnIndex: columns.start,
    columnCount: columns.count,
  };
}

function contains(box: Box, row: number, column: number): boolean {
  return (
    row >= box.rowIndex &&
    row < box.rowIndex + box.rowCount &&
    column >= box.columnIndex &&
    column < box.columnIndex + box.columnCount
  );
}

/** A light hint of what a status cell says, for colour (the text itself is what counts). */
function statusTone(text: string): string | undefined {
  if (/^(Granted|Already[^:]*):/.test(text)) return "ok";
  if (/^(Rejected|Failed|Not shared)[^:]*:/.test(text)) return "bad";
  if (/^Duplicate of /.test(text)) return "dup";
  return undefined;
}

/** The part of `box` inside `limit`, or undefined when they do not meet. */
function clip(box: Box, limit: Box): Box | undefined {
  const rowIndex = Math.max(box.rowIndex, limit.rowIndex);
  const columnIndex = Math.max(box.columnIndex, limit.columnIndex);
  const rowEnd = Math.min(box.rowIndex + box.rowCount, limit.rowIndex + limit.rowCount);
  const columnEnd = Math.min(box.columnIndex + box.columnCount, limit.columnIndex + limit.columnCount);
  if (rowEnd <= rowIndex || columnEnd <= columnIndex) return undefined;
  return { rowIndex, columnIndex, rowCount: rowEnd - rowIndex, columnCount: columnEnd - columnIndex };
}

function a1(cell: Cell): string {
  return `${columnLetters(cell.column)}${cell.row + 1}`;
}

/**
 * Clipboard text as a sheet puts it there: cells separated by tabs, rows by line breaks (the last one
 * ending the text adds no row), a cell in double quotes may hold tabs, line breaks and "" for a quote.
 * Rows are padded to the same width, as a paste fills a rectangle.
 */
export function parseClipboardText(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let fieldStart = true;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? "";
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
      continue;
    }
    if (ch === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
    } else if (ch === "\t") {
      row.push(field);
      field = "";
      fieldStart = true;
    } else if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      fieldStart = true;
    } else {
      field += ch;
      fieldStart = false;
    }
  }
  if (!fieldStart || field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const width = Math.max(0, ...rows.map((r) => r.length));
  return rows.map((r) => [...r, ...new Array<string>(width - r.length).fill("")]);
}

/** Cells as clipboard text: tabs between cells, CRLF between rows, quotes around a cell that needs them. */
export function clipboardText(rows: readonly (readonly string[])[]): string {
  const quote = (t: string) => (/[\t\r\n"]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
  return rows.map((r) => r.map(quote).join("\t")).join("\r\n");
}

const DAY_MS = 86_400_000;

/** A number in a date format (the Permissions sheet's "Shared at") as Excel shows it: 2026-12-02 10:57:03. */
function dateText(serial: number, format: string): string {
  const d = new Date(Math.round((serial - 25_569) * DAY_MS));
  const two = (n: number) => String(n).padStart(2, "0");
  const date = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
  if (!/h/i.test(format)) return date;
  return `${date} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

function div(className: string, text?: string): HTMLDivElement {
  const el = document.createElement("div");
  el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

export interface GridElements {
  /** The scrolling container (focusable, role=grid). */
  grid: HTMLElement;
  tabs: HTMLElement;
  nameBox: HTMLElement;
  cellText: HTMLElement;
  footer: HTMLElement;
}

export class SheetGrid {
  private model: WorkbookModel | undefined;
  private unsubscribe: (() => void) | undefined;
  private readonly canvas: HTMLDivElement;
  private readonly header: HTMLDivElement;
  private readonly body: HTMLDivElement;
  private frame = 0;
  private tabsDirty = true;
  /** Row indices in display order (hidden rows left out), and the number of columns shown. */
  private visibleRows: number[] = [];
  private columnCount = MIN_COLUMNS;
  private columnLefts: number[] = [];
  private columnWidths: number[] = [];
  // Selection being made with the mouse or the keyboard (committed to the model when done).
  private mode: SelectMode = "cells";
  private anchor: Cell = { row: 0, column: 0 };
  private cursor: Cell = { row: 0, column: 0 };
  private pending: Box[] | undefined;
  private dragging = false;
  /** The cell being edited and its input, drawn over the cell. */
  private edit: { cell: Cell; input: HTMLInputElement } | undefined;

  constructor(private readonly el: GridElements) {
    this.canvas = div("grid-canvas");
    this.header = div("grid-header");
    this.header.setAttribute("role", "row");
    this.body = div("grid-body");
    this.body.setAttribute("role", "rowgroup");
    this.canvas.append(this.header, this.body);
    el.grid.replaceChildren(this.canvas);
    el.grid.addEventListener("scroll", () => this.schedule());
    el.grid.addEventListener("mousedown", (ev) => this.onMouseDown(ev));
    el.grid.addEventListener("mouseover", (ev) => this.onMouseOver(ev));
    window.addEventListener("mouseup", () => this.onMouseUp());
    el.grid.addEventListener("keydown", (ev) => this.onKeyDown(ev));
    el.grid.addEventListener("paste", (ev) => this.onPaste(ev));
    el.grid.addEventListener("copy", (ev) => this.onCopy(ev));
    window.addEventListener("resize", () => this.schedule());
  }

  setModel(model: WorkbookModel): void {
    this.finishEdit(false);
    this.unsubscribe?.();
    this.model = model;
    this.pending = undefined;
    this.tabsDirty = true;
    this.syncCursorFromModel();
    this.unsubscribe = model.subscribe((change) => this.onChange(change));
    this.render();
  }

  /** Renders now (tests and screenshots call it through the page to avoid waiting for a frame). */
  render(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    const model = this.model;
    if (!model) return;
    if (this.tabsDirty) this.renderTabs(model);
    this.tabsDirty = false;
    this.layout(model.activeSheet);
    this.renderHeader(model.activeSheet);
    this.renderRows(model, model.activeSheet);
    this.renderFormulaBar(model);
  }

  private schedule(): void {
    if (!this.frame) this.frame = requestAnimationFrame(() => this.render());
  }

  private onChange(change: ModelChange): void {
    const model = this.model;
    if (!model) return;
    if (change.kind === "sheets" || change.kind === "tables") this.tabsDirty = true;
    if (change.kind === "selection") {
      this.tabsDirty = true;
      if (!this.pending) this.syncCursorFromModel();
    }
    if ("sheet" in change && change.sheet !== model.activeSheet.name && change.kind !== "selection") return;
    this.schedule();
  }

  private syncCursorFromModel(): void {
    const last = this.model?.activeSheet.selection.at(-1);
    if (!last) return;
    this.mode = "cells";
    this.anchor = { row: last.rowIndex, column: last.columnIndex };
    this.cursor = {
      row: Math.min(last.rowIndex + last.rowCount - 1, MAX_ROWS - 1),
      column: Math.min(last.columnIndex + last.columnCount - 1, MAX_COLUMNS - 1),
    };
  }

  // ---- layout and rendering ---------------------------------------------------------------------

  private layout(sheet: SheetModel): void {
    const model = this.model;
    if (!model) return;
    const used = model.usedBox(sheet, false);
    let rowLimit = Math.max(MIN_ROWS, (used ? used.rowIndex + used.rowCount : 0) + SPARE_ROWS);
    for (const box of sheet.selection) {
      if (box.rowCount < MAX_ROWS) rowLimit = Math.max(rowLimit, box.rowIndex + box.rowCount + 1);
    }
    rowLimit = Math.min(rowLimit, MAX_ROWS);
    this.visibleRows = [];
    for (let r = 0; r < rowLimit; r++) if (!sheet.hiddenRows.has(r)) this.visibleRows.push(r);
    this.columnCount = Math.min(
      MAX_SHOWN_COLUMNS,
      Math.max(MIN_COLUMNS, (used ? used.columnIndex + used.columnCount : 0) + SPARE_COLUMNS),
    );
    this.columnWidths = [];
    this.columnLefts = [];
    let left = ROW_HEADER_WIDTH;
    for (let c = 0; c < this.columnCount; c++) {
      const points = sheet.columnWidths.get(c);
      const width =
        points === undefined
          ? DEFAULT_COLUMN_WIDTH
          : Math.max(48, Math.min(MAX_COLUMN_WIDTH, Math.round(points * 1.1)));
      this.columnLefts.push(left);
      this.columnWidths.push(width);
      left += width;
    }
    this.canvas.style.width = `${left}px`;
    this.canvas.style.height = `${HEADER_HEIGHT + this.visibleRows.length * ROW_HEIGHT}px`;
    this.el.grid.setAttribute("aria-rowcount", String(this.visibleRows.length + 1));
    this.el.grid.setAttribute("aria-colcount", String(this.columnCount + 1));
    const hidden = sheet.hiddenRows.size;
    this.el.footer.textContent =
      `${sheet.name}: ${used ? used.rowIndex + used.rowCount : 0} rows used` +
      (hidden ? `, ${hidden} hidden by the filter` : "");
  }

  private selection(): Box[] {
    return this.pending ?? this.model?.activeSheet.selection ?? [];
  }

  private renderHeader(sheet: SheetModel): void {
    const boxes = this.selection();
    const corner = div("corner");
    corner.setAttribute("role", "columnheader");
    corner.setAttribute("aria-label", `Sheet ${sheet.name}`);
    const cells: HTMLElement[] = [corner];
    for (let c = 0; c < this.columnCount; c++) {
      const letter = columnLetters(c);
      const h = div("col-header", letter);
      h.setAttribute("role", "columnheader");
      h.dataset["column"] = String(c);
      h.style.left = `${this.columnLefts[c] ?? 0}px`;
      h.style.width = `${this.columnWidths[c] ?? DEFAULT_COLUMN_WIDTH}px`;
      if (boxes.some((b) => c >= b.columnIndex && c < b.columnIndex + b.columnCount)) h.classList.add("lit");
      if (boxes.some((b) => b.rowCount === MAX_ROWS && contains(b, 0, c))) h.classList.add("whole");
      cells.push(h);
    }
    this.header.replaceChildren(...cells);
  }

  private renderRows(model: WorkbookModel, sheet: SheetModel): void {
    const view = this.el.grid;
    const first = Math.max(0, Math.floor((view.scrollTop - HEADER_HEIGHT) / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(
      this.visibleRows.length,
      Math.ceil((view.scrollTop + view.clientHeight) / ROW_HEIGHT) + OVERSCAN,
    );
    const boxes = this.selection();
    const active = boxes.at(-1);
    const activeCell = active && { row: this.anchor.row, column: this.anchor.column };
    const rows: HTMLElement[] = [];
    for (let i = first; i < last; i++) {
      const r = this.visibleRows[i];
      if (r === undefined) continue;
      const box = { rowIndex: r, columnIndex: 0, rowCount: 1, columnCount: this.columnCount };
      const texts = this.rowTexts(model, sheet, box);
      const types = model.readValueTypes(sheet, box)[0] ?? [];
      const rowEl = div("row");
      rowEl.setAttribute("role", "row");
      rowEl.setAttribute("aria-rowindex", String(r + 1));
      rowEl.style.top = `${HEADER_HEIGHT + i * ROW_HEIGHT}px`;
      const rowHeader = div("row-header", String(r + 1));
      rowHeader.setAttribute("role", "rowheader");
      rowHeader.dataset["row"] = String(r);
      if (boxes.some((b) => r >= b.rowIndex && r < b.rowIndex + b.rowCount)) rowHeader.classList.add("lit");
      if (r > 0 && sheet.hiddenRows.has(r - 1)) rowHeader.classList.add("after-hidden");
      const cells: HTMLElement[] = [rowHeader];
      for (let c = 0; c < this.columnCount; c++) {
        const text = texts[c] ?? "";
        const cell = div("cell", text);
        cell.setAttribute("role", "gridcell");
        cell.dataset["row"] = String(r);
        cell.dataset["column"] = String(c);
        cell.style.left = `${this.columnLefts[c] ?? 0}px`;
        cell.style.width = `${this.columnWidths[c] ?? DEFAULT_COLUMN_WIDTH}px`;
        const type = types[c];
        if (type === "Double") cell.classList.add("number");
        if (type === "Error") cell.classList.add("error");
        const tone = text === "" ? undefined : statusTone(text);
        if (tone) cell.classList.add(`tone-${tone}`);
        if (text.length > 0) cell.title = text;
        const selected = boxes.some((b) => contains(b, r, c));
        cell.setAttribute("aria-selected", String(selected));
        if (selected) cell.classList.add("selected");
        if (activeCell && activeCell.row === r && activeCell.column === c) cell.classList.add("active");
        cells.push(cell);
      }
      rowEl.replaceChildren(...cells);
      rows.push(rowEl);
    }
    this.body.replaceChildren(...rows);
  }

  /** A row's texts as shown: numbers in a date format as dates and times. */
  private rowTexts(model: WorkbookModel, sheet: SheetModel, box: Box): string[] {
    const texts = model.readText(sheet, box)[0] ?? [];
    const formats = model.readNumberFormat(sheet, box)[0] ?? [];
    if (!formats.some((f) => /yy/i.test(f))) return texts;
    const values = model.readValues(sheet, box)[0] ?? [];
    return texts.map((text, c) => {
      const value = values[c];
      const format = formats[c] ?? "";
      return typeof value === "number" && /yy/i.test(format) ? dateText(value, format) : text;
    });
  }

  private renderTabs(model: WorkbookModel): void {
    const tabs = model.sheets
      .filter((s) => s.visibility === "Visible")
      .map((sheet) => {
        const tab = document.createElement("button");
        tab.type = "button";
        tab.className = "tab";
        tab.setAttribute("role", "tab");
        const isActive = sheet === model.activeSheet;
        tab.setAttribute("aria-selected", String(isActive));
        tab.textContent = sheet.name;
        tab.addEventListener("click", () => {
          model.activate(sheet);
          this.el.grid.scrollTo(0, 0);
          this.el.grid.focus();
        });
        return tab;
      });
    this.el.tabs.replaceChildren(...tabs);
  }

  private renderFormulaBar(model: WorkbookModel): void {
    const sheet = model.activeSheet;
    const boxes = this.selection();
    this.el.nameBox.textContent = boxes
      .map((b) =>
        formatAddress(sheet.name, b)
          .slice(sheet.name.length + 1)
          .replace(/^'.*'!/, ""),
      )
      .join(",");
    const text =
      model.readText(sheet, {
        rowIndex: this.anchor.row,
        columnIndex: this.anchor.column,
        rowCount: 1,
        columnCount: 1,
      })[0]?.[0] ?? "";
    this.el.cellText.textContent = text;
  }

  // ---- selection ---------------------------------------------------------------------------------

  private target(ev: Event): { kind: "cell" | "column" | "row" | "corner"; cell: Cell } | undefined {
    const el = (ev.target as HTMLElement | null)?.closest<HTMLElement>(
      ".cell, .col-header, .row-header, .corner",
    );
    if (!el) return undefined;
    const row = Number(el.dataset["row"] ?? 0);
    const column = Number(el.dataset["column"] ?? 0);
    if (el.classList.contains("corner")) return { kind: "corner", cell: { row: 0, column: 0 } };
    if (el.classList.contains("col-header")) return { kind: "column", cell: { row: 0, column } };
    if (el.classList.contains("row-header")) return { kind: "row", cell: { row, column: 0 } };
    return { kind: "cell", cell: { row, column } };
  }

  private onMouseDown(ev: MouseEvent): void {
    if (ev.button !== 0 || !this.model) return;
    if (this.edit && ev.target === this.edit.input) return;
    const hit = this.target(ev);
    if (!hit) return;
    this.finishEdit(true);
    // A double-click edits the cell. Counted on mousedown: each click redraws the cells under the
    // pointer, and a browser raises dblclick only when both clicks land on the same element.
    if (ev.detail === 2 && hit.kind === "cell" && !ev.shiftKey && !ev.ctrlKey && !ev.metaKey) {
      ev.preventDefault();
      this.startEdit(hit.cell);
      return;
    }
    ev.preventDefault();
    this.el.grid.focus();
    const mode: SelectMode = hit.kind === "column" ? "columns" : hit.kind === "row" ? "rows" : "cells";
    const current = [...this.model.activeSheet.selection];
    if (hit.kind === "corner") {
      this.mode = "cells";
      this.anchor = { row: 0, column: 0 };
      this.cursor = { row: MAX_ROWS - 1, column: MAX_COLUMNS - 1 };
      this.pending = [{ rowIndex: 0, columnIndex: 0, rowCount: MAX_ROWS, columnCount: MAX_COLUMNS }];
    } else if (ev.shiftKey) {
      this.mode = mode;
      this.cursor = hit.cell;
      this.pending = [...current.slice(0, -1), boxBetween(mode, this.anchor, this.cursor)];
    } else {
      this.mode = mode;
      this.anchor = hit.cell;
      this.cursor = hit.cell;
      const box = boxBetween(mode, hit.cell, hit.cell);
      this.pending = ev.ctrlKey || ev.metaKey ? [...current, box] : [box];
    }
    this.dragging = hit.kind !== "corner";
    this.render();
    if (!this.dragging) this.commit();
  }

  private onMouseOver(ev: MouseEvent): void {
    if (!this.dragging || !this.pending) return;
    const hit = this.target(ev);
    if (!hit || hit.kind === "corner") return;
    const end =
      this.mode === "columns"
        ? { row: 0, column: hit.cell.column }
        : this.mode === "rows"
          ? { row: hit.cell.row, column: 0 }
          : hit.cell;
    if (end.row === this.cursor.row && end.column === this.cursor.column) return;
    this.cursor = end;
    this.pending = [...this.pending.slice(0, -1), boxBetween(this.mode, this.anchor, this.cursor)];
    this.schedule();
  }

  private onMouseUp(): void {
    if (!this.dragging) return;
    this.dragging = false;
    this.commit();
  }

  /** Hands the selection to the model: Office raises DocumentSelectionChanged in the task pane. */
  private commit(): void {
    const model = this.model;
    const boxes = this.pending;
    this.pending = undefined;
    if (!model || !boxes || boxes.length === 0) return;
    model.selectBoxes(model.activeSheet, boxes);
  }

  /** The cell `move` away from `from`, skipping rows hidden by the filter. */
  private step(sheet: SheetModel, from: Cell, move: readonly [number, number]): Cell {
    const next = { row: from.row, column: Math.max(0, Math.min(MAX_COLUMNS - 1, from.column + move[1])) };
    if (move[0] !== 0) {
      let r = from.row + move[0];
      while (r >= 0 && r < MAX_ROWS && sheet.hiddenRows.has(r)) r += move[0];
      if (r >= 0 && r < MAX_ROWS) next.row = r;
    }
    return next;
  }

  /** Selects the single cell `cell`, as the arrow keys do. */
  private moveTo(cell: Cell): void {
    this.mode = "cells";
    this.anchor = cell;
    this.cursor = cell;
    this.pending = [boxBetween("cells", cell, cell)];
    this.commit();
    this.scrollIntoView(cell);
    this.render();
  }

  private onKeyDown(ev: KeyboardEvent): void {
    const model = this.model;
    // Keys typed into the cell editor are its own (onEditorKey).
    if (!model || ev.target !== this.el.grid) return;
    if (this.onEditKey(ev, model)) return;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    const move = moves[ev.key];
    if (!move) return;
    ev.preventDefault();
    const sheet = model.activeSheet;
    const next = this.step(sheet, ev.shiftKey ? this.cursor : this.anchor, move);
    if (!ev.shiftKey) {
      this.moveTo(next);
      return;
    }
    this.cursor = next;
    if (this.mode === "columns") this.cursor = { row: 0, column: next.column };
    if (this.mode === "rows") this.cursor = { row: next.row, column: 0 };
    this.pending = [...sheet.selection.slice(0, -1), boxBetween(this.mode, this.anchor, this.cursor)];
    this.commit();
    this.scrollIntoView(this.cursor);
    this.render();
  }

  // ---- editing: typing, F2, Delete, paste and copy ---------------------------------------------------

  /** Keys that edit the sheet; true when `ev` was one. */
  private onEditKey(ev: KeyboardEvent, model: WorkbookModel): boolean {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || ev.isComposing) return false;
    if (ev.key === "Delete" || ev.key === "Backspace") {
      ev.preventDefault();
      this.clearSelection(model);
      return true;
    }
    if (ev.key === "F2") {
      ev.preventDefault();
      this.startEdit(this.anchor);
      return true;
    }
    if ([...ev.key].length !== 1) return false;
    // A printable character replaces what the active cell holds, as in a sheet.
    ev.preventDefault();
    this.startEdit(this.anchor, ev.key);
    return true;
  }

  /** Opens the editor over `cell`: with `replace` as its text, or (F2, double-click) what the cell holds. */
  private startEdit(cell: Cell, replace?: string): void {
    const model = this.model;
    if (!model) return;
    this.finishEdit(true);
    if (this.anchor.row !== cell.row || this.anchor.column !== cell.column) this.moveTo(cell);
    const index = this.visibleRows.indexOf(cell.row);
    if (index < 0 || cell.column >= this.columnCount) return;
    this.scrollIntoView(cell);
    const box = { rowIndex: cell.row, columnIndex: cell.column, rowCount: 1, columnCount: 1 };
    const held = model.readFormulas(model.activeSheet, box)[0]?.[0] ?? "";
    const input = document.createElement("input");
    input.className = "cell-editor";
    input.setAttribute("aria-label", `Edit cell ${a1(cell)}`);
    input.value = replace ?? String(held);
    input.style.top = `${HEADER_HEIGHT + index * ROW_HEIGHT}px`;
    input.style.left = `${this.columnLefts[cell.column] ?? 0}px`;
    input.style.width = `${Math.max(this.columnWidths[cell.column] ?? DEFAULT_COLUMN_WIDTH, 120)}px`;
    input.addEventListener("keydown", (ev) => this.onEditorKey(ev));
    input.addEventListener("blur", () => this.finishEdit(true));
    this.edit = { cell, input };
    this.canvas.append(input);
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }

  private onEditorKey(ev: KeyboardEvent): void {
    const model = this.model;
    const edit = this.edit;
    if (!model || !edit) return;
    const moves: Record<string, [number, number]> = { Enter: [1, 0], Tab: [0, 1] };
    const move = moves[ev.key];
    if (move) {
      ev.preventDefault();
      this.finishEdit(true);
      const back = ev.shiftKey ? -1 : 1;
      this.moveTo(this.step(model.activeSheet, edit.cell, [move[0] * back, move[1] * back]));
    } else if (ev.key === "Escape") {
      ev.preventDefault();
      this.finishEdit(false);
    }
  }

  /** Closes the editor; `save` enters its text into the cell as typing would ("" empties the cell). */
  private finishEdit(save: boolean): void {
    const edit = this.edit;
    if (!edit) return;
    this.edit = undefined;
    const hadFocus = document.activeElement === edit.input;
    edit.input.remove();
    const model = this.model;
    if (save && model) model.setValues(model.activeSheet.name, a1(edit.cell), [[edit.input.value]]);
    if (hadFocus) this.el.grid.focus();
  }

  /** Delete: empties the selected cells (their formats stay), only where cells are used. */
  private clearSelection(model: WorkbookModel): void {
    const sheet = model.activeSheet;
    const used = model.usedBox(sheet, true);
    if (!used) return;
    for (const box of sheet.selection) {
      const part = clip(box, used);
      if (part) model.clear(sheet, part, "Contents");
    }
  }

  /** Ctrl+V: the clipboard's cells from the active selection's top-left cell, then selected. */
  private onPaste(ev: ClipboardEvent): void {
    const model = this.model;
    if (!model || ev.target !== this.el.grid) return;
    const rows = parseClipboardText(ev.clipboardData?.getData("text/plain") ?? "");
    const width = rows[0]?.length ?? 0;
    if (rows.length === 0 || width === 0) return;
    ev.preventDefault();
    const active = model.activeSheet.selection.at(-1);
    const at = active ? { row: active.rowIndex, column: active.columnIndex } : this.anchor;
    if (at.row + rows.length > MAX_ROWS || at.column + width > MAX_COLUMNS) return;
    model.setValues(model.activeSheet.name, a1(at), rows);
    this.mode = "cells";
    this.anchor = at;
    this.cursor = { row: at.row + rows.length - 1, column: at.column + width - 1 };
    this.pending = [boxBetween("cells", this.anchor, this.cursor)];
    this.commit();
    this.render();
  }

  /** Ctrl+C: the active selection (within the used cells) as clipboard text. */
  private onCopy(ev: ClipboardEvent): void {
    const model = this.model;
    if (!model || ev.target !== this.el.grid || !ev.clipboardData) return;
    const sheet = model.activeSheet;
    const used = model.usedBox(sheet, true);
    const active = sheet.selection.at(-1);
    const part = used && active ? clip(active, used) : undefined;
    ev.preventDefault();
    ev.clipboardData.setData("text/plain", part ? clipboardText(model.readText(sheet, part)) : "");
  }

  private scrollIntoView(cell: Cell): void {
    const view = this.el.grid;
    const i = this.visibleRows.indexOf(cell.row);
    if (i >= 0) {
      const top = HEADER_HEIGHT + i * ROW_HEIGHT;
      if (top - HEADER_HEIGHT < view.scrollTop) view.scrollTop = top - HEADER_HEIGHT;
      else if (top + ROW_HEIGHT > view.scrollTop + view.clientHeight)
        view.scrollTop = top + ROW_HEIGHT - view.clientHeight;
    }
    const left = this.columnLefts[cell.column];
    const width = this.columnWidths[cell.column];
    if (left !== undefined && width !== undefined) {
      if (left - ROW_HEADER_WIDTH < view.scrollLeft) view.scrollLeft = left - ROW_HEADER_WIDTH;
      else if (left + width > view.scrollLeft + view.clientWidth)
        view.scrollLeft = left + width - view.clientWidth;
    }
  }
}

/** "5, 8-10" → [5, 8, 9, 10]; undefined when the text is not a list of row numbers. */
export function parseRowList(text: string): number[] | undefined {
  const rows: number[] = [];
  for (const part of text.split(/[,;\s]+/).filter((p) => p !== "")) {
    const m = /^(\d+)(?:[-–:](\d+))?$/.exec(part);
    if (!m) return undefined;
    const a = Number(m[1]);
    const b = Number(m[2] ?? m[1]);
    if (a < 1 || b < 1 || a > MAX_ROWS || b > MAX_ROWS || Math.abs(b - a) > 10_000) return undefined;
    for (let r = Math.min(a, b); r <= Math.max(a, b); r++) rows.push(r);
  }
  return rows.length > 0 ? rows : undefined;
}
