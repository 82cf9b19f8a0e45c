import { WorkbookModel } from "../../../workbench/excel-model/model";
import { createRichApiEngine, type RichApiEngine } from "../../../workbench/excel-model/richapi/engine";
import { loadRealOfficeJs, type RealOfficeJs } from "./richapi-officejs";

let model: WorkbookModel;
let engine: RichApiEngine;
let office: RealOfficeJs;
let unknown: Array<{ raw: string; what: string }>;

beforeEach(() => {
  model = new WorkbookModel({ sheets: ["Sheet1", "Other"] });
  unknown = [];
  engine = createRichApiEngine(model, { onUnknown: (raw, what) => unknown.push({ raw, what }) });
  office = loadRealOfficeJs(engine);
});

afterEach(() => {
  office.close();
  expect(unknown).toEqual([]);
});

describe("the real office.js client over the RichApi engine", () => {
  test("getSelectedRange().load('address,values') reads the selection", async () => {
    model.setValues("Sheet1", "B2", [
      [1, "two"],
      [3, true],
    ]);
    model.select("Sheet1", "B2:C3");
    const result = await office.Excel.run(async (context) => {
      const range = context.workbook.getSelectedRange();
      range.load("address,values");
      await context.sync();
      return { address: range.address, values: range.values };
    });
    expect(result).toEqual({
      address: "Sheet1!B2:C3",
      values: [
        [1, "two"],
        [3, true],
      ],
    });
    expect(unknown).toEqual([]);
  });

  test("a missing sheet rejects the sync with a real OfficeExtension.Error pointing at the statement", async () => {
    const error = await office.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Nope");
      sheet.load("name");
      await context.sync();
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(office.OfficeExtension.Error);
    expect(error).toMatchObject({
      code: "ItemNotFound",
      message: "The worksheet 'Nope' doesn't exist.",
      debugInfo: {
        errorLocation: "WorksheetCollection.getItem",
        statement: expect.stringContaining("getItem"),
      },
    });
  });

  test("reading a property that was not loaded is office.js's own PropertyNotLoaded", async () => {
    const error = await office.Excel.run(async (context) => {
      const range = context.workbook.getSelectedRange();
      range.load("address");
      await context.sync();
      // eslint-disable-next-line office-addins/load-object-before-read -- the unloaded read is the point
      return range.values;
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "PropertyNotLoaded" });
  });

  test("null objects read as isNullObject; a sheet added in one sync is usable in the next", async () => {
    const result = await office.Excel.run(async (context) => {
      const missing = context.workbook.tables.getItemOrNullObject("Nope");
      const sheet = context.workbook.worksheets.add("Added");
      await context.sync();
      sheet.getRange("B2").values = [["later"]];
      sheet.load("name");
      await context.sync();
      return { missing: missing.isNullObject, name: sheet.name };
    });
    expect(result).toEqual({ missing: true, name: "Added" });
    expect(model.getValues("Added", "B2")).toEqual([["later"]]);
  });

  test("an enum value the engine does not simulate reaches onUnknown and rejects with NotImplemented", async () => {
    const error = await office.Excel.run(async (context) => {
      const blanks = context.workbook
        .getSelectedRange()
        .getSpecialCellsOrNullObject(office.Excel.SpecialCellType.blanks);
      blanks.load("address");
      await context.sync();
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "NotImplemented" });
    expect(unknown.map((u) => u.what)).toEqual(['getSpecialCells("Blanks")']);
    unknown = [];
  });
});
