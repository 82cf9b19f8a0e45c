// The workbench as Excel on the web for Microsoft's real office.js (@microsoft/office-js, served from
// node_modules): the pane's Office.onReady resolves with host Excel, the Excel requests of the add-in go
// through the RichApi engine, and selection changes reach the pane as Office events.
import { DEMO_USERS, DEMO_WORKBOOK_URL } from "../../workbench/graph-emulator";
import { describeSample, SAMPLE_SHEET } from "../../workbench/host/sample";
import {
  clickCell,
  columnText,
  executedMembers,
  openPage,
  openWorkbench,
  protocolErrors,
  startHarness,
  waitForShareDone,
  type Harness,
} from "./harness";

const sample = describeSample(DEMO_USERS);

jest.setTimeout(120_000);

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 120_000);
afterAll(async () => {
  await h?.close();
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
