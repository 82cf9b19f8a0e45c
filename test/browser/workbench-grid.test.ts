// The workbench's sheet behaves like one: cells can be typed into, edited, pasted into from the
// clipboard (tabs and line breaks) and cleared with Delete or Backspace; the sample can have 20 to
// 5,000 rows; and the ledger shows the last run's figures beside the totals.
import type { Frame, Page } from "playwright-core";
import { DEMO_USERS } from "../../workbench/graph-emulator";
import { describeSample, SAMPLE_SHEET } from "../../workbench/host/sample";
import { clickCell, openWorkbench, startHarness, waitForShareDone, type Harness } from "./harness";

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

/** A cell of the Team sheet as the model holds it: its value, and its formula if any. */
async function cellOf(page: Page, address: string): Promise<{ value: unknown; formula?: string }> {
  return page.evaluate(
    ({ sheet, address }) => {
      const cell = window.__workbench?.model.cell(sheet, address);
      return cell?.formula === undefined
        ? { value: cell?.value }
        : { value: cell.value, formula: cell.formula };
    },
    { sheet: SAMPLE_SHEET, address },
  );
}

async function nameBox(page: Page): Promise<string> {
  return (await page.locator("#name-box").textContent()) ?? "";
}

/** Puts `text` on the system clipboard and presses Ctrl+V on the grid, as a person pastes. */
async function paste(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.locator("#grid").focus();
  await page.keyboard.press("Control+V");
}

async function recipientCount(pane: Frame, n: number): Promise<void> {
  await pane.waitForFunction((count) => document.querySelectorAll("#recipient-list li").length === count, n);
}

/** Waits until the ledger's cell `id` reads `text`, and returns it. */
async function ledgerReads(page: Page, id: string, text: string): Promise<string> {
  await page.waitForFunction(([i, t]) => document.getElementById(i)?.textContent === t, [id, text] as const);
  return (await page.locator(`#${id}`).textContent()) ?? "";
}

describe("the workbench sheet", () => {
  it("typing replaces a cell, Enter moves down, Tab right, F2 edits what is there, Escape keeps it", async () => {
    const { page, errors } = await openWorkbench(h);
    await clickCell(page, 1, 5); // F2
    await page.keyboard.type("hello");
    await page.keyboard.press("Enter");
    expect(await cellOf(page, "F2")).toEqual({ value: "hello" });
    expect(await nameBox(page)).toBe("F3");
    await page.keyboard.type("=2*21");
    await page.keyboard.press("Tab");
    expect(await cellOf(page, "F3")).toEqual({ value: 42, formula: "=2*21" });
    expect(await nameBox(page)).toBe("G3");
    await expect(page.locator('.cell[data-row="2"][data-column="5"]').textContent()).resolves.toBe("42");

    // F2 opens the editor on what the cell holds; Escape leaves the cell as it was.
    await clickCell(page, 1, 5);
    await page.keyboard.press("F2");
    await expect(page.locator(".cell-editor").inputValue()).resolves.toBe("hello");
    await page.keyboard.type(" world");
    await page.keyboard.press("Escape");
    expect(await cellOf(page, "F2")).toEqual({ value: "hello" });
    await expect(page.locator(".cell-editor").count()).resolves.toBe(0);
    // A double-click edits too; Enter saves.
    await page.locator('.cell[data-row="1"][data-column="5"]').dblclick();
    await page.keyboard.type(" world");
    await page.keyboard.press("Enter");
    expect(await cellOf(page, "F2")).toEqual({ value: "hello world" });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("Delete and Backspace clear the selected cells, and only those", async () => {
    const { page } = await openWorkbench(h);
    const sample = describeSample(DEMO_USERS);
    const [first, second, third] = sample.rows;
    await clickCell(page, 1, 0);
    await clickCell(page, 2, 0, ["Shift"]);
    await page.keyboard.press("Delete");
    expect(await cellOf(page, "A2")).toEqual({ value: null });
    expect(await cellOf(page, "A3")).toEqual({ value: null });
    expect(await cellOf(page, "B2")).toEqual({ value: first?.email });
    expect(await cellOf(page, "A4")).toEqual({ value: third?.name });
    await clickCell(page, 2, 1);
    await page.keyboard.press("Backspace");
    expect(await cellOf(page, "B3")).toEqual({ value: null });
    expect(second?.email).toBeTruthy();
    await page.close();
  });

  it("pasted addresses become a selection the pane shares; the ledger shows that run beside the totals", async () => {
    const { page, pane, errors } = await openWorkbench(h);
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    // A first run: the preselected sample.
    await pane.locator("#share").click();
    await waitForShareDone(pane);
    const total = String(h.workbench.emulator.ledger.invites.length);
    expect(Number(total)).toBeGreaterThan(2);
    await ledgerReads(page, "ledger-invites", total);
    await ledgerReads(page, "ledger-invites-run", total);

    // Paste two new people with their roles (as copied from another sheet: a quoted cell, CRLF).
    await clickCell(page, 1, 5); // F2, right of the sample's columns
    await paste(
      page,
      'Email\tRole\r\nnew.one@fabrikam.com\t"Can edit"\r\nnew.two@fabrikam.com\tCan view\r\n',
    );
    expect(await nameBox(page)).toBe("F2:G4");
    expect(await cellOf(page, "F3")).toEqual({ value: "new.one@fabrikam.com" });
    expect(await cellOf(page, "G3")).toEqual({ value: "Can edit" });
    expect(await cellOf(page, "G4")).toEqual({ value: "Can view" });
    await recipientCount(pane, 2);
    await pane.locator("#share").click();
    await waitForShareDone(pane);
    expect(await cellOf(page, "H3")).toEqual({ value: "Granted: can edit" });

    // The last run: 2 invites; the totals: both runs.
    await ledgerReads(page, "ledger-invites-run", "2");
    await ledgerReads(page, "ledger-invites", String(Number(total) + 2));
    await expect(page.locator("#ledger-note").textContent()).resolves.toMatch(
      /^In brackets: the last run, started \d\d:\d\d:\d\d, \d+\.\d s of Graph traffic\.$/,
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a sample of 20 to 5,000 rows can be chosen; other sizes are refused with a note", async () => {
    const { page, pane } = await openWorkbench(h, "?sample=300");
    const used = () =>
      page.evaluate(
        (sheet) => window.__workbench?.model.usedBox(window.__workbench.model.sheet(sheet), true),
        SAMPLE_SHEET,
      );
    expect((await used())?.rowCount).toBe(301);
    await expect(page.locator("#sample-size").inputValue()).resolves.toBe("300");
    await pane.waitForFunction(() => /\d/.test(document.getElementById("count-valid")?.textContent ?? ""));

    await page.locator("#sample-size").fill("10");
    await page.locator("#sample-form button[type=submit]").click();
    await expect(page.locator("#sample-note").textContent()).resolves.toBe("Choose 20 to 5,000 rows.");
    expect((await used())?.rowCount).toBe(301);

    await page.locator("#sample-size").fill("5000");
    await page.locator("#sample-form button[type=submit]").click();
    await expect(page.locator("#sample-note").textContent()).resolves.toBe("Loaded a sample of 5,000 rows.");
    expect((await used())?.rowCount).toBe(5001);
    expect(new URL(page.url()).searchParams.get("sample")).toBe("5000");
    await page.close();
  });
});
