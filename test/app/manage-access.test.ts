// Manage access end to end: simulated Excel + the real Office adapter + the real Graph client over HTTP
// against the emulator; one in-memory Graph for what the emulator does not model (inherited access).
import { listAccess, planRevoke, revokeAccess, type AccessDeps } from "../../src/app/manage-access";
import type { GraphPort } from "../../src/core/ports";
import { systemClock } from "../../src/app/system-clock";
import { accessRows } from "../../src/core/access-rows";
import { ShareError } from "../../src/core/errors";
import { ACCESS_TABLE, ACCESS_TABLE_COLUMNS } from "../../src/core/results";
import type { PermissionInfo } from "../../src/core/types";
import { GraphApi } from "../../src/graph/graph-api";
import { GraphHttp } from "../../src/graph/http";
import { createExcelWorkbookPort } from "../../src/office/excel-workbook";
import {
  DEMO_DRIVE_ID,
  DEMO_ITEM_ID,
  DEMO_LINK_PEOPLE,
  DEMO_LINK_PERMISSION_ID,
  DEMO_USERS,
  DEMO_WORKBOOK_URL,
  type Emulator,
} from "../../workbench/graph-emulator";
import { useEmulator } from "../helpers/use-emulator";
import { installExcelSimulator } from "../excel-sim/install";
import type { WorkbookModel } from "../../workbench/excel-model/model";
import { logRows, newWorkbook, share, TIME_SCALE } from "../helpers/flow-harness";

const emulator = useEmulator();
let emu: Emulator;
beforeEach(() => {
  emu = emulator();
});

const people = DEMO_USERS.slice(1, 5).map((u) => u.email);
const column = (name: (typeof ACCESS_TABLE_COLUMNS)[number]) => ACCESS_TABLE_COLUMNS.indexOf(name);

function deps(graph?: GraphPort): AccessDeps {
  const http = new GraphHttp({ baseUrl: emu.baseUrl, getToken: async () => "dev-token", timeoutMs: 5000 });
  return {
    workbook: createExcelWorkbookPort(),
    graph: graph ?? new GraphApi(http, { clock: systemClock, timeScale: TIME_SCALE }),
    clock: systemClock,
    newRunId: () => "revoke-1",
  };
}

async function sharedWorkbook(): Promise<WorkbookModel> {
  const model = newWorkbook(DEMO_WORKBOOK_URL);
  model.setValues("Roster", "A1", [["Email"], ...people.map((p) => [p])]);
  model.select("Roster", "A1:A5");
  const summary = await share(emu, model, {
    options: { role: "read", requireSignIn: true, sendInvitation: true },
  });
  expect(summary.granted).toBe(4);
  return model;
}

async function withHost<T>(model: WorkbookModel, run: () => Promise<T>): Promise<T> {
  const uninstall = installExcelSimulator(model);
  try {
    return await run();
  } finally {
    uninstall();
  }
}

// The seed's workbook starts with the owner, three site groups and a specific-people link with two
// people: 7 rows, of which the two people on the link can be removed; sharedWorkbook adds 4 direct grants.
const SEED_ROWS = 7;
const SEED_REMOVABLE = 2;

test("lists every permission into the Current access table, owner first, and a second listing replaces the rows", async () => {
  const model = await sharedWorkbook();
  const listing = await withHost(model, () => listAccess(deps()));
  expect(listing.sheet).toBe("Current access");
  expect(listing.lines).toHaveLength(SEED_ROWS + 4);
  expect(listing.removable).toBe(SEED_REMOVABLE + 4);
  const rows = model.tableRows(ACCESS_TABLE);
  expect(rows).toHaveLength(SEED_ROWS + 4);
  expect(rows[0]?.[column("Access")]).toBe("Owner");
  expect(rows[0]?.[column("Can be removed")]).toMatch(/^No: the owner/);
  expect(rows.filter((r) => r[column("Kind")] === "Direct").map((r) => r[column("Access")])).toEqual([
    "Can view",
    "Can view",
    "Can view",
    "Can view",
  ]);

  // Someone's access goes elsewhere: the next listing is a snapshot, not an append.
  const gone = emu.permissionsOf(DEMO_DRIVE_ID, DEMO_ITEM_ID).find((p) => p.invitation !== undefined);
  const http = new GraphHttp({ baseUrl: emu.baseUrl, getToken: async () => "dev-token" });
  const graph = new GraphApi(http, { clock: systemClock, timeScale: TIME_SCALE });
  await graph.deletePermission({ driveId: DEMO_DRIVE_ID, itemId: DEMO_ITEM_ID }, gone!.id);
  await withHost(model, () => listAccess(deps()));
  expect(model.tableRows(ACCESS_TABLE)).toHaveLength(SEED_ROWS + 3);
  expect(model.tableInfo(ACCESS_TABLE)?.address).toBe(`'Current access'!A1:H${SEED_ROWS + 4}`);
});

