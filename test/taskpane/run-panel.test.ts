// The "Progress and results" card without a DOM: every text and count a person reads while a run goes
// and after it ends, in English and (for a few plural sentences) German.
import type { ShareProgress, ShareSummary } from "../../src/app/share-flow";
import { retryCounts } from "../../src/app/share-flow";
import { ShareError, type ShareErrorCode } from "../../src/core/errors";
import { parseRecipients } from "../../src/core/recipients";
import type { CellValue, GraphErrorInfo, Outcome } from "../../src/core/types";
import { setLanguage } from "../../src/taskpane/i18n";
import { failureKey } from "../../src/taskpane/panels/run";
import {
  formatEta,
  initialState,
  reduce,
  viewOf,
  type PaneEvent,
  type PaneState,
} from "../../src/taskpane/state";

afterEach(() => setLanguage("en"));

function run(state: PaneState, ...events: PaneEvent[]): PaneState {
  return events.reduce(reduce, state);
}

function selection(values: CellValue[][], besideValues?: CellValue[]) {
  return parseRecipients({
    areas: [
      { sheet: "Roster", rowIndex: 0, columnIndex: 1, values, ...(besideValues ? { besideValues } : {}) },
    ],
  });
}

const ready = (): PaneState =>
  run(initialState({ account: { state: "development" }, location: "cloud" }), {
    type: "previewLoaded",
    parsed: selection([["ann@contoso.com"]]),
    failedRows: 0,
  });

const progress = (p: Partial<ShareProgress>): ShareProgress => ({
  phase: "sharing",
  total: 40,
  granted: 0,
  failed: 0,
  skipped: 0,
  remaining: 40,
  notSent: 0,
  ...p,
});

function summary(s: Partial<ShareSummary>): ShareSummary {
  return {
    runId: "run-1",
    total: 3,
    granted: 0,
    failed: 0,
    skipped: 0,
    cancelled: false,
    dryRun: false,
    notSent: 0,
    rejected: [],
    duplicates: 0,
    outcomes: [],
    sessionUsed: true,
    logSheet: "Permissions",
    statusesSkipped: 0,
    roundTrips: 4,
    ...s,
  };
}

const sharing = (dryRun = false) => run(ready(), { type: "shareStarted", only: "all", dryRun });
const finished = (s: Partial<ShareSummary>) =>
  viewOf(run(sharing(s.dryRun), { type: "shareFinished", summary: summary(s) }));
const failed = (key: string, error: Partial<GraphErrorInfo>): Outcome => ({
  status: "failed",
  key,
  error: { status: 400, code: "invalidRequest", message: "", ...error },
});
const skipped = (key: string, reason: "cancelled" | "alreadyHasAccess" | "dryRun"): Outcome =>
  reason === "alreadyHasAccess"
    ? { status: "skipped", key, reason, permission: { id: `p-${key}`, roles: ["read"] } }
    : { status: "skipped", key, reason };
const many = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));

