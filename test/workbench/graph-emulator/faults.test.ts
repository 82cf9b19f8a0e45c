import {
  DEMO_DRIVE_ID,
  DEMO_ITEM_ID,
  type Emulator,
  type FaultKind,
} from "../../../workbench/graph-emulator/index";
import { useEmulator } from "../../helpers/use-emulator";
import {
  batch,
  call,
  errorCode,
  fakeClock,
  invite,
  inviteItem,
  ITEM_PATH,
  obj,
  values,
  SEEDED_PERMISSIONS,
} from "../../../workbench/graph-emulator/helpers";

// A hand-moved clock: budget windows, Retry-After waits and early retries need no sleeping.
const clock = fakeClock();

const emulator = useEmulator({ clock: clock.now });
let emu: Emulator;
beforeEach(() => {
  emu = emulator();
});

function always(
  fault: FaultKind,
  extra: { retryAfterSeconds?: number; target?: "invite" | "batch" } = {},
): void {
  emu.setFaults({ rules: [{ fault, rate: 1, target: extra.target ?? "invite", ...extra }] });
}

describe("rule faults on a top-level invite", () => {
  const cases: Array<[FaultKind, number, string | null, boolean]> = [
    // fault, status, error code, executed?
    ["throttle", 429, "activityLimitReached", false],
    ["throttleNoRetryAfter", 429, "activityLimitReached", false],
    ["unavailableBefore", 503, "serviceNotAvailable", false],
    ["unavailableAfter", 503, "serviceNotAvailable", true],
    ["gatewayTimeoutAfter", 504, "gatewayTimeout", true],
    ["serverErrorAfter", 500, "generalException", true],
  ];
  it.each(cases)(
    "%s answers %i and executed=%s shows in the ledger",
    async (fault, status, code, executed) => {
      always(fault, fault === "unavailableBefore" ? { retryAfterSeconds: 3 } : {});
      const reply = await invite(emu, [{ email: "lee@contoso.com" }]);
      expect(reply.status).toBe(status);
      expect(errorCode(reply)).toBe(code);
      expect(emu.ledger.invites).toHaveLength(executed ? 1 : 0);
      expect(emu.ledger.emails).toHaveLength(executed ? 1 : 0);
      expect(emu.permissionsOf(DEMO_DRIVE_ID, DEMO_ITEM_ID)).toHaveLength(
        SEEDED_PERMISSIONS + (executed ? 1 : 0),
      );
      expect(emu.ledger.requests.at(-1)).toMatchObject({ status, fault, inBatch: false });
      const retryAfter = reply.headers.get("retry-after");
      if (fault === "throttle") expect(retryAfter).toBe("2");
      else if (fault === "unavailableBefore") expect(retryAfter).toBe("3");
      else expect(retryAfter).toBeNull();
    },
  );

  it("resetBefore destroys the socket without executing", async () => {
    always("resetBefore");
    await expect(invite(emu, [{ email: "lee@contoso.com" }])).rejects.toThrow();
    expect(emu.ledger.invites).toHaveLength(0);
    expect(emu.ledger.requests.at(-1)).toMatchObject({ fault: "resetBefore", status: 0 });
  });

  it("resetAfter executes, then destroys the socket", async () => {
    always("resetAfter");
    await expect(invite(emu, [{ email: "lee@contoso.com" }])).rejects.toThrow();
    expect(emu.ledger.invites).toHaveLength(1);
    expect(emu.ledger.emails).toHaveLength(1);
    expect(emu.ledger.requests.at(-1)).toMatchObject({ fault: "resetAfter" });
  });

  it("partialMail grants access but answers 207 with a per-recipient mail error and sends no e-mail", async () => {
    always("partialMail");
    const reply = await invite(emu, [{ email: "lee@contoso.com" }]);
    expect(reply.status).toBe(207);
    const [p] = values(reply);
    expect(p).toMatchObject({ roles: ["read"], invitation: { email: "lee@contoso.com" } });
    const error = obj(p?.["error"]);
    expect(error["code"]).toBe("notAllowed");
    expect(["exchangeInvalidUser", "exchangeOutOfMailboxQuota", "accountVerificationRequired"]).toContain(
      obj(error["innererror"])["code"],
    );
    expect(emu.ledger.invites).toMatchObject([{ recipient: "lee@contoso.com", emailSent: false }]);
    expect(emu.ledger.emails).toHaveLength(0);
  });

  it("partialMail does not apply when no e-mail was asked for", async () => {
    always("partialMail");
    const reply = await invite(emu, [{ email: "lee@contoso.com" }], { sendInvitation: false });
    expect(reply.status).toBe(200);
    expect(emu.ledger.requests.at(-1)?.fault).toBeUndefined();
  });

  it("rules match their target only", async () => {
    emu.setFaults({ rules: [{ fault: "throttle", rate: 1, target: "permissions" }] });
    expect((await invite(emu, [{ email: "lee@contoso.com" }])).status).toBe(200);
    expect((await call(emu, "GET", `${ITEM_PATH}/permissions`)).status).toBe(429);
  });

  it("is deterministic for a seed", async () => {
    const run = async (): Promise<number[]> => {
      emu.reset();
      emu.setFaults({ seed: 11, rules: [{ fault: "throttle", rate: 0.3 }] });
      const out: number[] = [];
      for (let i = 0; i < 15; i++) out.push((await call(emu, "GET", `${ITEM_PATH}/permissions`)).status);
      return out;
    };
    const a = await run();
    expect(await run()).toEqual(a);
    expect(a).toContain(429);
    expect(a).toContain(200);
  });
});

