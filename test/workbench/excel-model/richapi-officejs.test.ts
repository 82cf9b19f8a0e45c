import { WorkbookModel } from "../../../workbench/excel-model/model";
import { createRichApiEngine, type RichApiEngine } from "../../../workbench/excel-model/richapi/engine";
import { answerRichApiArrayData } from "../../../workbench/excel-model/richapi/xdm";
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

  test("a write of more than 1,500 cells, which office.js splits into row blocks, lands whole", async () => {
    const rows = Array.from({ length: 120 }, (_, r) => Array.from({ length: 17 }, (_, c) => `r${r}c${c}`));
    await office.Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRangeByIndexes(1, 0, 120, 17);
      range.values = rows;
      await context.sync();
    });
    expect(model.getValues("Sheet1", "A2:Q121")).toEqual(rows);
    const wrong = await office.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRangeByIndexes(0, 0, 100, 17).values = rows;
      await context.sync();
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(wrong).toMatchObject({ code: "InvalidArgument" });
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

  test("context.loadRecursive loads each class's properties through the navigation properties", async () => {
    model.addSheet("Third");
    const names = await office.Excel.run(async (context) => {
      const worksheets = context.workbook.worksheets;
      const recursive = context as unknown as {
        loadRecursive(object: unknown, options: Record<string, string>, maxDepth: number): void;
      };
      recursive.loadRecursive(worksheets, { Worksheet: "name,position" }, 2);
      await context.sync();
      return worksheets.items.map((sheet) => `${sheet.position}:${sheet.name}`);
    });
    expect(names).toEqual(["0:Sheet1", "1:Other", "2:Third"]);
    const request = office.syncs[0]?.body.Actions.find((a) => a.ActionType === 6);
    expect(request).toMatchObject({
      RecursiveQueryInfo: { Queries: { Worksheet: { Select: ["name", "position"] } }, MaxDepth: 2 },
    });
  });
});

describe("the XDM framing office.js uses on Excel on the web", () => {
  interface MessageUtility {
    buildMessageArrayForIRequestExecutor(
      customData: string,
      flags: number,
      message: { Url: string; Headers: Record<string, string>; Body: unknown },
      sourceLib: string,
    ): unknown[];
    getResponseBody(result: { value: { data: unknown } }): string;
    getResponseStatusCode(result: { value: { data: unknown } }): number;
  }

  test("ArrayData built by office.js is answered with Data office.js reads back", () => {
    model.select("Sheet1", "A1");
    const utility = (office.OfficeExtension as unknown as { RichApiMessageUtility: MessageUtility })
      .RichApiMessageUtility;
    const body = {
      AutoKeepReference: true,
      Actions: [
        { Id: 2, ActionType: 1, Name: "", ObjectPathId: 1 },
        { Id: 4, ActionType: 1, Name: "", ObjectPathId: 3 },
        { Id: 5, ActionType: 2, Name: "", ObjectPathId: 3, QueryInfo: { Select: ["address"] } },
      ],
      ObjectPaths: {
        "1": { Id: 1, ObjectPathType: 1, Name: "" },
        "3": { Id: 3, ObjectPathType: 3, Name: "GetSelectedRange", ParentObjectPathId: 1, ArgumentInfo: {} },
      },
    };
    const arrayData = utility.buildMessageArrayForIRequestExecutor(
      "IterativeExecutor",
      0,
      { Url: "", Headers: {}, Body: body },
      "officejs",
    );
    const data = answerRichApiArrayData(engine, arrayData);
    const result = { value: { data } };
    expect(utility.getResponseStatusCode(result)).toBe(200);
    expect(JSON.parse(utility.getResponseBody(result))).toEqual({
      Results: [
        { ActionId: 2, Value: {} },
        { ActionId: 4, Value: {} },
        { ActionId: 5, Value: { Address: "Sheet1!A1" } },
      ],
      TraceIds: [],
    });
    expect(JSON.parse(answerRichApiArrayData(engine, ["x", "GET", "Other"])[2])).toMatchObject({
      Error: { Code: "InvalidRequest" },
    });
  });
});

describe("Excel on the web's 5 MB payload limits, through office.js", () => {
  interface ErrorUtility {
    buildResponseOnError(code: number, message: string): { ErrorCode: string; HttpStatusCode: number };
  }
  /** What office.js makes of Excel on the web's XDM error 5103 / 5104 (RichApiMessageUtility.buildResponseOnError). */
  const transportError = (code: number) =>
    (
      office.OfficeExtension as unknown as { RichApiMessageUtility: ErrorUtility }
    ).RichApiMessageUtility.buildResponseOnError(code, "");
  const bigColumn = () => Array.from({ length: 200 }, (_, i) => [`${i}`.padEnd(30_000, "x")]);

  test("a request over 5 MB is refused whole with RequestPayloadSizeLimitExceeded; nothing of it is written", async () => {
    const error = await office.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1").values = [["first"]];
      sheet.getRange("B1:B200").values = bigColumn();
      await context.sync();
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(office.OfficeExtension.Error);
    const expected = transportError(5103);
    expect(expected.ErrorCode).toBe("RequestPayloadSizeLimitExceeded");
    expect(error).toMatchObject({
      code: expected.ErrorCode,
      httpStatusCode: expected.HttpStatusCode,
      message: expect.stringContaining("The request payload size has exceeded the limit."),
    });
    expect(model.getValues("Sheet1", "A1:B1")).toEqual([["", ""]]);
    expect(model.payloads.at(-1)?.requestBytes).toBeGreaterThan(5 * 1024 * 1024);
  });

  test("a response over 5 MB is refused with ResponsePayloadSizeLimitExceeded; half of it reads fine", async () => {
    model.setValues("Sheet1", "A1", bigColumn());
    const load = (address: string) =>
      office.Excel.run(async (context) => {
        const range = context.workbook.worksheets.getItem("Sheet1").getRange(address);
        range.load("values");
        await context.sync();
        const values = range.values;
        return values.length;
      });
    const error = await load("A1:A200").then(
      () => undefined,
      (e: unknown) => e,
    );
    const expected = transportError(5104);
    expect(expected.ErrorCode).toBe("ResponsePayloadSizeLimitExceeded");
    expect(error).toBeInstanceOf(office.OfficeExtension.Error);
    expect(error).toMatchObject({ code: expected.ErrorCode, httpStatusCode: expected.HttpStatusCode });
    await expect(load("A1:A100")).resolves.toBe(100);
    const sizes = model.payloads.map((p) => p.responseBytes);
    expect(Math.max(...sizes)).toBeGreaterThan(5 * 1024 * 1024);
  });
});
