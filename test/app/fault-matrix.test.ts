// Reliability under the failures Graph really has (concepts/throttling.md, concepts/errors.md): for 500 recipients,
// each fault on its own and all of them mixed, every recipient ends with exactly one outcome in the
// Permissions log, nobody is invited twice or mailed twice, no retry comes before its Retry-After, and
// every session opened is closed. Waits run on a short clock (timeScale) on both sides.
import type { GraphPort, WorkbookPort } from "../../src/core/ports";
import { runShare, type ShareSummary } from "../../src/app/share-flow";
import { systemClock } from "../../src/app/system-clock";
import type { ShareOptions } from "../../src/core/types";
import { GraphApi } from "../../src/graph/graph-api";
import { GraphHttp } from "../../src/graph/http";
import { createExcelWorkbookPort } from "../../src/office/excel-workbook";
import {
  DEMO_DRIVE_ID,
  DEMO_ITEM_ID,
  DEMO_WORKBOOK_URL,
  emailsPerRecipient,
  grantsPerRecipient,
  unclosedSessions,
  type Emulator,
  type FaultConfig,
} from "../../workbench/graph-emulator";
import { browserFetch } from "../helpers/browser-fetch";
import { useEmulator } from "../helpers/use-emulator";
import { installExcelSimulator } from "../excel-sim/install";
import type { WorkbookModel } from "../../workbench/excel-model/model";
import { logRows, newRecipients, newWorkbook, share, TIME_SCALE } from "../helpers/flow-harness";

jest.setTimeout(120_000);

const emulator = useEmulator();
let emu: Emulator;
beforeEach(() => {
  emu = emulator();
});

const N = 500;
const options: ShareOptions = { role: "write", requireSignIn: true, sendInvitation: true };
const addresses = newRecipients(N);
const keys = addresses.map((a) => a.toLowerCase());

function bigSheet(): WorkbookModel {
  const model = newWorkbook(DEMO_WORKBOOK_URL);
  model.setValues("Roster", "A1", [["Email"], ...addresses.map((a) => [a])]);
  model.select("Roster", `A1:A${N + 1}`);
  return model;
}

const scaled = (f: FaultConfig): FaultConfig => ({ seed: 11, timeScale: TIME_SCALE, ...f });

/** The guarantees of the issue, checked on the emulator's ledger and the workbook. */
function expectAccountedFor(model: WorkbookModel, summaries: ShareSummary[]) {
  // Each run's log holds exactly one row per recipient.
  for (const s of summaries) {
    const rows = logRows(model).filter((r) => r["Run ID"] === s.runId);
    expect(rows.map((r) => r["Recipient"]!.toLowerCase()).sort()).toEqual([...keys].sort());
    expect(s.granted + s.failed + s.skipped).toBe(N);
  }
  // Nobody granted twice, nobody mailed twice.
  const grants = grantsPerRecipient(emu.ledger);
  expect([...grants.values()].filter((n) => n > 1)).toEqual([]);
  expect([...emailsPerRecipient(emu.ledger).values()].filter((n) => n > 1)).toEqual([]);
  // No request came back before the Retry-After it was given.
  expect(emu.ledger.earlyRetries).toEqual([]);
  // The workbook tells the truth: whoever the log says was granted holds a permission.
  const holders = new Set(
    emu
      .permissionsOf(DEMO_DRIVE_ID, DEMO_ITEM_ID)
      .flatMap((p) => [p.invitation?.email, p.grantedToV2?.user?.email, p.grantedTo?.user.email])
      .filter((e): e is string => !!e)
      .map((e) => e.toLowerCase()),
  );
  const last = summaries[summaries.length - 1]!;
  for (const o of last.outcomes) {
    if (o.status === "granted" || (o.status === "skipped" && o.reason === "alreadyHasAccess")) {
      expect(holders.has(o.key)).toBe(true);
    }
  }
}