test("revokes only the selected, visible rows; the owner and site groups are never removed; each removal is logged", async () => {
  const model = await sharedWorkbook();
  await withHost(model, () => listAccess(deps()));
  const ids = model.tableRows(ACCESS_TABLE).map((r) => String(r[column("Permission ID")]));
  // Sheet rows 2-5 are the owner and the three site groups, 6-9 the four people; row 8 is filtered out.
  model.hideRows("Current access", [8]);
  model.select("Current access", "B2:C9");
  const plan = await withHost(model, () => planRevoke(deps()));
  expect(plan.kept.map((k) => k.id)).toEqual(ids.slice(0, 4));
  expect(plan.remove.map((p) => p.rowId)).toEqual([ids[4], ids[5], ids[7]]);

  const result = await withHost(model, () => revokeAccess(deps(), plan));
  expect(result.removed.map((l) => l.id)).toEqual([ids[4], ids[5], ids[7]]);
  expect(result.failed).toEqual([]);
  const left = emu.permissionsOf(DEMO_DRIVE_ID, DEMO_ITEM_ID).map((p) => p.id);
  expect(left).toHaveLength(9 - 3);
  expect(left).toEqual(expect.arrayContaining(ids.slice(0, 4)));
  expect(left).toContain(ids[6]);
  const revoked = logRows(model).filter((r) => r["Status"] === "revoked");
  expect(revoked.map((r) => r["Permission ID"])).toEqual([ids[4], ids[5], ids[7]]);
  expect(revoked.every((r) => r["Run ID"] === "revoke-1")).toBe(true);
  expect(model.tableRows(ACCESS_TABLE)).toHaveLength(SEED_ROWS + 1);
  expect(emu.ledger.deletions.map((d) => d.permissionId)).toEqual([ids[4], ids[5], ids[7]]);
});

test("a selection elsewhere picks nothing; a workbook not in the cloud is refused with the pane's sentence", async () => {
  const model = await sharedWorkbook();
  await withHost(model, () => listAccess(deps()));
  model.select("Roster", "A1:A5");
  const plan = await withHost(model, () => planRevoke(deps()));
  expect(plan.remove).toEqual([]);

  const local = newWorkbook("C:\\Users\\adele\\Roster.xlsx");
  await expect(withHost(local, () => listAccess(deps()))).rejects.toEqual(new ShareError("notInCloud"));
});

test("inherited permissions and the owner are kept even if a plan lists them, with the reason", async () => {
  const item = { driveId: "d", itemId: "i" };
  const permissions: PermissionInfo[] = [
    { id: "own", roles: ["owner"], kind: "person", grantedTo: "Adele" },
    {
      id: "inh",
      roles: ["write"],
      kind: "person",
      grantedTo: "Team site members",
      inheritedFrom: "/sites/team/Shared Documents",
    },
    { id: "p1", roles: ["read"], kind: "person", grantedTo: "Bob", grantedToEmail: "bob@contoso.com" },
  ];
  const deleted: string[] = [];
  const graph: GraphPort = {
    resolveWorkbook: async () => item,
    createSession: async () => "s",
    refreshSession: async () => undefined,
    closeSession: async () => undefined,
    listPermissions: async () => permissions.filter((p) => !deleted.includes(p.id)),
    deletePermission: async (_item, id) => {
      deleted.push(id);
    },
    revokeGrant: async () => undefined,
    inviteBatch: async () => ({ kind: "items", items: new Map() }),
    roundTrips: () => 0,
  };
  const model = newWorkbook(DEMO_WORKBOOK_URL);
  await withHost(model, () => listAccess(deps(graph)));
  const rows = model.tableRows(ACCESS_TABLE);
  expect(rows.map((r) => r[column("Can be removed")])).toEqual([
    "No: the owner's access can't be removed.",
    "Yes",
    "No: inherited from a folder or site; change it there.",
  ]);
  model.select("Current access", "A2:A4");
  const plan = await withHost(model, () => planRevoke(deps(graph)));
  expect(plan.remove.map((p) => p.rowId)).toEqual(["p1"]);
  expect(plan.kept.map((k) => k.id)).toEqual(["own", "inh"]);
  // A tampered plan still never removes them.
  await withHost(model, () => revokeAccess(deps(graph), { ...plan, remove: accessRows(permissions) }));
  expect(deleted).toEqual(["p1"]);
});

test("names from Graph land in the table as text, never as formulas", async () => {
  const item = { driveId: "d", itemId: "i" };
  const graph: GraphPort = {
    resolveWorkbook: async () => item,
    createSession: async () => "s",
    refreshSession: async () => undefined,
    closeSession: async () => undefined,
    listPermissions: async () => [{ id: "p1", roles: ["read"], grantedTo: '=HYPERLINK("http://evil","x")' }],
    deletePermission: async () => undefined,
    revokeGrant: async () => undefined,
    inviteBatch: async () => ({ kind: "items", items: new Map() }),
    roundTrips: () => 0,
  };
  const model = newWorkbook(DEMO_WORKBOOK_URL);
  await withHost(model, () => listAccess(deps(graph)));
  const cell = model.cell("Current access", "A2");
  expect(cell.formula).toBeUndefined();
  expect(cell.value).toBe('=HYPERLINK("http://evil","x")');
});

