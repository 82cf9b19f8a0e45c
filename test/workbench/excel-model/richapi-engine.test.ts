// The RichApi engine on request bodies as office.js 1.1.110 sends them (captured from
// excel-web-16.00.debug.js running in jsdom: see richapi-officejs.ts), checked action by action.

import { WorkbookModel } from "../../../workbench/excel-model/model";
import { createRichApiEngine, type RichApiEngine } from "../../../workbench/excel-model/richapi/engine";

let model: WorkbookModel;
let engine: RichApiEngine;
let unknown: Array<{ raw: string; what: string }>;

beforeEach(() => {
  model = new WorkbookModel({ sheets: ["Sheet1", "Other"] });
  unknown = [];
  engine = createRichApiEngine(model, { onUnknown: (raw, what) => unknown.push({ raw, what }) });
});

type Body = { Actions: unknown[]; ObjectPaths: Record<string, unknown> };
type Results = { Results: Array<{ ActionId: number; Value: unknown }>; TraceIds: number[] };
type Failure = {
  Error: { Code: string; Message: string; Location: string; ActionIndex: number; HttpStatusCode: number };
};

function run(body: Body): Results {
  const response = engine.execute(body) as Results & Partial<Failure>;
  if (response.Error) throw new Error(`unexpected error ${JSON.stringify(response.Error)}`);
  return response;
}

function fail(body: Body): Failure["Error"] {
  const response = engine.execute(body) as Partial<Failure>;
  if (!response.Error) throw new Error(`expected an error, got ${JSON.stringify(response)}`);
  return response.Error;
}

function valueOf(response: Results, actionId: number): unknown {
  const result = response.Results.find((r) => r.ActionId === actionId);
  if (!result) throw new Error(`no result for action ${actionId}`);
  return result.Value;
}

const GLOBAL = { Id: 1, ObjectPathType: 1, Name: "" };
const instantiate = (id: number, path: number) => ({ Id: id, ActionType: 1, Name: "", ObjectPathId: path });
const query = (id: number, path: number, info: Record<string, unknown>) => ({
  Id: id,
  ActionType: 2,
  Name: "",
  ObjectPathId: path,
  QueryInfo: info,
});
const method = (id: number, path: number, name: string, args: unknown[] = []) => ({
  Id: id,
  ActionType: 3,
  Name: name,
  ObjectPathId: path,
  ArgumentInfo: { Arguments: args },
});
const setProperty = (id: number, path: number, name: string, value: unknown) => ({
  Id: id,
  ActionType: 4,
  Name: name,
  ObjectPathId: path,
  ArgumentInfo: { Arguments: [value] },
});
const pathMethod = (id: number, parent: number, name: string, args: unknown[] = []) => ({
  Id: id,
  ObjectPathType: 3,
  Name: name,
  ParentObjectPathId: parent,
  ArgumentInfo: { Arguments: args },
});
const property = (id: number, parent: number, name: string) => ({
  Id: id,
  ObjectPathType: 4,
  Name: name,
  ParentObjectPathId: parent,
});
const indexer = (id: number, parent: number, key: unknown) => ({
  Id: id,
  ObjectPathType: 5,
  Name: "",
  ParentObjectPathId: parent,
  ArgumentInfo: { Arguments: [key] },
});

