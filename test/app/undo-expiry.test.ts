// Verify after, Undo a run and Expiry that happens, end to end: the simulated Excel host with the real
// Office adapter, the real share flow and Graph client over HTTP against the emulator.
import { planExpired, expiredInLog } from "../../src/app/expiry-sweep";
import type { AccessDeps } from "../../src/app/manage-access";
import { systemClock } from "../../src/app/system-clock";
import { HAD_ACCESS, listRuns, planUndo, removeGrants, selectedRun } from "../../src/app/undo-run";
import type { Clock } from "../../src/core/ports";
import { NOT_VISIBLE_STATUS } from "../../src/core/results";
import type { ShareOptions } from "../../src/core/types";
import { GraphApi } from "../../src/graph/graph-api";
import { GraphHttp } from "../../src/graph/http";
import { createExcelWorkbookPort } from "../../src/office/excel-workbook";
import {
  DEMO_DRIVE_ID,
  DEMO_ITEM_ID,
  DEMO_LINK_PEOPLE,
  DEMO_LINK_PERMISSION_ID,
  DEMO_PERSONAL_DRIVE_ID,
  DEMO_PERSONAL_ITEM_ID,
  DEMO_PERSONAL_WORKBOOK_URL,
  DEMO_WORKBOOK_URL,
  type Emulator,
  type GraphPermission,
} from "../../workbench/graph-emulator";
import type { WorkbookModel } from "../../workbench/excel-model/model";
import { installExcelSimulator } from "../excel-sim/install";
import { logRows, newRecipients, newWorkbook, share, TIME_SCALE } from "../helpers/flow-harness";
import { useEmulator } from "../helpers/use-emulator";

const emulator = useEmulator();
let emu: Emulator;
beforeEach(() => {
  emu = emulator();
});

const options: ShareOptions = { role: "read", requireSignIn: true, sendInvitation: true };
const DAY = 24 * 60 * 60 * 1000;

/** The add-in's clock, kept on the emulator's so that moving one moves both. */
function emulatorClock(): Clock {
  return { now: () => emu.now(), sleep: (ms, signal) => systemClock.sleep(ms, signal) };
}

function deps(): AccessDeps {
  const http = new GraphHttp({ baseUrl: emu.baseUrl, getToken: async () => "dev-token", timeoutMs: 5000 });
  return {
    workbook: createExcelWorkbookPort(),
    graph: new GraphApi(http, { clock: systemClock, timeScale: TIME_SCALE }),
    clock: emulatorClock(),
    newRunId: () => `undo-${Math.random().toString(36).slice(2)}`,
  };
}

async function withHost<T>(model: WorkbookModel, run: () => Promise<T>): Promise<T> {
  const uninstall = installExcelSimulator(model);
  try {
    return await run();
  } finally {
    uninstall();
  }
}

function roster(url: string, people: string[]): WorkbookModel {
  const model = newWorkbook(url);
  model.setValues("Roster", "A1", [["Email"], ...people.map((p) => [p])]);
  model.select("Roster", `A1:A${people.length + 1}`);
  return model;
}

function select(model: WorkbookModel, people: string[]): void {
  model.setValues("Roster", "A1", [["Email"], ...people.map((p) => [p])]);
  model.select("Roster", `A1:A${people.length + 1}`);
}

/** Addresses with a direct grant or a place on a link, on the demo workbook. */
function withAccess(driveId = DEMO_DRIVE_ID, itemId = DEMO_ITEM_ID): string[] {
  const who = (p: GraphPermission) => [
    p.invitation?.email,
    p.grantedToV2?.user?.email,
    ...(p.grantedToIdentitiesV2 ?? []).map((i) => i.user?.email),
  ];
  const all = emu
    .permissionsOf(driveId, itemId)
    .flatMap(who)
    .filter((e): e is string => e !== undefined)
    .map((e) => e.toLowerCase());
  return [...new Set(all)];
}

