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

afterEach(() => office.close());

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
});
