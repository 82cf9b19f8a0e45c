import { evaluateFormula } from "../../../workbench/excel-model/formula";
import { jsonBytes, utf8Length, WorkbookModel } from "../../../workbench/excel-model/model";

describe("WorkbookModel: entering values", () => {
  test("a string starting with = becomes a formula in a General cell, and stays text in a @ cell", () => {
    const model = new WorkbookModel();
    model.setNumberFormat("Sheet1", "B:B", "@");
    model.setValues("Sheet1", "A1", [["=1+1", "=1+1"]]);
    expect(model.cell("Sheet1", "A1")).toMatchObject({ value: 2, formula: "=1+1", valueType: "Double" });
    expect(model.cell("Sheet1", "B1")).toEqual({
      value: "=1+1",
      numberFormat: "@",
      text: "=1+1",
      valueType: "String",
    });
  });

  test("+ and - entries that are not numbers are formulas too; numbers are numbers", () => {
    const model = new WorkbookModel();
    model.setValues("Sheet1", "A1", [["-abc", "+1+1", "-5", "12.5"]]);
    expect(model.cell("Sheet1", "A1")).toMatchObject({
      formula: "=-abc",
      value: "#NAME?",
      valueType: "Error",
    });
    expect(model.cell("Sheet1", "B1")).toMatchObject({ formula: "=+1+1", value: 2 });
    expect(model.getValues("Sheet1", "C1:D1")).toEqual([[-5, 12.5]]);
  });

  test("an entry starting with @ is a formula in a General cell (Excel's Lotus habit), text in a @ cell", () => {
    const model = new WorkbookModel();
    model.setNumberFormat("Sheet1", "B1", "@");
    model.setValues("Sheet1", "A1", [["@SUM(1,2)", "@SUM(1,2)", "@"]]);
    expect(model.cell("Sheet1", "A1")).toMatchObject({ formula: "=SUM(1,2)" });
    expect(model.cell("Sheet1", "B1")).toMatchObject({ value: "@SUM(1,2)", valueType: "String" });
    expect(model.cell("Sheet1", "C1")).toMatchObject({ value: "@", valueType: "String" });
  });

  test("a string over 32,767 characters is refused and the write changes nothing", () => {
    const model = new WorkbookModel();
    const table = model.addTable(
      model.sheet("Sheet1"),
      { rowIndex: 0, columnIndex: 0, rowCount: 1, columnCount: 2 },
      true,
    );
    const sheet = model.sheet("Sheet1");
    const box = { rowIndex: 4, columnIndex: 0, rowCount: 1, columnCount: 2 };
    expect(() => model.writeValues(sheet, box, [["ok", "x".repeat(32768)]])).toThrow(
      expect.objectContaining({ code: "InvalidArgument" }),
    );
    expect(() => model.addTableRows(table, null, [["ok", "x".repeat(32768)]])).toThrow(
      expect.objectContaining({ code: "InvalidArgument" }),
    );
    expect(model.getValues("Sheet1", "A5:B5")).toEqual([["", ""]]);
    expect(table.dataRowCount).toBe(0);
    model.writeValues(sheet, box, [["ok", "x".repeat(32767)]]);
    expect(String(model.cell("Sheet1", "B5").value)).toHaveLength(32767);
  });

  test("numbers and booleans written into @ cells become strings", () => {
    const model = new WorkbookModel();
    model.setNumberFormat("Sheet1", "A1:B1", "@");
    model.setValues("Sheet1", "A1", [[42, true]]);
    expect(model.getValues("Sheet1", "A1:B1")).toEqual([["42", "TRUE"]]);
  });

  test("a whole-column format applies to cells created later; the used range ignores it", () => {
    const model = new WorkbookModel();
    model.setNumberFormat("Sheet1", "C:D", "@");
    expect(model.usedRange("Sheet1")).toBeUndefined();
    expect(model.cell("Sheet1", "D900000").numberFormat).toBe("@");
    expect(model.cell("Sheet1", "E1").numberFormat).toBe("General");
  });

  test("typing conventions: TRUE, error literals, a leading apostrophe, empty string clears", () => {
    const model = new WorkbookModel();
    model.setValues("Sheet1", "A1", [["true", "#N/A", "'=1+1", "x"]]);
    model.setValues("Sheet1", "D1", [[""]]);
    expect(model.getValues("Sheet1", "A1:D1")).toEqual([[true, "#N/A", "=1+1", ""]]);
    expect(model.cell("Sheet1", "B1").valueType).toBe("Error");
    expect(model.cell("Sheet1", "C1").formula).toBeUndefined();
    expect(model.cell("Sheet1", "D1").valueType).toBe("Empty");
  });

  test("used range: values only, or values and formats", () => {
    const model = new WorkbookModel();
    model.setValues("Sheet1", "B2", [["a"], [null], ["c"]]);
    model.setNumberFormat("Sheet1", "F9", "0.00");
    expect(model.usedRange("Sheet1", true)).toBe("Sheet1!B2:B4");
    expect(model.usedRange("Sheet1")).toBe("Sheet1!B2:F9");
  });
});

