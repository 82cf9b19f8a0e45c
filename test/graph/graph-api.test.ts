// The Graph client over real HTTP against the local emulator: no mocked fetch.
import { systemClock } from "../../src/app/system-clock";
import { GraphApi } from "../../src/graph/graph-api";
import { GraphError, GraphHttp } from "../../src/graph/http";
import {
  DEMO_DRIVE_ID,
  DEMO_ITEM_ID,
  DEMO_PERSONAL_WORKBOOK_URL,
  DEMO_USERS,
  DEMO_WORKBOOK_URL,
  type Emulator,
} from "../../workbench/graph-emulator";
import { useEmulator } from "../helpers/use-emulator";

const emulator = useEmulator();
let emu: Emulator;
beforeEach(() => {
  emu = emulator();
});

const item = { driveId: DEMO_DRIVE_ID, itemId: DEMO_ITEM_ID };
const user = (i: number) => DEMO_USERS[i]!.email;

function api(
  options: { token?: () => string; route?: "items" | "workbooks"; timeScale?: number; baseUrl?: string } = {},
) {
  const getToken = async () => (options.token ? options.token() : "dev-token");
  const http = new GraphHttp({ baseUrl: options.baseUrl ?? emu.baseUrl, getToken });
  return new GraphApi(http, {
    clock: systemClock,
    route: options.route ?? "items",
    timeScale: options.timeScale ?? 0.001,
  });
}

const invite = (email: string) => ({
  recipients: [{ email }],
  roles: ["read"],
  requireSignIn: true,
  sendInvitation: true,
});

describe("GraphApi against the emulator", () => {
  it("resolves the open workbook's URL to its drive item", async () => {
    await expect(api().resolveWorkbook(DEMO_WORKBOOK_URL)).resolves.toMatchObject({
      driveId: DEMO_DRIVE_ID,
      itemId: DEMO_ITEM_ID,
      name: "Team roster.xlsx",
    });
  });

  it("reports an unknown workbook as Graph's itemNotFound with a request id", async () => {
    const err = await api()
      .resolveWorkbook("https://contoso-my.sharepoint.com/personal/x/Documents/Nope.xlsx")
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphError);
    expect((err as GraphError).info).toMatchObject({ status: 404, code: "itemNotFound" });
    expect((err as GraphError).info.requestId).toBeTruthy();
  });

  it("opens, refreshes and closes a workbook session", async () => {
    const g = api();
    const id = await g.createSession(item);
    expect(emu.openSessions()).toContain(id);
    await g.refreshSession(item, id);
    await g.closeSession(item, id);
    expect(emu.openSessions()).not.toContain(id);
  });

  it("cannot open a workbook session on a personal drive", async () => {
    const g = api();
    const personal = await g.resolveWorkbook(DEMO_PERSONAL_WORKBOOK_URL);
    await expect(g.createSession(personal)).rejects.toBeInstanceOf(GraphError);
  });

  it("invites one recipient per request in one $batch, with the session header on each", async () => {
    const g = api();
    const session = await g.createSession(item);
    const calls = [1, 2, 3].map((i) => ({ id: String(i), body: invite(user(i)) }));
    const result = await g.inviteBatch(item, calls, session);
    expect(result.kind).toBe("items");
    if (result.kind !== "items") return;
    expect([...result.items.values()].map((r) => r.status)).toEqual([200, 200, 200]);
    expect(emu.ledger.invites.map((i) => i.sessionId)).toEqual([session, session, session]);
    expect(emu.ledger.requests.filter((r) => !r.inBatch && r.path.endsWith("$batch"))).toHaveLength(1);
    const perms = await g.listPermissions(item);
    // The seed also lists the Visitors site group and a view link: only the three people were invited.
    expect(perms.filter((p) => p.kind === "person" && p.roles.includes("read"))).toHaveLength(3);
  });

  it("uses the seed API's /workbooks/{id}/invite route when configured (beta only)", async () => {
    const result = await api({ route: "workbooks", baseUrl: `${emu.origin}/beta` }).inviteBatch(
      item,
      [{ id: "1", body: invite(user(4)) }],
      undefined,
    );
    expect(result.kind === "items" && result.items.get("1")?.status).toBe(200);
    expect(emu.ledger.requests.some((r) => r.path.includes("/workbooks/") && r.inBatch)).toBe(true);
  });

  it("gets one fresh token after a 401 and goes on", async () => {
    emu.setFaults({ tokenLifetimeSeconds: 1, timeScale: 0.01 });
    const asked: string[] = [];
    const http = new GraphHttp({
      baseUrl: emu.baseUrl,
      getToken: async (o) => {
        asked.push(o?.forceRefresh ? "fresh" : "cached");
        return o?.forceRefresh ? "token-fresh" : "token-0";
      },
    });
    const g = new GraphApi(http, { clock: systemClock });
    await g.listPermissions(item);
    await new Promise((r) => setTimeout(r, 40)); // token-0 expires at the emulator after 10 ms
    await expect(g.listPermissions(item)).resolves.toBeInstanceOf(Array);
    expect(asked).toEqual(["cached", "cached", "fresh"]);
    expect(emu.ledger.requests.filter((r) => r.status === 401)).toHaveLength(1);
  });

  it("deletes a permission, and treats an already-deleted one as done", async () => {
    const g = api();
    await g.inviteBatch(item, [{ id: "1", body: invite(user(5)) }], undefined);
    const perm = (await g.listPermissions(item)).find(
      (p) => p.grantedToEmail?.toLowerCase() === user(5).toLowerCase(),
    );
    expect(perm).toBeDefined();
    await g.deletePermission(item, perm!.id);
    await g.deletePermission(item, perm!.id);
    expect((await g.listPermissions(item)).some((p) => p.id === perm!.id)).toBe(false);
  });

  it("retries a throttled read after its Retry-After", async () => {
    emu.setFaults({
      timeScale: 0.02,
      rules: [{ fault: "throttle", rate: 1, target: "permissions", retryAfterSeconds: 1 }],
    });
    const g = api({ timeScale: 0.02 });
    setTimeout(() => emu.setFaults({}), 50);
    await expect(g.listPermissions(item)).resolves.toBeInstanceOf(Array);
    expect(emu.ledger.requests.some((r) => r.status === 429)).toBe(true);
    expect(emu.ledger.earlyRetries).toHaveLength(0);
  });
});