describe("Undo a run", () => {
  test("removes exactly what the run granted: recipients it skipped (they had access) keep it", async () => {
    const [a, b, c, d] = newRecipients(4) as [string, string, string, string];
    const model = roster(DEMO_WORKBOOK_URL, [a, b]);
    const first = await share(emu, model, { options });
    expect(first.granted).toBe(2);
    select(model, [a, b, c, d]);
    const second = await share(emu, model, { options });
    expect([second.granted, second.skipped]).toEqual([2, 2]);

    const plan = await withHost(model, () => planUndo(deps(), second.runId));
    // The confirmation lists the people: only the two the second run granted.
    expect(plan.remove.map((r) => r.grant.person).sort()).toEqual([c, d].sort());
    const result = await withHost(model, () => removeGrants(deps(), plan));
    expect(result.removed).toHaveLength(2);
    expect(result.failed).toHaveLength(0);

    const now = withAccess();
    expect(now).toEqual(expect.arrayContaining([a, b]));
    expect(now).not.toContain(c);
    expect(now).not.toContain(d);
    const revoked = logRows(model).filter((r) => (r["Status"] ?? "").startsWith("revoked"));
    expect(revoked.map((r) => r["Status"])).toEqual([
      `revoked (undo of run ${second.runId})`,
      `revoked (undo of run ${second.runId})`,
    ]);
    // The run no longer has anything to undo; the first run still has its two grants.
    const runs = await withHost(model, () => listRuns(deps()));
    expect(runs.map((r) => [r.runId, r.grants])).toEqual([[first.runId, 2]]);
  });

  test("a recipient whose access the run only raised (view to edit) keeps it, with the reason", async () => {
    const [a, b] = newRecipients(2) as [string, string];
    const model = roster(DEMO_WORKBOOK_URL, [a]);
    await share(emu, model, { options });
    select(model, [a, b]);
    const raise = await share(emu, model, { options: { ...options, role: "write" } });
    expect(raise.granted).toBe(2);

    const plan = await withHost(model, () => planUndo(deps(), raise.runId));
    expect(plan.remove.map((r) => r.grant.person)).toEqual([b]);
    expect(plan.kept.map((k) => [k.grant.person, k.reason])).toEqual([[a, HAD_ACCESS]]);
    await withHost(model, () => removeGrants(deps(), plan));
    expect(withAccess()).toContain(a);
    expect(withAccess()).not.toContain(b);
  });

  test("a person on a sharing link is taken off it with revokeGrants; the others on the link keep access", async () => {
    emu.setBehaviour({ inviteCreates: "specificPeopleLink" });
    const [c, d] = newRecipients(2) as [string, string];
    const model = roster(DEMO_WORKBOOK_URL, [c, d]);
    const run = await share(emu, model, { options });
    expect(run.granted).toBe(2);
    expect(withAccess()).toEqual(expect.arrayContaining([c, d]));

    const plan = await withHost(model, () => planUndo(deps(), run.runId));
    expect(plan.remove.map((r) => r.row.kind)).toEqual(["linkPerson", "linkPerson"]);
    await withHost(model, () => removeGrants(deps(), plan));

    expect(emu.ledger.deletions).toHaveLength(0);
    expect(
      emu.ledger.revocations
        .map((r) => r.removed)
        .flat()
        .sort(),
    ).toEqual([c, d].sort());
    const link = emu.permissionsOf(DEMO_DRIVE_ID, DEMO_ITEM_ID).find((p) => p.id === DEMO_LINK_PERMISSION_ID);
    const onLink = (link?.grantedToIdentitiesV2 ?? []).map((i) => i.user?.email?.toLowerCase());
    expect(onLink.sort()).toEqual(DEMO_LINK_PEOPLE.map((e) => e.toLowerCase()).sort());
  });

  test("an undo that fails halfway can be run again: what was removed counts as done, the rest is removed", async () => {
    const people = newRecipients(4);
    const model = roster(DEMO_WORKBOOK_URL, people);
    const run = await share(emu, model, { options });
    expect(run.granted).toBe(4);

    const plan = await withHost(model, () => planUndo(deps(), run.runId));
    const first = await withHost(model, () =>
      removeGrants(deps(), plan, {
        // After the first removal, SharePoint stops answering permission calls.
        onProgress: (done) => {
          if (done === 1)
            emu.setFaults({ rules: [{ fault: "unavailableBefore", rate: 1, target: "permissions" }] });
        },
      }),
    );
    expect(first.removed).toHaveLength(1);
    expect(first.failed).toHaveLength(3);
    expect(withAccess().filter((e) => people.includes(e))).toHaveLength(3);

    emu.setFaults({});
    const again = await withHost(model, () => planUndo(deps(), run.runId));
    // The one removed is logged as revoked, so it is not offered again; the three that failed are.
    expect(again.remove.map((r) => r.grant.person).sort()).toEqual(
      first.failed.map((f) => f.line.email.toLowerCase()).sort(),
    );
    const second = await withHost(model, () => removeGrants(deps(), again));
    expect(second.removed).toHaveLength(3);
    expect(withAccess().filter((e) => people.includes(e))).toHaveLength(0);
    const statuses = logRows(model).map((r) => r["Status"]);
    expect(statuses.filter((s) => s === `revoke failed (undo of run ${run.runId})`)).toHaveLength(3);
    expect(statuses.filter((s) => s === `revoked (undo of run ${run.runId})`)).toHaveLength(4);
  });

  test("the run is the one of the Permissions log row the person selected", async () => {
    const model = roster(DEMO_WORKBOOK_URL, newRecipients(2));
    const run = await share(emu, model, { options });
    model.select("Permissions", "C3");
    expect(await withHost(model, () => selectedRun(deps()))).toBe(run.runId);
  });
});