describe("rule faults inside $batch", () => {
  const items = (): unknown[] =>
    ["lee", "joni", "debra"].map((a, i) => inviteItem(String(i), `${a}@contoso.com`));

  it("unavailableAfter on an item: the item says 503 but its invite was carried out", async () => {
    always("unavailableAfter");
    const { status, items: replies } = await batch(emu, items());
    expect(status).toBe(200);
    expect(replies.every((r) => r.status === 503)).toBe(true);
    expect(emu.ledger.invites).toHaveLength(3);
  });

  it("resetBefore on an item drops the whole batch unexecuted", async () => {
    emu.setFaults({ seed: 5, rules: [{ fault: "resetBefore", rate: 0.5, target: "invite" }] });
    let reset = false;
    for (let attempt = 0; attempt < 10 && !reset; attempt++) {
      const before = emu.ledger.invites.length;
      try {
        await batch(emu, items());
      } catch {
        reset = true;
        expect(emu.ledger.invites.length).toBe(before);
      }
    }
    expect(reset).toBe(true);
  });

  it("resetAfter on an item executes every item, then drops the connection", async () => {
    always("resetAfter");
    await expect(batch(emu, items())).rejects.toThrow();
    expect(emu.ledger.invites).toHaveLength(3);
  });

  it("target batch faults the outer request: throttle runs nothing, serverErrorAfter runs everything", async () => {
    always("throttle", { target: "batch", retryAfterSeconds: 4 });
    const throttled = await batch(emu, items());
    expect(throttled.status).toBe(429);
    expect(throttled.reply.headers.get("retry-after")).toBe("4");
    expect(emu.ledger.invites).toHaveLength(0);
    always("serverErrorAfter", { target: "batch" });
    const failed = await batch(emu, items());
    expect(failed.status).toBe(500);
    expect(emu.ledger.invites).toHaveLength(3);
  });
});

describe("resource-unit budget", () => {
  it("throttles past the window's units, grows Retry-After on violations, and recovers after waiting", async () => {
    emu.setFaults({
      timeScale: 0.02,
      budget: {
        costPerInvite: 5,
        unitsPerWindow: 15,
        windowSeconds: 60,
        retryAfterSeconds: 3,
        growth: 2,
        maxRetryAfterSeconds: 10,
      },
    });
    for (const a of ["lee", "joni", "debra"])
      expect((await invite(emu, [{ email: `${a}@contoso.com` }])).status).toBe(200);
    const first = await invite(emu, [{ email: "emily@contoso.com" }]);
    expect(first.status).toBe(429);
    expect(errorCode(first)).toBe("activityLimitReached");
    expect(first.headers.get("retry-after")).toBe("3");
    const second = await invite(emu, [{ email: "grady@contoso.com" }]); // arrives while throttled: violation
    expect(second.headers.get("retry-after")).toBe("6");
    const third = await invite(emu, [{ email: "grady@contoso.com" }]);
    expect(third.headers.get("retry-after")).toBe("10"); // capped
    expect(emu.ledger.throttles.map((t) => t.kind)).toEqual(["budget", "budget", "budget"]);
    expect(emu.ledger.requests.filter((r) => r.fault === "budget")).toHaveLength(3);
    expect(emu.ledger.invites).toHaveLength(3);
    clock.advance(10 * 1000 * 0.02 - 1);
    expect((await invite(emu, [{ email: "grady@contoso.com" }])).status).toBe(429); // one ms early: a violation
    clock.advance(10 * 1000 * 0.02 + 1);
    expect((await invite(emu, [{ email: "grady@contoso.com" }])).status).toBe(200);
  });

  it("throttles the rest of a batch that tripped the budget without counting violations", async () => {
    emu.setFaults({
      timeScale: 0.02,
      budget: { costPerInvite: 5, unitsPerWindow: 10, windowSeconds: 60, retryAfterSeconds: 2, growth: 3 },
    });
    const { items } = await batch(
      emu,
      ["lee", "joni", "debra", "emily"].map((a, i) => inviteItem(String(i), `${a}@contoso.com`)),
    );
    const statuses = items.map((i) => i.status).sort();
    expect(statuses).toEqual([200, 200, 429, 429]);
    for (const item of items.filter((i) => i.status === 429)) expect(item.headers["Retry-After"]).toBe("2");
  });
});