describe("on a business drive with site groups and a specific-people link", () => {
  const linkRow = (model: WorkbookModel, email: string) =>
    model.tableRows(ACCESS_TABLE).findIndex((r) => r[column("E-mail")] === email);

  test("each person on the link is a row of their own; removing one uses revokeGrants and the others keep access", async () => {
    const model = newWorkbook(DEMO_WORKBOOK_URL);
    const listing = await withHost(model, () => listAccess(deps()));
    const [nadia, oskar] = DEMO_LINK_PEOPLE;
    const nadiaLine = listing.lines.find((l) => l.email === nadia);
    expect(nadiaLine).toMatchObject({ kind: "On a sharing link", access: "Can view" });
    expect(nadiaLine?.kept).toBeUndefined();
    expect(listing.lines.find((l) => l.id === DEMO_LINK_PERMISSION_ID)?.kept).toMatch(/sharing link/);

    // Select Nadia's row only (sheet row = table index + 2).
    model.select("Current access", `A${linkRow(model, nadia!) + 2}`);
    const plan = await withHost(model, () => planRevoke(deps()));
    expect(plan.remove.map((r) => r.email)).toEqual([nadia]);
    const result = await withHost(model, () => revokeAccess(deps(), plan));
    expect(result.failed).toEqual([]);

    expect(emu.ledger.deletions).toEqual([]);
    expect(emu.ledger.revocations).toEqual([
      expect.objectContaining({ permissionId: DEMO_LINK_PERMISSION_ID, removed: [nadia!.toLowerCase()] }),
    ]);
    const link = emu.permissionsOf(DEMO_DRIVE_ID, DEMO_ITEM_ID).find((p) => p.id === DEMO_LINK_PERMISSION_ID);
    const onLink = (link?.grantedToIdentitiesV2 ?? []).map((i) => i.user?.email);
    expect(onLink).toEqual([oskar]);
    // The new listing shows the link still there with Oskar on it, and Nadia gone.
    expect(linkRow(model, nadia!)).toBe(-1);
    expect(linkRow(model, oskar!)).toBeGreaterThan(0);
    const revoked = logRows(model).filter((r) => r["Status"] === "revoked");
    expect(revoked).toEqual([
      expect.objectContaining({ "Permission ID": DEMO_LINK_PERMISSION_ID, "Invitation e-mail": nadia }),
    ]);
  });

  test("never sends DELETE for the owner, a site group, a group or the link, even when every row is selected or a plan is tampered with", async () => {
    const model = newWorkbook(DEMO_WORKBOOK_URL);
    const listing = await withHost(model, () => listAccess(deps()));
    const rows = model.tableRows(ACCESS_TABLE);
    model.select("Current access", `A2:H${rows.length + 1}`);
    const plan = await withHost(model, () => planRevoke(deps()));
    // Kept, each with its reason: the owner, the three site groups and the link itself.
    expect(plan.kept.map((k) => k.kind)).toEqual([
      "Owner",
      "Site group",
      "Group",
      "Site group",
      "Sharing link",
    ]);
    expect(plan.kept.every((k) => /^No: /.test(k.kept ?? ""))).toBe(true);
    expect(listing.lines.filter((l) => l.kept).map((l) => l.id)).toEqual(plan.kept.map((k) => k.id));

    // A tampered plan asks to delete every permission outright.
    const all = await new GraphApi(
      new GraphHttp({ baseUrl: emu.baseUrl, getToken: async () => "dev-token" }),
      { clock: systemClock, timeScale: TIME_SCALE },
    ).listPermissions(plan.item);
    const tampered = accessRows(all).map((r) => ({ ...r, removal: { action: "delete" as const } }));
    await withHost(model, () => revokeAccess(deps(), { ...plan, remove: tampered }));
    expect(emu.ledger.deletions).toEqual([]);
    expect(emu.ledger.requests.filter((r) => r.method === "DELETE")).toEqual([]);
    // Only the two people on the link were taken off it, one revokeGrants each.
    expect(emu.ledger.revocations.flatMap((r) => r.removed).sort()).toEqual(
      DEMO_LINK_PEOPLE.map((e) => e.toLowerCase()).sort(),
    );
    const left = emu.permissionsOf(DEMO_DRIVE_ID, DEMO_ITEM_ID);
    expect(left.filter((p) => p.grantedToV2?.siteGroup || p.grantedToV2?.group)).toHaveLength(3);
    expect(left.some((p) => p.roles.includes("owner") && p.grantedToV2?.user)).toBe(true);
    expect(left.some((p) => p.id === DEMO_LINK_PERMISSION_ID)).toBe(true);
  });

  test("expiry 0001-01-01 reads 'no expiry' in the Current access table", async () => {
    const model = newWorkbook(DEMO_WORKBOOK_URL);
    await withHost(model, () => listAccess(deps()));
    const groups = model.tableRows(ACCESS_TABLE).filter((r) => /group/i.test(String(r[column("Kind")])));
    expect(groups.map((r) => r[column("Expires")])).toEqual(["no expiry", "no expiry", "no expiry"]);
  });
});
