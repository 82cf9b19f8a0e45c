// TableCollection, Table, TableRowCollection and TableRow over the workbook model.

import { ExcelSimError, invalidArgument } from "../errors";
import {
  type Box,
  type SheetModel,
  type TableModel,
  type WorkbookModel,
  formatAddress,
  parseAddress,
} from "../model";
import type { ClassDef } from "./class-def";
import { rangeOf } from "./members-range";
import { argBool, argInt, argOptionalInt, type Target, type TargetOf } from "./targets";

type TablesT = TargetOf<"TableCollection">;
type TableT = TargetOf<"Table">;
type RowT = TargetOf<"TableRow">;

const tableTarget = (table: TableModel): TableT => ({ kind: "Table", table });

function inScope(t: TablesT, m: WorkbookModel): TableModel[] {
  return m.tables.filter((table) => t.sheet === null || table.sheet === t.sheet);
}

/** A table by name (case-insensitive) or id, within the collection's sheet if it has one. */
function findTable(t: TablesT, key: unknown, m: WorkbookModel): TableModel | undefined {
  if (typeof key !== "string") throw invalidArgument("key must be a string");
  const table = m.tables.find((x) => x.id === key) ?? m.findTable(key);
  return table && (t.sheet === null || table.sheet === t.sheet) ? table : undefined;
}

function getTable(t: TablesT, key: unknown, m: WorkbookModel): TableT {
  const table = findTable(t, key, m);
  if (!table) throw new ExcelSimError("ItemNotFound", `The table '${String(key)}' doesn't exist.`);
  return tableTarget(table);
}

/** tables.add(address, hasHeaders): address is a Range object or an A1 address. */
function addTable(t: TablesT, args: readonly unknown[], m: WorkbookModel): TableT {
  const address = args[0];
  let sheet: SheetModel;
  let box: Box;
  if (typeof address === "string") {
    const parsed = parseAddress(address);
    sheet = parsed.sheet !== "" ? m.sheet(parsed.sheet) : (t.sheet ?? m.activeSheet);
    if (t.sheet !== null && sheet !== t.sheet) throw invalidArgument(`${address} is not on this sheet`);
    box = parsed.box;
  } else {
    const range = address as Target | null;
    if (range === null || range === undefined || range.kind !== "Range") {
      throw invalidArgument("address must be a Range or an address");
    }
    sheet = range.sheet;
    box = range.box;
  }
  const table = m.addTable(sheet, box, argBool(args, 1, "hasHeaders") === true);
  m.record({
    kind: "call",
    member: "TableCollection.add",
    address: formatAddress(sheet.name, box),
    cells: box.rowCount * box.columnCount,
  });
  return tableTarget(table);
}

export const tableCollectionClass: ClassDef<TablesT> = {
  name: "TableCollection",
  props: { Count: { get: (t, m) => inScope(t, m).length } },
  items: (t, m) => inScope(t, m).map(tableTarget),
  indexer: (t, key, m) => getTable(t, key, m),
  paths: {
    GetItem: (t, a, m) => getTable(t, a[0], m),
    GetItemOrNullObject: (t, a, m) => {
      const table = findTable(t, a[0], m);
      return table ? tableTarget(table) : null;
    },
    GetItemAt: (t, a, m) => {
      const table = inScope(t, m)[argInt(a, 0, "index")];
      if (!table) throw new ExcelSimError("ItemNotFound");
      return tableTarget(table);
    },
    Add: (t, a, m) => addTable(t, a, m),
  },
  actions: {
    GetCount: (t, _a, m) => inScope(t, m).length,
  },
};

function dataBody(table: TableModel): Box {
  return {
    rowIndex: table.rowIndex + 1,
    columnIndex: table.columnIndex,
    rowCount: Math.max(1, table.dataRowCount),
    columnCount: table.columnCount,
  };
}

export const tableClass: ClassDef<TableT> = {
  name: "Table",
  props: {
    Id: { get: (t) => t.table.id },
    Name: { get: (t) => t.table.name, set: (t, v, m) => m.renameTable(t.table, String(v)) },
    ShowHeaders: { get: () => true },
    ShowTotals: { get: () => false },
    Style: { get: () => "TableStyleMedium2" },
  },
  nav: {
    Rows: (t) => ({ kind: "TableRowCollection", table: t.table }),
    Worksheet: (t) => ({ kind: "Worksheet", sheet: t.table.sheet }),
  },
  paths: {
    GetRange: (t, _a, m) => rangeOf(t.table.sheet, m.tableBox(t.table)),
    GetHeaderRowRange: (t, _a, m) => rangeOf(t.table.sheet, { ...m.tableBox(t.table), rowCount: 1 }),
    // A table without data rows shows one empty row under its header: that row is its data body.
    GetDataBodyRange: (t) => rangeOf(t.table.sheet, dataBody(t.table)),
  },
};

function rowBox(t: RowT): Box {
  return {
    rowIndex: t.table.rowIndex + 1 + t.index,
    columnIndex: t.table.columnIndex,
    rowCount: 1,
    columnCount: t.table.columnCount,
  };
}

export const tableRowCollectionClass: ClassDef<TargetOf<"TableRowCollection">> = {
  name: "TableRowCollection",
  props: { Count: { get: (t) => t.table.dataRowCount } },
  items: (t) =>
    Array.from({ length: t.table.dataRowCount }, (_, index): RowT => ({
      kind: "TableRow",
      table: t.table,
      index,
    })),
  paths: {
    // rows.add(index, values, alwaysInsert): office.js sends absent arguments as null.
    Add: (t, a, m) => {
      const before = t.table.dataRowCount;
      const at = m.addTableRows(t.table, argOptionalInt(a, 0, "index"), a[1] ?? undefined);
      const box = {
        ...rowBox({ kind: "TableRow", table: t.table, index: at }),
        rowCount: t.table.dataRowCount - before,
      };
      m.record({
        kind: "call",
        member: "TableRowCollection.add",
        address: formatAddress(t.table.sheet.name, box),
        cells: box.rowCount * box.columnCount,
      });
      return { kind: "TableRow", table: t.table, index: at };
    },
    GetItemAt: (t, a) => {
      const index = argInt(a, 0, "index");
      if (index < 0 || index >= t.table.dataRowCount) throw new ExcelSimError("ItemNotFound");
      return { kind: "TableRow", table: t.table, index };
    },
  },
  actions: {
    GetCount: (t) => t.table.dataRowCount,
  },
};

export const tableRowClass: ClassDef<RowT> = {
  name: "TableRow",
  props: {
    Index: { get: (t) => t.index },
    Values: {
      get: (t, m) => m.readValues(t.table.sheet, rowBox(t)),
      set: (t, v, m) => m.writeValues(t.table.sheet, rowBox(t), v),
    },
  },
  paths: {
    GetRange: (t) => rangeOf(t.table.sheet, rowBox(t)),
  },
};
