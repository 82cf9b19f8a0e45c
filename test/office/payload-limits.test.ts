// The adapter against Excel on the web's 5 MB payload limits, on the Office.js simulator (which refuses
// an over-limit sync and records the size of every sync): large selections are read, and many results
// written, in syncs that stay under 4 MB, complete and in order.

import { PERMISSION_LOG_COLUMNS, PERMISSION_LOG_TABLE } from "../../src/core/permission-log";
import { createExcelWorkbookPort } from "../../src/office/excel-workbook";
import { jsonBytes, SYNC_TARGET_BYTES } from "../../src/office/payload";
import {
  jsonBytes as hostJsonBytes,
  PAYLOAD_LIMIT_BYTES,
  WorkbookModel,
  type WorkbookModelOptions,
} from "../../workbench/excel-model/model";
import { installExcelSimulator } from "../excel-sim/install";

let model: WorkbookModel;
let uninstall: (() => void) | undefined;
const port = createExcelWorkbookPort();

function open(options: WorkbookModelOptions = {}): void {
  model = new WorkbookModel({
    sheets: ["Roster"],
    documentUrl: "https://contoso.sharepoint.com/x/Book.xlsx",
    ...options,
  });
  uninstall = installExcelSimulator(model);
}

afterEach(() => {
  uninstall?.();
  uninstall = undefined;
});

/** Large workbooks: generous on a loaded machine (no test here is about speed; the bench is). */
const LARGE = 120_000;

const address = (i: number) => `guest${String(i).padStart(6, "0")}@fabrikam.com`;

/** The sizes of the syncs from `fromSync` on that the host accepted (a refused one is over the limit). */
function accepted(fromSync: number) {
  return model.payloads.filter(
    (p) =>
      p.sync >= fromSync &&
      p.requestBytes <= model.requestPayloadLimit &&
      p.responseBytes <= model.responsePayloadLimit,
  );
}

const largest = (payloads: Array<{ requestBytes: number; responseBytes: number }>) =>
  Math.max(0, ...payloads.map((p) => Math.max(p.requestBytes, p.responseBytes)));

test("the adapter sizes data as the host measures it: UTF-8 bytes of its JSON", () => {
  const samples: unknown[] = [
    [],
    [["a@b.com", 7, true, ""]],
    [
      ["Zoë <zoe@contoso.com>", "€ 5"],
      ["😀", 'say "hi"'],
    ],
    Array.from({ length: 50 }, (_, i) => [`user${i}@contoso.com`, i * 1.5, i % 2 === 0]),
  ];
  for (const sample of samples) expect(jsonBytes(sample)).toBe(hostJsonBytes(sample));
});

describe("reading a large selection", () => {
  test(
    "200,000 rows come back complete and in order, with no sync over 4 MB",
    async () => {
      open();
      const n = 200_000;
      model.setValues("Roster", "A1", [["Email"], ...Array.from({ length: n }, (_, i) => [address(i + 1)])]);
      model.setValues("Roster", "B3", [["Shared (can view)"]]);
      model.hideRows("Roster", [100_001]);
      model.select("Roster", `A1:A${n + 1}`);
      const before = model.syncCount;
      const { areas } = await port.readSelection();
      const syncs = model.syncCount - before;

      // One read of it all would answer some 9 MB: Excel on the web would refuse it.
      const sizes = model.payloads.filter((p) => p.sync > before);
      expect(sizes).toHaveLength(syncs);
      expect(syncs).toBeGreaterThan(2);
      expect(largest(sizes)).toBeLessThanOrEqual(SYNC_TARGET_BYTES);
      expect(sizes.reduce((sum, p) => sum + p.responseBytes, 0)).toBeGreaterThan(PAYLOAD_LIMIT_BYTES);

      const [area] = areas;
      expect(areas).toHaveLength(1);
      expect(area?.values).toHaveLength(n + 1);
      expect(area?.values[0]).toEqual(["Email"]);
      const wrong = area?.values.slice(1).findIndex((row, i) => row[0] !== address(i + 1));
      expect(wrong).toBe(-1);
      expect(area?.valueTypes).toHaveLength(n + 1);
      expect(area?.hiddenRows?.filter((h) => h)).toHaveLength(1);
      expect(area?.hiddenRows?.[100_000]).toBe(true);
      expect(area?.besideValues).toHaveLength(n + 1);
      expect(area?.besideValues?.[2]).toBe("Shared (can view)");
    },
    LARGE,
  );

  test("10,000 rows are read in two syncs: the geometry, then all the values", async () => {
    open();
    model.setValues(
      "Roster",
      "A1",
      Array.from({ length: 10_000 }, (_, i) => [address(i)]),
    );
    model.select("Roster", "A1:A10000");
    const before = model.syncCount;
    const { areas } = await port.readSelection();
    expect(model.syncCount - before).toBe(2);
    expect(areas[0]?.values).toHaveLength(10_000);
  });

  test("wide cells are read in more, smaller syncs, sized from what the first ones measured", async () => {
    open();
    // 3,000 rows x 3 columns of 800-character texts: about 7 MB of values.
    const text = (r: number, c: number) => `${r}:${c}:`.padEnd(800, "x");
    const rows = Array.from({ length: 3000 }, (_, r) => [text(r, 0), text(r, 1), text(r, 2)]);
    model.setValues("Roster", "A1", rows);
    model.select("Roster", "A1:C3000");
    const before = model.syncCount;
    const { areas } = await port.readSelection();
    expect(largest(accepted(before + 1))).toBeLessThanOrEqual(SYNC_TARGET_BYTES);
    expect(areas[0]?.values).toEqual(rows);
  });

  test(
    "a read Excel refuses for its size is made again in smaller bands",
    async () => {
      // A host with a 1 MB limit: the first band, planned for 3.5 MB, is refused.
      open({ responsePayloadLimit: 1_000_000 });
      const n = 60_000;
      model.setValues(
        "Roster",
        "A1",
        Array.from({ length: n }, (_, i) => [address(i)]),
      );
      model.select("Roster", `A1:A${n}`);
      const before = model.syncCount;
      const { areas } = await port.readSelection();
      const refused = model.payloads.filter((p) => p.sync > before && p.responseBytes > 1_000_000);
      expect(refused.length).toBeGreaterThan(0);
      expect(areas[0]?.values).toHaveLength(n);
      expect(areas[0]?.values[n - 1]).toEqual([address(n - 1)]);
    },
    LARGE,
  );
});