describe("progress while sharing", () => {
  test("the screen shows one figure; the quarters go only to the hidden live region", () => {
    const s = run(sharing(), {
      type: "shareProgress",
      progress: progress({ total: 399, granted: 15, remaining: 384 }),
    });
    const view = viewOf(s);
    expect(view.progress?.text).toBe("15 of 399 done");
    expect(view.progress?.announce).toBe("Sharing: 0% done.");
    // The visible status line does not repeat the progress in other words.
    expect(view.status.text).toBe("");
    const later = run(s, {
      type: "shareProgress",
      progress: progress({ total: 399, granted: 110, remaining: 289 }),
    });
    expect(viewOf(later).progress?.announce).toBe("Sharing: 25% done.");
    expect(viewOf(later).progress?.text).toBe("110 of 399 done");
  });

  test("a phase before sending is the progress line and the announcement", () => {
    const s = run(sharing(), { type: "shareProgress", progress: progress({ phase: "checking", total: 0 }) });
    expect(viewOf(s).progress?.text).toBe("Checking who already has access…");
    expect(viewOf(s).progress?.announce).toBe("Checking who already has access…");
  });

  test("counts: recipients not sent (after Cancel) are apart from those skipped because they had access", () => {
    const s = run(
      sharing(),
      { type: "shareProgress", progress: progress({ granted: 20, skipped: 12, notSent: 8, remaining: 0 }) },
      { type: "cancelRequested" },
    );
    const view = viewOf(s);
    expect(view.progress?.counts).toEqual({ granted: 20, failed: 0, skipped: 4, notSent: 8, remaining: 0 });
    expect(view.status.text).toMatch(/^Cancelling/);
    expect(view.cancel).toMatchObject({ visible: true, disabled: true, label: "Cancelling…" });
  });

  test("the time left reads in seconds, minutes or hours, singular or plural", () => {
    expect(formatEta(400)).toBe("about 1 second left");
    expect(formatEta(42_000)).toBe("about 42 seconds left");
    expect(formatEta(65_000)).toBe("about 1 minute left");
    expect(formatEta(150_000)).toBe("about 3 minutes left");
    expect(formatEta(3 * 3_600_000)).toBe("about 3 hours left");
    const s = run(sharing(), { type: "shareProgress", progress: progress({ etaMs: 150_000 }) });
    expect(viewOf(s).progress?.eta).toBe("about 3 minutes left");
  });

  test("while Graph throttles, the line says so and counts down instead of a time left", () => {
    const s = run(sharing(), {
      type: "shareProgress",
      progress: progress({ etaMs: 1_000, resumeInMs: 11_200 }),
    });
    expect(viewOf(s).progress?.eta).toBe("Microsoft asked us to slow down — resuming in 12 s");
    const next = run(s, { type: "shareProgress", progress: progress({ etaMs: 1_000, resumeInMs: 10_100 }) });
    expect(viewOf(next).progress?.eta).toBe("Microsoft asked us to slow down — resuming in 11 s");
    const resumed = run(next, { type: "shareProgress", progress: progress({ etaMs: 30_000 }) });
    expect(viewOf(resumed).progress?.eta).toBe("about 30 seconds left");
  });

  test("the pause after identical failures words Graph's failure as a sentence", () => {
    const s = run(sharing(), {
      type: "pauseAsked",
      info: {
        failed: 10,
        code: "invalidRequest",
        sentence: "(core)",
        message: "expirationDateTime is not supported for direct permission grants on this drive.",
      },
    });
    const view = viewOf(s);
    expect(view.pause?.text).toBe(
      "The first 10 invitations all failed: Work or school accounts don't accept an expiration date on invitations. Clear Expires, then choose Retry failed.",
    );
    expect(view.status).toEqual({
      text: "Paused: nothing more is sent until you choose Stop or Go on.",
      tone: "warning",
    });
    expect(viewOf(run(s, { type: "pauseAnswered" })).pause).toBeUndefined();
  });
});