const faults: Array<[string, FaultConfig]> = [
  [
    "429 with Retry-After",
    { rules: [{ fault: "throttle", rate: 0.15, target: "invite", retryAfterSeconds: 2 }] },
  ],
  ["429 without Retry-After", { rules: [{ fault: "throttleNoRetryAfter", rate: 0.15, target: "invite" }] }],
  [
    "503 before execution",
    { rules: [{ fault: "unavailableBefore", rate: 0.15, target: "invite", retryAfterSeconds: 1 }] },
  ],
  ["503 after execution", { rules: [{ fault: "unavailableAfter", rate: 0.15, target: "invite" }] }],
  ["504 after execution", { rules: [{ fault: "gatewayTimeoutAfter", rate: 0.15, target: "invite" }] }],
  [
    "500 generalException after execution",
    { rules: [{ fault: "serverErrorAfter", rate: 0.15, target: "invite" }] },
  ],
  [
    "connection reset before the batch runs",
    { rules: [{ fault: "resetBefore", rate: 0.15, target: "batch" }] },
  ],
  ["connection reset after the batch ran", { rules: [{ fault: "resetAfter", rate: 0.15, target: "batch" }] }],
  [
    "whole batch throttled",
    { rules: [{ fault: "throttle", rate: 0.15, target: "batch", retryAfterSeconds: 1 }] },
  ],
  ["207: access granted, e-mail failed", { rules: [{ fault: "partialMail", rate: 0.15, target: "invite" }] }],
  [
    "permission reads throttled",
    {
      // Re-reads happen after ambiguous answers, so those are injected too.
      rules: [
        { fault: "throttle", rate: 0.5, target: "permissions", retryAfterSeconds: 1 },
        { fault: "unavailableAfter", rate: 0.15, target: "invite" },
      ],
    },
  ],
  [
    "resource-unit budget",
    {
      // A window longer than the run (600 s = 3 s here) with room for 200 invites: the budget trips
      // however fast or slow the machine is (a short window is never filled on a loaded machine).
      budget: { costPerInvite: 5, unitsPerWindow: 1000, windowSeconds: 600, retryAfterSeconds: 2, growth: 2 },
    },
  ],
  [
    "resource-unit budget announced with RateLimit headers",
    {
      budget: {
        costPerInvite: 5,
        unitsPerWindow: 250,
        windowSeconds: 10,
        retryAfterSeconds: 2,
        growth: 2,
        rateLimitHeaders: true,
      },
    },
  ],
  // Nothing documents whether invite reads Workbook-Session-Id: run both possibilities.
  [
    "workbook session idles out mid-run (Graph refuses a stale session id)",
    { sessionIdleSeconds: 10, latencyMs: 10 },
  ],
  [
    "workbook session idles out mid-run (Graph ignores the session id)",
    { sessionIdleSeconds: 10, latencyMs: 10 },
  ],
  ["token expires mid-run", { tokenLifetimeSeconds: 10, latencyMs: 10 }],
  [
    "all of them mixed",
    {
      rules: [
        { fault: "throttle", rate: 0.05, target: "invite", retryAfterSeconds: 2 },
        { fault: "throttleNoRetryAfter", rate: 0.03, target: "invite" },
        { fault: "unavailableBefore", rate: 0.03, target: "invite", retryAfterSeconds: 1 },
        { fault: "unavailableAfter", rate: 0.04, target: "invite" },
        { fault: "gatewayTimeoutAfter", rate: 0.03, target: "invite" },
        { fault: "serverErrorAfter", rate: 0.03, target: "invite" },
        { fault: "partialMail", rate: 0.03, target: "invite" },
        { fault: "resetBefore", rate: 0.05, target: "batch" },
        { fault: "resetAfter", rate: 0.05, target: "batch" },
        { fault: "throttle", rate: 0.05, target: "permissions", retryAfterSeconds: 1 },
      ],
      budget: { costPerInvite: 5, unitsPerWindow: 1500, windowSeconds: 10, retryAfterSeconds: 2, growth: 2 },
      sessionIdleSeconds: 40,
      tokenLifetimeSeconds: 60,
    },
  ],
];

