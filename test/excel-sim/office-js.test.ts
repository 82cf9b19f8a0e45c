import { installExcelSimulator } from "./install";
import { WorkbookModel } from "../../workbench/excel-model/model";

let model: WorkbookModel;
let uninstall: () => void;

beforeEach(() => {
  model = new WorkbookModel({
    sheets: ["Sheet1", "My Sheet"],
    documentUrl: "https://contoso.sharepoint.com/Book.xlsx",
  });
  uninstall = installExcelSimulator(model);
});

afterEach(() => uninstall());

describe("load and sync", () => {
  test("reading a property that was never loaded throws PropertyNotLoaded", async () => {
    model.setValues("Sheet1", "A1", [["x"]]);
    await Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1");
      range.load("address");
      await context.sync();
      expect(range.address).toBe("Sheet1!A1");
      // eslint-disable-next-line office-addins/load-object-before-read -- the unloaded read is the point
      expect(() => range.values).toThrow(
        expect.objectContaining({
          code: "PropertyNotLoaded",
          message: expect.stringContaining("The property 'values' is not available."),
        }),
      );
    });
  });

  test("a loaded property is unreadable until the sync", async () => {
    model.setValues("Sheet1", "A1", [[7]]);
    await Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1");
      range.load("values");
      // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read -- on purpose
      expect(() => range.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await context.sync();
      expect(range.values).toEqual([[7]]);
    });
  });

  test("load accepts a list string, an array, {select} and items/ paths", async () => {
    await Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name");
      const a = sheets.getItem("Sheet1").getRange("B2:C3");
      a.load(["rowIndex", "columnCount"]);
      const b = sheets.getItem("Sheet1").getRange("D4");
      // eslint-disable-next-line office-addins/no-navigational-load -- the rule mistakes {select} for a property
      b.load({ select: "address, columnIndex" });
      await context.sync();
      expect(sheets.items.map((s) => s.name)).toEqual(["Sheet1", "My Sheet"]);
      // eslint-disable-next-line office-addins/load-object-before-read -- loaded through {select}, which the rule does not follow
      expect([a.rowIndex, a.columnCount, b.address, b.columnIndex]).toEqual([1, 2, "Sheet1!D4", 3]);
    });
  });

  test("operations apply in the order they were queued", async () => {
    model.setValues("Sheet1", "A1", [["old"]]);
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      const before = sheet.getRange("A1").load("values");
      sheet.getRange("A1").values = [["new"]];
      const after = sheet.getRange("A1").load("values");
      const used = sheet.getUsedRange().load("address");
      sheet.getRange("C5").values = [["later"]];
      expect(model.getValues("Sheet1", "A1")).toEqual([["old"]]);
      await context.sync();
      expect([before.values, after.values, used.address]).toEqual([[["old"]], [["new"]], "Sheet1!A1"]);
    });
    expect(model.usedRange("Sheet1")).toBe("Sheet1!A1:C5");
  });

  test("each sync with queued work counts one round trip; Excel.run flushes what is left", async () => {
    const start = model.syncCount;
    const result = await Excel.run(async (context) => {
      await context.sync();
      context.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [["x"]];
      await context.sync();
      context.workbook.worksheets.getItem("Sheet1").getRange("A2").values = [["y"]];
      return "done";
    });
    expect(result).toBe("done");
    expect(model.syncCount - start).toBe(2);
    expect(model.getValues("Sheet1", "A1:A2")).toEqual([["x"], ["y"]]);
  });

  test("a batch that does not return a promise is refused", async () => {
    const notAsync = ((_context: Excel.RequestContext) => 1) as unknown as (
      c: Excel.RequestContext,
    ) => Promise<number>;
    await expect(Excel.run(notAsync)).rejects.toMatchObject({ code: "RunMustReturnPromise" });
  });

  test("proxies of a finished run cannot queue work", async () => {
    let leaked: Excel.Range | undefined;
    await Excel.run(async (context) => {
      leaked = context.workbook.worksheets.getItem("Sheet1").getRange("A1");
      await context.sync();
    });
    expect(() => {
      if (leaked) leaked.values = [["x"]];
    }).toThrow(expect.objectContaining({ code: "InvalidObjectPath" }));
  });
});