describe("Expiry that happens", () => {
  test("a business drive grants without the expiry, the log keeps the date, and the sweep removes it once it passes", async () => {
    const people = newRecipients(2);
    const model = roster(DEMO_WORKBOOK_URL, people);
    const date = new Date(emu.now() + 2 * DAY).toISOString();
    const run = await share(emu, model, { options: { ...options, expirationDateTime: date } });
    expect(run.granted).toBe(2);
    const log = logRows(model).filter((r) => r["Status"] === "granted");
    expect(log.map((r) => r["Expires"])).toEqual([date, date]);
    expect(log[0]?.["Note"]).toMatch(/expiry kept by the add-in/);
    expect(emu.permissionsOf(DEMO_DRIVE_ID, DEMO_ITEM_ID).every((p) => p.expirationDateTime !== date)).toBe(
      true,
    );

    expect(await withHost(model, () => expiredInLog(deps()))).toBe(0);
    emu.advanceClock(3 * DAY);
    expect(await withHost(model, () => expiredInLog(deps()))).toBe(2);
    const plan = await withHost(model, () => planExpired(deps()));
    expect(plan.remove.map((r) => r.grant.person).sort()).toEqual([...people].sort());
    await withHost(model, () => removeGrants(deps(), plan));
    expect(withAccess().filter((e) => people.includes(e))).toHaveLength(0);
    expect(logRows(model).filter((r) => r["Status"] === "revoked (expired)")).toHaveLength(2);
    expect(await withHost(model, () => expiredInLog(deps()))).toBe(0);
  });

  test("on a premium personal OneDrive Graph's own expiry is used, and the sweep finds nothing left to do", async () => {
    const people = ["friend@outlook.com", "partner@fabrikam.com"];
    const model = roster(DEMO_PERSONAL_WORKBOOK_URL, people);
    const date = new Date(emu.now() + 2 * DAY).toISOString();
    const run = await share(emu, model, { options: { ...options, expirationDateTime: date } });
    expect(run.granted).toBe(2);
    const granted = emu
      .permissionsOf(DEMO_PERSONAL_DRIVE_ID, DEMO_PERSONAL_ITEM_ID)
      .filter((p) => p.expirationDateTime === date);
    expect(granted).toHaveLength(2);
    expect(logRows(model).find((r) => r["Status"] === "granted")?.["Note"]).not.toMatch(/kept by the add-in/);

    emu.advanceClock(3 * DAY);
    const plan = await withHost(model, () => planExpired(deps()));
    expect(plan.remove).toHaveLength(0);
    expect(plan.gone).toHaveLength(2);
  });
});

describe("Verify after", () => {
  test("a grant Graph answered 200 for that is not in the access list is never counted as granted", async () => {
    const [a, b] = newRecipients(2) as [string, string];
    const model = roster(DEMO_WORKBOOK_URL, [a]);
    expect((await share(emu, model, { options })).granted).toBe(1);
    emu.setFaults({ rules: [{ fault: "grantedNotListed", rate: 1, target: "invite" }] });
    select(model, [a, b]);
    const run = await share(emu, model, { options });
    expect(run.granted).toBe(0);
    expect(run.notVisible).toBe(1);
    expect(run.verification?.notVisible).toHaveLength(1);
    expect(model.cell("Roster", "B2").value).toBe("Skipped: already has access");
    expect(model.cell("Roster", "B3").value).toBe(NOT_VISIBLE_STATUS);
    const rows = logRows(model).filter((r) => r["Recipient"] === b);
    expect(rows.map((r) => r["Status"])).toEqual(["granted", "not visible after granting"]);
    expect(rows[1]?.["Note"]).toContain("check with your admin");
    expect(emu.ledger.invites.map((i) => i.recipient)).toContain(b);
  });
});
