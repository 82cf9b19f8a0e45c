// Manage access in the real pane: "Remove access…" waits for rows of the Current access sheet, and
// after a removal the focus is on its result and the button waits for a new selection.
import { ACCESS_TABLE } from "../../src/core/results";
import { clickCell, openWorkbench, protocolErrors, startHarness, type Harness } from "./harness";

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

describe("Manage access", () => {
  it("Remove access… is disabled until rows are selected; after a removal the focus is on the result", async () => {
    const { page, pane, errors } = await openWorkbench(h);
    const revokeDisabled = () => pane.locator("#revoke").isDisabled();
    expect(await revokeDisabled()).toBe(true);

    await pane.locator("#list-access").click();
    await pane.waitForFunction(() =>
      /permissions listed/.test(document.getElementById("access-status")?.textContent ?? ""),
    );
    expect(await revokeDisabled()).toBe(true);
    const listed = await page.evaluate(
      (table) => window.__workbench?.model.tableRows(table).length ?? 0,
      ACCESS_TABLE,
    );
    expect(listed).toBeGreaterThan(2);

    // Show the sheet, select every listed row in the grid: the pane reads which rows they are.
    await pane.locator("#open-access").click();
    await page.waitForFunction(() => window.__workbench?.model.activeSheet.name === "Current access");
    await clickCell(page, 1, 0);
    await clickCell(page, listed, 0, ["Shift"]);
    await pane.waitForSelector("#revoke:enabled");
    expect(await pane.locator("#access-status").innerText()).toBe(
      `${listed} rows of "Current access" selected. Remove access… shows what would be removed before anything is.`,
    );

    await pane.locator("#revoke").click();
    await pane.waitForSelector("#confirm:not([hidden])");
    expect(await pane.evaluate(() => document.activeElement?.id)).toBe("confirm-cancel");
    const toRemove = await pane.locator("#confirm-remove li").count();
    expect(toRemove).toBeGreaterThan(0);
    await pane.locator("#confirm-ok").click();
    await pane.waitForFunction(() =>
      / removed\b/.test(document.getElementById("access-status")?.textContent ?? ""),
    );

    // The focus is on what happened, the list shows what is left, and the old selection (now over
    // other rows of the rewritten sheet) does not arm the button again.
    expect(await pane.evaluate(() => document.activeElement?.id)).toBe("access-status");
    expect(await pane.locator("#access-status").innerText()).toMatch(
      new RegExp(`^${toRemove} permissions? removed\\. The "Current access" sheet is up to date\\.$`),
    );
    expect(await revokeDisabled()).toBe(true);
    const left = await page.evaluate(
      (table) => window.__workbench?.model.tableRows(table).length ?? 0,
      ACCESS_TABLE,
    );
    expect(left).toBe(listed - toRemove);
    expect(await pane.locator("#access-list li").count()).toBe(left);

    // A new selection on the rewritten sheet arms it again.
    await clickCell(page, 1, 0);
    await pane.waitForSelector("#revoke:enabled");
    expect(await protocolErrors(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