describe("null objects and errors", () => {
  test("getItemOrNullObject gives a null object whose isNullObject is readable after the sync", async () => {
    await Excel.run(async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject("Nope");
      const present = context.workbook.worksheets.getItemOrNullObject("sheet1");
      // eslint-disable-next-line office-addins/call-sync-before-read -- reading before the sync is the point
      expect(() => missing.isNullObject).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      missing.getRange("A1").values = [["ignored"]];
      present.load("name");
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      expect(present.isNullObject).toBe(false);
      expect(present.name).toBe("Sheet1");
    });
    expect(model.sheetNames()).toEqual(["Sheet1", "My Sheet"]);
  });

  test("getUsedRangeOrNullObject is null on an empty sheet, getUsedRange gives A1", async () => {
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      const orNull = sheet.getUsedRangeOrNullObject(true);
      const used = sheet.getUsedRange(true).load("address");
      await context.sync();
      expect(orNull.isNullObject).toBe(true);
      expect(used.address).toBe("Sheet1!A1");
    });
  });

  test("getItem on a missing sheet rejects the sync with ItemNotFound; earlier operations stay applied", async () => {
    const error = await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [["applied"]];
      context.workbook.worksheets.getItem("Nope").getRange("A1").values = [["never"]];
      context.workbook.worksheets.getItem("Sheet1").getRange("A2").values = [["not applied"]];
      await context.sync();
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OfficeExtension.Error);
    expect(error).toMatchObject({
      code: "ItemNotFound",
      debugInfo: { code: "ItemNotFound", errorLocation: "WorksheetCollection.getItem" },
    });
    expect(model.getValues("Sheet1", "A1:A2")).toEqual([["applied"], [""]]);
  });

  test("bad addresses and mismatched arrays reject with InvalidArgument", async () => {
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("A1:B2").values = [["only one"]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument", debugInfo: { errorLocation: "Range.values" } });
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("A0:ZZZZ1").load("address");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  test("a scalar applies to every cell of the range", async () => {
    await Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1:B2");
      (range as unknown as { values: string }).values = "x";
      await context.sync();
    });
    expect(model.getValues("Sheet1", "A1:B2")).toEqual([
      ["x", "x"],
      ["x", "x"],
    ]);
  });

  test("reading the values of a whole column is refused as too large", async () => {
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("B:B").load("values");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
  });
});

describe("formulas and text", () => {
  test("values starting with = become formulas unless the cell is formatted as text first", async () => {
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1").values = [["=1+1"]];
      const b1 = sheet.getRange("B1");
      b1.numberFormat = [["@"]];
      b1.values = [["=1+1"]];
      const read = sheet.getRange("A1:B1").load("values,formulas,valueTypes,text");
      await context.sync();
      expect(read.values).toEqual([[2, "=1+1"]]);
      expect(read.formulas).toEqual([["=1+1", "=1+1"]]);
      expect(read.valueTypes).toEqual([["Double", "String"]]);
    });
    expect(model.cell("Sheet1", "A1").formula).toBe("=1+1");
    expect(model.cell("Sheet1", "B1").formula).toBeUndefined();
  });
});

