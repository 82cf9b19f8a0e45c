// The Graph client where real Graph is less friendly than the documentation, over real HTTP: a browser
// cannot read a top-level Retry-After, @odata.nextLink is data and may point anywhere, ids may be dot
// segments, a "success" may be an HTML page. No mocked fetch: the emulator, or a small HTTP server of
// our own where the emulator cannot be made to answer that way.
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Clock } from "../../src/core/ports";
import { DEFAULT_RETRY_POLICY } from "../../src/core/retry-policy";
import { GraphApi } from "../../src/graph/graph-api";
import { GraphError, GraphHttp, type FetchLike } from "../../src/graph/http";
import { DEMO_DRIVE_ID, DEMO_ITEM_ID, DEMO_USERS, type Emulator } from "../../workbench/graph-emulator";
import { browserFetch } from "../helpers/browser-fetch";
import { useEmulator } from "../helpers/use-emulator";

const emulator = useEmulator();
let emu: Emulator;
beforeEach(() => {
  emu = emulator();
});

const item = { driveId: DEMO_DRIVE_ID, itemId: DEMO_ITEM_ID };

/** A clock that never really waits: sleeping moves time on and records how long. */
function fakeClock(): { clock: Clock; sleeps: number[] } {
  let now = Date.UTC(2026, 11, 2, 9, 0, 0);
  const sleeps: number[] = [];
  return {
    sleeps,
    clock: {
      now: () => now,
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
    },
  };
}

function api(baseUrl: string, clock: Clock, fetch?: FetchLike) {
  const http = new GraphHttp({ baseUrl, getToken: async () => "dev-token", ...(fetch ? { fetch } : {}) });
  return new GraphApi(http, { clock, random: () => 0 });
}

async function rejection(p: Promise<unknown>): Promise<GraphError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(GraphError);
  return e as GraphError;
}

describe("a top-level throttle whose Retry-After a browser cannot read", () => {
  const throttleEveryBatch = () =>
    emu.setFaults({ rules: [{ fault: "throttle", rate: 1, target: "batch", retryAfterSeconds: 2 }] });

  it("is waited out from 5 s up, doubling to a 2-minute cap, never retried at once", async () => {
    throttleEveryBatch();
    const { clock, sleeps } = fakeClock();
    const error = await rejection(api(emu.baseUrl, clock, browserFetch).listPermissions(item));
    expect(error.info.status).toBe(429);
    expect(error.retryAfter).toBeNull(); // the browser really could not read it
    expect(sleeps).toEqual([5_000, 10_000, 20_000, 40_000, 80_000, 120_000, 120_000]);
    expect(sleeps).toHaveLength(DEFAULT_RETRY_POLICY.maxAttempts - 1);
  });

  it("where Retry-After is readable (a batch item, or a caller outside a browser), it is what is waited", async () => {
    throttleEveryBatch();
    const { clock, sleeps } = fakeClock();
    await rejection(api(emu.baseUrl, clock).listPermissions(item));
    expect(sleeps.every((ms) => ms === 2_000)).toBe(true);
  });

  it("a throttled batch of invites hands the flow a conservative stand-in, growing while it lasts", async () => {
    throttleEveryBatch();
    const { clock } = fakeClock();
    const g = api(emu.baseUrl, clock, browserFetch);
    const call = [{ id: "1", body: { recipients: [{ email: DEMO_USERS[3]!.email }], roles: ["read"] } }];
    const first = await g.inviteBatch(item, call, undefined);
    const second = await g.inviteBatch(item, call, undefined);
    expect(first).toMatchObject({ kind: "failed", status: 429, retryAfter: "5", retryAfterUnknown: true });
    expect(second).toMatchObject({ kind: "failed", status: 429, retryAfter: "10", retryAfterUnknown: true });
    expect(emu.ledger.invites).toHaveLength(0);
  });
});

