// Verify after and Remove expired access in the workbench, in Chromium. Verify after: Graph answers
// every invite but keeps none of the grants; the rows, the pane's result and the Permissions sheet say
// so. Remove expired access: grants whose recorded expiry has passed are offered when the pane opens,
// removed after a confirmation, and logged; a grant without an expiry keeps its access.
import {
  DEMO_DRIVE_ID,
  DEMO_ITEM_ID,
  DEMO_USERS,
  type GraphPermission,
} from "../../workbench/graph-emulator";
import { describeSample, SAMPLE_SHEET } from "../../workbench/host/sample";
import {
  columnText,
  openWorkbench,
  permissionLog,
  startHarness,
  waitForShareDone,
  type Harness,
} from "./harness";

jest.setTimeout(180_000);

const NOT_VISIBLE_STATUS = "Granted by Graph but not visible in the access list \u2014 check with your admin";

const sample = describeSample(DEMO_USERS);
const shared = sample.rows.filter((r) => r.kind === "member" || r.kind === "guest");

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 300_000);
afterAll(async () => {
  await h?.close();
});

/** Direct grants to people on the demo workbook (not the seeded owner, groups or link). */
function directGrants(): GraphPermission[] {
  return h.workbench.emulator
    .permissionsOf(DEMO_DRIVE_ID, DEMO_ITEM_ID)
    .filter(
      (p) => !p.roles.includes("owner") && !p.link && !p.grantedToV2?.siteGroup && !p.grantedToV2?.group,
    );
}

/** Who a grant is for, as the Permissions sheet names them (the e-mail address, lower case). */
function grantee(p: GraphPermission): string {
  const user = p.grantedToV2?.user as { email?: string } | undefined;
  return (user?.email ?? p.invitation?.email ?? "").toLowerCase();
}

/** The e-mail address a Recipient cell starts with ("ana@contoso.com (Ana)"). */
function mailOf(recipient: string): string {
  return (recipient.split(/\s+/)[0] ?? "").toLowerCase();
}

test("Grants Graph answered for but does not list are reported as not visible, not as granted", async () => {
  h.workbench.emulator.reset();
  h.workbench.emulator.setFaults({
    seed: 1,
    rules: [{ fault: "grantedNotListed", rate: 1, target: "invite" }],
  });
  try {
    const { page, pane, errors, external } = await openWorkbench(h);
    await pane.locator("#share").click();
    const status = await waitForShareDone(pane);
    expect(directGrants()).toEqual([]);
    // The result line does not count them as granted; the check below it says why.
    expect(status).toContain("Done: 0 granted");
    await expect(pane.locator("#undo-check").textContent()).resolves.toContain(
      `${shared.length} recipients were granted by Graph but are not visible in the access list`,
    );

    for (const row of shared) {
      const [text] = await columnText(page, SAMPLE_SHEET, sample.statusColumn, row.row, row.row);
      expect(text).toBe(NOT_VISIBLE_STATUS);
    }
    const log = await permissionLog(page);
    const notVisible = log.filter((r) => r["Status"] === "not visible after granting");
    expect(notVisible).toHaveLength(shared.length);
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
    await page.close();
  } finally {
    h.workbench.emulator.setFaults({ rules: [] });
  }
});

test("Remove expired access removes only grants past their recorded expiry, after a confirmation", async () => {
  h.workbench.emulator.reset();
  h.workbench.emulator.setFaults({ rules: [] });
  const { page, pane, errors, external } = await openWorkbench(h);

  // A person gives two rows an expiry of tomorrow in an Expires column and selects it with the rest.
  const expiring = shared.slice(0, 2);
  const expiredCount = expiring.length;
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  await page.evaluate(
    ({ sheet, rows, date, selection }) => {
      const model = window.__workbench?.model;
      if (!model) throw new Error("no workbench model on the page");
      model.setValues(sheet, "D1", [["Expires"]]);
      for (const row of rows) model.setValues(sheet, `D${row}`, [[date]]);
      model.select(sheet, selection);
    },
    {
      sheet: SAMPLE_SHEET,
      rows: expiring.map((r) => r.row),
      date: tomorrow,
      selection: sample.selection.replace(/C(\d+)$/, "D$1"),
    },
  );
  // The pane reads the new selection (the log rows below show the run used it).
  await pane.locator("#refresh").click();
  await pane.locator("#share:enabled").waitFor();
  await pane.locator("#share").click();
  await waitForShareDone(pane);
  expect(directGrants()).toHaveLength(shared.length);
  const expiredWho = (await permissionLog(page))
    .filter((r) => r["Status"] === "granted" && r["Expires"] !== "")
    .map((r) => r["Recipient"] ?? "");
  expect(expiredWho.map(mailOf).sort()).toEqual(expiring.map((r) => String(r.email).toLowerCase()).sort());

  // Today nothing has expired, so nothing is offered.
  await expect(pane.locator("#expired-offer").isHidden()).resolves.toBe(true);

  // Three days later the pane opens again (its clock moved on; Graph's is untouched).
  await page.clock.install({ time: Date.now() + 3 * 86_400_000 });
  // On opening, the pane reads the sheet and offers the sweep.
  await pane.evaluate(() => location.reload());
  await pane.waitForSelector("#share:enabled");
  await pane.locator("#expired-offer:not([hidden])").waitFor();
  await expect(pane.locator("#expired-offer").textContent()).resolves.toBe(
    `${expiredCount} grants in the Permissions sheet are past their expiry date. Remove expired access?`,
  );

  await pane.locator("#remove-expired:enabled").click();
  await pane.locator("#undo-confirm-box:not([hidden])").waitFor();
  await expect(pane.locator("#undo-people li").count()).resolves.toBe(expiredCount);
  // Nothing is removed before the confirmation.
  expect(directGrants()).toHaveLength(shared.length);
  await pane.locator("#undo-confirm").click();
  await pane.waitForFunction(
    () => /^Removed/.test(document.getElementById("undo-status")?.textContent ?? ""),
    undefined,
    { timeout: 60_000, polling: 100 },
  );

  // Exactly the expired grants are gone; the grants without an expiry keep their access.
  const expiredMails = expiredWho.map(mailOf).sort();
  const kept = shared.map((r) => String(r.email).toLowerCase()).filter((m) => !expiredMails.includes(m));
  expect(directGrants().map(grantee).sort()).toEqual(kept.sort());
  const revoked = (await permissionLog(page)).filter((r) => r["Status"] === "revoked (expired)");
  // A removal row names the person by the address the grant was for.
  expect(revoked.map((r) => mailOf(r["Invitation e-mail"] ?? "")).sort()).toEqual(expiredMails);
  expect(errors).toEqual([]);
  expect(external).toEqual([]);
  await page.close();
});
