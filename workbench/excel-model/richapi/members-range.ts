// Range, RangeFormat, RangeAreas and RangeCollection over the workbook model, with the semantics of
// the hand-written simulator (test/excel-sim/office-js.ts).

import { ExcelSimError, invalidArgument } from "../errors";
import {
  type Box,
  type SheetModel,
  type WorkbookModel,
  boxCells,
  checkBox,
  formatAddress,
  intersect,
  MAX_COLUMNS,
  MAX_ROWS,
  parseAddress,
} from "../model";
import type { ClassDef, MethodArgs } from "./class-def";
import {
  argInt,
  argOptionalString,
  argString,
  NotImplementedError,
  type Target,
  type TargetOf,
} from "./targets";

type RangeT = TargetOf<"Range">;
type AreasT = TargetOf<"RangeAreas">;

const isEntireColumn = (box: Box): boolean => box.rowIndex === 0 && box.rowCount === MAX_ROWS;
const isEntireRow = (box: Box): boolean => box.columnIndex === 0 && box.columnCount === MAX_COLUMNS;

export function rangeOf(sheet: SheetModel, box: Box): RangeT {
  return { kind: "Range", sheet, box: checkBox(box) };
}

/** Range.getSpecialCells: only SpecialCellType "Visible" (the add-in's use) is simulated. */
function specialCells(model: WorkbookModel, sheet: SheetModel, boxes: Box[], args: MethodArgs): Box[] {
  const cellType = argString(args, 0, "cellType");
  if (cellType !== "Visible") throw new NotImplementedError(`getSpecialCells("${cellType}")`);
  return boxes.flatMap((box) => model.visibleBoxes(sheet, box));
}

function special(model: WorkbookModel, sheet: SheetModel, boxes: Box[], args: MethodArgs, orNull: boolean) {
  const found = specialCells(model, sheet, boxes, args);
  if (found.length > 0) return { kind: "RangeAreas" as const, sheet, boxes: found };
  if (orNull) return null;
  throw new ExcelSimError("ItemNotFound", "No cells were found.");
}

/** The other range of getIntersection: an address on the same sheet, or a Range object. */
function otherBox(t: RangeT, other: unknown): Box | null {
  if (typeof other === "string") {
    const parsed = parseAddress(other);
    if (parsed.sheet !== "" && parsed.sheet.toLowerCase() !== t.sheet.name.toLowerCase()) {
      throw invalidArgument("ranges on different sheets");
    }
    return parsed.box;
  }
  if (other === null) return null;
  const target = other as Target;
  if (target.kind !== "Range") throw invalidArgument("anotherRange must be a Range or an address");
  if (target.sheet !== t.sheet) throw invalidArgument("ranges on different sheets");
  return target.box;
}

function intersection(t: RangeT, args: MethodArgs, orNull: boolean): RangeT | null {
  const box = otherBox(t, args[0]);
  const common = box && intersect(t.box, box);
  if (!common && !orNull) throw new ExcelSimError("ItemNotFound", "The ranges don't intersect.");
  return common ? rangeOf(t.sheet, common) : null;
}

const relative = (t: RangeT, box: Box): RangeT => rangeOf(t.sheet, box);

