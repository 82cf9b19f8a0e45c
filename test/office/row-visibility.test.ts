// The pane's onRowHiddenChanged listener on the REAL office.js client over the RichApi engine: it
// registers for the event, hears it, stops hearing it when stopped, and stays away from an Excel
// without ExcelApi 1.11.
import { watchRowsHidden } from "../../src/office/row-visibility";
import { WorkbookModel } from "../../workbench/excel-model/model";
import { createRichApiEngine, type RichApiEngine } from "../../workbench/excel-model/richapi/engine";
import { loadRealOfficeJs, type RealOfficeJs } from "../workbench/excel-model/richapi-officejs";

const scope = globalThis as unknown as Record<string, unknown>;
let engine: RichApiEngine;
let office: RealOfficeJs;
let supported: string[];

type TestHooks = {
  _testSetRichApiMessageReadyImpl(impl: () => Promise<void>): void;
  _testTriggerRichApiMessageEvent(message: unknown): void;
};
const hooks = () => office.OfficeExtension as unknown as TestHooks;

beforeEach(() => {
  const model = new WorkbookModel({
    sheets: ["Sheet1"],
    documentUrl: "https://contoso.sharepoint.com/x/B.xlsx",
  });
  engine = createRichApiEngine(model);
  office = loadRealOfficeJs(engine);
  scope.Excel = office.Excel;
  scope.OfficeExtension = office.OfficeExtension;
  supported = ["1.11"];
  scope.Office = {
    context: { requirements: { isSetSupported: (_set: string, v: string) => supported.includes(v) } },
  };
  // No host page here: office.js's RichApi message channel is ready at once, and messages are handed in.
  hooks()._testSetRichApiMessageReadyImpl(() => Promise.resolve());
});

afterEach(() => {
  delete scope.Excel;
  delete scope.OfficeExtension;
  delete scope.Office;
  office.close();
});

/** Excel's RichApi message for rows hidden on Sheet1 (category 65536, event type 22, the workbook's id). */
function rowsHidden(): unknown {
  const args = {
    type: "WorksheetRowHiddenChanged",
    worksheetId: "{s}",
    address: "5:5",
    changeType: "Hidden",
    source: "Local",
  };
  return {
    entries: [
      { messageCategory: 65536, messageType: 22, targetId: "Workbook", message: JSON.stringify(args) },
    ],
  };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

test("registers with Excel, hears rows hidden or shown, and stops hearing them when stopped", async () => {
  let heard = 0;
  const stop = watchRowsHidden(() => heard++);
  await settle();
  expect(engine.executedMembers()).toContain("WorksheetCollection._RegisterRowHiddenChangedEvent");
  hooks()._testTriggerRichApiMessageEvent(rowsHidden());
  await settle();
  expect(heard).toBe(1);

  stop();
  await settle();
  expect(engine.executedMembers()).toContain("WorksheetCollection._UnregisterRowHiddenChangedEvent");
  hooks()._testTriggerRichApiMessageEvent(rowsHidden());
  await settle();
  expect(heard).toBe(1);
});

test("an Excel without ExcelApi 1.11 is not asked at all", async () => {
  supported = ["1.9"];
  const stop = watchRowsHidden(() => undefined);
  await settle();
  expect(office.syncs).toHaveLength(0);
  stop();
});