describe("RateLimit headers", () => {
  it("announce the units left and the reset once 80 % of the window is used, when asked for", async () => {
    const budget = { costPerInvite: 5, unitsPerWindow: 25, windowSeconds: 60, retryAfterSeconds: 2 };
    emu.setFaults({ timeScale: 0.02, budget: { ...budget, rateLimitHeaders: true } });
    const people = ["lee", "joni", "debra", "emily"];
    const answers = [];
    for (const a of people) answers.push(await invite(emu, [{ email: `${a}@contoso.com` }]));
    // 5, 10, 15 units used: under 80 % of 25, nothing announced; at 20 units (80 %), 5 are left.
    expect(answers.slice(0, 3).map((a) => a.headers.get("ratelimit-remaining"))).toEqual([null, null, null]);
    expect(answers[3]!.headers.get("ratelimit-limit")).toBe("25");
    expect(answers[3]!.headers.get("ratelimit-remaining")).toBe("5");
    expect(Number(answers[3]!.headers.get("ratelimit-reset"))).toBeGreaterThan(0);
    expect(Number(answers[3]!.headers.get("ratelimit-reset"))).toBeLessThanOrEqual(60);

    emu.reset();
    emu.setFaults({ timeScale: 0.02, budget });
    for (const a of people) {
      expect(
        (await invite(emu, [{ email: `${a}@contoso.com` }])).headers.get("ratelimit-remaining"),
      ).toBeNull();
    }
  });
});

describe("early retries", () => {
  it("records a request that comes back before its Retry-After elapsed, not one that waited", async () => {
    emu.setFaults({
      timeScale: 0.02,
      rules: [{ fault: "throttle", rate: 1, target: "invite", retryAfterSeconds: 5 }],
    });
    await invite(emu, [{ email: "lee@contoso.com" }]); // 429, allowed again after 5 s × 0.02 = 100 ms
    expect(emu.ledger.earlyRetries).toHaveLength(0);
    await invite(emu, [{ email: "lee@contoso.com" }]); // too soon
    await invite(emu, [{ email: "joni@contoso.com" }]); // a different fingerprint
    expect(emu.ledger.earlyRetries).toHaveLength(1);
    expect(emu.ledger.earlyRetries[0]?.fingerprint).toContain("lee@contoso.com");
    clock.advance(99);
    await invite(emu, [{ email: "lee@contoso.com" }]); // 1 ms too soon
    expect(emu.ledger.earlyRetries).toHaveLength(2);
    clock.advance(200);
    await invite(emu, [{ email: "lee@contoso.com" }]); // waited long enough
    expect(emu.ledger.earlyRetries).toHaveLength(2);
  });

  it("tracks a whole $batch re-sent before its own Retry-After", async () => {
    emu.setFaults({
      timeScale: 0.02,
      rules: [{ fault: "throttle", rate: 1, target: "batch", retryAfterSeconds: 5 }],
    });
    const requests = [inviteItem("1", "lee@contoso.com"), inviteItem("2", "joni@contoso.com")];
    expect((await batch(emu, requests)).status).toBe(429);
    expect((await batch(emu, requests)).status).toBe(429);
    expect(emu.ledger.earlyRetries).toHaveLength(1);
    expect(emu.ledger.earlyRetries[0]?.fingerprint).toBe("POST /$batch joni@contoso.com,lee@contoso.com");
    expect(emu.ledger.throttles).toHaveLength(2);
  });

  it("tracks early retries of a 503 with Retry-After too, also across batch and top-level", async () => {
    emu.setFaults({
      timeScale: 0.02,
      rules: [{ fault: "unavailableBefore", rate: 1, target: "invite", retryAfterSeconds: 5 }],
    });
    await batch(emu, [inviteItem("1", "lee@contoso.com")]);
    await invite(emu, [{ email: "lee@contoso.com" }]);
    expect(emu.ledger.earlyRetries).toHaveLength(1);
  });
});

describe("latency", () => {
  it("adds latencyMs once per HTTP request", async () => {
    emu.setFaults({ latencyMs: 150 });
    const t0 = Date.now();
    await batch(
      emu,
      ["lee", "joni", "debra"].map((a, i) => inviteItem(String(i), `${a}@contoso.com`)),
    );
    const elapsed = Date.now() - t0;
    expect(elapsed).toBeGreaterThanOrEqual(145);
    expect(elapsed).toBeLessThan(420); // per item it would be 450 ms
  });
});
