// The add-in for real in Chromium: the workbench page with the real task pane (development build),
// the simulated workbook, and the Graph emulator over HTTP. What a person does (select cells, click
// Share) and what they would notice (statuses, the Permissions sheet, who got access, how often).
import { mkdirSync } from "node:fs";
import path from "node:path";
import {
  DEMO_DRIVE_ID,
  DEMO_ITEM_ID,
  DEMO_USERS,
  grantsPerRecipient,
  unclosedSessions,
  type GraphPermission,
} from "../../workbench/graph-emulator";
import { describeSample, SAMPLE_SHEET } from "../../workbench/host/sample";
import {
  clickCell,
  columnText,
  openWorkbench,
  patientAxe,
  permissionLog,
  startHarness,
  waitForShareDone,
  type Harness,
} from "./harness";

// Generous: the workbench is built (webpack) in beforeAll, and CI machines are shared.
jest.setTimeout(180_000);

const ROOT = path.resolve(__dirname, "..", "..");
// Screenshots change with every run (times in the log): they go to docs/ only when asked for.
const SHOT_DIR =
  process.env.UPDATE_SCREENSHOTS === "1"
    ? path.join(ROOT, "docs", "screenshots")
    : path.join(ROOT, "test-results", "screenshots");

const sample = describeSample(DEMO_USERS);
const lastRow = (sample.rows.at(-1)?.row ?? 0) as number;
const emailOf = (r: { email: string | number }): string => String(r.email).toLowerCase();
const shared = sample.rows.filter((r) => r.kind === "member" || r.kind === "guest");
const expectedRecipients = shared.map(emailOf).sort();
const hiddenRow = sample.rows.find((r) => r.kind === "hidden");
const editorRow = sample.rows.find((r) => r.role === "Can edit");

function grantee(p: GraphPermission): string {
  return (p.invitation?.email ?? p.grantedToV2?.user?.email ?? p.grantedTo?.user.email ?? "").toLowerCase();
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  mkdirSync(SHOT_DIR, { recursive: true });
}, 300_000);
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  h.workbench.emulator.reset();
  h.workbench.emulator.setFaults({});
});

function sharedPermissions(): GraphPermission[] {
  return (
    h.workbench.emulator
      .permissionsOf(DEMO_DRIVE_ID, DEMO_ITEM_ID)
      // The seeded owner, site groups and specific-people link are not the run's grants.
      .filter(
        (p) => !p.roles.includes("owner") && !p.link && !p.grantedToV2?.siteGroup && !p.grantedToV2?.group,
      )
  );
}