describe("the result of a run", () => {
  test("done: granted and failed, with who already had access only when someone did", () => {
    expect(finished({ granted: 3, failed: 0 }).status).toEqual({
      text: "Done: 3 granted, 0 failed.",
      tone: "success",
    });
    const view = finished({
      granted: 2,
      failed: 1,
      skipped: 1,
      outcomes: [failed("nobody@contoso.com", {}), skipped("ann@contoso.com", "alreadyHasAccess")],
    });
    expect(view.status).toEqual({ text: "Done: 2 granted, 1 failed, 1 already had access.", tone: "error" });
    expect(view.details).toContain('Every outcome is in the "Permissions" sheet.');
    expect(view.openLog).toEqual({ visible: true, sheet: "Permissions" });
    expect(view.progress).toBeUndefined();
  });

  test("a dry run says what would happen, never that anything was merged or sent", () => {
    const view = finished({
      dryRun: true,
      skipped: 2,
      duplicates: 1,
      outcomes: [skipped("a@contoso.com", "dryRun"), skipped("b@contoso.com", "alreadyHasAccess")],
    });
    expect(view.status.text).toBe("Dry run, nothing was sent: 1 would be shared, 1 already has access.");
    expect(view.details).toContain("1 duplicate address would be merged and sent once.");
    expect(view.details.join(" ")).not.toMatch(/ was merged/);
    const plural = finished({
      dryRun: true,
      duplicates: 2,
      outcomes: many(3, (i) => skipped(`p${i}@contoso.com`, "alreadyHasAccess")),
    });
    expect(plural.status.text).toBe("Dry run, nothing was sent: 0 would be shared, 3 already have access.");
    expect(plural.details).toContain("2 duplicate addresses would be merged and sent once.");
  });

  test("every count sentence has its singular and its plural", () => {
    const one = finished({
      granted: 1,
      duplicates: 1,
      statusesSkipped: 1,
      rejected: selection([["not an address"]]).rejected,
    });
    expect(one.details).toEqual([
      "1 cell isn't an e-mail address (see the status beside it).",
      "1 duplicate address was merged and sent once.",
      "1 status was not written: the cell beside its row holds your data.",
      'Every outcome is in the "Permissions" sheet.',
    ]);
    const two = finished({
      granted: 1,
      duplicates: 2,
      statusesSkipped: 2,
      rejected: selection([["nope"], ["nix"]]).rejected,
    });
    expect(two.details).toEqual([
      "2 cells aren't e-mail addresses (see the status beside each).",
      "2 duplicate addresses were merged and sent once.",
      "2 statuses were not written: the cells beside their rows hold your data.",
      'Every outcome is in the "Permissions" sheet.',
    ]);
  });

  test("after Cancel the rest are 'not sent', not 'skipped', and the next step says how many remain", () => {
    const outcomes = [
      ...many(376, (i) => skipped(`r${i}@contoso.com`, "cancelled")),
      skipped("had@contoso.com", "alreadyHasAccess"),
    ];
    const view = finished({ granted: 22, skipped: 377, cancelled: true, outcomes });
    expect(view.status).toEqual({
      text: "Cancelled: 22 granted, 0 failed, 1 already had access, 376 not sent.",
      tone: "warning",
    });
    expect(view.status.text).not.toMatch(/skipped/);
    expect(view.details[0]).toBe(
      "376 recipients were not sent because you cancelled. Share the remaining 376 to finish.",
    );
    const single = finished({
      granted: 2,
      cancelled: true,
      outcomes: [skipped("x@contoso.com", "cancelled")],
    });
    expect(single.details[0]).toBe(
      "1 recipient was not sent because you cancelled. Share the remaining one to finish.",
    );
  });

  test("a run stopped because sign-in ended says to sign in again, then share the rest", () => {
    const view = finished({
      granted: 1,
      skipped: 2,
      notSent: 2,
      stoppedFor: "signIn",
      outcomes: [
        { status: "skipped", key: "b@contoso.com", reason: "signInNeeded" },
        { status: "skipped", key: "c@contoso.com", reason: "signInNeeded" },
      ],
    });
    expect(view.status).toEqual({
      text: "Stopped: sign in again. 1 granted, 0 failed, 2 not sent.",
      tone: "warning",
    });
    expect(view.details[0]).toBe(
      'Your sign-in ended during the run, so it stopped. Sign in again, then share the remaining 2 (marked "Not sent: sign in again").',
    );
  });

  test("German: the plural sentences of a result read in German, numbers written the German way", () => {
    setLanguage("de");
    const cancelled = finished({
      granted: 1,
      cancelled: true,
      outcomes: many(1234, (i) => skipped(`r${i}@contoso.com`, "cancelled")),
    });
    expect(cancelled.status.text).toBe("Abgebrochen: 1 erteilt, 0 fehlgeschlagen, 1.234 nicht gesendet.");
    expect(cancelled.details[0]).toBe(
      "An 1.234 Empfänger wurde nichts gesendet, weil Sie abgebrochen haben. Teilen Sie mit den verbleibenden 1.234, um abzuschließen.",
    );
    const dry = finished({
      dryRun: true,
      duplicates: 1,
      outcomes: [
        skipped("a@contoso.com", "dryRun"),
        ...many(2, (i) => skipped(`b${i}@x.com`, "alreadyHasAccess")),
      ],
    });
    expect(dry.status.text).toBe(
      "Testlauf, es wurde nichts gesendet: 1 würde geteilt, 2 haben bereits Zugriff.",
    );
    expect(dry.details[0]).toBe("1 doppelte Adresse würde zusammengeführt und einmal gesendet.");
    const group = finished({
      failed: 20,
      outcomes: many(20, (i) => failed(`p${i}@contoso.com`, { status: 403, code: "accessDenied" })),
    });
    expect(group.failures.items).toEqual([
      "20 Personen: Sie haben keine Berechtigung, diese Arbeitsmappe zu teilen. Bitten Sie den Besitzer, sie mit Bearbeitungsrechten für Sie freizugeben.",
    ]);
    expect(viewOf(sharing()).progress?.text).toBe("Die Auswahl wird gelesen…");
  });
});

