// Workbook, WorksheetCollection, Worksheet and the internal service office.js notifies at start-up.

import { ExcelSimError, invalidArgument } from "../errors";
import { type SheetModel, type WorkbookModel, checkBox, MAX_COLUMNS, MAX_ROWS, parseAddress } from "../model";
import type { ClassDef } from "./class-def";
import { rangeOf } from "./members-range";
import { argBool, argInt, argOptionalString, type Target, type TargetOf } from "./targets";

type SheetT = TargetOf<"Worksheet">;

const sheetTarget = (sheet: SheetModel): SheetT => ({ kind: "Worksheet", sheet });

/** A worksheet by name (case-insensitive) or by id: office.js re-addresses objects by the Id it was given. */
function findSheet(model: WorkbookModel, key: unknown): SheetModel | undefined {
  if (typeof key !== "string") throw invalidArgument("key must be a string");
  return model.sheets.find((s) => s.id === key) ?? model.findSheet(key);
}

function getSheet(model: WorkbookModel, key: unknown): SheetT {
  const sheet = findSheet(model, key);
  if (!sheet) throw new ExcelSimError("ItemNotFound", `The worksheet '${String(key)}' doesn't exist.`);
  return sheetTarget(sheet);
}

export const workbookClass: ClassDef<TargetOf<"Workbook">> = {
  name: "Workbook",
  props: {
    Name: { get: (_t, m) => decodeURIComponent(m.documentUrl.split(/[\\/]/).pop() ?? "") || "Book1" },
  },
  nav: {
    Worksheets: () => ({ kind: "WorksheetCollection" }),
    Tables: () => ({ kind: "TableCollection", sheet: null }),
  },
  paths: {
    GetSelectedRanges: (_t, _a, m) => {
      const sheet = m.activeSheet;
      return { kind: "RangeAreas", sheet, boxes: sheet.selection.map((b) => ({ ...b })) };
    },
    GetSelectedRange: (_t, _a, m) => {
      const sheet = m.activeSheet;
      const [only, ...more] = sheet.selection;
      if (!only || more.length > 0) throw new ExcelSimError("InvalidSelection");
      return rangeOf(sheet, only);
    },
    GetActiveCell: (_t, _a, m) => {
      const sheet = m.activeSheet;
      const first = sheet.selection[0] ?? { rowIndex: 0, columnIndex: 0 };
      return rangeOf(sheet, {
        rowIndex: first.rowIndex,
        columnIndex: first.columnIndex,
        rowCount: 1,
        columnCount: 1,
      });
    },
  },
};

export const worksheetCollectionClass: ClassDef<TargetOf<"WorksheetCollection">> = {
  name: "WorksheetCollection",
  items: (_t, m) => m.sheets.map(sheetTarget),
  indexer: (_t, key, m) => getSheet(m, key),
  paths: {
    GetItem: (_t, a, m) => getSheet(m, a[0]),
    GetItemOrNullObject: (_t, a, m) => {
      const sheet = findSheet(m, a[0]);
      return sheet ? sheetTarget(sheet) : null;
    },
    GetItemAt: (_t, a, m) => {
      const sheet = m.sheets[argInt(a, 0, "index")];
      if (!sheet) throw new ExcelSimError("ItemNotFound");
      return sheetTarget(sheet);
    },
    GetActiveWorksheet: (_t, _a, m) => sheetTarget(m.activeSheet),
    Add: (_t, a, m) => {
      const sheet = m.addSheet(argOptionalString(a, 0, "name"));
      m.record({ kind: "call", member: "WorksheetCollection.add", address: sheet.name });
      return sheetTarget(sheet);
    },
  },
  actions: {
    GetCount: (_t, _a, m) => m.sheets.length,
    // worksheets.onRowHiddenChanged.add / remove (ExcelApi 1.11). The host page raises the event
    // itself (OfficeHost.rowHiddenChanged) whenever office.js listens for RichApi messages; office.js
    // delivers it only to registered handlers.
    _RegisterRowHiddenChangedEvent: () => null,
    _UnregisterRowHiddenChangedEvent: () => null,
  },
};

const VISIBILITIES = new Set(["Visible", "Hidden", "VeryHidden"]);

function sheetRange(t: SheetT, address: string | undefined): Target {
  if (address === undefined || address === "") {
    return rangeOf(t.sheet, { rowIndex: 0, columnIndex: 0, rowCount: MAX_ROWS, columnCount: MAX_COLUMNS });
  }
  const parsed = parseAddress(address);
  if (parsed.sheet !== "" && parsed.sheet.toLowerCase() !== t.sheet.name.toLowerCase()) {
    throw invalidArgument(`${address} is not on ${t.sheet.name}`);
  }
  return rangeOf(t.sheet, parsed.box);
}

export const worksheetClass: ClassDef<SheetT> = {
  name: "Worksheet",
  props: {
    Id: { get: (t) => t.sheet.id },
    Name: { get: (t) => t.sheet.name, set: (t, v, m) => m.renameSheet(t.sheet, String(v)) },
    Position: { get: (t, m) => m.positionOf(t.sheet) },
    Visibility: {
      get: (t) => t.sheet.visibility,
      set: (t, v, m) => {
        if (typeof v !== "string" || !VISIBILITIES.has(v)) throw invalidArgument(`visibility ${String(v)}`);
        t.sheet.visibility = v as SheetModel["visibility"];
        m.emit({ kind: "sheets" });
      },
    },
  },
  nav: {
    Tables: (t) => ({ kind: "TableCollection", sheet: t.sheet }),
  },
  paths: {
    GetRange: (t, a) => sheetRange(t, argOptionalString(a, 0, "address")),
    GetRangeByIndexes: (t, a) =>
      rangeOf(
        t.sheet,
        checkBox({
          rowIndex: argInt(a, 0, "startRow"),
          columnIndex: argInt(a, 1, "startColumn"),
          rowCount: argInt(a, 2, "rowCount"),
          columnCount: argInt(a, 3, "columnCount"),
        }),
      ),
    GetCell: (t, a) =>
      rangeOf(t.sheet, {
        rowIndex: argInt(a, 0, "row"),
        columnIndex: argInt(a, 1, "column"),
        rowCount: 1,
        columnCount: 1,
      }),
    GetUsedRange: (t, a, m) =>
      rangeOf(
        t.sheet,
        m.usedBox(t.sheet, argBool(a, 0, "valuesOnly") === true) ?? {
          rowIndex: 0,
          columnIndex: 0,
          rowCount: 1,
          columnCount: 1,
        },
      ),
    GetUsedRangeOrNullObject: (t, a, m) => {
      const used = m.usedBox(t.sheet, argBool(a, 0, "valuesOnly") === true);
      return used ? rangeOf(t.sheet, used) : null;
    },
  },
  actions: {
    Activate: (t, _a, m) => m.activate(t.sheet),
    Delete: (t, _a, m) => m.deleteSheet(t.sheet),
  },
};

/** office.js's first Excel.run (Excel on the web) tells the host its action handlers are ready. */
export const addinInternalServiceClass: ClassDef<TargetOf<"AddinInternalService">> = {
  name: "AddinInternalService",
  actions: {
    NotifyActionHandlerReady: () => null,
  },
};
