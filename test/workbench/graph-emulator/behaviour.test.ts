// GraphBehaviour switches (where real Graph is undocumented or caller-dependent) and the htmlOk fault.
import { DEMO_WORKBOOK_URL, encodeShareToken, type Emulator } from "../../../workbench/graph-emulator/index";
import { useEmulator } from "../../helpers/use-emulator";
import { batch, call, ITEM_PATH, inviteItem, TOKEN } from "../../../workbench/graph-emulator/helpers";

const emulator = useEmulator();
let emu: Emulator;
beforeEach(() => {
  emu = emulator();
});

const throttleInvites = {
  seed: 3,
  rules: [{ fault: "throttle" as const, rate: 1, target: "invite" as const }],
};

describe("behaviour.batch424", () => {
  it("default: a batch with a throttled item answers 200 outside", async () => {
    emu.setFaults(throttleInvites);
    const { status, items } = await batch(emu, [inviteItem("1", "lee@contoso.com")]);
    expect(status).toBe(200);
    expect(items[0]?.status).toBe(429);
  });

  it("true: the outer status is 424 and every item's answer is still in the body", async () => {
    emu.setBehaviour({ batch424: true });
    emu.setFaults(throttleInvites);
    const { status, items } = await batch(emu, [
      inviteItem("1", "lee@contoso.com"),
      { id: "2", method: "GET", url: `${ITEM_PATH}/permissions` },
    ]);
    expect(status).toBe(424);
    const byId = new Map(items.map((i) => [i.id, i]));
    expect(byId.get("1")).toMatchObject({ status: 429, headers: { "Retry-After": "2" } });
    expect(byId.get("2")?.status).toBe(200);
    emu.setFaults({});
    expect((await batch(emu, [inviteItem("1", "lee@contoso.com")])).status).toBe(200); // nothing throttled
  });
});

describe("behaviour.throttledItemExecuted", () => {
  it("default: a throttled batch invite is not carried out", async () => {
    emu.setFaults(throttleInvites);
    await batch(emu, [inviteItem("1", "lee@contoso.com")]);
    expect(emu.ledger.invites).toHaveLength(0);
  });

  it("true: the item answers 429 but the grant (and its e-mail) happened", async () => {
    emu.setBehaviour({ throttledItemExecuted: true });
    emu.setFaults(throttleInvites);
    const { items } = await batch(emu, [inviteItem("1", "lee@contoso.com")]);
    expect(items[0]?.status).toBe(429);
    expect(emu.ledger.invites.map((i) => i.recipient)).toEqual(["lee@contoso.com"]);
    expect(emu.ledger.emails.map((e) => e.to)).toEqual(["lee@contoso.com"]);
    // Top-level 429s stay "throttled before execution" (the report is about batch items).
    const top = await call(emu, "POST", `${ITEM_PATH}/invite`, {
      body: {
        recipients: [{ email: "joni@contoso.com" }],
        roles: ["read"],
        requireSignIn: true,
        sendInvitation: true,
      },
    });
    expect(top.status).toBe(429);
    expect(emu.ledger.invites).toHaveLength(1);
  });
});

describe("behaviour.caller and RateLimit headers", () => {
  const budget = { costPerInvite: 5, unitsPerWindow: 25, windowSeconds: 60, retryAfterSeconds: 2 };
  async function remainingAfterFour(): Promise<Array<string | undefined>> {
    const { items } = await batch(
      emu,
      ["lee", "joni", "debra", "emily"].map((a, i) => inviteItem(String(i), `${a}@contoso.com`)),
    );
    return items.map((i) => i.headers["RateLimit-Remaining"]);
  }

  it("delegated (default): no RateLimit-* headers even near the limit", async () => {
    emu.setFaults({ timeScale: 0.02, budget });
    expect(await remainingAfterFour()).toEqual([undefined, undefined, undefined, undefined]);
  });

  it("appOnly: RateLimit-* headers once 80 % of the units are used", async () => {
    emu.setBehaviour({ caller: "appOnly" });
    emu.setFaults({ timeScale: 0.02, budget });
    expect((await remainingAfterFour()).filter((r) => r !== undefined)).toEqual(["5"]);
  });
});

describe("permission reads cost like every permission operation", () => {
  it("a permission list read spends costPerInvite units, so reads alone trip the budget", async () => {
    emu.setFaults({
      timeScale: 0.02,
      budget: {
        costPerInvite: 5,
        costPerRead: 1,
        unitsPerWindow: 10,
        windowSeconds: 60,
        retryAfterSeconds: 2,
      },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(emu, "GET", `${ITEM_PATH}/permissions`)).status);
    expect(statuses).toEqual([200, 200, 429]);
    // A shares read still costs costPerRead (1 unit), but the budget is tripped now.
    expect(emu.ledger.requests.filter((r) => r.fault === "budget")).toHaveLength(1);
  });
});

describe("htmlOk fault (a proxy or captive portal answers 200 text/html)", () => {
  async function raw(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${emu.baseUrl}${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${TOKEN}`, ...(init.headers as Record<string, string>) },
    });
  }

  it.each([
    ["permissions", () => raw(`${ITEM_PATH}/permissions`)],
    ["shares", () => raw(`/shares/${encodeShareToken(DEMO_WORKBOOK_URL)}/driveItem`)],
    [
      "invite",
      () =>
        raw(`${ITEM_PATH}/invite`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({
            recipients: [{ email: "lee@contoso.com" }],
            roles: ["read"],
            requireSignIn: true,
            sendInvitation: true,
          }),
        }),
    ],
    [
      "batch",
      () =>
        raw("/$batch", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ requests: [inviteItem("1", "lee@contoso.com")] }),
        }),
    ],
  ] as const)("targets %s: 200, text/html, not carried out", async (target, send) => {
    emu.setFaults({ rules: [{ fault: "htmlOk", rate: 1, target }] });
    const res = await send();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await res.text()).toMatch(/^<!DOCTYPE html>/);
    expect(emu.ledger.invites).toHaveLength(0);
    expect(emu.ledger.requests.at(-1)?.fault).toBe("htmlOk");
  });

  it("never hits one item inside a $batch (a proxy answers whole HTTP requests)", async () => {
    emu.setFaults({ rules: [{ fault: "htmlOk", rate: 1, target: "invite" }] });
    const { status, items } = await batch(emu, [inviteItem("1", "lee@contoso.com")]);
    expect(status).toBe(200);
    expect(items[0]?.status).toBe(200);
  });
});
