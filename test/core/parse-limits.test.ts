// Parsing is bounded (issue #11, item 9): a cell with too many entries is one counted rejection, and a
// run reads at most MAX_ENTRIES_PER_RUN entries, counting the rest instead of making an object each.
import { MAX_TOKENS_PER_CELL } from "../../src/core/email-address";
import { MAX_ENTRIES_PER_RUN, parseRecipients } from "../../src/core/recipients";
import type { CellValue, ParsedSelection } from "../../src/core/types";

function parseColumn(
  cells: CellValue[],
  limits?: { entriesPerCell?: number; entriesPerRun?: number },
): ParsedSelection {
  const grid = { areas: [{ sheet: "Sheet1", rowIndex: 0, columnIndex: 0, values: cells.map((v) => [v]) }] };
  return limits ? parseRecipients(grid, limits) : parseRecipients(grid);
}

describe("entries per cell", () => {
  test(`a cell of ${MAX_TOKENS_PER_CELL + 1} entries is one rejection that counts them`, () => {
    const { recipients, duplicates, rejected } = parseColumn(["a@x.com;".repeat(MAX_TOKENS_PER_CELL + 1)]);
    expect(recipients).toEqual([]);
    expect(duplicates).toEqual([]);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.reason).toBe("tooManyEntries");
    expect(rejected[0]?.entries).toBe(MAX_TOKENS_PER_CELL + 1);
    expect(rejected[0]?.message).toBe(
      "Sheet1!A1: The cell holds 501 entries, more than the 500 one cell may hold, so none of them was read. " +
        "Split the list over several cells.",
    );
  });

  test(`a cell of exactly ${MAX_TOKENS_PER_CELL} entries is read`, () => {
    const cell = Array.from({ length: MAX_TOKENS_PER_CELL }, (_, i) => `u${i}@x.com`).join(";");
    const { recipients, rejected } = parseColumn([cell]);
    expect(recipients).toHaveLength(MAX_TOKENS_PER_CELL);
    expect(rejected).toEqual([]);
  });

  test("blank parts between separators are not entries", () => {
    const cell = `a@x.com${" ; \u200B ,".repeat(1000)}`;
    expect(parseColumn([cell]).recipients.map((r) => r.key)).toEqual(["a@x.com"]);
  });
});

describe("entries per run", () => {
  test("the run stops at its cap: the first unread cell says so and the rest is counted", () => {
    const cells: CellValue[] = ["a@x.com", "b@x.com; c@x.com", "d@x.com; e@x.com; junk", null, "f@x.com", 7];
    const result = parseColumn(cells, { entriesPerRun: 4 });
    expect(result.recipients.map((r) => r.key)).toEqual(["a@x.com", "b@x.com", "c@x.com"]);
    expect(result.notRead).toEqual({
      from: { sheet: "Sheet1", row: 2, column: 0, address: "Sheet1!A3" },
      cells: 3,
      entries: 5,
      message:
        "Sheet1!A3: not read. One run reads at most 4 entries (addresses, duplicates and rejected parts); " +
        "this cell and the 2 non-blank cells after it (5 entries) were not read or shared. " +
        "Select them and share again.",
    });
    // One rejection marks where reading stopped, so that row gets a status; later rows get none.
    expect(result.rejected).toEqual([
      expect.objectContaining({ reason: "overLimit", message: result.notRead?.message }),
    ]);
    expect(result.rows.map((r) => r.row)).toEqual([0, 1, 2]);
  });

  test("a selection within the cap has no notRead", () => {
    expect(parseColumn(["a@x.com", "b@x.com"], { entriesPerRun: 2 })).not.toHaveProperty("notRead");
  });

  test(`10,000 cells of '";' x 2,666 (under 8,000 characters each) finish quickly, one rejection a cell`, () => {
    const cell = `'";`.repeat(2666);
    const started = performance.now();
    const result = parseColumn(Array.from({ length: 10_000 }, () => cell));
    const ms = performance.now() - started;
    expect(result.rejected).toHaveLength(10_000);
    expect(result.rejected.every((r) => r.reason === "tooManyEntries" && r.entries === 1333)).toBe(true);
    expect(ms).toBeLessThan(5_000); // a generous bound on the complexity, not a benchmark
  });

  test(`10,000 cells of '";' x 4,000 are 10,000 tooLong rejections, quickly`, () => {
    const cell = `'";`.repeat(4000);
    const started = performance.now();
    const result = parseColumn(Array.from({ length: 10_000 }, () => cell));
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(result.rejected).toHaveLength(10_000);
    expect(result.rejected.every((r) => r.reason === "tooLong")).toBe(true);
  });

  test("10,000 cells of 8,000-character lists (4.7 million addresses) stay capped", () => {
    // 17 characters an entry: 470 entries a cell, under the per-cell cap, all different addresses.
    const cells = Array.from({ length: 10_000 }, (_, c) =>
      Array.from({ length: 470 }, (_, i) => `${(c * 470 + i).toString(36).padStart(7, "0")}@xy.co.uk;`).join(
        "",
      ),
    );
    expect(cells[0]?.length).toBeLessThanOrEqual(8000);
    const started = performance.now();
    const result = parseColumn(cells);
    expect(performance.now() - started).toBeLessThan(5_000);
    const read = Math.floor(MAX_ENTRIES_PER_RUN / 470); // whole cells only
    expect(result.recipients).toHaveLength(read * 470);
    expect(result.rejected).toHaveLength(1);
    expect(result.rows).toHaveLength(read + 1);
    expect(result.notRead?.cells).toBe(10_000 - read);
    expect(result.notRead?.entries).toBe((10_000 - read) * 470);
    expect(result.notRead?.message).toContain(`One run reads at most 10,000 entries`);
  });
});