describe("selection, RangeAreas and special cells", () => {
  test("getSelectedRanges lists the areas; quoted sheet names appear in the address", async () => {
    model.select("My Sheet", "B1:B3,D5");
    await Excel.run(async (context) => {
      const selected = context.workbook.getSelectedRanges();
      selected.load("address,areaCount");
      selected.areas.load("items/address");
      await context.sync();
      expect(selected.address).toBe("'My Sheet'!B1:B3,'My Sheet'!D5");
      expect(selected.areaCount).toBe(2);
      expect(selected.areas.items.map((r) => r.address)).toEqual(["'My Sheet'!B1:B3", "'My Sheet'!D5"]);
    });
  });

  test("getSelectedRange refuses a multi-area selection", async () => {
    model.select("Sheet1", "A1,C3");
    await expect(
      Excel.run(async (context) => {
        context.workbook.getSelectedRange().load("address");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidSelection" });
  });

  test("visible special cells skip hidden rows; all hidden gives a null object", async () => {
    model.hideRows("Sheet1", [5, 7]);
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      const visible = sheet.getRange("B1:C10").getSpecialCellsOrNullObject(Excel.SpecialCellType.visible);
      visible.load("address");
      const none = sheet.getRange("A5").getSpecialCellsOrNullObject(Excel.SpecialCellType.visible);
      const hidden = sheet.getRange("A4:A6").load("rowHidden");
      await context.sync();
      expect(visible.address).toBe("Sheet1!B1:C4,Sheet1!B6:C6,Sheet1!B8:C10");
      expect(none.isNullObject).toBe(true);
      expect(hidden.rowHidden).toBeNull();
    });
  });

  test("range navigation: getCell, getOffsetRange, getResizedRange, getEntireColumn, intersection", async () => {
    await Excel.run(async (context) => {
      const base = context.workbook.worksheets.getItem("Sheet1").getRange("B2:C3");
      const cell = base.getCell(1, 1).load("address");
      const offset = base.getOffsetRange(1, 0).load("address");
      const resized = base.getResizedRange(2, -1).load("address");
      const column = base.getEntireColumn().load("address");
      const inter = base.getIntersectionOrNullObject("C3:F9").load("address");
      const apart = base.getIntersectionOrNullObject("H1");
      await context.sync();
      expect([cell.address, offset.address, resized.address, column.address, inter.address]).toEqual([
        "Sheet1!C3",
        "Sheet1!B3:C4",
        "Sheet1!B2:B5",
        "Sheet1!B:C",
        "Sheet1!C3",
      ]);
      expect(apart.isNullObject).toBe(true);
    });
  });
});

describe("worksheets and tables", () => {
  test("adding a sheet with a taken name rejects with ItemAlreadyExists", async () => {
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.add("my sheet");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ItemAlreadyExists" });
  });

  test("a table takes its header from the range; rows.add appends; getItem finds it anywhere", async () => {
    model.setValues("My Sheet", "A1", [["Name", "Mail"]]);
    await Excel.run(async (context) => {
      const table = context.workbook.worksheets.getItem("My Sheet").tables.add("A1:B1", true);
      table.name = "People";
      await context.sync();
      const found = context.workbook.tables.getItem("people");
      const rows = context.workbook.tables.getItem("PEOPLE").rows;
      rows.add(null as unknown as undefined, [["Ann", "ann@contoso.com"]]);
      rows.add(undefined, [["Bob", "bob@contoso.com"]]);
      rows.load("count");
      const body = found.getDataBodyRange().load("address,values");
      const header = found.getHeaderRowRange().load("values");
      const sheet = found.worksheet.load("name");
      await context.sync();
      expect(rows.count).toBe(2);
      expect(body.address).toBe("'My Sheet'!A2:B3");
      expect(header.values).toEqual([["Name", "Mail"]]);
      expect(sheet.name).toBe("My Sheet");
    });
    expect(model.tableRows("People")).toEqual([
      ["Ann", "ann@contoso.com"],
      ["Bob", "bob@contoso.com"],
    ]);
  });

  test("getItem on a missing table rejects with ItemNotFound; OrNullObject does not", async () => {
    await Excel.run(async (context) => {
      const t = context.workbook.tables.getItemOrNullObject("Nope");
      await context.sync();
      expect(t.isNullObject).toBe(true);
    });
    await expect(
      Excel.run(async (context) => {
        context.workbook.tables.getItem("Nope").rows.add(undefined, [["x"]]);
        await context.sync();
      }),
    ).rejects.toMatchObject({
      code: "ItemNotFound",
      debugInfo: { errorLocation: "TableCollection.getItem" },
    });
  });
});

describe("Office", () => {
  test("onReady reports Excel on the web; document.url comes from the model", async () => {
    await expect(Office.onReady()).resolves.toEqual({
      host: Office.HostType.Excel,
      platform: "OfficeOnline",
    });
    expect(Office.context.document.url).toBe("https://contoso.sharepoint.com/Book.xlsx");
  });

  test("isSetSupported knows ExcelApi up to 1.17, and can be configured", () => {
    expect(Office.context.requirements.isSetSupported("ExcelApi", "1.9")).toBe(true);
    expect(Office.context.requirements.isSetSupported("ExcelApi", "1.18")).toBe(false);
    uninstall();
    uninstall = installExcelSimulator(model, { requirementSets: { ExcelApi: "1.8" } });
    expect(Office.context.requirements.isSetSupported("ExcelApi", "1.9")).toBe(false);
  });

  test("DocumentSelectionChanged handlers fire when the selection changes", async () => {
    const fired: string[] = [];
    const added = await new Promise<Office.AsyncResult<void>>((resolve) => {
      Office.context.document.addHandlerAsync(
        Office.EventType.DocumentSelectionChanged,
        (args: { type: string }) => fired.push(args.type),
        (result: Office.AsyncResult<void>) => resolve(result),
      );
    });
    expect(added.status).toBe(Office.AsyncResultStatus.Succeeded);
    model.select("Sheet1", "C3");
    await Promise.resolve();
    expect(fired).toEqual(["documentSelectionChanged"]);
  });
});

describe("request payload limit", () => {
  test("a sync writing more than 5 MB is refused as a whole, like Excel on the web", async () => {
    const big = Array.from({ length: 200 }, () => ["x".repeat(30_000)]);
    const error = await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1").values = [["first"]];
      sheet.getRange("B1:B200").values = big;
      await context.sync();
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(model.getValues("Sheet1", "A1:B1")).toEqual([["", ""]]);
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("B1:B100").values = big.slice(0, 100);
      await context.sync();
    });
    expect(String(model.cell("Sheet1", "B100").value)).toHaveLength(30_000);
    // Each sync's size is recorded: the refused one over 5 MB, the accepted one under it.
    const [refused, accepted] = model.payloads.map((p) => p.requestBytes);
    expect(refused).toBeGreaterThan(5 * 1024 * 1024);
    expect(accepted).toBeLessThan(5 * 1024 * 1024);
  });

  test("a sync loading more than 5 MB is refused with ResponsePayloadSizeLimitExceeded; nothing it loaded is readable", async () => {
    model.setValues(
      "Sheet1",
      "A1",
      Array.from({ length: 200 }, () => ["x".repeat(30_000)]),
    );
    let small: Excel.Range | undefined;
    const error = await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      small = sheet.getRange("B1");
      small.load("address");
      sheet.getRange("A1:A200").load("values");
      await context.sync();
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
    expect(() => small?.address).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    expect(model.payloads.at(-1)?.responseBytes).toBeGreaterThan(5 * 1024 * 1024);
    const rows = await Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1:A100");
      range.load("values");
      await context.sync();
      const values = range.values;
      return values.length;
    });
    expect(rows).toBe(100);
  });
});
