// The run's write-back over the real Office adapter and the simulated Excel host: one row Excel will
// not take, or a huge number of rows, never stops the record of everyone else.
import type { FlushReport, WorkbookFlush, WorkbookPort } from "../../src/core/ports";
import { MAX_ROW_ATTEMPTS, WriteBack } from "../../src/app/write-back";
import { PERMISSION_LOG_COLUMNS } from "../../src/core/permission-log";
import { parseRecipients } from "../../src/core/recipients";
import { logRowForOutcome, logRowsForRejections, type RunContext } from "../../src/core/results";
import type { Outcome, ParsedSelection } from "../../src/core/types";
import { createExcelWorkbookPort } from "../../src/office/excel-workbook";
import { installExcelSimulator } from "../excel-sim/install";
import { logRows } from "../helpers/flow-harness";
import { type CellInput, WorkbookModel } from "../../workbench/excel-model/model";

const ctx: RunContext = { at: "2026-12-02T06:00:00.000Z", runId: "run-1" };
const col = (name: (typeof PERMISSION_LOG_COLUMNS)[number]) => PERMISSION_LOG_COLUMNS.indexOf(name);

let model: WorkbookModel;
let uninstall: () => void;
const excel = createExcelWorkbookPort();

beforeEach(() => {
  model = new WorkbookModel({ sheets: ["Roster"], documentUrl: "https://contoso.sharepoint.com/x.xlsx" });
  uninstall = installExcelSimulator(model);
});
afterEach(() => uninstall());

/** Column A of Roster under an "Email" header, selected and parsed as the flow does. */
async function selectColumn(cells: CellInput[]): Promise<ParsedSelection> {
  model.setValues("Roster", "A1", [["Email"], ...cells.map((c) => [c])]);
  model.select("Roster", `A1:A${cells.length + 1}`);
  await excel.ensureLog();
  return parseRecipients(await excel.readSelection());
}

/** Settles every recipient in batches of 20, flushing after each batch like the share flow. */
async function runBatches(
  wb: WriteBack,
  parsed: ParsedSelection,
  outcomes: Map<string, Outcome>,
  outcomeOf: (i: number) => Outcome,
) {
  const recipients = parsed.recipients;
  for (let i = 0; i < recipients.length; i++) {
    const r = recipients[i]!;
    const o = { ...outcomeOf(i), key: r.key } as Outcome;
    outcomes.set(r.key, o);
    wb.log(logRowForOutcome(r, o, ctx));
    if (i % 20 === 19) await wb.flush(false);
  }
  await wb.flush(true);
}

const granted = (): Outcome => ({ status: "granted", key: "", permission: { id: "p", roles: ["read"] } });
const people = (n: number) => Array.from({ length: n }, (_, i) => `user${i + 1}@contoso.com`);

/** Wraps the Excel port, counting the requests and refusing any log row that contains `poison`. */
function refusing(...poison: string[]): WorkbookPort & { calls: WorkbookFlush[] } {
  const calls: WorkbookFlush[] = [];
  return {
    calls,
    readSelection: () => excel.readSelection(),
    documentUrl: () => excel.documentUrl(),
    ensureLog: () => excel.ensureLog(),
    flush: async (u: WorkbookFlush): Promise<FlushReport | void> => {
      calls.push(u);
      if (u.logRows.some((row) => row.some((cell) => poison.some((p) => cell.includes(p))))) {
        throw new Error("The request was refused.");
      }
      return excel.flush(u);
    },
  };
}

test("a 40,000-character Graph message for one recipient: everyone is recorded, that message cut to 1,000 characters", async () => {
  const parsed = await selectColumn(people(60));
  const outcomes = new Map<string, Outcome>();
  const wb = new WriteBack(excel, parsed, outcomes);
  const huge = `Internal error: ${"x".repeat(40_000)}`;
  await runBatches(wb, parsed, outcomes, (i) =>
    i === 16
      ? { status: "failed", key: "", error: { status: 500, code: "generalException", message: huge } }
      : granted(),
  );
  expect(wb.error).toBeUndefined();
  expect(wb.unwritableRows).toEqual([]);
  const log = logRows(model);
  expect(log).toHaveLength(60);
  expect(log.filter((r) => r["Status"] === "granted")).toHaveLength(59);
  const failed = log.find((r) => r["Status"] === "failed");
  expect(failed?.["Recipient"]).toBe("user17@contoso.com");
  expect(failed?.["Error message"]).toHaveLength(1000);
  expect(failed?.["Error message"]?.endsWith("\u2026")).toBe(true);
  const statuses = model.getValues("Roster", "B2:B61").map((r) => String(r[0]));
  expect(statuses.filter((s) => s === "Granted: can view")).toHaveLength(59);
  expect(statuses[16]).toMatch(/^Failed: Internal error: x+\u2026 \[generalException\]$/);
});

