// Manage access end to end: simulated Excel + the real Office adapter + the real Graph client over HTTP
// against the emulator; one in-memory Graph for what the emulator does not model (inherited access).
import { listAccess, planRevoke, revokeAccess, type AccessDeps } from "../../src/app/manage-access";
import type { GraphPort } from "../../src/app/ports";
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

test("lists every permission into the Current access table, owner first, and a second listing replaces the rows", async () => {
  const model = await sharedWorkbook();
  const listing = await withHost(model, () => listAccess(deps()));
  expect(listing.sheet).toBe("Current access");
  expect(listing.lines).toHaveLength(5);
  expect(listing.removable).toBe(4);
  const rows = model.tableRows(ACCESS_TABLE);
  expect(rows).toHaveLength(5);
  expect(rows[0]?.[column("Access")]).toBe("Owner");
  expect(rows[0]?.[column("Can be removed")]).toMatch(/^No: the owner/);
  expect(rows.slice(1).map((r) => r[column("Access")])).toEqual([
    "Can view",
    "Can view",
    "Can view",
    "Can view",
  ]);

  // Someone's access goes elsewhere: the next listing is a snapshot, not an append.
  const gone = emu.permissionsOf(DEMO_DRIVE_ID, DEMO_ITEM_ID).find((p) => !p.roles.includes("owner"));
  const http = new GraphHttp({ baseUrl: emu.baseUrl, getToken: async () => "dev-token" });
  const graph = new GraphApi(http, { clock: systemClock, timeScale: TIME_SCALE });
  await graph.deletePermission({ driveId: DEMO_DRIVE_ID, itemId: DEMO_ITEM_ID }, gone!.id);
  await withHost(model, () => listAccess(deps()));
  expect(model.tableRows(ACCESS_TABLE)).toHaveLength(4);
  expect(model.tableInfo(ACCESS_TABLE)?.address).toBe("'Current access'!A1:H5");
});

test("revokes only the selected, visible rows; the owner is never removed; each removal is logged", async () => {
  const model = await sharedWorkbook();
  await withHost(model, () => listAccess(deps()));
  const ids = model.tableRows(ACCESS_TABLE).map((r) => String(r[column("Permission ID")]));
  // Rows 2-5 of the sheet are the owner and three people; row 4 is filtered out.
  model.hideRows("Current access", [4]);
  model.select("Current access", "B2:C5");
  const plan = await withHost(model, () => planRevoke(deps()));
  expect(plan.kept.map((k) => k.id)).toEqual([ids[0]]);
  expect(plan.remove.map((p) => p.rowId)).toEqual([ids[1], ids[3]]);

  const result = await withHost(model, () => revokeAccess(deps(), plan));
  expect(result.removed.map((l) => l.id)).toEqual([ids[1], ids[3]]);
  expect(result.failed).toEqual([]);
  const left = emu.permissionsOf(DEMO_DRIVE_ID, DEMO_ITEM_ID).map((p) => p.id);
  expect(left).toHaveLength(3);
  expect(left).toContain(ids[0]);
  expect(left).toContain(ids[2]);
  const revoked = logRows(model).filter((r) => r["Status"] === "revoked");
  expect(revoked.map((r) => r["Permission ID"])).toEqual([ids[1], ids[3]]);
  expect(revoked.every((r) => r["Run ID"] === "revoke-1")).toBe(true);
  expect(model.tableRows(ACCESS_TABLE)).toHaveLength(3);
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
