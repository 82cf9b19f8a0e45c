// The workbench as Excel on the web for Microsoft's real office.js (@microsoft/office-js, served from
// node_modules): the pane's Office.onReady resolves with host Excel, the Excel requests of the add-in go
// through the RichApi engine, and selection changes reach the pane as Office events.
import { DEMO_WORKBOOK_URL } from "../../workbench/graph-emulator";
import { openPage, startHarness, type Harness } from "./harness";

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
    // STEP2: expect(await protocolErrors(page)).toEqual([]);
    await page.close();
  });
});