describe("WorkbookModel: sheets, selection, rows, tables", () => {
  test("select parses address lists, including whole columns, and activates the sheet", () => {
    const model = new WorkbookModel({ sheets: ["Sheet1", "My Sheet"] });
    model.select("My Sheet", "B1:B20,D5:D9");
    expect(model.selection()).toMatchObject({
      sheet: "My Sheet",
      address: "'My Sheet'!B1:B20,'My Sheet'!D5:D9",
    });
    model.select("Sheet1", "B:B");
    expect(model.selection().address).toBe("Sheet1!B:B");
    expect(() => model.select("Sheet1", "A0")).toThrow(expect.objectContaining({ code: "InvalidArgument" }));
  });

  test("subscribers hear about changes until they unsubscribe", () => {
    const model = new WorkbookModel();
    const heard: string[] = [];
    const stop = model.subscribe((change) => heard.push(change.kind));
    model.setValues("Sheet1", "A1", [["x"]]);
    model.select("Sheet1", "A1");
    stop();
    model.setValues("Sheet1", "A2", [["y"]]);
    expect(heard).toEqual(["cells", "selection"]);
  });

  test("hideRows takes 1-based row numbers", () => {
    const model = new WorkbookModel();
    model.hideRows("Sheet1", [5]);
    expect(model.isRowHidden("Sheet1", 4)).toBe(true);
    expect(model.isRowHidden("Sheet1", 5)).toBe(false);
  });

  test("sheet names are unique regardless of case and must be valid", () => {
    const model = new WorkbookModel();
    expect(() => model.addSheet("sheet1")).toThrow(expect.objectContaining({ code: "ItemAlreadyExists" }));
    expect(() => model.addSheet("a/b")).toThrow(expect.objectContaining({ code: "InvalidArgument" }));
    expect(model.addSheet().name).toBe("Sheet2");
  });

  test("adding table rows moves the cells below down instead of overwriting them", () => {
    const model = new WorkbookModel();
    model.setValues("Sheet1", "A1", [["Name", "Mail"]]);
    model.setValues("Sheet1", "A3", [["below"]]);
    const table = model.addTable(
      model.sheet("Sheet1"),
      { rowIndex: 0, columnIndex: 0, rowCount: 1, columnCount: 2 },
      true,
    );
    model.addTableRows(table, null, [
      ["a", "b"],
      ["c", "d"],
    ]);
    expect(model.tableRows(table.name)).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    expect(model.getValues("Sheet1", "A5")).toEqual([["below"]]);
    expect(model.tableInfo(table.name)).toMatchObject({ address: "Sheet1!A1:B3", headers: ["Name", "Mail"] });
  });
});

describe("evaluateFormula", () => {
  test.each([
    ["=1+2*3", 7, false],
    ["=(1+2)*3", 9, false],
    ['=HYPERLINK("http://x","y")', "y", false],
    ['="a"&"b"', "ab", false],
    ["=1/0", "#DIV/0!", true],
    ["=A1", "#NAME?", true],
    ["=SUM(1)", "#NAME?", true],
  ])("%s → %p", (formula, value, isError) => {
    expect(evaluateFormula(formula)).toEqual({ value, isError });
  });
});

describe("WorkbookModel: deleting cells up", () => {
  test("deleting a table's data rows shrinks it and moves the cells below up; cutting a table is refused", () => {
    const model = new WorkbookModel();
    model.setValues("Sheet1", "A1", [
      ["H1", "H2"],
      ["a", "b"],
      ["c", "d"],
    ]);
    model.setValues("Sheet1", "A5", [["below"]]);
    const table = model.addTable(
      model.sheet("Sheet1"),
      { rowIndex: 0, columnIndex: 0, rowCount: 3, columnCount: 2 },
      true,
    );
    expect(() =>
      model.deleteCellsUp(model.sheet("Sheet1"), {
        rowIndex: 1,
        columnIndex: 0,
        rowCount: 1,
        columnCount: 1,
      }),
    ).toThrow(expect.objectContaining({ code: "InvalidOperation" }));
    model.deleteCellsUp(model.sheet("Sheet1"), { rowIndex: 1, columnIndex: 0, rowCount: 2, columnCount: 2 });
    expect(model.tableRows(table.name)).toEqual([]);
    expect(model.getValues("Sheet1", "A3")).toEqual([["below"]]);
  });
});

describe("payload sizes", () => {
  test("a payload is measured in UTF-8 bytes of its JSON, as it travels", () => {
    expect(utf8Length("abc")).toBe(3);
    // é: 2 bytes, €: 3, an emoji (a surrogate pair): 4.
    expect(utf8Length("é€😀")).toBe(9);
    expect(jsonBytes([["a@b.com", 1, true, ""]])).toBe(JSON.stringify([["a@b.com", 1, true, ""]]).length);
    expect(jsonBytes([["Zoë"]])).toBe(10);
    expect(jsonBytes(undefined)).toBe(0);
  });

  test("largestPayload gives the largest request and answer since a sync", () => {
    const model = new WorkbookModel();
    model.syncCount = 1;
    model.recordPayload(100, 9_000);
    model.syncCount = 2;
    model.recordPayload(5_000, 10);
    expect(model.largestPayload()).toEqual({ requestBytes: 5_000, responseBytes: 9_000 });
    expect(model.largestPayload(2)).toEqual({ requestBytes: 5_000, responseBytes: 10 });
  });
});