function logRow(i: number): string[] {
  return PERMISSION_LOG_COLUMNS.map((column) =>
    column === "Recipient"
      ? address(i)
      : column === "Status"
        ? "granted"
        : column === "Shared at"
          ? "2026-12-02T10:00:00.000Z"
          : column === "Permission ID"
            ? `aTowIy5mfG1lbWJlcnNoaXB8${String(i).padStart(8, "0")}`
            : "",
  );
}

describe("writing many results", () => {
  test(
    "12,000 log rows and 12,000 statuses land complete and in order, with no sync over 4 MB",
    async () => {
      open();
      const n = 12_000;
      model.setValues("Roster", "A1", [["Email"], ...Array.from({ length: n }, (_, i) => [address(i)])]);
      await port.ensureLog();
      const logRows = Array.from({ length: n }, (_, i) => logRow(i));
      // Every other row: statuses that are not one block, as after a run with some rows left out.
      const statuses = Array.from({ length: n }, (_, i) => ({
        sheet: "Roster",
        row: 1 + i,
        column: 1 + (i % 2),
        text: `Shared (can view) ${i}`,
      }));
      const before = model.syncCount;
      await port.flush({ logRows, statuses });
      const sizes = model.payloads.filter((p) => p.sync > before);
      expect(sizes).toHaveLength(model.syncCount - before);
      expect(largest(sizes)).toBeLessThanOrEqual(SYNC_TARGET_BYTES);

      const table = model.findTable(PERMISSION_LOG_TABLE);
      expect(table?.dataRowCount).toBe(n);
      const written = model.getValues("Permissions", `A2:P${n + 1}`);
      expect(written[0]?.[1]).toBe(address(0));
      expect(written.findIndex((row, i) => row[1] !== address(i) || row[4] !== logRow(i)[4])).toBe(-1);
      const statusCells = model.getValues("Roster", `B2:C${n + 1}`);
      expect(statusCells.findIndex((row, i) => row[i % 2] !== `Shared (can view) ${i}`)).toBe(-1);
    },
    LARGE,
  );

  test(
    "10,000 results of usual width take one sync for the log rows and one for the statuses",
    async () => {
      open();
      const n = 10_000;
      await port.ensureLog();
      const before = model.syncCount;
      await port.flush({
        logRows: Array.from({ length: n }, (_, i) => logRow(i)),
        statuses: Array.from({ length: n }, (_, i) => ({
          sheet: "Roster",
          row: 1 + i,
          column: 1,
          text: "Shared (can view)",
        })),
      });
      expect(model.syncCount - before).toBe(2);
    },
    LARGE,
  );

  test("log rows too large for one request go in several, in order", async () => {
    open();
    await port.ensureLog();
    // 3,000 rows with a 1,000-character error message each (the longest the log keeps): about 3.1 MB of text.
    const message = (i: number) => `${i} `.padEnd(1000, "e");
    const rows = Array.from({ length: 3000 }, (_, i) => {
      const row = logRow(i);
      row[PERMISSION_LOG_COLUMNS.indexOf("Error message")] = message(i);
      row[PERMISSION_LOG_COLUMNS.indexOf("Error code")] = "x".repeat(900);
      return row;
    });
    const before = model.syncCount;
    await port.flush({ logRows: rows, statuses: [] });
    expect(model.syncCount - before).toBeGreaterThan(1);
    expect(largest(model.payloads.filter((p) => p.sync > before))).toBeLessThanOrEqual(SYNC_TARGET_BYTES);
    const column = PERMISSION_LOG_COLUMNS.indexOf("Error message");
    const written = model.getValues("Permissions", "A2:P3001");
    expect(written.findIndex((row, i) => row[column] !== message(i))).toBe(-1);
  });
});
