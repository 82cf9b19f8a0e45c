import {
  DEMO_DRIVE_ID,
  DEMO_ITEM_ID,
  DEMO_PERSONAL_DRIVE_ID,
  DEMO_PERSONAL_ITEM_ID,
  DEMO_PERSONAL_WORKBOOK_URL,
  DEMO_WORKBOOK_URL,
  encodeShareToken,
  GRAPH_EXPOSED_HEADERS,
  startEmulator,
  type Emulator,
} from "../../../workbench/graph-emulator/index";
import { useEmulator } from "../../helpers/use-emulator";
import {
  call,
  errorCode,
  errorMessage,
  fakeClock,
  ITEM_PATH,
  obj,
} from "../../../workbench/graph-emulator/helpers";

const emulator = useEmulator();
let emu: Emulator;
beforeEach(() => {
  emu = emulator();
});

describe("authentication", () => {
  it.each([
    ["no header", {}],
    ["empty bearer", { Authorization: "Bearer " }],
    ["basic scheme", { Authorization: "Basic dXNlcjpwdw==" }],
  ])("answers 401 InvalidAuthenticationToken with %s", async (_label, headers) => {
    const reply = await call(emu, "GET", `${ITEM_PATH}/permissions`, { auth: false, headers });
    expect(reply.status).toBe(401);
    expect(errorCode(reply)).toBe("InvalidAuthenticationToken");
    expect(errorMessage(reply)).toBe("Access token is empty.");
    const inner = obj(obj(obj(reply.body)["error"])["innerError"]);
    expect(inner["request-id"]).toBe(reply.headers.get("request-id"));
    expect(typeof inner["date"]).toBe("string");
    expect(reply.headers.get("www-authenticate")).toMatch(/^Bearer /);
    expect(emu.ledger.requests.at(-1)?.status).toBe(401);
  });

  it("accepts any non-empty bearer token", async () => {
    const reply = await call(emu, "GET", `${ITEM_PATH}/permissions`, {
      auth: false,
      headers: { Authorization: "Bearer abc" },
    });
    expect(reply.status).toBe(200);
  });

  it("expires a token tokenLifetimeSeconds after first use (scaled), and a new token works", async () => {
    const clock = fakeClock();
    const own = await startEmulator({
      clock: clock.now,
      faults: { tokenLifetimeSeconds: 3600, timeScale: 0.01 },
    });
    try {
      const get = (token: string): ReturnType<typeof call> =>
        call(own, "GET", `${ITEM_PATH}/permissions`, {
          auth: false,
          headers: { Authorization: `Bearer ${token}` },
        });
      expect((await get("t1")).status).toBe(200);
      clock.advance(35_999); // 3600 s × 0.01 = 36 s of emulator clock
      expect((await get("t1")).status).toBe(200);
      clock.advance(1);
      const expired = await get("t1");
      expect(expired.status).toBe(401);
      expect(errorCode(expired)).toBe("InvalidAuthenticationToken");
      expect(errorMessage(expired)).toBe("Access token has expired or is not yet valid.");
      expect((await get("t2")).status).toBe(200);
    } finally {
      await own.close();
    }
  });

  it("never requires auth for the control API", async () => {
    const res = await fetch(`${emu.origin}/_emulator/state`);
    expect(res.status).toBe(200);
  });
});

