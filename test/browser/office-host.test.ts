// The workbench as Excel on the web for Microsoft's real office.js (@microsoft/office-js, served from
// node_modules): the pane's Office.onReady resolves with host Excel, the Excel requests of the add-in go
// through the RichApi engine, and selection changes reach the pane as Office events.
import { DEMO_USERS, DEMO_WORKBOOK_URL } from "../../workbench/graph-emulator";
import type { Frame, Page } from "playwright-core";
import { excelMembersOfAddin } from "./excel-members";
import { LOCAL_DOCUMENT_PATH } from "../../workbench/host/host-controls";
import { describeSample, SAMPLE_SHEET } from "../../workbench/host/sample";
import {
  clickCell,
  columnText,
  executedMembers,
  openPage,
  openWorkbench,
  permissionLog,
  protocolErrors,
  startHarness,
  waitForShareDone,
  type Harness,
} from "./harness";

const sample = describeSample(DEMO_USERS);

/** Selects the header row and the first three people (B1:C4), shares, and returns the status line. */
async function shareFirstThree(page: Page, pane: Frame): Promise<void> {
  await clickCell(page, 0, 1);
  await clickCell(page, 3, 2, ["Shift"]);
  await pane.waitForFunction(() => document.querySelectorAll("#recipient-list li").length === 3);
  await pane.locator("#share").click();
}

/**
 * What the pane asked the identity provider. `sharingOnly` leaves out the recipient check's requests for
 * the directory scope (User.ReadBasic.All), which the preview makes silently on its own.
 */
async function signInEvents(
  page: Page,
  sharingOnly = false,
): Promise<Array<{ kind: string; outcome: string }>> {
  return page.evaluate(
    (only) =>
      (window.__workbench?.signInEvents() ?? [])
        .filter((e) => !only || !e.scopes.includes("User.ReadBasic.All"))
        .map((e) => ({ kind: e.kind, outcome: e.outcome })),
    sharingOnly,
  );
}

// Generous: the workbench is built (webpack) in beforeAll, and CI machines are shared.
jest.setTimeout(180_000);

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 300_000);
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  h.workbench.emulator.reset();
  h.workbench.emulator.setFaults({});
});

