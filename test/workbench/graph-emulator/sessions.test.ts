import {
  DEMO_ITEM_ID,
  DEMO_PERSONAL_DRIVE_ID,
  DEMO_PERSONAL_ITEM_ID,
  DEMO_SECOND_ITEM_ID,
  startEmulator,
  unclosedSessions,
  type Emulator,
} from "../../../workbench/graph-emulator/index";
import { useEmulator } from "../../helpers/use-emulator";
import {
  call,
  createSession,
  errorCode,
  fakeClock,
  innerCode,
  invite,
  ITEM_PATH,
  obj,
} from "../../../workbench/graph-emulator/helpers";

const emulator = useEmulator();
let emu: Emulator;
beforeEach(() => {
  emu = emulator();
});

const S = (id: string): Record<string, string> => ({ "Workbook-Session-Id": id });

describe("workbook sessions", () => {
  it("creates (201), refreshes (204) and closes (204) a session; the ledger follows", async () => {
    const created = await call(emu, "POST", `${ITEM_PATH}/workbook/createSession`, {
      body: { persistChanges: true },
    });
    expect(created.status).toBe(201);
    const id = String(obj(created.body)["id"]);
    expect(obj(created.body)["persistChanges"]).toBe(true);
    expect(emu.openSessions()).toEqual([id]);
    expect(unclosedSessions(emu.ledger)).toEqual([id]);

    expect((await call(emu, "POST", `${ITEM_PATH}/workbook/refreshSession`, { headers: S(id) })).status).toBe(
      204,
    );
    expect((await call(emu, "POST", `${ITEM_PATH}/workbook/closeSession`, { headers: S(id) })).status).toBe(
      204,
    );
    expect(emu.openSessions()).toEqual([]);
    expect(unclosedSessions(emu.ledger)).toEqual([]);
    expect(emu.ledger.sessions[0]?.closedAt).toBeGreaterThan(0);
  });

  it("serves /me/drive/items/{id}/workbook/createSession too", async () => {
    const reply = await call(emu, "POST", `/me/drive/items/${DEMO_ITEM_ID}/workbook/createSession`, {
      body: { persistChanges: false },
    });
    expect(reply.status).toBe(201);
    expect(obj(reply.body)["persistChanges"]).toBe(false);
  });

  it("by default invite ignores Workbook-Session-Id: a closed or unknown session still grants", async () => {
    const id = await createSession(emu);
    await call(emu, "POST", `${ITEM_PATH}/workbook/closeSession`, { headers: S(id) });
    expect((await invite(emu, [{ email: "zoe.ng@contoso.com" }], {}, S(id))).status).toBe(200);
    const bogus = await invite(emu, [{ email: "lee@contoso.com" }], {}, S("cluster=X&session=nope"));
    expect(bogus.status).toBe(200);
    expect(emu.ledger.invites.map((i) => i.recipient)).toEqual(["zoe.ng@contoso.com", "lee@contoso.com"]);
  });

  it("refusesStale: refuses a closed session on invite with invalidSessionNotFound", async () => {
    emu.setBehaviour({ inviteReadsSessionHeader: "refusesStale" });
    const id = await createSession(emu);
    await call(emu, "POST", `${ITEM_PATH}/workbook/closeSession`, { headers: S(id) });
    const reply = await invite(emu, [{ email: "zoe.ng@contoso.com" }], {}, S(id));
    expect(reply.status).toBe(404);
    expect(errorCode(reply)).toBe("notFound");
    expect(innerCode(reply)).toBe("invalidSessionNotFound");
    expect(emu.ledger.invites).toHaveLength(0);
  });

  it("refuses an unknown session id, and (refusesStale) one opened on another item on invite", async () => {
    emu.setBehaviour({ inviteReadsSessionHeader: "refusesStale" });
    const unknown = await call(emu, "POST", `${ITEM_PATH}/workbook/refreshSession`, {
      headers: S("cluster=X&session=nope"),
    });
    expect(innerCode(unknown)).toBe("invalidSessionNotFound");
    const other = await createSession(emu, `/me/drive/items/${DEMO_SECOND_ITEM_ID}`);
    const reply = await invite(emu, [{ email: "zoe.ng@contoso.com" }], {}, S(other));
    expect(innerCode(reply)).toBe("invalidSessionNotFound");
  });

  it("accepts an open session on invite and records it in the ledger", async () => {
    const id = await createSession(emu);
    const reply = await invite(emu, [{ email: "zoe.ng@contoso.com" }], {}, S(id));
    expect(reply.status).toBe(200);
    expect(emu.ledger.invites[0]?.sessionId).toBe(id);
    expect(emu.ledger.requests.at(-1)?.sessionId).toBe(id);
  });

  it("expires an idle session (invalidSessionReCreatable); invite does not keep it alive, refresh does", async () => {
    const clock = fakeClock();
    const own = await startEmulator({
      clock: clock.now,
      behaviour: { inviteReadsSessionHeader: "refusesStale" },
      faults: { sessionIdleSeconds: 300, timeScale: 0.001 },
    });
    try {
      // 300 s idle × 0.001 = 300 ms of emulator clock.
      const kept = await createSession(own);
      const idle = await createSession(own);
      for (let i = 0; i < 4; i++) {
        clock.advance(100);
        expect(
          (await call(own, "POST", `${ITEM_PATH}/workbook/refreshSession`, { headers: S(kept) })).status,
        ).toBe(204);
        const inv = await invite(own, [{ email: "lee@contoso.com" }], {}, S(idle));
        expect(inv.status).toBe(i < 3 ? 200 : 404); // idle for exactly 300 ms is still alive
      }
      const reply = await invite(own, [{ email: "zoe.ng@contoso.com" }], {}, S(idle));
      expect(reply.status).toBe(404);
      expect(errorCode(reply)).toBe("notFound");
      expect(innerCode(reply)).toBe("invalidSessionReCreatable");
      expect(own.openSessions()).toEqual([kept]);
      const row = own.ledger.sessions.find((s) => s.id === idle);
      expect(row?.expiredAt).toBe((row?.openedAt ?? 0) + 300);
      expect(unclosedSessions(own.ledger)).toEqual([kept]);
      const refresh = await call(own, "POST", `${ITEM_PATH}/workbook/refreshSession`, { headers: S(idle) });
      expect(innerCode(refresh)).toBe("invalidSessionReCreatable");
    } finally {
      await own.close();
    }
  });

  it("defaults to about 5 minutes idle for persistent sessions and 7 for non-persistent ones", async () => {
    const clock = fakeClock();
    const own = await startEmulator({ clock: clock.now });
    try {
      const persistent = await createSession(own, ITEM_PATH, true);
      const temporary = await createSession(own, ITEM_PATH, false);
      clock.advance(6 * 60 * 1000);
      expect(own.openSessions()).toEqual([temporary]);
      clock.advance(2 * 60 * 1000);
      expect(own.openSessions()).toEqual([]);
      expect(own.ledger.sessions.find((s) => s.id === persistent)?.expiredAt).toBeDefined();
    } finally {
      await own.close();
    }
  });

  it("creates asynchronously with Prefer: respond-async (202 + Location → operation → sessionInfo)", async () => {
    const accepted = await call(emu, "POST", `${ITEM_PATH}/workbook/createSession`, {
      body: { persistChanges: true },
      headers: { Prefer: "respond-async" },
    });
    expect(accepted.status).toBe(202);
    const location = accepted.headers.get("location") ?? "";
    expect(location.startsWith(emu.baseUrl)).toBe(true);
    const op = await call(emu, "GET", location);
    expect(op.status).toBe(200);
    expect(obj(op.body)["status"]).toBe("succeeded");
    const info = await call(emu, "GET", String(obj(op.body)["resourceLocation"]));
    expect(info.status).toBe(200);
    const id = String(obj(info.body)["id"]);
    expect(obj(info.body)["persistChanges"]).toBe(true);
    expect(emu.openSessions()).toEqual([id]);
    expect((await invite(emu, [{ email: "zoe.ng@contoso.com" }], {}, S(id))).status).toBe(200);
  });

  it("refuses workbook sessions on a personal drive (work or school accounts only)", async () => {
    const reply = await call(
      emu,
      "POST",
      `/drives/${DEMO_PERSONAL_DRIVE_ID}/items/${DEMO_PERSONAL_ITEM_ID}/workbook/createSession`,
      {
        body: { persistChanges: true },
      },
    );
    expect(reply.status).toBe(403);
    expect(errorCode(reply)).toBe("accessDenied");
    expect(emu.openSessions()).toEqual([]);
  });

  it("rejects refresh/close without the session header", async () => {
    const reply = await call(emu, "POST", `${ITEM_PATH}/workbook/closeSession`);
    expect(reply.status).toBe(400);
    expect(errorCode(reply)).toBe("invalidRequest");
  });
});