describe("fault matrix: 500 recipients", () => {
  it.each(faults)("%s: every recipient accounted for, nobody invited twice", async (_name, fault) => {
    if (_name.includes("refuses a stale session"))
      emu.setBehaviour({ inviteReadsSessionHeader: "refusesStale" });
    emu.setFaults(scaled(fault));
    const model = bigSheet();
    const summary = await share(emu, model, { options });
    expectAccountedFor(model, [summary]);
    // The fault really happened during the run.
    const faulted = emu.ledger.requests.filter((r) => r.fault !== undefined || r.status === 401).length;
    const announced = fault.budget?.rateLimitHeaders === true;
    const sessionsReplaced = emu.ledger.sessions.length > 1;
    // Where Graph ignores the session id, a lapse refuses nothing: the run must simply go through it.
    const lapsed = emu.ledger.sessions.some((row) => row.expiredAt !== undefined);
    // With the budget announced, the pacer may never trip it: then the run simply must finish.
    expect(faulted > 0 || sessionsReplaced || lapsed || announced).toBe(true);
    const failures = summary.outcomes.filter((o) => o.status === "failed");
    expect(failures).toEqual([]);
    expect(summary.granted).toBeGreaterThanOrEqual(N - 5);
    expect(unclosedSessions(emu.ledger)).toEqual([]);
  });

  it("a session that idles out is replaced and the run goes on; refreshed before idling in a long run", async () => {
    // The emulator's default is that invite ignores Workbook-Session-Id (nothing documents that it reads
    // it); this test is about a Graph that refuses a stale one.
    emu.reset(undefined, { inviteReadsSessionHeader: "refusesStale" });
    emu.setFaults(scaled({ sessionIdleSeconds: 10, latencyMs: 10 }));
    const model = bigSheet();
    const summary = await share(emu, model, { options }, { tuning: { sessionRefreshMs: 120_000 } });
    expect(summary.granted).toBe(N);
    expect(emu.ledger.sessions.length).toBeGreaterThan(1);
    emu.reset();
    emu.setFaults(scaled({ sessionIdleSeconds: 300, latencyMs: 3 }));
    const model2 = bigSheet();
    const again = await share(emu, model2, { options }, { tuning: { sessionRefreshMs: 120_000 } });
    expect(again.granted).toBe(N);
    expect(emu.ledger.sessions).toHaveLength(1);
    expect(emu.ledger.requests.filter((r) => r.status >= 400 && r.path.includes("invite"))).toEqual([]);
  });

  it("a run cancelled halfway records what was not sent, and a rerun completes it with no duplicates", async () => {
    emu.setFaults(scaled({ latencyMs: 5 }));
    const model = bigSheet();
    const controller = new AbortController();
    const first = await share(
      emu,
      model,
      { options, signal: controller.signal },
      {
        events: {
          onProgress: (p) => {
            if (p.phase === "sharing" && p.granted >= N / 2) controller.abort();
          },
        },
      },
    );
    expect(first.cancelled).toBe(true);
    const cancelled = first.outcomes.filter((o) => o.status === "skipped" && o.reason === "cancelled");
    expect(cancelled.length).toBeGreaterThan(0);
    expect(first.granted + cancelled.length).toBe(N);
    expect(String(model.cell("Roster", `B${N + 1}`).value)).toBe("Cancelled: not sent");
    expect(unclosedSessions(emu.ledger)).toEqual([]);

    const second = await share(emu, model, { options });
    expect(second.granted).toBe(cancelled.length);
    expect(second.skipped).toBe(first.granted);
    expectAccountedFor(model, [first, second]);
    expect(emu.ledger.invites).toHaveLength(N);
  });

  it("a run killed halfway (answers lost, nothing more written) is completed by a rerun with no duplicates", async () => {
    emu.setFaults(scaled({ latencyMs: 2 }));
    const model = bigSheet();
    const uninstall = installExcelSimulator(model);
    let batches = 0;
    let dead = false;
    const http = new GraphHttp({ baseUrl: emu.baseUrl, getToken: async () => "dev-token" });
    const real = new GraphApi(http, { clock: systemClock, timeScale: TIME_SCALE });
    // The process "dies" after the 8th batch was carried out: its answer is lost, and from then on
    // nothing reaches Graph or the workbook (no close, no final flush).
    const graph: GraphPort = Object.assign(Object.create(real) as GraphApi, {
      inviteBatch: async (...args: Parameters<GraphPort["inviteBatch"]>) => {
        if (dead) throw new Error("process gone");
        const result = await real.inviteBatch(...args);
        if (++batches === 8) {
          dead = true;
          throw new Error("process gone");
        }
        return result;
      },
      closeSession: async (...args: Parameters<GraphPort["closeSession"]>) => {
        if (!dead) await real.closeSession(...args);
      },
    });
    const excel = createExcelWorkbookPort();
    const workbook: WorkbookPort = {
      ...excel,
      readSelection: () => excel.readSelection(),
      documentUrl: () => excel.documentUrl(),
      ensureLog: () => excel.ensureLog(),
      flush: async (u) => {
        if (!dead) await excel.flush(u);
      },
    };
    try {
      await runShare(
        { workbook, graph, clock: systemClock, tuning: { timeScale: TIME_SCALE, pacer: { maxInFlight: 1 } } },
        { options },
      );
    } finally {
      uninstall();
    }
    const grantedBeforeDeath = emu.ledger.invites.length;
    expect(grantedBeforeDeath).toBe(8 * 20);

    const rerun = await share(emu, model, { options });
    expect(rerun.skipped).toBe(grantedBeforeDeath);
    expect(rerun.granted).toBe(N - grantedBeforeDeath);
    expect(emu.ledger.invites).toHaveLength(N);
    expect([...grantsPerRecipient(emu.ledger).values()].every((n) => n === 1)).toBe(true);
    expect(logRows(model).filter((r) => r["Run ID"] === rerun.runId)).toHaveLength(N);
  });

  it("'Retry failed' sends only the rows whose status says failed, and leaves the others alone", async () => {
    emu.setFaults(scaled({ rules: [{ fault: "unavailableBefore", rate: 0.2, target: "invite" }] }));
    const model = bigSheet();
    const first = await share(
      emu,
      model,
      { options },
      { tuning: { retry: { maxAttempts: 1, maxTotalWaitMs: 0, baseDelayMs: 1, maxDelayMs: 1 } } },
    );
    const failedKeys = first.outcomes.filter((o) => o.status === "failed").map((o) => o.key);
    expect(failedKeys.length).toBeGreaterThan(20);
    expect(String(model.cell("Roster", "B2").value)).toMatch(/^(Granted|Failed)/);
    const statusesBefore = model.getValues("Roster", `B2:B${N + 1}`).map((r) => String(r[0]));

    emu.setFaults({});
    const retry = await share(emu, model, { options, only: "failed" });
    expect(retry.total).toBe(failedKeys.length);
    expect(retry.granted).toBe(failedKeys.length);
    const rows = logRows(model).filter((r) => r["Run ID"] === retry.runId && r["Status"] !== "rejected");
    expect(rows.map((r) => r["Recipient"]!.toLowerCase()).sort()).toEqual([...failedKeys].sort());
    // Rows that were granted the first time keep their status; the failed ones now say granted.
    const statusesAfter = model.getValues("Roster", `B2:B${N + 1}`).map((r) => String(r[0]));
    statusesBefore.forEach((before, i) => {
      if (before.startsWith("Granted")) expect(statusesAfter[i]).toBe(before);
      else expect(statusesAfter[i]).toMatch(/^Granted/);
    });
    expect([...grantsPerRecipient(emu.ledger).values()].every((n) => n === 1)).toBe(true);
  });
});