describe("selection, references and queries", () => {
  // workbook.getSelectedRanges().load("areas/items/rowIndex,..."), as office.js sends it.
  const selectionBody: Body = {
    Actions: [
      instantiate(2, 1),
      instantiate(4, 3),
      method(5, 3, "_KeepReference"),
      instantiate(6, 3),
      query(7, 3, { Select: ["areas/rowIndex", "areas/columnIndex", "areas/rowCount", "areas/columnCount"] }),
    ],
    ObjectPaths: { "1": GLOBAL, "3": pathMethod(3, 1, "GetSelectedRanges") },
  };

  test("a kept object's Instantiate answers {_ReferenceId}; areas come back as PascalCase {_Items}", () => {
    model.select("Sheet1", "B2:B4,D1");
    const response = run(selectionBody);
    expect(valueOf(response, 4)).toEqual({});
    expect(valueOf(response, 5)).toBeNull();
    expect(valueOf(response, 6)).toEqual({ _ReferenceId: expect.any(String) });
    expect(valueOf(response, 7)).toEqual({
      Areas: {
        _Items: [
          { RowIndex: 1, ColumnIndex: 1, RowCount: 3, ColumnCount: 1 },
          { RowIndex: 0, ColumnIndex: 3, RowCount: 1, ColumnCount: 1 },
        ],
      },
    });
    expect(unknown).toEqual([]);
  });

  test("a later request reaches the kept object by ReferenceId until _RemoveReference", () => {
    model.select("Sheet1", "C3");
    const referenceId = (valueOf(run(selectionBody), 6) as { _ReferenceId: string })._ReferenceId;
    model.select("Other", "A1"); // the kept object is the selection as it was
    const byReference: Body = {
      Actions: [instantiate(21, 20), query(22, 20, { Select: ["address"] })],
      ObjectPaths: { "20": { Id: 20, ObjectPathType: 6, Name: referenceId, ArgumentInfo: {} } },
    };
    expect(valueOf(run(byReference), 22)).toEqual({ Address: "Sheet1!C3" });

    run({
      Actions: [instantiate(31, 1), method(30, 1, "_RemoveReference", [referenceId])],
      ObjectPaths: { "1": GLOBAL },
    });
    expect(fail(byReference)).toMatchObject({ Code: "InvalidReference", ActionIndex: 0 });
  });

  test("values, valueTypes, formulas and numberFormat are read as 2-D arrays", () => {
    model.setValues("Sheet1", "A1", [["=1+1", "x", true, ""]]);
    model.setNumberFormat("Sheet1", "B1", "@");
    const response = run({
      Actions: [
        instantiate(2, 1),
        instantiate(4, 3),
        instantiate(6, 5),
        instantiate(8, 7),
        query(9, 7, { Select: ["values", "valueTypes", "formulas", "numberFormat"] }),
      ],
      ObjectPaths: {
        "1": GLOBAL,
        "3": property(3, 1, "Worksheets"),
        "5": indexer(5, 3, "Sheet1"),
        "7": pathMethod(7, 5, "GetRangeByIndexes", [0, 0, 1, 4]),
      },
    });
    expect(valueOf(response, 6)).toEqual({ Id: expect.any(String) });
    expect(valueOf(response, 9)).toEqual({
      Values: [[2, "x", true, ""]],
      ValueTypes: [["Double", "String", "Boolean", "Empty"]],
      Formulas: [["=1+1", "x", true, ""]],
      NumberFormat: [["General", "@", "General", "General"]],
    });
  });

  test("collections honour Select, Top, Skip and Expand", () => {
    model.addSheet("Third");
    model.setValues("Sheet1", "A1", [["h"], ["r1"]]);
    model.addTable(model.sheet("Sheet1"), { rowIndex: 0, columnIndex: 0, rowCount: 2, columnCount: 1 }, true);
    const response = run({
      Actions: [
        instantiate(2, 1),
        instantiate(4, 3),
        query(5, 3, { Select: ["name"], Top: 2, Skip: 1 }),
        instantiate(16, 15),
        query(17, 15, { Select: ["name"], Expand: ["rows"] }),
      ],
      ObjectPaths: { "1": GLOBAL, "3": property(3, 1, "Worksheets"), "15": property(15, 1, "Tables") },
    });
    expect(valueOf(response, 5)).toEqual({ _Items: [{ Name: "Other" }, { Name: "Third" }] });
    expect(valueOf(response, 17)).toEqual({
      _Items: [{ Name: "Table1", Rows: { Count: 1, _Items: [{ Index: 0, Values: [["r1"]] }] } }],
    });
  });

  test("QueryAsJson (retrieve) answers camelCase names and items", () => {
    const response = run({
      Actions: [
        instantiate(2, 1),
        instantiate(4, 3),
        { ...query(5, 3, { Select: ["name", "position"] }), ActionType: 7 },
      ],
      ObjectPaths: { "1": GLOBAL, "3": property(3, 1, "Worksheets") },
    });
    expect(valueOf(response, 5)).toEqual({
      items: [
        { name: "Sheet1", position: 0 },
        { name: "Other", position: 1 },
      ],
    });
  });
});