describe("request ids and CORS", () => {
  it("echoes client-request-id and sends a request-id on every response", async () => {
    const reply = await call(emu, "GET", `${ITEM_PATH}/permissions`, {
      headers: { "client-request-id": "my-correlation" },
    });
    expect(reply.headers.get("client-request-id")).toBe("my-correlation");
    expect(reply.headers.get("request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const other = await call(emu, "GET", `${ITEM_PATH}/permissions`);
    expect(other.headers.get("client-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(other.headers.get("request-id")).not.toBe(reply.headers.get("request-id"));
  });

  it("answers a CORS preflight and exposes the headers a browser client reads", async () => {
    const res = await fetch(`${emu.baseUrl}${ITEM_PATH}/invite`, {
      method: "OPTIONS",
      headers: {
        Origin: "http://localhost:3000",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type,workbook-session-id",
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const allowed = (res.headers.get("access-control-allow-headers") ?? "").toLowerCase();
    for (const h of ["authorization", "content-type", "workbook-session-id", "prefer", "client-request-id"]) {
      expect(allowed).toContain(h);
    }
    expect(res.headers.get("access-control-allow-methods")).toContain("POST");
    const get = await call(emu, "GET", `${ITEM_PATH}/permissions`);
    expect(get.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("exposes to a browser only the headers Graph exposes: not Retry-After, not RateLimit-*", async () => {
    const exposedOf = async (): Promise<string[]> => {
      const reply = await call(emu, "GET", `${ITEM_PATH}/permissions`, {
        headers: { Origin: "https://localhost:3000" },
      });
      return (reply.headers.get("access-control-expose-headers") ?? "").split(",").map((h) => h.trim());
    };
    const exposed = await exposedOf();
    expect(exposed).toEqual([...GRAPH_EXPOSED_HEADERS]);
    expect(exposed.map((h) => h.toLowerCase())).toEqual(
      expect.arrayContaining(["request-id", "client-request-id", "location", "www-authenticate"]),
    );
    expect(exposed.some((h) => /^(retry-after|ratelimit-)/i.test(h))).toBe(false);
    emu.setBehaviour({ corsExposesRetryAfter: true });
    expect(await exposedOf()).toEqual([...GRAPH_EXPOSED_HEADERS, "Retry-After"]);
  });
});

describe("GET /shares/{token}/driveItem", () => {
  it("resolves the demo workbook URL to its driveItem", async () => {
    const reply = await call(emu, "GET", `/shares/${encodeShareToken(DEMO_WORKBOOK_URL)}/driveItem`);
    expect(reply.status).toBe(200);
    const item = obj(reply.body);
    expect(item["id"]).toBe(DEMO_ITEM_ID);
    expect(item["name"]).toBe("Team roster.xlsx");
    expect(item["webUrl"]).toBe(DEMO_WORKBOOK_URL);
    expect(obj(item["parentReference"])).toMatchObject({ driveId: DEMO_DRIVE_ID, driveType: "business" });
    expect(obj(item["file"])["mimeType"]).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
  });

  it("matches case-insensitively and with the URL decoded (a space or %20)", async () => {
    const variants = [DEMO_WORKBOOK_URL.toUpperCase(), decodeURIComponent(DEMO_WORKBOOK_URL)];
    for (const url of variants) {
      const reply = await call(emu, "GET", `/shares/${encodeShareToken(url)}/driveItem`);
      expect(reply.status).toBe(200);
      expect(obj(reply.body)["id"]).toBe(DEMO_ITEM_ID);
    }
  });

  it("resolves the personal OneDrive URL to a personal drive item", async () => {
    const reply = await call(emu, "GET", `/shares/${encodeShareToken(DEMO_PERSONAL_WORKBOOK_URL)}/driveItem`);
    expect(reply.status).toBe(200);
    expect(obj(reply.body)["id"]).toBe(DEMO_PERSONAL_ITEM_ID);
    expect(obj(obj(reply.body)["parentReference"])).toMatchObject({
      driveId: DEMO_PERSONAL_DRIVE_ID,
      driveType: "personal",
    });
  });

  it("answers 404 itemNotFound for a URL it does not hold", async () => {
    const reply = await call(
      emu,
      "GET",
      `/shares/${encodeShareToken("https://contoso-my.sharepoint.com/x.xlsx")}/driveItem`,
    );
    expect(reply.status).toBe(404);
    expect(errorCode(reply)).toBe("itemNotFound");
  });

  it.each([
    ["no u! prefix", Buffer.from(DEMO_WORKBOOK_URL).toString("base64url")],
    ["standard base64 '+' kept", "u!aHR0cHM6Ly9+YQ"],
    ["not a URL inside", `u!${Buffer.from("hello world").toString("base64url")}`],
    ["empty", "u!"],
  ])("answers 400 invalidRequest for a malformed token (%s)", async (_label, token) => {
    const reply = await call(emu, "GET", `/shares/${encodeURIComponent(token)}/driveItem`);
    expect(reply.status).toBe(400);
    expect(errorCode(reply)).toBe("invalidRequest");
  });

  it("encodeShareToken is unpadded base64url", () => {
    for (const url of [DEMO_WORKBOOK_URL, `${DEMO_WORKBOOK_URL}?a=1`, "https://x/ä?>>>"]) {
      const token = encodeShareToken(url);
      expect(token.startsWith("u!")).toBe(true);
      expect(token.slice(2)).toMatch(/^[A-Za-z0-9_-]+$/);
    }
  });
});

describe("routing", () => {
  it("answers 400 for an unknown segment and 405 for a wrong method", async () => {
    const unknown = await call(emu, "GET", `${ITEM_PATH}/frobnicate`);
    expect(unknown.status).toBe(400);
    expect(errorMessage(unknown)).toContain("frobnicate");
    const wrong = await call(emu, "GET", `${ITEM_PATH}/invite`);
    expect(wrong.status).toBe(405);
  });

  it("answers 404 itemNotFound for an unknown drive or item", async () => {
    expect((await call(emu, "GET", `/drives/nope/items/${DEMO_ITEM_ID}/permissions`)).status).toBe(404);
    expect((await call(emu, "GET", `/drives/${DEMO_DRIVE_ID}/items/NOPE/permissions`)).status).toBe(404);
  });

  it("serves driveItem metadata for an item", async () => {
    const reply = await call(emu, "GET", `/me/drive/items/${DEMO_ITEM_ID}`);
    expect(reply.status).toBe(200);
    expect(obj(reply.body)["webUrl"]).toBe(DEMO_WORKBOOK_URL);
  });
});
