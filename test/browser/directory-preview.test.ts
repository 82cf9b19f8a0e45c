// The recipient check in the workbench, in Chromium: the preview shows who each recipient is (a person in
// the organisation, an existing guest, a new external person, not found, a group) and the warning about
// people outside the organisation; with the consent declined it says the check is unavailable and Share
// works as before. Writes the README's screenshot of the kinds (docs/ with UPDATE_SCREENSHOTS=1).
import { mkdirSync } from "node:fs";
import path from "node:path";
import { DEMO_USERS } from "../../workbench/graph-emulator";
import { DIRECTORY_GROUPS, DIRECTORY_GUESTS } from "../../workbench/graph-emulator/directory";
import { SAMPLE_SHEET } from "../../workbench/host/sample";
import { openWorkbench, startHarness, waitForShareDone, type Harness } from "./harness";

jest.setTimeout(180_000);

const ROOT = path.resolve(__dirname, "..", "..");
const SHOT_DIR =
  process.env.UPDATE_SCREENSHOTS === "1"
    ? path.join(ROOT, "docs", "screenshots")
    : path.join(ROOT, "test-results", "screenshots");

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

/** One of each kind, below the sample: [name, address, the kind the pane should show]. */
const ROWS: Array<[string, string, string]> = [
  [DEMO_USERS[1]!.displayName, DEMO_USERS[1]!.email, "member"],
  [DEMO_USERS[2]!.displayName, DEMO_USERS[2]!.email, "member"],
  [DIRECTORY_GUESTS[0]!.displayName, DIRECTORY_GUESTS[0]!.mail, "guest"],
  ["New partner", "lena.fischer@northwind.example", "newExternal"],
  ["Left last year", "former.colleague@contoso.com", "notFound"],
  [DIRECTORY_GROUPS[0]!.displayName, DIRECTORY_GROUPS[0]!.mail, "group"],
];
const FIRST_ROW = 40;
const LAST_ROW = FIRST_ROW + ROWS.length;

/**
 * Writes the rows into the workbook, selects their Email column with its header, and waits until the
 * preview lists them.
 */
async function selectRows(
  page: import("playwright-core").Page,
  pane: import("playwright-core").Frame,
): Promise<void> {
  await page.evaluate(
    ({ sheet, first, last, values }) => {
      const model = window.__workbench?.model;
      if (!model) throw new Error("no workbench model");
      model.setValues(sheet, `A${first}`, [["Name", "Email"], ...values]);
      model.select(sheet, `B${first}:B${last}`);
    },
    { sheet: SAMPLE_SHEET, first: FIRST_ROW, last: LAST_ROW, values: ROWS.map(([n, a]) => [n, a]) },
  );
  await pane.waitForFunction(
    (n) => document.querySelectorAll("#recipient-list li").length === n,
    ROWS.length,
  );
}

const usersLookedUp = (h: Harness) =>
  h.workbench.emulator.ledger.requests.filter((r) => r.inBatch && r.path === "/users").length;

async function kinds(pane: import("playwright-core").Frame): Promise<string[]> {
  return pane
    .locator("#recipient-list .kind")
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-kind") ?? ""));
}

describe("the recipient check in the workbench", () => {
  it("shows who each recipient is, counts those outside the organisation, and saves the screenshot", async () => {
    // An admin consented to the directory scope and a group scope: the check runs without asking.
    const { page, pane, errors } = await openWorkbench(h, "?directory=admin");
    // The sample's recipients are checked first (the pane opens on them).
    await pane.waitForFunction(() =>
      /^In the directory:/.test(document.getElementById("directory-line")?.textContent ?? ""),
    );
    const before = usersLookedUp(h);
    await selectRows(page, pane);
    await pane.waitForFunction(
      (n) => document.querySelectorAll('#recipient-list .kind:not([data-kind="checking"])').length === n,
      ROWS.length,
      { timeout: 30_000 },
    );
    expect(await kinds(pane)).toEqual(ROWS.map(([, , kind]) => kind));
    await expect(pane.locator("#directory-line").textContent()).resolves.toBe(
      "In the directory: 2 in your organisation, 1 existing guest, 1 new external person, 1 not found, 1 group.",
    );
    await expect(pane.locator("#directory-external").textContent()).resolves.toMatch(
      /^2 recipients are outside your organisation\. Your organisation may refuse sharing/,
    );
    // The two members and the guest are in the sample: the pane remembers them and looks up only the
    // three new addresses.
    expect(usersLookedUp(h) - before).toBe(3);
    expect(errors).toEqual([]);

    // Task-pane size; the list shows all six rows (it scrolls past 220 px in the pane itself).
    await pane.evaluate(() =>
      document.getElementById("recipient-list")?.style.setProperty("max-height", "none"),
    );
    await page.setViewportSize({ width: 1400, height: 760 });
    await pane.locator("#preview-title").scrollIntoViewIfNeeded();
    await page.locator("#taskpane").screenshot({ path: path.join(SHOT_DIR, "pane-recipient-kinds.png") });
    await page.close();
  });

  it("with the consent declined, says the check is unavailable, and Share works as before", async () => {
    const { page, pane } = await openWorkbench(h, "?directory=decline");
    await selectRows(page, pane);
    // Never asked before: the check is offered, not forced on the person.
    await pane.locator("#directory-ask:not([hidden])").waitFor();
    await pane.locator("#directory-ask").click();
    await pane.waitForFunction(() =>
      /permission to read the directory was not given/.test(
        document.getElementById("directory-line")?.textContent ?? "",
      ),
    );
    expect(await kinds(pane)).toEqual([]);
    const events = await page.evaluate(() => window.__workbench?.signInEvents() ?? []);
    expect(events.some((e) => e.kind === "popup" && e.scopes.includes("User.ReadBasic.All"))).toBe(true);

    await pane.locator("#share").click();
    const status = await waitForShareDone(pane);
    // The members, the guest and the new external person; the two unknown contoso.com addresses fail.
    expect(status).toMatch(/4 granted, 2 failed/);
    await page.close();
  });

  it("in a tenant that refuses the directory (403), says so after the person allowed it", async () => {
    h.workbench.emulator.setBehaviour({ directoryRefused: true });
    const { page, pane } = await openWorkbench(h);
    await selectRows(page, pane);
    await pane.locator("#directory-ask:not([hidden])").waitFor();
    await pane.locator("#directory-ask").click();
    await pane.waitForFunction(() =>
      /does not let this add-in read the directory/.test(
        document.getElementById("directory-line")?.textContent ?? "",
      ),
    );
    await expect(pane.locator("#directory-ask").isHidden()).resolves.toBe(true);
    await page.close();
  });
});
