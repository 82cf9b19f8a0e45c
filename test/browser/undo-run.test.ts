// Undo a run in the workbench, in Chromium: share the sample, select a row of that run in the
// Permissions sheet, choose Undo run, check the people in the confirmation, confirm; the run's grants
// are gone from the Graph emulator and each removal is in the Permissions sheet.
import {
  DEMO_DRIVE_ID,
  DEMO_ITEM_ID,
  DEMO_USERS,
  type GraphPermission,
} from "../../workbench/graph-emulator";
import { describeSample } from "../../workbench/host/sample";
import {
  clickCell,
  openWorkbench,
  permissionLog,
  startHarness,
  waitForShareDone,
  type Harness,
} from "./harness";

jest.setTimeout(180_000);

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

test("Undo run removes exactly the run's grants after a confirmation that lists the people", async () => {
  h.workbench.emulator.reset();
  const { page, pane, errors, external } = await openWorkbench(h);
  await pane.locator("#share").click();
  await waitForShareDone(pane);
  expect(directGrants()).toHaveLength(shared.length);
  const runId = (await permissionLog(page)).find((r) => r["Status"] === "granted")?.["Run ID"] ?? "";
  expect(runId).not.toBe("");

  // Select a row of the run in the Permissions sheet, as a person would.
  await page.locator(".tab", { hasText: "Permissions" }).click();
  await page.locator(".cell[data-row='0'][data-column='1']", { hasText: /^Recipient$/ }).waitFor();
  await clickCell(page, 1, 1);
  await pane.locator("#undo-run:enabled").click();

  await pane.locator("#undo-confirm-box:not([hidden])").waitFor();
  await expect(pane.locator("#undo-question").textContent()).resolves.toContain(runId);
  await expect(pane.locator("#undo-people li").count()).resolves.toBe(shared.length);
  // Nothing is removed before the confirmation.
  expect(directGrants()).toHaveLength(shared.length);
  await pane.locator("#undo-confirm").click();
  await pane.waitForFunction(
    () => /^Removed/.test(document.getElementById("undo-status")?.textContent ?? ""),
    undefined,
    { timeout: 60_000, polling: 100 },
  );

  expect(directGrants()).toEqual([]);
  const revoked = (await permissionLog(page)).filter((r) => r["Status"] === `revoked (undo of run ${runId})`);
  expect(revoked).toHaveLength(shared.length);
  expect(errors).toEqual([]);
  expect(external).toEqual([]);
  await page.close();
});
