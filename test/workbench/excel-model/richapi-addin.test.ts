// The add-in's Excel code (src/office/excel-workbook.ts) running on the REAL office.js client, whose
// requests the RichApi engine executes over the workbook model: what the workbench host page does
// in a browser, here in jsdom.

import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import {
  PERMISSION_LOG_COLUMNS,
  PERMISSION_LOG_TABLE,
  SHARED_AT_COLUMN,
} from "../../../src/core/permission-log";
import { ACCESS_TABLE, ACCESS_TABLE_COLUMNS } from "../../../src/core/results";
import { createExcelWorkbookPort } from "../../../src/office/excel-workbook";
import { WorkbookModel } from "../../../workbench/excel-model/model";
import { createRichApiEngine, type RichApiEngine } from "../../../workbench/excel-model/richapi/engine";
import { ADDIN_EXCEL_MEMBERS } from "../../../workbench/excel-model/richapi/addin-members";
import { engineMemberNames } from "../../../workbench/excel-model/richapi/members";
import { SYNC_TARGET_BYTES } from "../../../src/office/payload";
import { loadRealOfficeJs, type RealOfficeJs } from "./richapi-officejs";

let model: WorkbookModel;
let engine: RichApiEngine;
let office: RealOfficeJs;
let unknown: string[];
const port = createExcelWorkbookPort();
const scope = globalThis as unknown as Record<string, unknown>;

beforeEach(() => {
  model = new WorkbookModel({
    sheets: ["Sheet1"],
    documentUrl: "https://contoso.sharepoint.com/x/Book.xlsx",
  });
  unknown = [];
  engine = createRichApiEngine(model, { onUnknown: (_raw, what) => unknown.push(what) });
  office = loadRealOfficeJs(engine);
  scope.Excel = office.Excel;
  scope.OfficeExtension = office.OfficeExtension;
});

afterEach(() => {
  delete scope.Excel;
  delete scope.OfficeExtension;
  office.close();
  expect(unknown).toEqual([]);
});

function emails(n: number): string[][] {
  return Array.from({ length: n }, (_, i) => [`user${i + 1}@contoso.com`]);
}

function logRow(recipient: string): string[] {
  const row: string[] = PERMISSION_LOG_COLUMNS.map(() => "");
  row[1] = recipient;
  return row;
}

/** Syncs that did the add-in's work: Excel.run's closing sync only releases references (_RemoveReference). */
function workSyncs(): number {
  return office.syncs.filter((s) =>
    s.body.Actions.some((a) => a.ActionType !== 1 && a.Name !== "_RemoveReference"),
  ).length;
}

function accessRow(id: string): string[] {
  return ACCESS_TABLE_COLUMNS.map((column) => (column === "Permission ID" ? id : `${column} of ${id}`));
}

describe("readSelection through office.js", () => {
  test("areas, values, value types, hidden rows and the column beside, in two syncs", async () => {
    model.setValues("Sheet1", "B1", [["Email", "Note"], ...emails(5).map((r) => [r[0] ?? "", 7])]);
    model.hideRows("Sheet1", [3]);
    model.select("Sheet1", "B1:B6");
    const { areas } = await port.readSelection();
    expect(workSyncs()).toBe(2);
    expect(areas).toHaveLength(1);
    expect(areas[0]).toMatchObject({ sheet: "Sheet1", rowIndex: 0, columnIndex: 1 });
    expect(areas[0]?.values[5]).toEqual(["user5@contoso.com"]);
    expect(areas[0]?.valueTypes?.[0]).toEqual(["String"]);
    expect(areas[0]?.hiddenRows).toEqual([false, false, true, false, false, false]);
    expect(areas[0]?.besideValues).toEqual(["Note", 7, 7, 7, 7, 7]);
  });

  test("a whole-column, two-area selection is clipped to the used range", async () => {
    model.setValues("Sheet1", "A1", emails(3));
    model.setValues("Sheet1", "C2", [["x@contoso.com"]]);
    model.select("Sheet1", "A:A,C2");
    const { areas } = await port.readSelection();
    expect(areas.map((a) => [a.rowIndex, a.columnIndex, a.values.length])).toEqual([
      [0, 0, 3],
      [1, 2, 1],
    ]);
  });

  test("an empty sheet is a null used range: no areas, one sync", async () => {
    model.select("Sheet1", "C3");
    expect(await port.readSelection()).toEqual({ areas: [] });
    expect(workSyncs()).toBe(1);
  });
});