describe("the workbench hosts the real office.js", () => {
  it("Office.onReady resolves in the pane with host Excel on the web, the document's URL and ExcelApi 1.9", async () => {
    const { page, pane, requests, external } = await openPage(h);
    const ready = await pane.evaluate(async () => {
      const info = await Office.onReady();
      return {
        host: info.host,
        platform: info.platform,
        url: Office.context.document.url,
        excelApi19: Office.context.requirements.isSetSupported("ExcelApi", "1.9"),
        theme: typeof Office.context.officeTheme,
      };
    });
    expect(ready).toEqual({
      host: "Excel",
      platform: "OfficeOnline",
      url: DEMO_WORKBOOK_URL,
      excelApi19: true,
      theme: "undefined",
    });
    // office.js and the host script it loads came from this machine, from the pinned package.
    const origin = new URL(h.workbench.url).origin;
    expect(requests).toContain(`${origin}/office-js/office.js`);
    expect(requests.some((u) => u.startsWith(`${origin}/office-js/excel-web-16.00`))).toBe(true);
    expect(external).toEqual([]);
    expect(requests.filter((u) => !/^https?:\/\/(localhost|127\.0\.0\.1)[:/]/.test(u))).toEqual([]);
    expect(await protocolErrors(page)).toEqual([]);
    await page.close();
  });

  it("a selection made in the grid reaches the pane as DocumentSelectionChanged, and Share writes its statuses through office.js", async () => {
    const { page, pane, errors } = await openWorkbench(h);
    const members = sample.rows.filter((r) => r.kind === "member").slice(0, 3);
    const [first, , last] = members;
    if (!first || !last || first.row !== 2 || last.row !== 4)
      throw new Error("the sample's first members moved");
    // Select the headers, their addresses and roles: the pane's preview follows (Office's selection event,
    // then a read).
    await clickCell(page, 0, 1);
    await clickCell(page, last.row - 1, 2, ["Shift"]);
    await pane.waitForFunction(() => document.querySelectorAll("#recipient-list li").length === 3);
    expect(await pane.locator("#recipient-list li").allTextContents()).toEqual(
      members.map((m) => expect.stringContaining(String(m.email)) as unknown as string),
    );

    await pane.locator("#share").click();
    expect(await waitForShareDone(pane)).toMatch(/\b3 granted\b/);
    const statuses = await columnText(page, SAMPLE_SHEET, sample.statusColumn, first.row, last.row + 1);
    expect(statuses.slice(0, 3).every((s) => s.startsWith("Granted"))).toBe(true);
    expect(statuses[3]).toBe(""); // the row below the selection is left alone
    const executed = await executedMembers(page);
    expect(executed).toEqual(expect.arrayContaining(["Workbook.getSelectedRanges", "Range.values(set)"]));
    expect(await protocolErrors(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("sign-in through MSAL's nested app authentication, answered by the workbench", () => {
  it("with consent given, signs in silently (no window) and shares", async () => {
    const { page, pane, errors } = await openWorkbench(h);
    await shareFirstThree(page, pane);
    expect(await waitForShareDone(pane)).toMatch(/\b3 granted\b/);
    expect(await pane.locator("#account-text").textContent()).toBe("Signed in as Ada Lovelace");
    const events = await signInEvents(page, true);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.kind === "silent" && e.outcome === "issued")).toBe(true);
    // The recipient check asked silently too, and opened no window either.
    expect((await signInEvents(page)).every((e) => e.kind === "silent")).toBe(true);
    expect(await protocolErrors(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("without consent, the silent request needs interaction, the popup grants it, and the share goes through", async () => {
    const { page, pane } = await openWorkbench(h, "?consent=no");
    await shareFirstThree(page, pane);
    expect(await waitForShareDone(pane)).toMatch(/\b3 granted\b/);
    const events = await signInEvents(page);
    expect(events[0]).toEqual({ kind: "silent", outcome: "USER_INTERACTION_REQUIRED" });
    expect(events).toContainEqual({ kind: "popup", outcome: "issued" });
    await page.close();
  });

  it("a closed sign-in window sends nothing and says so", async () => {
    const { page, pane } = await openWorkbench(h, "?consent=no&popup=cancel");
    await shareFirstThree(page, pane);
    await pane
      .getByText(/Sign-in was cancelled, so nothing was sent/)
      .first()
      .waitFor();
    expect(await signInEvents(page)).toContainEqual({ kind: "popup", outcome: "USER_CANCEL" });
    expect(h.workbench.emulator.ledger.requests.filter((r) => r.path.includes("invite"))).toEqual([]);
    await page.close();
  });

  it("tokens that expire within minutes are renewed through the bridge during a run", async () => {
    const { page, pane } = await openWorkbench(h, "?tokenLifetime=120");
    await shareFirstThree(page, pane);
    expect(await waitForShareDone(pane)).toMatch(/\b3 granted\b/);
    const issued = (await signInEvents(page)).filter((e) => e.kind === "silent" && e.outcome === "issued");
    expect(issued.length).toBeGreaterThan(1);
    await page.close();
  });
});

describe("what the workbench does not implement fails loudly", () => {
  it("an Excel call the engine does not know fails the pane's sync and is recorded with its raw JSON", async () => {
    const { page, pane } = await openWorkbench(h);
    const outcome = await pane.evaluate(async () => {
      try {
        await Excel.run(async (context) => {
          const merged = context.workbook.worksheets
            .getActiveWorksheet()
            .getRange("A1")
            .getMergedAreasOrNullObject();
          merged.load("address");
          await context.sync();
        });
        return "resolved";
      } catch (e) {
        return `rejected: ${e instanceof Error ? e.message : String(e)}`;
      }
    });
    expect(outcome).toMatch(/^rejected: /);
    const recorded = await protocolErrors(page);
    expect(recorded.length).toBeGreaterThan(0);
    expect(recorded.join("\n")).toMatch(/\{.*"GetMergedAreasOrNullObject"/);
    await expect(page.locator("#host-fault").textContent()).resolves.toMatch(/could not answer office\.js/);
    await page.close();
  });
});

describe("the add-in's Excel code runs on the real office.js", () => {
  it("every Excel API member src/office uses is executed through office.js and the RichApi engine", async () => {
    const used = excelMembersOfAddin();
    expect(used).toEqual(expect.arrayContaining(["Workbook.getSelectedRanges", "Range.values(set)"]));
    const { page, pane, errors } = await openWorkbench(h);
    // Share (reads the selection, makes the log, writes statuses), then open the log. One selected cell
    // holds a formula-like string, which the log takes only into a cell that reads back as Text.
    await page.evaluate(() => {
      const model = window.__workbench?.model;
      if (!model) throw new Error("no model");
      // Text format first, as a person would, so the string stays a string.
      const box = { rowIndex: 4, columnIndex: 1, rowCount: 1, columnCount: 1 };
      model.writeNumberFormat(model.sheet("Team"), box, [["@"]]);
      model.writeValues(model.sheet("Team"), box, [["-bogus"]]);
    });
    await clickCell(page, 0, 1);
    await clickCell(page, 4, 2, ["Shift"]);
    await pane.locator("#count-rejected", { hasText: /^1$/ }).waitFor();
    await pane.locator("#share").click();
    await waitForShareDone(pane);
    const log = await permissionLog(page);
    expect(
      log.filter((r) => r["Status"] === "rejected").map((r) => [r["Recipient"], r["Source cell"]]),
    ).toEqual([["-bogus", "Team!B5"]]);
    await pane.locator("#open-log").click();
    await page.locator(".tab[aria-selected='true']", { hasText: "Permissions" }).waitFor();
    // Manage access: list (makes the "Current access" table), select two rows there, remove, confirm
    // (which lists again over the old rows).
    await pane.locator("#list-access").click();
    await pane.locator("#access-status", { hasText: /listed in/ }).waitFor();
    await page.evaluate(() => {
      const model = window.__workbench?.model;
      model?.activate("Current access");
      // Two rows the pane may remove (direct grants), past the owner, site groups and link rows.
      const canBeRemoved = (model?.getValues("Current access", "F2:F200") ?? []).map((r) => r[0]);
      const first = canBeRemoved.findIndex((v, i) => v === "Yes" && canBeRemoved[i + 1] === "Yes");
      model?.select("Current access", `A${first + 2}:C${first + 3}`);
    });
    await pane.locator("#revoke").click();
    await pane.locator("#confirm-ok").click();
    await pane.locator("#access-status", { hasText: /removed/ }).waitFor();

    const executed = await executedMembers(page);
    expect(used.filter((m) => !executed.includes(m))).toEqual([]);
    expect(await protocolErrors(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("sign-in without nested app authentication", () => {
  it("goes down the Office dialog path: office.js asks the person to allow the sign-in window", async () => {
    const { page, pane } = await openWorkbench(h, "?naa=off");
    expect(
      await pane.evaluate(() => Office.context.requirements.isSetSupported("NestedAppAuth", "1.1")),
    ).toBe(false);
    await pane.locator("#share").click();
    // office.js's own prompt in the pane before displayDialogAsync opens a window (Excel on the web).
    await pane.getByText("Bulk Share wants to display a new window").waitFor();
    // Nothing was asked of the identity provider through the bridge, and nothing was shared.
    expect(await signInEvents(page)).toEqual([]);
    expect(h.workbench.emulator.ledger.requests.filter((r) => r.path.includes("invite"))).toEqual([]);
    await page.close();
  });
});

describe("host controls", () => {
  it("an Excel without ExcelApi 1.9 gets the add-in's plain message instead of the pane", async () => {
    const { page, pane } = await openPage(h, "?excel=old");
    await pane.locator("#unsupported-excel").waitFor();
    expect(await pane.locator("#unsupported-excel").textContent()).toMatch(/too old for this add-in/);
    expect(await pane.locator("#share").count()).toBe(0);
    expect(await pane.evaluate(() => Office.context.requirements.isSetSupported("ExcelApi", "1.8"))).toBe(
      true,
    );
    await page.close();
  });

  it("a workbook saved on this computer, or never saved, is reported as not in OneDrive or SharePoint", async () => {
    for (const kind of ["local", "unsaved"]) {
      const { page, pane } = await openPage(h, `?document=${kind}`);
      const url = await pane.evaluate(async () => {
        await Office.onReady();
        return Office.context.document.url;
      });
      expect(url).toBe(kind === "local" ? LOCAL_DOCUMENT_PATH : "");
      await pane.locator("#blocker:not([hidden])").waitFor();
      expect(await pane.locator("#blocker").textContent()).toMatch(/OneDrive|SharePoint/);
      await page.close();
    }
  });
});

describe("Excel's row events reach the pane", () => {
  it("hiding or showing rows refreshes the preview without a selection change (onRowHiddenChanged)", async () => {
    const { page, pane, errors } = await openWorkbench(h);
    const valid = async () => Number(await pane.locator("#count-valid").innerText());
    const before = await valid();
    const selection = await page.evaluate(() => window.__workbench?.model.activeSheet.selection);
    // The second person: the first has a duplicate further down, which would take its place.
    const member = sample.rows.filter((r) => r.kind === "member")[1];
    if (!member) throw new Error("the sample has no second member");

    // The workbench's filter hides a row of the selection: the pane's count follows.
    await page.fill("#hide-rows", String(member.row));
    await page.press("#hide-rows", "Enter");
    await pane.waitForFunction(
      (n) => document.getElementById("count-valid")?.textContent === String(n),
      before - 1,
    );
    expect(await page.evaluate(() => window.__workbench?.model.activeSheet.selection)).toEqual(selection);

    // Showing every row brings it back, and the row the sample hid too.
    await page.locator("#show-all").click();
    await pane.waitForFunction(
      (n) => document.getElementById("count-valid")?.textContent === String(n),
      before + 1,
    );
    expect(await executedMembers(page)).toContain("WorksheetCollection._RegisterRowHiddenChangedEvent");
    expect(await protocolErrors(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