describe("null objects", () => {
  // tables.getItemOrNullObject("Perm").getRange().load("address")
  const tableBody: Body = {
    Actions: [
      instantiate(2, 1),
      instantiate(4, 3),
      instantiate(6, 5),
      instantiate(8, 7),
      method(9, 7, "_KeepReference"),
      instantiate(10, 7),
      query(11, 7, { Select: ["address"] }),
      query(12, 5, { Select: ["name"] }),
    ],
    ObjectPaths: {
      "1": GLOBAL,
      "3": property(3, 1, "Tables"),
      "5": pathMethod(5, 3, "GetItemOrNullObject", ["Perm"]),
      "7": pathMethod(7, 5, "GetRange"),
    },
  };

  test("a missing table is Value null for its Instantiate and Query, and so is everything reached from it", () => {
    const response = run(tableBody);
    for (const id of [6, 8, 9, 10, 11, 12]) expect(valueOf(response, id)).toBeNull();
  });

  test("an existing table answers its Id and its range's address", () => {
    model.setValues("Other", "B2", [["a", "b"]]);
    const table = model.addTable(
      model.sheet("Other"),
      { rowIndex: 1, columnIndex: 1, rowCount: 1, columnCount: 2 },
      true,
    );
    model.renameTable(table, "Perm");
    const response = run(tableBody);
    expect(valueOf(response, 6)).toEqual({ Id: table.id });
    expect(valueOf(response, 11)).toEqual({ Address: "Other!B2:C2" });
    expect(valueOf(response, 12)).toEqual({ Name: "Perm" });
  });

  test("setting a property of a null object does nothing", () => {
    const body: Body = {
      Actions: [
        instantiate(2, 1),
        instantiate(4, 3),
        instantiate(6, 5),
        setProperty(7, 5, "Values", [["x"]]),
      ],
      ObjectPaths: {
        "1": GLOBAL,
        "3": pathMethod(3, 1, "GetActiveCell"),
        "5": pathMethod(5, 3, "GetUsedRangeOrNullObject", [true]),
      },
    };
    expect(valueOf(run(body), 6)).toBeNull();
    expect(model.usedRange("Sheet1")).toBeUndefined();
  });

  test("getSpecialCellsOrNullObject(Visible) is null when every row is hidden", () => {
    const body: Body = {
      Actions: [
        instantiate(2, 1),
        instantiate(4, 3),
        instantiate(6, 5),
        query(7, 5, { Select: ["address"] }),
      ],
      ObjectPaths: {
        "1": GLOBAL,
        "3": pathMethod(3, 1, "GetSelectedRanges"),
        "5": pathMethod(5, 3, "GetSpecialCellsOrNullObject", ["Visible", null]),
      },
    };
    model.select("Sheet1", "A1:A3");
    model.hideRows("Sheet1", [2]);
    expect(valueOf(run(body), 7)).toEqual({ Address: "Sheet1!A1,Sheet1!A3" });
    model.hideRows("Sheet1", [1, 3]);
    const hidden = run(body);
    expect(valueOf(hidden, 6)).toBeNull();
    expect(valueOf(hidden, 7)).toBeNull();
  });
});