// ---- Real Graph where it is less friendly than the documentation (issue #12) ----------------------------
describe("fault matrix: real Graph's envelopes, 500 recipients", () => {
  it("$batch answered 424 when items are throttled: granted items count as granted, the throttled are resent", async () => {
    emu.reset(undefined, { batch424: true });
    emu.setFaults(
      scaled({ rules: [{ fault: "throttle", rate: 0.15, target: "invite", retryAfterSeconds: 1 }] }),
    );
    const model = bigSheet();
    const summary = await share(emu, model, { options });
    expectAccountedFor(model, [summary]);
    expect(emu.ledger.requests.some((r) => !r.inBatch && r.status === 424)).toBe(true);
    expect(summary.outcomes.filter((o) => o.status === "failed")).toEqual([]);
    // Nothing was guessed: every grant came from its own item, none from a second look.
    const confirmed = summary.outcomes.filter((o) => o.status === "granted" && o.confirmedAfterRetry);
    expect(confirmed).toEqual([]);
    expect(unclosedSessions(emu.ledger)).toEqual([]);
  });

  // Unconfirmed: a report says a batch item answered 429 was carried out all the same. The add-in resends a
  // 429 directly (Graph documents it as refused before execution); where Graph did carry it out, the resent
  // invite finds the permission already there: the grant is not doubled, only a second e-mail is possible.
  it("429 items that Graph carried out anyway: everyone accounted for once, no permission doubled", async () => {
    emu.reset(undefined, { throttledItemExecuted: true });
    emu.setFaults(
      scaled({ rules: [{ fault: "throttle", rate: 0.15, target: "invite", retryAfterSeconds: 1 }] }),
    );
    const model = bigSheet();
    const summary = await share(emu, model, { options });
    const rows = logRows(model).filter((r) => r["Run ID"] === summary.runId);
    expect(rows.map((r) => r["Recipient"]!.toLowerCase()).sort()).toEqual([...keys].sort());
    expect(summary.outcomes.filter((o) => o.status === "failed")).toEqual([]);
    expect(summary.granted).toBe(N);
    const throttled = emu.ledger.requests.filter((r) => r.inBatch && r.status === 429).length;
    expect(throttled).toBeGreaterThan(0);
    // The fault really happened: some people's invite was carried out twice (the 429'd one and its resend).
    expect([...grantsPerRecipient(emu.ledger).values()].some((n) => n > 1)).toBe(true);
    // One permission per person, however many invites reached Graph.
    const people = emu
      .permissionsOf(DEMO_DRIVE_ID, DEMO_ITEM_ID)
      .map((p) => (p.invitation?.email ?? p.grantedToV2?.user?.email ?? "").toLowerCase())
      .filter((e) => keys.includes(e));
    expect(people.sort()).toEqual([...keys].sort());
    expect(emu.ledger.earlyRetries).toEqual([]);
    expect(unclosedSessions(emu.ledger)).toEqual([]);
  });

  it("whole batches throttled, Retry-After hidden from the browser: waited out, nobody twice, none early", async () => {
    // browserFetch reads the emulator's answers through the browser's CORS filter: the emulator, like
    // Graph, does not expose Retry-After, so the client sees a 429 without one. Graph asks for 4 s here:
    // the client cannot know that, and must not come back sooner (the ledger's earlyRetries).
    emu.setFaults(
      scaled({ rules: [{ fault: "throttle", rate: 0.15, target: "batch", retryAfterSeconds: 4 }] }),
    );
    const model = bigSheet();
    // Watched at the Graph client's seam: when each batch of invites starts, and each throttled answer.
    const starts: number[] = [];
    const throttledAt: number[] = [];
    const wrapGraph = (real: GraphApi): GraphPort =>
      Object.assign(Object.create(real) as GraphApi, {
        inviteBatch: async (...args: Parameters<GraphPort["inviteBatch"]>) => {
          starts.push(performance.now());
          const result = await real.inviteBatch(...args);
          if (result.kind === "failed" && result.status === 429) throttledAt.push(performance.now());
          return result;
        },
      });
    const summary = await share(
      emu,
      model,
      { options },
      // No session refresh in the run, so nothing delays a batch decided before a throttle arrived.
      { fetch: browserFetch, wrapGraph, tuning: { sessionRefreshMs: 3_600_000 } },
    );
    expectAccountedFor(model, [summary]);
    // After a throttled answer nobody sends for at least the 5 s stand-in (on the test's time scale).
    const pause = 5_000 * TIME_SCALE;
    const early = throttledAt.filter((t) => starts.some((s) => s > t && s < t + pause * 0.95));
    expect(throttledAt.length).toBeGreaterThan(0);
    expect(early).toEqual([]);
    const throttled = emu.ledger.requests.filter((r) => !r.inBatch && r.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    expect(summary.outcomes.filter((o) => o.status === "failed")).toEqual([]);
    expect(unclosedSessions(emu.ledger)).toEqual([]);
  });

  it("an HTML page answered 200 to some batches: never recorded as granted unless the permission list shows it", async () => {
    emu.setFaults(scaled({ seed: 5, rules: [{ fault: "htmlOk", rate: 0.1, target: "batch" }] }));
    const model = bigSheet();
    const first = await share(emu, model, { options });
    // Each recipient one outcome, nobody twice, and whoever the log says was granted holds a permission.
    expectAccountedFor(model, [first]);
    expect(emu.ledger.requests.some((r) => r.fault === "htmlOk")).toBe(true);
    for (const o of first.outcomes.filter((x) => x.status === "failed")) {
      expect(o.status === "failed" && o.error.code).toBe("invalidResponse");
    }
    // Whatever could not be confirmed is finished by "Retry failed" once the proxy is gone.
    emu.setFaults({});
    const retry = await share(emu, model, { options, only: "failed" });
    expect(retry.failed).toBe(0);
    expect([...grantsPerRecipient(emu.ledger).values()].every((n) => n === 1)).toBe(true);
  });
});