describe("failures read as sentences a person can act on", () => {
  test.each([
    [
      {
        status: 400,
        code: "invalidRequest",
        message: "expirationDateTime is not supported for direct permission grants on this drive.",
      },
      "run.failure.expiryNotSupported",
    ],
    [
      { status: 400, code: "invalidRequest", message: "Account Upgrade is required for this operation." },
      "run.failure.expiryNeedsPremium",
    ],
    [
      {
        status: 403,
        code: "accessDenied",
        message: "Sharing with external users is disabled for this site.",
      },
      "run.failure.externalBlocked",
    ],
    [{ status: 403, code: "accessDenied", message: "Access denied" }, "run.failure.accessDenied"],
    [{ status: 403, code: "notAllowed", message: "Blocked by policy." }, "run.failure.notAllowed"],
    [
      { status: 404, code: "itemNotFound", message: "The resource could not be found." },
      "run.failure.itemNotFound",
    ],
    [
      { status: 429, code: "activityLimitReached", message: "The request has been throttled." },
      "run.failure.throttled",
    ],
    [
      { status: 400, code: "invalidRequest", message: "The request is malformed or incorrect." },
      "run.failure.invalidRequest",
    ],
    [{ status: 503, code: "serviceNotAvailable", message: "" }, "run.failure.unavailable"],
    [
      { status: 0, code: "notSent", message: "The run stopped before this recipient was sent." },
      "run.failure.notSent",
    ],
    [{ status: 409, code: "nameAlreadyExists", message: "Odd." }, "run.failure.unknown"],
  ])("%j → %s", (error, key) => {
    expect(failureKey(error)).toBe(key);
  });

  test("Graph's raw message is not shown; the same failure for 20 people is one line with the count", () => {
    const raw = "expirationDateTime is not supported for direct permission grants on this drive.";
    const view = finished({
      failed: 21,
      outcomes: [
        ...many(20, (i) => failed(`p${i}@contoso.com`, { message: raw })),
        failed("solo@contoso.com", {
          status: 404,
          code: "itemNotFound",
          message: "The resource could not be found.",
        }),
      ],
    });
    expect(view.failures.items).toEqual([
      "20 people: Work or school accounts don't accept an expiration date on invitations. Clear Expires, then choose Retry failed.",
      "solo@contoso.com: OneDrive or SharePoint couldn't find this workbook any more. Reopen it, then choose Retry failed.",
    ]);
    expect(view.failures.items.join(" ")).not.toContain(raw);
  });

  test.each<ShareErrorCode>(["notSignedIn", "workbookWrite", "throttled"])(
    "a run error %s reads from the catalogue by its code, in the pane's language",
    (code) => {
      const s = run(sharing(), {
        type: "shareFailed",
        error: new ShareError(code, ["code (request ID abc)"]),
      });
      expect(viewOf(s).status).toEqual({ text: new ShareError(code).message, tone: "error" });
      expect(viewOf(s).details).toEqual(["code (request ID abc)"]);
      setLanguage("de");
      expect(viewOf(s).status.text).not.toBe(new ShareError(code).message);
      expect(viewOf(s).status.text).toMatch(/Sie|Microsoft 365/);
    },
  );
});

describe("Share, Cancel and Retry failed", () => {
  const withStatuses = (values: CellValue[][], statuses: CellValue[]) => {
    const parsed = selection(values, statuses);
    return run(
      ready(),
      { type: "retryCounted", retry: retryCounts(parsed) },
      { type: "previewLoaded", parsed, failedRows: 0 },
    );
  };

  test("Retry failed counts failed recipients, not the duplicate row of one", () => {
    const s = withStatuses(
      [["ann@contoso.com"], ["bob@contoso.com"], ["ann@contoso.com"]],
      [
        "Failed: nope [invalidRequest]",
        "Granted: can view",
        "Duplicate of Roster!B1: Failed: nope [invalidRequest]",
      ],
    );
    expect(viewOf(s).retry).toMatchObject({
      visible: true,
      disabled: false,
      label: "Retry failed (1 recipient)",
    });
    const two = withStatuses(
      [["ann@contoso.com"], ["bob@contoso.com"]],
      ["Failed: nope [invalidRequest]", "Failed: nope [invalidRequest]"],
    );
    expect(viewOf(two).retry.label).toBe("Retry failed (2 recipients)");
  });

  test("after Cancel the button offers to share the remaining ones, and says so when some failed too", () => {
    const rest = withStatuses(
      [["ann@contoso.com"], ["bob@contoso.com"], ["cy@contoso.com"]],
      ["Granted: can view", "Cancelled: not sent", "Cancelled: not sent"],
    );
    expect(viewOf(rest).retry).toMatchObject({ visible: true, label: "Share the remaining 2" });
    const both = withStatuses(
      [["ann@contoso.com"], ["bob@contoso.com"], ["cy@contoso.com"]],
      ["Failed: nope [invalidRequest]", "Not sent: run stopped", "Cancelled: not sent"],
    );
    expect(viewOf(both).retry.label).toBe("Retry failed (1) and share the remaining 2");
    setLanguage("de");
    expect(viewOf(rest).retry.label).toBe("Mit den verbleibenden 2 teilen");
  });

  test("nothing to retry: no button; the Share hint counts recipients in the singular and plural", () => {
    const s = withStatuses([["ann@contoso.com"]], ["Granted: can view"]);
    expect(viewOf(s).retry.visible).toBe(false);
    expect(viewOf(s).share.hint).toBe("Shares this workbook with 1 recipient.");
    setLanguage("de");
    expect(viewOf(s).share.hint).toBe("Teilt diese Arbeitsmappe mit 1 Empfänger.");
  });
});