describe("writes", () => {
  test("creating the log: sheet, text columns, header, table, name, autofit, in one request", () => {
    const response = run({
      Actions: [
        instantiate(2, 1),
        instantiate(4, 3),
        instantiate(6, 5),
        instantiate(15, 14),
        setProperty(18, 14, "NumberFormat", "@"),
        instantiate(20, 19),
        setProperty(23, 19, "Values", [["a", "=b", "c"]]),
        instantiate(25, 24),
        instantiate(27, 26),
        setProperty(28, 26, "Name", "Perm"),
        instantiate(30, 29),
        method(31, 29, "AutofitColumns"),
      ],
      ObjectPaths: {
        "1": GLOBAL,
        "3": property(3, 1, "Worksheets"),
        "5": pathMethod(5, 3, "Add", ["Permissions"]),
        "14": pathMethod(14, 5, "GetRange", ["A:C"]),
        "19": pathMethod(19, 5, "GetRangeByIndexes", [0, 0, 1, 3]),
        "24": property(24, 5, "Tables"),
        "26": {
          ...pathMethod(26, 24, "Add", [19, true]),
          ArgumentInfo: { Arguments: [19, true], ReferencedObjectPathIds: [19, 0] },
        },
        "29": property(29, 19, "Format"),
      },
    });
    expect(valueOf(response, 31)).toBeNull();
    expect(model.sheetNames()).toEqual(["Sheet1", "Other", "Permissions"]);
    expect(model.tableInfo("Perm")).toMatchObject({
      sheet: "Permissions",
      address: "Permissions!A1:C1",
      rowCount: 0,
    });
    expect(model.cell("Permissions", "B1")).toMatchObject({ value: "=b", numberFormat: "@" });
    expect(model.cell("Permissions", "C77").numberFormat).toBe("@");
    expect(model.sheet("Permissions").columnWidths.size).toBeGreaterThan(0);
  });

  test("rows.add appends; delete(Up) of the data body empties the table; activate switches sheets", () => {
    model.setValues("Other", "A1", [
      ["h1", "h2"],
      ["x", "y"],
    ]);
    model.renameTable(
      model.addTable(
        model.sheet("Other"),
        { rowIndex: 0, columnIndex: 0, rowCount: 2, columnCount: 2 },
        true,
      ),
      "T",
    );
    run({
      Actions: [
        instantiate(2, 1),
        instantiate(4, 3),
        instantiate(6, 5),
        instantiate(8, 7),
        instantiate(10, 9),
      ],
      ObjectPaths: {
        "1": GLOBAL,
        "3": property(3, 1, "Tables"),
        "5": indexer(5, 3, "T"),
        "7": property(7, 5, "Rows"),
        "9": pathMethod(9, 7, "Add", [
          null,
          [
            ["p", "q"],
            ["r", "s"],
          ],
          null,
        ]),
      },
    });
    expect(model.tableRows("T")).toEqual([
      ["x", "y"],
      ["p", "q"],
      ["r", "s"],
    ]);
    const response = run({
      Actions: [
        instantiate(2, 1),
        instantiate(4, 3),
        instantiate(6, 5),
        query(7, 5, { Select: ["rows/count"] }),
        instantiate(9, 8),
        method(10, 8, "Delete", ["Up"]),
        instantiate(12, 10),
        instantiate(14, 11),
        method(13, 11, "Activate"),
      ],
      ObjectPaths: {
        "1": GLOBAL,
        "3": property(3, 1, "Tables"),
        "5": indexer(5, 3, "T"),
        "8": pathMethod(8, 5, "GetDataBodyRange"),
        "10": property(10, 1, "Worksheets"),
        "11": indexer(11, 10, "Other"),
      },
    });
    expect(valueOf(response, 7)).toEqual({ Rows: { Count: 3 } });
    expect(model.tableRows("T")).toEqual([]);
    expect(model.activeSheet.name).toBe("Other");
  });
});

