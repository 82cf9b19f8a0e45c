import { DEMO_DRIVE_ID, DEMO_ITEM_ID, type Emulator } from "../../../workbench/graph-emulator/index";
import { useEmulator } from "../../helpers/use-emulator";
import {
  batch,
  call,
  createSession,
  errorCode,
  ITEM_PATH,
  inviteBody,
  inviteItem,
  obj,
} from "../../../workbench/graph-emulator/helpers";

const emulator = useEmulator();
let emu: Emulator;
beforeEach(() => {
  emu = emulator();
});

const PEOPLE = [
  "alexw",
  "allan",
  "christie",
  "debra",
  "diego",
  "emily",
  "enrico",
  "grady",
  "henrietta",
  "irvin",
  "isaiah",
  "johanna",
  "joni",
  "lee",
  "lidia",
  "lynne",
  "megan",
  "miriam",
  "nestor",
  "patti",
  "pradeep",
].map((a) => `${a}@contoso.com`);

describe("$batch limits and shape", () => {
  it("runs up to 20 invites and answers 200 with one response per id", async () => {
    const requests = PEOPLE.slice(0, 20).map((email, i) => inviteItem(String(i + 1), email));
    const { status, items } = await batch(emu, requests);
    expect(status).toBe(200);
    expect(items.map((i) => i.id).sort()).toEqual(requests.map((_, i) => String(i + 1)).sort());
    expect(items.every((i) => i.status === 200)).toBe(true);
    expect(emu.ledger.invites).toHaveLength(20);
    expect(emu.ledger.requests.filter((r) => r.inBatch)).toHaveLength(20);
    expect(emu.ledger.requests.filter((r) => r.path === "/$batch")).toHaveLength(1);
  });

  it("rejects more than 20 requests with 400 and runs none", async () => {
    const { status, reply } = await batch(
      emu,
      PEOPLE.map((email, i) => inviteItem(String(i), email)),
    );
    expect(status).toBe(400);
    expect(errorCode(reply)).toBe("invalidRequest");
    expect(emu.ledger.invites).toHaveLength(0);
  });

  it.each([
    ["duplicate ids", [inviteItem("a", "lee@contoso.com"), inviteItem("a", "joni@contoso.com")]],
    [
      "duplicate ids differing in case",
      [inviteItem("A", "lee@contoso.com"), inviteItem("a", "joni@contoso.com")],
    ],
    ["a missing id", [{ method: "GET", url: `${ITEM_PATH}/permissions` }]],
    ["a missing method", [{ id: "1", url: `${ITEM_PATH}/permissions` }]],
    ["a missing url", [{ id: "1", method: "GET" }]],
    [
      "a body without Content-Type",
      [
        {
          id: "1",
          method: "POST",
          url: `${ITEM_PATH}/invite`,
          body: inviteBody([{ email: "lee@contoso.com" }]),
        },
      ],
    ],
    ["dependsOn an unknown id", [{ ...obj(inviteItem("1", "lee@contoso.com")), dependsOn: ["9"] }]],
    [
      "a dependsOn cycle",
      [
        { ...obj(inviteItem("1", "lee@contoso.com")), dependsOn: ["2"] },
        { ...obj(inviteItem("2", "joni@contoso.com")), dependsOn: ["1"] },
      ],
    ],
    ["no requests", []],
  ])("rejects the whole batch for %s", async (_label, requests) => {
    const { status, reply } = await batch(emu, requests);
    expect(status).toBe(400);
    expect(errorCode(reply)).toBe("invalidRequest");
    expect(emu.ledger.invites).toHaveLength(0);
  });

  it("rejects a payload that is not a batch", async () => {
    const reply = await call(emu, "POST", "/$batch", { body: { request: [] } });
    expect(reply.status).toBe(400);
  });

  it("shuffles responses deterministically by seed, and keeps order when asked", async () => {
    const requests = PEOPLE.slice(0, 10).map((email, i) => inviteItem(String(i), email));
    emu.setFaults({ seed: 42 });
    const a = (await batch(emu, requests)).items.map((i) => i.id);
    emu.reset();
    emu.setFaults({ seed: 42 });
    const b = (await batch(emu, requests)).items.map((i) => i.id);
    expect(a).toEqual(b);
    expect(a).not.toEqual(requests.map((_, i) => String(i)));
    emu.setFaults({ shuffleBatchResponses: false });
    const kept = (await batch(emu, requests)).items.map((i) => i.id);
    expect(kept).toEqual(requests.map((_, i) => String(i)));
  });

  it("item failures do not fail the batch; each item has its own status and error body", async () => {
    const { status, items } = await batch(emu, [
      inviteItem("ok", "lee@contoso.com"),
      inviteItem("unknown", "nobody@contoso.com"),
      { id: "list", method: "GET", url: `${ITEM_PATH}/permissions` },
      { id: "nourl", method: "GET", url: "/nonsense" },
    ]);
    expect(status).toBe(200);
    const byId = new Map(items.map((i) => [i.id, i]));
    expect(byId.get("ok")?.status).toBe(200);
    expect(byId.get("unknown")?.status).toBe(400);
    expect(obj(obj(byId.get("unknown")?.body)["error"])["code"]).toBe("invalidRequest");
    expect(byId.get("list")?.status).toBe(200);
    expect(byId.get("nourl")?.status).toBe(400);
  });

  it("takes auth from the outer request and honours item headers such as Workbook-Session-Id", async () => {
    emu.setBehaviour({ inviteReadsSessionHeader: "refusesStale" });
    const session = await createSession(emu);
    const { items } = await batch(emu, [
      inviteItem("1", "lee@contoso.com", { "Workbook-Session-Id": session }),
      inviteItem("2", "joni@contoso.com", { "Workbook-Session-Id": "cluster=X&session=bogus" }),
      { id: "3", method: "GET", url: `drives/${DEMO_DRIVE_ID}/items/${DEMO_ITEM_ID}/permissions` },
    ]);
    const byId = new Map(items.map((i) => [i.id, i]));
    expect(byId.get("1")?.status).toBe(200);
    expect(byId.get("2")?.status).toBe(404);
    expect(byId.get("3")?.status).toBe(200);
    expect(emu.ledger.invites).toMatchObject([{ recipient: "lee@contoso.com", sessionId: session }]);
    const unauth = await fetch(`${emu.baseUrl}/$batch`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ requests: [inviteItem("1", "lee@contoso.com")] }),
    });
    expect(unauth.status).toBe(401);
  });
});

