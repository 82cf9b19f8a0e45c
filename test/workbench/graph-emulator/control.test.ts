import { spawn } from "node:child_process";
import { join } from "node:path";
import {
  DEMO_ITEM_ID,
  DEMO_PERSONAL_DRIVE_ID,
  DEMO_PERSONAL_ITEM_ID,
  startEmulator,
  type Emulator,
} from "../../../workbench/graph-emulator/index";
import { useEmulator } from "../../helpers/use-emulator";
import { arr, call, invite, obj, SEEDED_PERMISSIONS } from "../../../workbench/graph-emulator/helpers";

const emulator = useEmulator();
let emu: Emulator;
beforeEach(() => {
  emu = emulator();
});

async function control(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${emu.origin}/_emulator/${path}`, {
    method,
    ...(body !== undefined
      ? { body: JSON.stringify(body), headers: { "Content-Type": "application/json" } }
      : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text === "" ? undefined : (JSON.parse(text) as unknown) };
}

describe("control API", () => {
  it("GET /_emulator/ledger summarises what happened", async () => {
    await invite(emu, [{ email: "lee@contoso.com" }]);
    await invite(emu, [{ email: "lee@contoso.com" }]);
    const { status, body } = await control("GET", "ledger");
    expect(status).toBe(200);
    const summary = obj(body);
    expect(obj(summary["counts"])).toMatchObject({ invites: 2, emails: 2, requests: 2 });
    expect(obj(summary["grantsPerRecipient"])).toEqual({ "lee@contoso.com": 2 });
    expect(summary["duplicateGrants"]).toEqual(["lee@contoso.com"]);
    expect(arr(obj(summary["ledger"])["invites"])).toHaveLength(2);
  });

  it("GET /_emulator/state shows permissions per item and open sessions", async () => {
    await invite(emu, [{ email: "lee@contoso.com" }]);
    const { body } = await control("GET", "state");
    const items = arr(obj(body)["items"]).map(obj);
    const workbook = items.find((i) => i["itemId"] === DEMO_ITEM_ID);
    expect(arr(workbook?.["permissions"])).toHaveLength(SEEDED_PERMISSIONS + 1);
    expect(obj(body)["openSessions"]).toEqual([]);
  });

  it("POST /_emulator/faults sets faults and rejects nonsense; POST /_emulator/reset empties state", async () => {
    const ok = await control("POST", "faults", { rules: [{ fault: "throttle", rate: 1, target: "invite" }] });
    expect(ok.status).toBe(200);
    expect((await invite(emu, [{ email: "lee@contoso.com" }])).status).toBe(429);
    const bad = await control("POST", "faults", { rules: [{ fault: "explode", rate: 1 }] });
    expect(bad.status).toBe(400);
    const reset = await control("POST", "reset", { faults: {} });
    expect(reset.status).toBe(204);
    expect(emu.ledger.requests).toHaveLength(0);
    expect((await invite(emu, [{ email: "lee@contoso.com" }])).status).toBe(200);
    expect((await control("GET", "nothing")).status).toBe(404);
  });

  it("sets behaviour through POST /_emulator/faults and /_emulator/reset, and reports it in state", async () => {
    const set = await control("POST", "faults", { behaviour: { inviteCreates: "specificPeopleLink" } });
    expect(set.status).toBe(200);
    expect(emu.behaviour).toEqual({ inviteCreates: "specificPeopleLink" });
    expect(obj(obj((await control("GET", "state")).body)["behaviour"])).toEqual({
      inviteCreates: "specificPeopleLink",
    });
    const [p] = arr(obj((await invite(emu, [{ email: "lee@contoso.com" }])).body)["value"]).map(obj);
    expect(obj(p?.["link"])["scope"]).toBe("users");
    expect((await control("POST", "faults", { behaviour: { caller: "robot" } })).status).toBe(400);
    expect((await control("POST", "reset", { behaviour: { batch424: "yes" } })).status).toBe(400);
    expect((await control("POST", "reset", { behaviour: { batch424: true } })).status).toBe(204);
    expect(emu.behaviour).toEqual({ batch424: true });
    expect((await control("POST", "reset", {})).status).toBe(204);
    expect(emu.behaviour).toEqual({}); // back to the start options
  });

  it("reset keeps the same live ledger object", async () => {
    const ledger = emu.ledger;
    await invite(emu, [{ email: "lee@contoso.com" }]);
    emu.reset();
    expect(emu.ledger).toBe(ledger);
    expect(ledger.invites).toHaveLength(0);
  });

  it("logs one line per request without Authorization", async () => {
    const lines: string[] = [];
    const logged = await startEmulator({ log: (l) => lines.push(l) });
    try {
      await invite(logged, [{ email: "lee@contoso.com" }]);
    } finally {
      await logged.close();
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^POST \/v1\.0\/drives\/.+\/invite 200 \d+ms$/);
    expect(lines.join("\n")).not.toContain("test-token");
  });
});

describe("CLI", () => {
  it("starts on the given port, prints the base URL and stops on SIGTERM", async () => {
    const tsx = join(__dirname, "..", "..", "..", "node_modules", ".bin", "tsx");
    const child = spawn(
      tsx,
      [
        join(__dirname, "..", "..", "..", "workbench", "graph-emulator", "cli.ts"),
        "--port",
        "0",
        "--faults",
        "mixed",
        "--latency",
        "1",
        "--quiet",
      ],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const baseUrl = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const m = /listening: (http:\/\/127\.0\.0\.1:\d+\/v1\.0)/.exec(out);
        if (m?.[1] !== undefined) resolve(m[1]);
      });
      child.once("exit", (code) => reject(new Error(`cli exited ${String(code)}: ${out}`)));
    });
    const res = await fetch(`${baseUrl.replace("/v1.0", "")}/_emulator/state`);
    expect(res.status).toBe(200);
    expect(obj(obj((await res.json()) as unknown)["faults"])["latencyMs"]).toBe(1);
    const code = await new Promise<number | null>((resolve) => {
      child.once("exit", (c) => resolve(c));
      child.kill("SIGTERM");
    });
    expect(code).toBe(0);
  }, 20000);
});

describe("the emulator's clock", () => {
  const PERSONAL_PATH = `/drives/${encodeURIComponent(DEMO_PERSONAL_DRIVE_ID)}/items/${DEMO_PERSONAL_ITEM_ID}`;
  const DAY_S = 24 * 60 * 60;

  it("POST /_emulator/clock moves it: an invite's expiry on a personal drive then ends the access", async () => {
    const expires = new Date(emu.now() + DAY_S * 1000).toISOString();
    const granted = await invite(
      emu,
      [{ email: "friend@outlook.com" }],
      { expirationDateTime: expires },
      {},
      `${PERSONAL_PATH}/invite`,
    );
    expect(granted.status).toBe(200);
    const before = emu.permissionsOf(DEMO_PERSONAL_DRIVE_ID, DEMO_PERSONAL_ITEM_ID).length;

    const moved = await control("POST", "clock", { advanceSeconds: 2 * DAY_S });
    expect(moved.status).toBe(200);
    expect(Date.parse(String(obj(moved.body)["now"]))).toBeGreaterThan(Date.parse(expires));
    const listed = await call(emu, "GET", `${PERSONAL_PATH}/permissions`);
    expect(arr(obj(listed.body)["value"])).toHaveLength(before - 1);

    expect((await control("POST", "clock", { advanceSeconds: "soon" })).status).toBe(400);
    emu.reset();
    expect(Math.abs(emu.now() - Date.now())).toBeLessThan(60_000);
  });

  it("a business drive refuses the expiry on an invite; a personal one without premium asks for an upgrade", async () => {
    const expires = new Date(emu.now() + DAY_S * 1000).toISOString();
    const business = await invite(emu, [{ email: "lee@contoso.com" }], { expirationDateTime: expires });
    expect(business.status).toBe(400);
    emu.setBehaviour({ personalExpiry: "refused" });
    const personal = await invite(
      emu,
      [{ email: "friend@outlook.com" }],
      { expirationDateTime: expires },
      {},
      `${PERSONAL_PATH}/invite`,
    );
    expect(personal.status).toBe(400);
    expect(obj(obj(personal.body)["error"])["message"]).toBe(
      "Account Upgrade is required for this operation.",
    );
  });
});