describe("errors", () => {
  test("a missing sheet fails at its Instantiate with ItemNotFound, ActionIndex and location; earlier writes stay", () => {
    const error = fail({
      Actions: [
        instantiate(2, 1),
        instantiate(4, 3),
        instantiate(6, 5),
        setProperty(7, 5, "Values", [["kept"]]),
        instantiate(9, 8),
        query(10, 8, { Select: ["name"] }),
      ],
      ObjectPaths: {
        "1": GLOBAL,
        "3": property(3, 1, "Worksheets"),
        "5": pathMethod(5, 1, "GetActiveCell"),
        "8": indexer(8, 3, "Nope"),
      },
    });
    expect(error).toEqual({
      Code: "ItemNotFound",
      Message: "The worksheet 'Nope' doesn't exist.",
      Location: "WorksheetCollection.getItem",
      ActionIndex: 4,
      HttpStatusCode: 404,
    });
    expect(model.getValues("Sheet1", "A1")).toEqual([["kept"]]);
    expect(unknown).toEqual([]);
  });

  test("a mismatched 2-D array is InvalidArgument at the SetProperty", () => {
    const error = fail({
      Actions: [instantiate(2, 1), instantiate(4, 3), setProperty(5, 3, "Values", [["a", "b"]])],
      ObjectPaths: { "1": GLOBAL, "3": pathMethod(3, 1, "GetActiveCell") },
    });
    expect(error).toMatchObject({ Code: "InvalidArgument", ActionIndex: 2, HttpStatusCode: 400 });
  });

  test("an unknown method action calls onUnknown with its raw JSON and fails NotImplemented", () => {
    const action = method(5, 3, "Merge", [false]);
    const error = fail({
      Actions: [instantiate(2, 1), instantiate(4, 3), action],
      ObjectPaths: { "1": GLOBAL, "3": pathMethod(3, 1, "GetActiveCell") },
    });
    expect(error).toMatchObject({ Code: "NotImplemented", ActionIndex: 2, HttpStatusCode: 501 });
    expect(unknown).toEqual([{ raw: JSON.stringify(action), what: "the method Range.merge" }]);
  });

  test("unknown object paths, properties, enum values and action types are reported, never answered", () => {
    const cases: Array<{ body: Body; what: string }> = [
      {
        body: {
          Actions: [instantiate(2, 1), instantiate(4, 3)],
          ObjectPaths: { "1": GLOBAL, "3": property(3, 1, "Charts") },
        },
        what: "the navigation property Workbook.charts",
      },
      {
        body: {
          Actions: [instantiate(2, 2)],
          ObjectPaths: { "2": { Id: 2, ObjectPathType: 2, Name: "Excel.Unknown" } },
        },
        what: "the object type Excel.Unknown",
      },
      {
        body: {
          Actions: [instantiate(2, 1), query(3, 1, { Select: ["calculationMode"] })],
          ObjectPaths: { "1": GLOBAL },
        },
        what: "the property Workbook.calculationMode",
      },
      {
        body: {
          Actions: [instantiate(2, 1), instantiate(4, 3), instantiate(6, 5)],
          ObjectPaths: {
            "1": GLOBAL,
            "3": pathMethod(3, 1, "GetActiveCell"),
            "5": pathMethod(5, 3, "GetSpecialCellsOrNullObject", ["Blanks", null]),
          },
        },
        what: 'getSpecialCells("Blanks")',
      },
      {
        body: {
          Actions: [{ Id: 2, ActionType: 42, Name: "", ObjectPathId: 1 }],
          ObjectPaths: { "1": GLOBAL },
        },
        what: "ActionType 42",
      },
    ];
    for (const { body, what } of cases) {
      unknown = [];
      const error = fail(body);
      expect(error).toMatchObject({ Code: "NotImplemented", ActionIndex: body.Actions.length - 1 });
      expect(unknown.map((u) => u.what)).toEqual([what]);
      expect(() => JSON.parse(unknown[0]?.raw ?? "") as unknown).not.toThrow();
    }
  });

  test("a body without Actions is InvalidRequest, with no ActionIndex to point at", () => {
    expect(fail({ ObjectPaths: {} } as unknown as Body)).toMatchObject({
      Code: "InvalidRequest",
      ActionIndex: -1,
    });
  });
});

describe("framing", () => {
  test("the JSON text of a body runs too; Trace ids are echoed in TraceIds and answered", () => {
    const body = JSON.stringify({
      AutoKeepReference: true,
      Actions: [instantiate(2, 1), { Id: 3, ActionType: 5, Name: "Trace", ObjectPathId: 0 }],
      ObjectPaths: { "1": GLOBAL },
    });
    expect(engine.execute(body)).toEqual({
      Results: [
        { ActionId: 2, Value: {} },
        { ActionId: 3, Value: null },
      ],
      TraceIds: [3],
    });
  });

  test("office.js's start-up notification to AddinInternalService is answered null", () => {
    const response = run({
      Actions: [instantiate(2, 1), method(3, 1, "NotifyActionHandlerReady")],
      ObjectPaths: {
        "1": { Id: 1, ObjectPathType: 2, Name: "Microsoft.InternalService.AddinInternalService" },
      },
    });
    expect(response.Results).toEqual([
      { ActionId: 2, Value: {} },
      { ActionId: 3, Value: null },
    ]);
    expect(engine.executedMembers()).toContain("AddinInternalService.notifyActionHandlerReady");
  });

  test("Update sets several properties; EnsureUnchanged fails when a value differs", () => {
    const paths = { "1": GLOBAL, "3": pathMethod(3, 1, "GetActiveCell") };
    run({
      Actions: [
        instantiate(2, 1),
        instantiate(4, 3),
        {
          Id: 5,
          ActionType: 9,
          Name: "",
          ObjectPathId: 3,
          ObjectState: { numberFormat: [["@"]], values: [["7"]] },
        },
      ],
      ObjectPaths: paths,
    });
    expect(model.cell("Sheet1", "A1")).toMatchObject({ value: "7", numberFormat: "@" });
    const ensure = (values: unknown) => ({
      Id: 5,
      ActionType: 8,
      Name: "",
      ObjectPathId: 3,
      ObjectState: { values },
    });
    run({ Actions: [instantiate(2, 1), instantiate(4, 3), ensure([["7"]])], ObjectPaths: paths });
    expect(
      fail({ Actions: [instantiate(2, 1), instantiate(4, 3), ensure([["8"]])], ObjectPaths: paths }),
    ).toMatchObject({
      ActionIndex: 2,
    });
  });

  test("each request with actions is one round trip of the model (syncCount)", () => {
    const before = model.syncCount;
    run({ Actions: [instantiate(2, 1)], ObjectPaths: { "1": GLOBAL } });
    run({ Actions: [instantiate(2, 1)], ObjectPaths: { "1": GLOBAL } });
    expect(model.syncCount - before).toBe(2);
  });
});