describe("npm start's workbench in Chromium", () => {
  it("selecting the Email and Role cells and clicking Share grants every valid address once and writes every status", async () => {
    const { page, pane, external, errors } = await openWorkbench(h);

    // Select as a person does: somewhere else first, then B1 and shift-click to the last Role cell.
    await clickCell(page, 3, 0);
    expect(await page.locator("#name-box").textContent()).toBe("A4");
    await clickCell(page, 0, 1);
    await clickCell(page, lastRow - 1, 2, ["Shift"]);
    expect(await page.evaluate(() => window.__workbench?.model.selection().address)).toBe(
      `${SAMPLE_SHEET}!B1:C${lastRow}`,
    );
    // The filtered row is not on screen.
    expect(hiddenRow).toBeDefined();
    await expect(page.locator(`.row-header[data-row="${(hiddenRow?.row ?? 0) - 1}"]`).count()).resolves.toBe(
      0,
    );
    await page.locator("#grid").evaluate((grid) => {
      grid.scrollTo(0, 0);
      grid.blur();
    });
    await page.locator(".row-header", { hasText: /^1$/ }).waitFor();
    await page.screenshot({ path: path.join(SHOT_DIR, "workbench-before.png") });

    await pane.locator("#share").click();
    const status = await waitForShareDone(pane);
    expect(status).toMatch(new RegExp(`\\b${shared.length} granted\\b`));
    expect(status).toMatch(/\b0 failed\b/);

    // Graph side: exactly the valid, visible addresses have access, each granted by one invite.
    expect(sharedPermissions().map(grantee).sort()).toEqual(expectedRecipients);
    const grants = grantsPerRecipient(h.workbench.emulator.ledger);
    expect([...grants.keys()].sort()).toEqual(expectedRecipients);
    expect([...grants.values()].every((n) => n === 1)).toBe(true);
    expect(grants.has(emailOf(hiddenRow ?? { email: "" }))).toBe(false);
    expect(unclosedSessions(h.workbench.emulator.ledger)).toEqual([]);
    const editor = sharedPermissions().find((p) => grantee(p) === emailOf(editorRow ?? { email: "" }));
    expect(editor?.roles).toEqual(["write"]);
    expect(sharedPermissions().filter((p) => p.roles.includes("write"))).toHaveLength(1);

    // Workbook side: a status beside every visible row, none beside the hidden one.
    const statuses = await columnText(page, SAMPLE_SHEET, sample.statusColumn, 1, lastRow);
    expect(statuses[0]).toBe("Share status");
    for (const row of sample.rows) {
      const text = statuses[row.row - 1] ?? "";
      if (row.kind === "member" || row.kind === "guest") expect(text).toMatch(/^Granted/);
      if (row.kind === "invalid") expect(text).toMatch(/^Rejected/);
      if (row.kind === "duplicate") expect(text).toMatch(new RegExp(`^Duplicate of ${SAMPLE_SHEET}!B2`));
      if (row.kind === "hidden") expect(text).toBe("");
    }

    // The Permissions sheet: one "granted" row per recipient, one "rejected" row per invalid cell.
    const log = await permissionLog(page);
    const granted = log.filter((r) => r["Status"] === "granted");
    expect(granted.map((r) => (r["Recipient"] ?? "").toLowerCase()).sort()).toEqual(expectedRecipients);
    expect(
      log
        .filter((r) => r["Status"] === "rejected")
        .map((r) => r["Source cell"])
        .sort(),
    ).toEqual(
      sample.rows
        .filter((r) => r.kind === "invalid")
        .map((r) => `${SAMPLE_SHEET}!B${r.row}`)
        .sort(),
    );
    for (const row of granted) expect(row["Permission ID"]).not.toBe("");

    // What the person sees: the tab appeared, the status cells are on screen, the ledger panel counts.
    await expect(page.locator(".tab", { hasText: "Permissions" }).count()).resolves.toBe(1);
    await page.locator("#grid").evaluate((grid) => grid.scrollTo(0, 0));
    await expect(page.locator(`.cell[data-row="1"][data-column="3"]`).textContent()).resolves.toMatch(
      /^Granted/,
    );
    await page.waitForFunction(
      (n) => document.getElementById("ledger-invites")?.textContent === String(n),
      shared.length,
    );
    await page.screenshot({ path: path.join(SHOT_DIR, "workbench-after.png") });
    await page.locator(".tab", { hasText: "Permissions" }).click();
    // The grid re-renders after the tab's click: wait for the log's header rather than racing it.
    await page.locator(".cell[data-row='0'][data-column='1']", { hasText: /^Recipient$/ }).waitFor();
    await expect(page.locator(".cell[data-row='0'][data-column='1']").textContent()).resolves.toBe(
      "Recipient",
    );
    await page.screenshot({ path: path.join(SHOT_DIR, "workbench-permissions.png") });

    expect(external).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("with throttling, 503s after the invite ran and connection resets, every recipient is still accounted for exactly once", async () => {
    const { page, pane, external, errors } = await openWorkbench(h, "?timeScale=0.01");
    // Turn the faults on from the settings panel, as a person would.
    await page.selectOption("#fault-preset", "mixed");
    await page.locator("#settings-note", { hasText: "Emulator faults: Mixed" }).waitFor();
    expect(h.workbench.emulator.snapshot().faults.rules?.length ?? 0).toBeGreaterThan(0);
    expect(h.workbench.emulator.snapshot().faults.timeScale).toBe(0.01);

    await pane.locator("#share").click();
    await waitForShareDone(pane);

    const ledger = h.workbench.emulator.ledger;
    const faulted = ledger.requests.filter((r) => r.fault !== undefined);
    expect(faulted.length).toBeGreaterThan(0);
    expect(faulted.some((r) => r.status === 429)).toBe(true);

    // No one was invited twice, whatever the retries; everyone invited shows up in the log as granted.
    const grants = grantsPerRecipient(ledger);
    const duplicates = [...grants].filter(([, n]) => n > 1).map(([who, n]) => `${who} x${n}`);
    expect(duplicates).toEqual([]);
    expect([...grants.keys()].every((k) => expectedRecipients.includes(k))).toBe(true);
    expect(ledger.earlyRetries).toEqual([]);
    expect(unclosedSessions(ledger)).toEqual([]);

    const log = await permissionLog(page);
    for (const email of expectedRecipients) {
      const rows = log.filter((r) => (r["Recipient"] ?? "").toLowerCase() === email);
      expect({ email, rows: rows.length }).toEqual({ email, rows: 1 });
      const hasAccess = sharedPermissions().some((p) => grantee(p) === email);
      expect({ email, granted: rows[0]?.["Status"] === "granted" }).toEqual({ email, granted: hasAccess });
    }
    const statuses = await columnText(page, SAMPLE_SHEET, sample.statusColumn, 2, lastRow);
    for (const row of sample.rows) {
      const text = statuses[row.row - 2] ?? "";
      expect({ row: row.row, hasStatus: text !== "" }).toEqual({
        row: row.row,
        hasStatus: row.kind !== "hidden",
      });
    }
    expect(external).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the task pane has no serious or critical accessibility violations (axe)", async () => {
    const { page, pane } = await openWorkbench(h);
    const scan = async () => {
      const results = await patientAxe(page).include("#taskpane").analyze();
      // The scan really covered the pane: it found its controls.
      expect(results.passes.length + results.violations.length).toBeGreaterThan(10);
      return results.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    };
    // Scanned with the preview filled in (long, scrolling lists), then again with a run's results shown.
    await pane.locator("#recipient-list li").first().waitFor();
    expect(await scan()).toEqual([]);
    await pane.locator("#share").click();
    await waitForShareDone(pane);
    expect(await scan()).toEqual([]);
    await page.close();
  });

  it("the grid selects like Excel: column letters, row numbers, ctrl-click areas, keys, and skips filtered rows", async () => {
    const { page } = await openWorkbench(h);
    const address = (): Promise<string | undefined> =>
      page.evaluate(() => window.__workbench?.model.selection().address);

    await page.locator(".col-header", { hasText: /^B$/ }).click();
    expect(await address()).toBe(`${SAMPLE_SHEET}!B:B`);
    await page.locator(".row-header", { hasText: /^3$/ }).click({ modifiers: ["Control"] });
    expect(await address()).toBe(`${SAMPLE_SHEET}!B:B,${SAMPLE_SHEET}!3:3`);

    // Arrow keys skip the hidden row; shift+arrow extends the area.
    const hidden = hiddenRow?.row ?? 0;
    await clickCell(page, hidden - 2, 1);
    await page.keyboard.press("ArrowDown");
    expect(await address()).toBe(`${SAMPLE_SHEET}!B${hidden + 1}`);
    await page.keyboard.press("Shift+ArrowRight");
    await page.keyboard.press("Shift+ArrowDown");
    expect(await address()).toBe(`${SAMPLE_SHEET}!B${hidden + 1}:C${hidden + 2}`);

    // The filter control hides rows; "Show all rows" brings them back.
    await page.fill("#hide-rows", "3-4");
    await page.locator("#filter-form button[type=submit]").click();
    // The grid re-renders on the model's change event: wait for it rather than racing it.
    await page.locator(".row-header", { hasText: /^3$/ }).waitFor({ state: "detached" });
    await expect(page.locator(".row-header", { hasText: /^3$/ }).count()).resolves.toBe(0);
    await page.locator("#show-all").click();
    await page.locator(".row-header", { hasText: /^3$/ }).waitFor();
    await expect(page.locator(".row-header", { hasText: /^3$/ }).count()).resolves.toBe(1);
    await expect(page.locator(`.row-header`, { hasText: new RegExp(`^${hidden}$`) }).count()).resolves.toBe(
      1,
    );
    await page.close();
  });

  it("a sheet of 5,000 rows keeps only the rows in view on the page", async () => {
    const { page } = await openWorkbench(h);
    await page.evaluate(() => {
      const model = window.__workbench?.model;
      if (!model) throw new Error("no model");
      model.addSheet("Big");
      model.setValues(
        "Big",
        "A1",
        Array.from({ length: 5000 }, (_, i) => [`row ${i + 1}`, i + 1]),
      );
      model.activate("Big");
    });
    await page.locator(".tab", { hasText: "Big" }).waitFor();
    await page.locator(".cell", { hasText: /^row 1$/ }).waitFor();
    expect(await page.locator(".grid .row").count()).toBeLessThan(80);
    // The grid keeps empty rows below the data to type into: scroll to row 4,990, near the data's end.
    await page.locator("#grid").evaluate((grid) => {
      const rowHeight = grid.querySelector(".row")?.getBoundingClientRect().height ?? 24;
      grid.scrollTo(0, 4990 * rowHeight);
    });
    await page.locator(".cell", { hasText: /^row 5000$/ }).waitFor();
    expect(await page.locator(".grid .row").count()).toBeLessThan(80);
    await page.close();
  });
});