describe("@odata.nextLink and ids", () => {
  let hostile: Server;
  let other: Server;
  let hostileBase = "";
  let otherRequests = 0;
  let nextLink = "";

  beforeAll(async () => {
    // Another origin that must never receive the token.
    other = createServer((_req, res) => {
      otherRequests += 1;
      res.writeHead(200, { "Content-Type": "application/json" }).end('{"value":[]}');
    });
    // A Graph-shaped server whose permission page links to wherever the test says.
    hostile = createServer((req, res) => {
      let request = "";
      req.on("data", (chunk: Buffer) => (request += chunk.toString("utf8")));
      req.on("end", () => answer(request.includes("skiptoken") ? 2 : 1, res));
    });
    const answer = (page: number, res: ServerResponse) => {
      const body = {
        value: [
          { id: `p${page}`, roles: ["read"], grantedToV2: { user: { email: `u${page}@contoso.com` } } },
        ],
        ...(page === 1 ? { "@odata.nextLink": nextLink } : {}),
      };
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ responses: [{ id: "permissions", status: 200, headers: {}, body }] }));
    };
    await Promise.all([hostile, other].map((s) => new Promise<void>((r) => s.listen(0, "127.0.0.1", r))));
    hostileBase = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}/v1.0`;
  });
  afterAll(async () => {
    await Promise.all([hostile, other].map((s) => new Promise((r) => s.close(r))));
  });

  const otherOrigin = () => `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  const { clock } = fakeClock();

  it("is followed inside the configured Graph base", async () => {
    nextLink = `${hostileBase}/drives/d/items/i/permissions?$skiptoken=abc`;
    const perms = await api(hostileBase, clock).listPermissions({ driveId: "d", itemId: "i" });
    expect(perms.map((p) => p.id)).toEqual(["p1", "p2"]);
  });

  it.each([
    ["another host", () => `${otherOrigin()}/v1.0/drives/d/items/i/permissions?$skiptoken=abc`],
    ["another version root", () => `${hostileBase.replace("/v1.0", "/beta")}/drives/d/items/i/permissions`],
    ["dot segments climbing out", () => `${hostileBase}/../beta/drives/d/items/i/permissions`],
    ["encoded dot segments", () => `${hostileBase}/%2e%2e/beta/drives/d/items/i/permissions`],
    ["credentials in the URL", () => hostileBase.replace("http://", "http://x:y@") + "/drives/d/items/i/p"],
  ])("pointing to %s is refused and nothing is sent there", async (_name, link) => {
    nextLink = link();
    otherRequests = 0;
    const error = await rejection(api(hostileBase, clock).listPermissions({ driveId: "d", itemId: "i" }));
    expect(error.info.code).toBe("invalidResponse");
    expect(otherRequests).toBe(0);
  });

  it.each(["..", ".", "%2e%2e", "%2E", ".%2e"])("an id %p is refused before any request", async (id) => {
    const g = api(emu.baseUrl, clock);
    const calls = [
      g.listPermissions({ driveId: id, itemId: DEMO_ITEM_ID }),
      g.listPermissions({ driveId: DEMO_DRIVE_ID, itemId: id }),
      g.deletePermission(item, id),
      g.revokeGrant(item, id, { email: "a@contoso.com" }),
    ];
    for (const call of calls) expect((await rejection(call)).info.code).toBe("invalidId");
    expect(emu.ledger.requests).toEqual([]);
  });
});

describe("a success status without Graph's JSON", () => {
  it("an HTML page for the permission read is invalidResponse, never an empty list", async () => {
    emu.setFaults({ rules: [{ fault: "htmlOk", rate: 1, target: "batch" }] });
    const error = await rejection(api(emu.baseUrl, fakeClock().clock).listPermissions(item));
    expect(error.info).toMatchObject({ status: 200, code: "invalidResponse" });
  });

  it("an HTML page for a batch of invites is invalidResponse, not granted", async () => {
    emu.setFaults({ rules: [{ fault: "htmlOk", rate: 1, target: "batch" }] });
    const call = [{ id: "1", body: { recipients: [{ email: DEMO_USERS[3]!.email }], roles: ["read"] } }];
    const result = await api(emu.baseUrl, fakeClock().clock).inviteBatch(item, call, undefined);
    expect(result).toMatchObject({ kind: "failed", status: 200, error: { code: "invalidResponse" } });
  });
});