describe("$batch dependsOn", () => {
  it("runs dependents after their dependency and answers 424 when it failed", async () => {
    const { items } = await batch(emu, [
      { ...obj(inviteItem("3", "joni@contoso.com")), dependsOn: ["2"] },
      { ...obj(inviteItem("2", "lee@contoso.com")), dependsOn: ["1"] },
      inviteItem("1", "debra@contoso.com"),
      inviteItem("bad", "nobody@contoso.com"),
      { ...obj(inviteItem("after-bad", "emily@contoso.com")), dependsOn: ["bad"] },
      { ...obj(inviteItem("after-after", "grady@contoso.com")), dependsOn: ["after-bad"] },
    ]);
    expect(emu.ledger.invites.map((i) => i.recipient)).toEqual([
      "debra@contoso.com",
      "lee@contoso.com",
      "joni@contoso.com",
    ]);
    const byId = new Map(items.map((i) => [i.id, i.status]));
    expect(byId.get("after-bad")).toBe(424);
    expect(byId.get("after-after")).toBe(424);
    expect(byId.get("3")).toBe(200);
  });
});

describe("$batch throttling per item", () => {
  it("an item throttled by a rule carries its own 429 and Retry-After header", async () => {
    emu.setFaults({
      seed: 3,
      rules: [{ fault: "throttle", rate: 0.5, target: "invite", retryAfterSeconds: 7 }],
    });
    const { status, items } = await batch(
      emu,
      PEOPLE.slice(0, 20).map((email, i) => inviteItem(String(i), email)),
    );
    expect(status).toBe(200);
    const throttled = items.filter((i) => i.status === 429);
    const granted = items.filter((i) => i.status === 200);
    expect(throttled.length).toBeGreaterThan(0);
    expect(granted.length).toBeGreaterThan(0);
    for (const item of throttled) {
      expect(item.headers["Retry-After"]).toBe("7");
      expect(obj(obj(item.body)["error"])["code"]).toBe("activityLimitReached");
    }
    expect(emu.ledger.invites).toHaveLength(granted.length);
    expect(emu.ledger.throttles).toHaveLength(throttled.length);
  });
});