const rangeProps: ClassDef<RangeT>["props"] = {
  Address: { get: (t) => formatAddress(t.sheet.name, t.box) },
  AddressLocal: { get: (t) => formatAddress(t.sheet.name, t.box) },
  RowIndex: { get: (t) => t.box.rowIndex },
  ColumnIndex: { get: (t) => t.box.columnIndex },
  RowCount: { get: (t) => t.box.rowCount },
  ColumnCount: { get: (t) => t.box.columnCount },
  CellCount: { get: (t) => boxCells(t.box) },
  IsEntireColumn: { get: (t) => isEntireColumn(t.box) },
  IsEntireRow: { get: (t) => isEntireRow(t.box) },
  Values: {
    get: (t, m) => m.readValues(t.sheet, t.box),
    set: (t, v, m) => m.writeValues(t.sheet, t.box, v),
  },
  Formulas: {
    get: (t, m) => m.readFormulas(t.sheet, t.box),
    set: (t, v, m) => m.writeValues(t.sheet, t.box, v),
  },
  ValueTypes: { get: (t, m) => m.readValueTypes(t.sheet, t.box) },
  Text: { get: (t, m) => m.readText(t.sheet, t.box) },
  NumberFormat: {
    get: (t, m) => m.readNumberFormat(t.sheet, t.box),
    set: (t, v, m) => m.writeNumberFormat(t.sheet, t.box, v),
  },
  RowHidden: {
    get: (t, m) => m.rowHiddenState(t.sheet, t.box),
    set: (t, v, m) => {
      if (typeof v !== "boolean") throw invalidArgument("rowHidden must be a boolean");
      m.setRowsHidden(t.sheet, t.box, v);
    },
  },
};

export const rangeClass: ClassDef<RangeT> = {
  name: "Range",
  props: rangeProps,
  nav: {
    Format: (t) => ({ kind: "RangeFormat", sheet: t.sheet, box: t.box }),
    Worksheet: (t) => ({ kind: "Worksheet", sheet: t.sheet }),
  },
  paths: {
    GetCell: (t, a) =>
      relative(t, {
        rowIndex: t.box.rowIndex + argInt(a, 0, "row"),
        columnIndex: t.box.columnIndex + argInt(a, 1, "column"),
        rowCount: 1,
        columnCount: 1,
      }),
    GetRow: (t, a) => {
      const row = argInt(a, 0, "row");
      if (row < 0 || row >= t.box.rowCount) throw invalidArgument(`row ${row}`);
      return relative(t, { ...t.box, rowIndex: t.box.rowIndex + row, rowCount: 1 });
    },
    GetColumn: (t, a) => {
      const column = argInt(a, 0, "column");
      if (column < 0 || column >= t.box.columnCount) throw invalidArgument(`column ${column}`);
      return relative(t, { ...t.box, columnIndex: t.box.columnIndex + column, columnCount: 1 });
    },
    GetOffsetRange: (t, a) =>
      relative(t, {
        ...t.box,
        rowIndex: t.box.rowIndex + argInt(a, 0, "rowOffset"),
        columnIndex: t.box.columnIndex + argInt(a, 1, "columnOffset"),
      }),
    GetResizedRange: (t, a) =>
      relative(t, {
        ...t.box,
        rowCount: t.box.rowCount + argInt(a, 0, "deltaRows"),
        columnCount: t.box.columnCount + argInt(a, 1, "deltaColumns"),
      }),
    GetEntireColumn: (t) => relative(t, { ...t.box, rowIndex: 0, rowCount: MAX_ROWS }),
    GetEntireRow: (t) => relative(t, { ...t.box, columnIndex: 0, columnCount: MAX_COLUMNS }),
    GetUsedRangeOrNullObject: (t, a, m) => {
      const used = m.usedBox(t.sheet, a[0] === true);
      const common = used && intersect(used, t.box);
      return common ? relative(t, common) : null;
    },
    GetBoundingRect: (t, a) => {
      const other = otherBox(t, a[0]);
      if (!other) throw invalidArgument("anotherRange");
      const top = Math.min(t.box.rowIndex, other.rowIndex);
      const left = Math.min(t.box.columnIndex, other.columnIndex);
      return relative(t, {
        rowIndex: top,
        columnIndex: left,
        rowCount: Math.max(t.box.rowIndex + t.box.rowCount, other.rowIndex + other.rowCount) - top,
        columnCount:
          Math.max(t.box.columnIndex + t.box.columnCount, other.columnIndex + other.columnCount) - left,
      });
    },
    GetIntersection: (t, a) => intersection(t, a, false),
    GetIntersectionOrNullObject: (t, a) => intersection(t, a, true),
    GetSpecialCells: (t, a, m) => special(m, t.sheet, [t.box], a, false),
    GetSpecialCellsOrNullObject: (t, a, m) => special(m, t.sheet, [t.box], a, true),
  },
  actions: {
    // office.js sends this before it splits a values/formulas/numberFormat write of more than 1,500 cells
    // into row blocks (setRangePropertiesInBulk in excel-web-16.00.debug.js): the array must fit the range.
    _ValidateArraySize: (t, a) => {
      const rows = argInt(a, 0, "rows");
      const columns = argInt(a, 1, "columns");
      if (rows !== t.box.rowCount || columns !== t.box.columnCount) {
        throw invalidArgument(
          `a ${rows} x ${columns} array for a ${t.box.rowCount} x ${t.box.columnCount} range`,
        );
      }
      return null;
    },
    Select: (t, _a, m) => m.selectBoxes(t.sheet, [t.box]),
    Clear: (t, a, m) => {
      const applyTo = argOptionalString(a, 0, "applyTo") ?? "All";
      if (applyTo !== "All" && applyTo !== "Contents" && applyTo !== "Formats") {
        throw new NotImplementedError(`Range.clear("${applyTo}")`);
      }
      m.clear(t.sheet, t.box, applyTo);
    },
    Delete: (t, a, m) => {
      const shift = argString(a, 0, "shift");
      if (shift !== "Up") throw new NotImplementedError(`Range.delete("${shift}")`);
      m.deleteCellsUp(t.sheet, t.box);
    },
  },
};