test("a row Excel refuses is isolated: every other row and status lands, that row is reported and dropped", async () => {
  const parsed = await selectColumn(people(300));
  const outcomes = new Map<string, Outcome>();
  const port = refusing("user123@");
  const wb = new WriteBack(port, parsed, outcomes);
  await runBatches(wb, parsed, outcomes, granted);
  expect(wb.error).toBeUndefined();
  const log = logRows(model);
  expect(log).toHaveLength(299);
  expect(log.some((r) => r["Recipient"] === "user123@contoso.com")).toBe(false);
  expect(model.getValues("Roster", "B2:B301").every((r) => r[0] === "Granted: can view")).toBe(true);
  expect(wb.unwritableRows).toEqual([
    {
      kind: "log",
      what: "Log row for user123@contoso.com (Roster!A124)",
      reason: "The request was refused.",
    },
  ]);
  // Isolating it took a handful of requests, not one per row; it was tried MAX_ROW_ATTEMPTS times alone.
  const alone = port.calls.filter(
    (u) => u.logRows.length === 1 && u.logRows[0]?.[1] === "user123@contoso.com",
  );
  expect(alone).toHaveLength(MAX_ROW_ATTEMPTS);
  expect(port.calls.length).toBeLessThan(60);
  // Later flushes no longer carry it.
  const before = port.calls.length;
  wb.log(logRowForOutcome(parsed.recipients[0]!, granted(), ctx));
  await wb.flush(true);
  expect(port.calls.length - before).toBe(1);
});

test("when nothing can be written at all, the rows stay queued and the error is kept (no row is blamed)", async () => {
  const parsed = await selectColumn(people(30));
  const outcomes = new Map<string, Outcome>();
  let broken = true;
  const port: WorkbookPort = {
    ...excel,
    flush: async (u) => {
      if (broken) throw new Error("The workbook is read-only.");
      return excel.flush(u);
    },
  };
  const wb = new WriteBack(port, parsed, outcomes);
  let calls = 0;
  const counting: WorkbookPort = { ...port, flush: (u) => (calls++, port.flush(u)) };
  const wbCounted = new WriteBack(counting, parsed, new Map(outcomes));
  await runBatches(wb, parsed, outcomes, granted);
  expect(String(wb.error)).toMatch(/read-only/);
  // Blaming no row costs a few requests a flush (the chunk, then its first and last row alone).
  for (const r of parsed.recipients) wbCounted.log(logRowForOutcome(r, granted(), ctx));
  await wbCounted.flush(true);
  expect(calls).toBeLessThanOrEqual(6);
  expect(wb.unwritableRows).toEqual([]);
  expect(logRows(model)).toHaveLength(0);
  broken = false;
  await wb.flush(true);
  expect(wb.error).toBeUndefined();
  expect(logRows(model)).toHaveLength(30);
  expect(model.getValues("Roster", "B2:B31").every((r) => r[0] === "Granted: can view")).toBe(true);
});

test("100,000 rejected cells: 1,001 log rows, a status for every row read, no request over Excel on the web's 5 MB", async () => {
  const cells = Array.from({ length: 100_000 }, (_, i) => `not an address ${i}`);
  const parsed = await selectColumn(cells);
  expect(parsed.rejected.length).toBeGreaterThan(1000);
  const wb = new WriteBack(excel, parsed, new Map());
  for (const row of logRowsForRejections(parsed.rejected, ctx)) wb.log(row);
  await wb.flush(true);
  expect(wb.error).toBeUndefined();
  const log = logRows(model);
  expect(log).toHaveLength(1001);
  expect(log[1000]?.["Error message"]).toBe(
    `\u2026and ${(parsed.rejected.length - 1000).toLocaleString("en-US")} more rejected cells, not listed one by one.`,
  );
  // The parser reads up to its run cap; every row it read gets its status, the rows past it none.
  const read = parsed.rejected.length;
  const statuses = model.getValues("Roster", `B2:B${read + 1}`);
  expect(
    statuses.every((r) => /^Rejected: (?!Roster!).* \[(overLimit|invalidSyntax)\]$/.test(String(r[0]))),
  ).toBe(true);
  expect(model.cell("Roster", `B${read + 1}`).value).toMatch(/^Rejected: (?!Roster!).* \[overLimit\]$/);
  expect(model.getValues("Roster", `B${read + 2}:B100001`).every((r) => r[0] === "" || r[0] == null)).toBe(
    true,
  );
  expect(col("Error message")).toBeGreaterThan(0);
}, 120_000);

test("rows refused at the very start of the first request are isolated too, even side by side", async () => {
  const parsed = await selectColumn(people(40));
  const outcomes = new Map<string, Outcome>();
  const port = refusing("user1@", "user2@");
  const wb = new WriteBack(port, parsed, outcomes);
  await runBatches(wb, parsed, outcomes, granted);
  expect(wb.error).toBeUndefined();
  expect(logRows(model)).toHaveLength(38);
  expect(wb.unwritableRows.map((r) => r.what)).toEqual([
    "Log row for user1@contoso.com (Roster!A2)",
    "Log row for user2@contoso.com (Roster!A3)",
  ]);
});