describe("writing through office.js", () => {
  test("ensureLog creates the table once, with text columns; flush appends rows and text statuses", async () => {
    expect(await port.ensureLog()).toBe("Permissions");
    expect(await port.ensureLog()).toBe("Permissions");
    expect(model.tableInfo(PERMISSION_LOG_TABLE)).toMatchObject({ sheet: "Permissions", rowCount: 0 });
    expect(model.cell("Permissions", "A900").numberFormat).toBe("@");

    model.setValues("Sheet1", "B1", emails(2));
    await port.flush({
      logRows: [logRow("=1+1"), logRow("b@contoso.com")],
      statuses: [{ sheet: "Sheet1", row: 0, column: 2, text: '=HYPERLINK("http://x","y")' }],
    });
    expect(model.tableRows(PERMISSION_LOG_TABLE).map((r) => r[1])).toEqual(["=1+1", "b@contoso.com"]);
    expect(model.cell("Permissions", "B2").formula).toBeUndefined();
    expect(model.cell("Sheet1", "C1")).toMatchObject({
      value: '=HYPERLINK("http://x","y")',
      numberFormat: "@",
    });
  });

  test("a Permissions sheet holding data is left alone: the log goes to Permissions (2)", async () => {
    model.addSheet("Permissions");
    model.setValues("Permissions", "A1", [["mine"]]);
    expect(await port.ensureLog()).toBe("Permissions (2)");
    expect(model.getValues("Permissions", "A1")).toEqual([["mine"]]);
  });

  test("a missing log table rejects flush with Excel's ItemNotFound", async () => {
    await expect(port.flush({ logRows: [logRow("a@contoso.com")], statuses: [] })).rejects.toMatchObject({
      code: "ItemNotFound",
    });
  });

  test("writeAccessTable replaces the rows; readSelectedAccessRows picks the visible selected IDs", async () => {
    expect(await port.writeAccessTable([accessRow("p1"), accessRow("p2"), accessRow("p3")])).toBe(
      "Current access",
    );
    await port.writeAccessTable([accessRow("q1"), accessRow("q2"), accessRow("q3")]);
    expect(
      model.tableRows(ACCESS_TABLE).map((r) => r[ACCESS_TABLE_COLUMNS.indexOf("Permission ID")]),
    ).toEqual(["q1", "q2", "q3"]);
    model.hideRows("Current access", [3]);
    model.select("Current access", "A2:B4");
    expect(await port.readSelectedAccessRows()).toEqual(["q1", "q3"]);
    await port.activateSheet("Sheet1");
    expect(model.activeSheet.name).toBe("Sheet1");
  });
});