test("sets, calls and loads are logged in model.operations as the hand-written simulator logs them", () => {
  run({
    Actions: [
      instantiate(2, 1),
      instantiate(4, 3),
      instantiate(6, 5),
      instantiate(8, 7),
      setProperty(9, 7, "NumberFormat", [["@"], ["@"]]),
      setProperty(10, 7, "Values", [["a"], ["b"]]),
      query(11, 7, { Select: ["values"] }),
      method(12, 5, "Activate"),
    ],
    ObjectPaths: {
      "1": GLOBAL,
      "3": property(3, 1, "Worksheets"),
      "5": indexer(5, 3, "Other"),
      "7": pathMethod(7, 5, "GetRangeByIndexes", [1, 2, 2, 1]),
    },
  });
  expect(model.operations.map(({ kind, member, address, cells }) => [kind, member, address, cells])).toEqual([
    ["set", "Range.numberFormat", "Other!C2:C3", 2],
    ["set", "Range.values", "Other!C2:C3", 2],
    ["load", "Range.load", "Other!C2:C3", 2],
    ["call", "Worksheet.activate", undefined, undefined],
  ]);
  expect(model.operations.every((op) => op.sync === model.syncCount)).toBe(true);
});

describe("payload limits (Excel on the web: 5 MB a request and a response)", () => {
  const rangePaths = (rows: number) => ({
    "1": GLOBAL,
    "3": property(3, 1, "Worksheets"),
    "5": indexer(5, 3, "Sheet1"),
    "7": pathMethod(7, 5, "GetRangeByIndexes", [0, 0, rows, 1]),
  });
  const column = (rows: number, text: string) => Array.from({ length: rows }, () => [text]);

  test("a request over the limit is refused before any action runs, with no statement to point at", () => {
    model = new WorkbookModel({ sheets: ["Sheet1"], requestPayloadLimit: 10_000 });
    engine = createRichApiEngine(model);
    const body = {
      Actions: [setProperty(2, 7, "Values", column(100, "x".repeat(100)))],
      ObjectPaths: rangePaths(100),
    };
    expect(fail(body)).toEqual({
      Code: "RequestPayloadSizeLimitExceeded",
      Message: expect.stringContaining("The request payload size has exceeded the limit."),
      Location: "",
      ActionIndex: -1,
      HttpStatusCode: 400,
    });
    expect(model.getValues("Sheet1", "A1")).toEqual([[""]]);
    expect(model.syncCount).toBe(1);
    expect(model.payloads).toEqual([
      { sync: 1, requestBytes: JSON.stringify(body).length, responseBytes: 0 },
    ]);
    // Half of it fits.
    run({ Actions: [setProperty(2, 7, "Values", column(50, "x".repeat(100)))], ObjectPaths: rangePaths(50) });
    expect(model.getValues("Sheet1", "A50")).toEqual([["x".repeat(100)]]);
  });

  test("an answer over the limit is refused; the size of every request and answer is recorded", () => {
    model = new WorkbookModel({ sheets: ["Sheet1"], responsePayloadLimit: 10_000 });
    engine = createRichApiEngine(model);
    model.setValues("Sheet1", "A1", column(100, "y".repeat(100)));
    const read = (rows: number) => ({
      Actions: [query(2, 7, { Select: ["values"] })],
      ObjectPaths: rangePaths(rows),
    });
    expect(fail(read(100))).toMatchObject({
      Code: "ResponsePayloadSizeLimitExceeded",
      ActionIndex: -1,
      HttpStatusCode: 400,
    });
    const half = run(read(50));
    expect(model.payloads).toHaveLength(2);
    expect(model.payloads[0]?.responseBytes).toBeGreaterThan(10_000);
    expect(model.payloads[1]).toEqual({
      sync: 2,
      requestBytes: JSON.stringify(read(50)).length,
      responseBytes: JSON.stringify(half).length,
    });
  });
});