export const rangeFormatClass: ClassDef<TargetOf<"RangeFormat">> = {
  name: "RangeFormat",
  props: {
    ColumnWidth: {
      get: (t) => t.sheet.columnWidths.get(t.box.columnIndex) ?? 48,
      set: (t, v, m) => {
        if (typeof v !== "number" || !(v >= 0)) throw invalidArgument("columnWidth must be a number");
        for (let c = t.box.columnIndex; c < t.box.columnIndex + t.box.columnCount; c++)
          t.sheet.columnWidths.set(c, v);
        m.emit({ kind: "format", sheet: t.sheet.name });
      },
    },
  },
  actions: {
    AutofitColumns: (t, _a, m) => m.autofitColumns(t.sheet, t.box),
    AutofitRows: () => null,
  },
};

const areasAddress = (t: AreasT): string => t.boxes.map((b) => formatAddress(t.sheet.name, b)).join(",");

export const rangeAreasClass: ClassDef<AreasT> = {
  name: "RangeAreas",
  props: {
    Address: { get: areasAddress },
    AddressLocal: { get: areasAddress },
    AreaCount: { get: (t) => t.boxes.length },
    CellCount: { get: (t) => t.boxes.reduce((n, b) => n + boxCells(b), 0) },
    IsEntireColumn: { get: (t) => t.boxes.every(isEntireColumn) },
    IsEntireRow: { get: (t) => t.boxes.every(isEntireRow) },
  },
  nav: {
    Areas: (t) => ({ kind: "RangeCollection", sheet: t.sheet, boxes: t.boxes }),
    Worksheet: (t) => ({ kind: "Worksheet", sheet: t.sheet }),
  },
  paths: {
    GetSpecialCellsOrNullObject: (t, a, m) => special(m, t.sheet, t.boxes, a, true),
    GetSpecialCells: (t, a, m) => special(m, t.sheet, t.boxes, a, false),
  },
  actions: {
    Select: (t, _a, m) => m.selectBoxes(t.sheet, t.boxes),
  },
};

export const rangeCollectionClass: ClassDef<TargetOf<"RangeCollection">> = {
  name: "RangeCollection",
  items: (t) => t.boxes.map((box) => rangeOf(t.sheet, box)),
  paths: {
    GetItemAt: (t, a) => {
      const box = t.boxes[argInt(a, 0, "index")];
      if (!box) throw new ExcelSimError("ItemNotFound");
      return rangeOf(t.sheet, box);
    },
  },
  actions: {
    GetCount: (t) => t.boxes.length,
  },
};