test("the add-in's whole Excel surface runs through the engine, and nothing it sends is unknown", async () => {
  model.setValues("Sheet1", "A1", emails(3));
  model.select("Sheet1", "A1:A3");
  await port.readSelection();
  model.addSheet("Permissions");
  await port.ensureLog();
  await port.flush({
    logRows: [logRow("a@contoso.com")],
    statuses: [{ sheet: "Sheet1", row: 0, column: 1, text: "Granted" }],
  });
  // "Shared at" as a date: one format for a column of dates, cell by cell in a column that mixes.
  const dated = logRow("b@contoso.com");
  dated[SHARED_AT_COLUMN] = "2026-12-02T10:00:00.000Z";
  await port.flush({ logRows: [dated], statuses: [] });
  await port.flush({ logRows: [dated, logRow("c@contoso.com")], statuses: [] });
  const sharedAt = model.tableRows(PERMISSION_LOG_TABLE).map((r) => typeof r[SHARED_AT_COLUMN]);
  expect(sharedAt.slice(-3)).toEqual(["number", "number", "string"]);
  // A formula-like string takes the confirmed-Text path (format read back, then the single cell).
  await port.flush({ logRows: [logRow("=cmd|' /C calc'!A0")], statuses: [] });
  await port.writeAccessTable([accessRow("p1")]);
  await port.writeAccessTable([accessRow("p2")]);
  model.select("Current access", "A2");
  await port.readSelectedAccessRows();
  await port.activateSheet("Sheet1");
  const executed = engine.executedMembers();
  expect(ADDIN_EXCEL_MEMBERS.filter((m) => !executed.has(m))).toEqual([]);
});

test("ADDIN_EXCEL_MEMBERS matches the Excel members named in src/office", () => {
  const dir = join(__dirname, "../../../src/office");
  const source = readdirSync(dir)
    .filter((name) => name.endsWith(".ts"))
    .map((name) => readFileSync(join(dir, name), "utf8"))
    .join("\n");
  const used = new Set([...source.matchAll(/\.([A-Za-z_]\w*)/g)].map((m) => m[1] ?? ""));
  const listed = new Set(
    ADDIN_EXCEL_MEMBERS.map((m) => m.replace(/^\w+\./, "").replace(/\((get|set)\)$/, "")),
  );
  const known = engineMemberNames();
  expect([...used].filter((name) => known.has(name) && !listed.has(name))).toEqual([]);
  expect([...listed].filter((name) => !used.has(name))).toEqual([]);
});

describe("Excel on the web's payload limits, with office.js's own requests", () => {
  const LARGE = 120_000;
  const largest = (fromSync: number) =>
    Math.max(
      0,
      ...model.payloads
        .filter((p) => p.sync >= fromSync)
        .map((p) => Math.max(p.requestBytes, p.responseBytes)),
    );

  test(
    "120,000 selected rows (some 5 MB of values) are read complete and in order, no sync over 4 MB",
    async () => {
      const n = 120_000;
      model.setValues("Sheet1", "A1", emails(n));
      model.select("Sheet1", `A1:A${n}`);
      const before = model.syncCount;
      const { areas } = await port.readSelection();
      expect(model.syncCount - before).toBeGreaterThan(2);
      expect(largest(before + 1)).toBeLessThanOrEqual(SYNC_TARGET_BYTES);
      expect(areas[0]?.values).toHaveLength(n);
      expect(areas[0]?.values.findIndex((row, i) => row[0] !== `user${i + 1}@contoso.com`)).toBe(-1);
    },
    LARGE,
  );

  test(
    "10,000 statuses on every other row (10,000 ranges: some 6 MB of requests) and 10,000 log rows stay under 4 MB a sync",
    async () => {
      const n = 10_000;
      await port.ensureLog();
      const before = model.syncCount;
      await port.flush({
        logRows: Array.from({ length: n }, (_, i) => logRow(`user${i}@contoso.com`)),
        statuses: Array.from({ length: n }, (_, i) => ({
          sheet: "Sheet1",
          row: 2 * i,
          column: 1,
          text: `Shared ${i}`,
        })),
      });
      expect(largest(before + 1)).toBeLessThanOrEqual(SYNC_TARGET_BYTES);
      const statuses = model.getValues("Sheet1", `B1:B${2 * n}`);
      expect(statuses.findIndex((row, r) => row[0] !== (r % 2 === 0 ? `Shared ${r / 2}` : ""))).toBe(-1);
      const log = model.tableRows(PERMISSION_LOG_TABLE);
      expect(log).toHaveLength(n);
      expect(log.findIndex((row, i) => row[1] !== `user${i}@contoso.com`)).toBe(-1);
    },
    LARGE,
  );
});
