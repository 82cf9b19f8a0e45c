// The pane's state and texts, without a DOM: each view state a person can meet.
import type { ShareProgress, ShareSummary } from "../../src/app/share-flow";
import { ShareError, SHARE_ERROR_MESSAGES } from "../../src/core/errors";
import { parseRecipients } from "../../src/core/recipients";
import type { CellValue } from "../../src/core/types";
import {
  formatEta,
  initialState,
  reduce,
  shareOptionsOf,
  viewOf,
  type PaneEvent,
  type PaneState,
} from "../../src/taskpane/state";
import { themeVariables } from "../../src/taskpane/theme";

function start(overrides: Partial<Parameters<typeof initialState>[0]> = {}): PaneState {
  return initialState({ account: { state: "development" }, location: "cloud", ...overrides });
}

function run(state: PaneState, ...events: PaneEvent[]): PaneState {
  return events.reduce(reduce, state);
}

function selection(values: CellValue[][], besideValues?: CellValue[]) {
  return parseRecipients({
    areas: [
      {
        sheet: "Roster",
        rowIndex: 0,
        columnIndex: 1,
        values,
        ...(besideValues ? { besideValues } : {}),
      },
    ],
  });
}

const progress = (p: Partial<ShareProgress>): ShareProgress => ({
  phase: "sharing",
  total: 40,
  granted: 0,
  failed: 0,
  skipped: 0,
  remaining: 40,
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

describe("preview", () => {
  test("an empty selection asks for addresses and Share stays disabled", () => {
    const view = viewOf(run(start(), { type: "previewLoaded", parsed: selection([]), failedRows: 0 }));
    expect(view.preview.summary).toMatch(/Select the cells with e-mail addresses/);
    expect(view.preview.counts).toEqual({ valid: 0, rejected: 0, duplicates: 0 });
    expect(view.share.disabled).toBe(true);
    expect(view.share.hint).toMatch(/Select cells/);
    expect(view.retry.visible).toBe(false);
  });

  test("rejects show their cell, their text and the reason; duplicates are counted", () => {
    const parsed = selection([["Email"], ["ann@contoso.com"], ["bob@"], ["ANN@contoso.com"], ["#N/A"]]);
    const view = viewOf(run(start(), { type: "previewLoaded", parsed, failedRows: 0 }));
    expect(view.preview.counts).toEqual({ valid: 1, rejected: 2, duplicates: 1 });
    expect(view.preview.summary).toBe("1 recipient, 2 rejected, 1 duplicate merged.");
    expect(view.preview.recipients.items).toEqual([{ text: "ann@contoso.com", cell: "Roster!B2" }]);
    expect(view.preview.rejected.items.map((r) => [r.cell, r.text])).toEqual([
      ["Roster!B3", "bob@"],
      ["Roster!B5", "#N/A"],
    ]);
    for (const r of view.preview.rejected.items) expect(r.reason.length).toBeGreaterThan(10);
    expect(view.share.disabled).toBe(false);
  });

  test("rows with their own Role / Message / Expires are pointed out", () => {
    const parsed = selection([
      ["Email", "Role", "Expires"],
      ["ann@contoso.com", "edit", "2030-01-31"],
      ["bob@contoso.com", "", ""],
    ]);
    const view = viewOf(run(start(), { type: "previewLoaded", parsed, failedRows: 0 }));
    expect(view.preview.recipients.items[0]?.own).toBe("Can edit, expires 2030-01-31");
    expect(view.preview.recipients.items[1]?.own).toBeUndefined();
    expect(view.preview.ownSettingsNote).toMatch(
      /^1 recipient has their own Role, Message or Expires column/,
    );
  });

  test("a long selection lists 50 and says how many more", () => {
    const parsed = selection(Array.from({ length: 70 }, (_, i) => [`user${i}@contoso.com`]));
    const view = viewOf(run(start(), { type: "previewLoaded", parsed, failedRows: 0 }));
    expect(view.preview.recipients.items).toHaveLength(50);
    expect(view.preview.recipients.more).toBe(20);
  });

  test("rows that failed last time offer Retry failed with their count", () => {
    const parsed = selection(
      [["ann@contoso.com"], ["bob@contoso.com"]],
      ["Failed: nope [x]", "Granted: can view"],
    );
    const view = viewOf(run(start(), { type: "previewLoaded", parsed, failedRows: 1 }));
    expect(view.retry).toMatchObject({ visible: true, disabled: false, label: "Retry failed (1 row)" });
  });
});

describe("options", () => {
  test("the message counter counts to 2,000 and longer text is cut there", () => {
    const s = run(start(), { type: "optionsChanged", patch: { message: "x".repeat(2500) } });
    expect(s.options.message).toHaveLength(2000);
    expect(viewOf(s).options.messageCount).toBe("2,000 / 2,000");
    expect(viewOf(s).options.messageNearLimit).toBe(true);
  });

  test("both switches off is refused before anything is sent", () => {
    const s = run(
      start(),
      { type: "previewLoaded", parsed: selection([["ann@contoso.com"]]), failedRows: 0 },
      { type: "optionsChanged", patch: { requireSignIn: false, sendInvitation: false } },
    );
    expect(viewOf(s).options.problems).toHaveLength(1);
    expect(viewOf(s).share.disabled).toBe(true);
  });

  test("the expiration date becomes the end of that day, and its note is honest about business tenants", () => {
    const s = run(start(), { type: "optionsChanged", patch: { expires: "2030-06-30", message: "  " } });
    expect(shareOptionsOf(s.options)).toEqual({
      role: "read",
      requireSignIn: true,
      sendInvitation: true,
      expirationDateTime: "2030-06-30T23:59:59Z",
    });
    expect(viewOf(s).options.expiresNote).toMatch(/sharing links only/);
  });
});

describe("expiration date", () => {
  test("a date in the past is a problem before anything is sent; today and later are fine", () => {
    const now = Date.parse("2026-12-02T05:00:00Z");
    const s = run(start({ now }), { type: "optionsChanged", patch: { expires: "2026-12-01" } });
    expect(viewOf(s).options.problems).toEqual([
      "The expiration date is in the past. Choose a later date, or clear it.",
    ]);
    expect(viewOf(s).share.disabled).toBe(true);
    const today = run(s, { type: "optionsChanged", patch: { expires: "2026-12-02" } });
    expect(viewOf(today).options.problems).toEqual([]);
    // The pane's clock moves on: yesterday's valid date becomes a problem.
    const later = run(today, { type: "clock", now: Date.parse("2026-12-03T00:00:00Z") });
    expect(viewOf(later).options.problems).toHaveLength(1);
  });
});

describe("sharing", () => {
  const ready = () =>
    run(start(), { type: "previewLoaded", parsed: selection([["ann@contoso.com"]]), failedRows: 0 });

  test("running shows counts, the time left and Cancel; the live region speaks every quarter, not every batch", () => {
    let s = run(ready(), { type: "shareStarted", only: "all", dryRun: false });
    s = run(s, {
      type: "shareProgress",
      progress: progress({ granted: 3, failed: 1, skipped: 2, remaining: 34, etaMs: 65_000 }),
    });
    const view = viewOf(s);
    expect(view.progress).toEqual({
      value: 6,
      max: 40,
      counts: { granted: 3, failed: 1, skipped: 2, remaining: 34 },
      text: "6 of 40 done",
      eta: "about 1 min left",
    });
    expect(view.cancel).toMatchObject({ visible: true, disabled: false });
    expect(view.share.disabled).toBe(true);
    expect(view.options.disabled).toBe(true);
    expect(view.status.text).toBe("Sharing: 0% done.");
    const later = run(s, { type: "shareProgress", progress: progress({ granted: 11, remaining: 29 }) });
    expect(viewOf(later).status.text).toBe("Sharing: 25% done.");
    const cancelling = run(later, { type: "cancelRequested" });
    expect(viewOf(cancelling).status.text).toMatch(/^Cancelling/);
    expect(viewOf(cancelling).cancel).toMatchObject({ disabled: true, label: "Cancelling…" });
  });

  test("finished with failures: the result line counts granted, failures are listed, the log is one click away", () => {
    const s = run(
      ready(),
      { type: "shareStarted", only: "all", dryRun: false },
      {
        type: "shareFinished",
        summary: summary({
          granted: 2,
          failed: 1,
          outcomes: [
            {
              status: "failed",
              key: "nobody@contoso.com",
              error: { status: 400, code: "invalidRequest", message: "The user doesn't exist." },
            },
          ],
          duplicates: 1,
        }),
      },
    );
    const view = viewOf(s);
    expect(view.status).toEqual({ text: "Done: 2 granted, 1 failed, 0 skipped.", tone: "error" });
    expect(view.failures.items).toEqual(["nobody@contoso.com: The user doesn't exist."]);
    expect(view.details).toContain('Every outcome is in the "Permissions" sheet.');
    expect(view.openLog).toEqual({ visible: true, sheet: "Permissions" });
    expect(view.progress).toBeUndefined();
    expect(view.cancel.visible).toBe(false);
  });

  test("a dry run says what would happen and that nothing was sent", () => {
    const s = run(ready(), { type: "optionsChanged", patch: { dryRun: true } });
    expect(viewOf(s).share.hint).toMatch(/^Dry run: .* nothing is sent/);
    const done = run(
      s,
      { type: "shareStarted", only: "all", dryRun: true },
      {
        type: "shareFinished",
        summary: summary({
          dryRun: true,
          skipped: 2,
          outcomes: [
            { status: "skipped", key: "a@contoso.com", reason: "dryRun" },
            {
              status: "skipped",
              key: "b@contoso.com",
              reason: "alreadyHasAccess",
              permission: { id: "p", roles: ["read"] },
            },
          ],
        }),
      },
    );
    expect(viewOf(done).status.text).toBe(
      "Dry run: 1 would be shared, 1 already have access, 0 granted (nothing was sent).",
    );
  });

  test("errors read as sentences; the codes stay in the details", () => {
    const s = run(
      ready(),
      { type: "shareStarted", only: "all", dryRun: false },
      {
        type: "shareFailed",
        error: new ShareError("accessDenied", ["accessDenied (request ID abc-123)"]),
      },
    );
    expect(viewOf(s).status).toEqual({ text: SHARE_ERROR_MESSAGES.accessDenied, tone: "error" });
    expect(viewOf(s).details).toEqual(["accessDenied (request ID abc-123)"]);
    const odd = run(ready(), { type: "shareFailed", error: new TypeError("x is undefined") });
    expect(viewOf(odd).status.text).toMatch(/^Something went wrong/);
    expect(viewOf(odd).status.text).not.toMatch(/TypeError/);
  });

  test("a run stopped because sign-in ended says to sign in again, then Retry failed", () => {
    const s = run(
      ready(),
      { type: "shareStarted", only: "all", dryRun: false },
      {
        type: "shareFinished",
        summary: summary({
          total: 3,
          granted: 1,
          skipped: 2,
          notSent: 2,
          stoppedFor: "signIn",
          outcomes: [
            { status: "skipped", key: "b@contoso.com", reason: "signInNeeded" },
            { status: "skipped", key: "c@contoso.com", reason: "signInNeeded" },
          ],
        }),
      },
    );
    const view = viewOf(s);
    expect(view.status).toEqual({
      text: "Stopped: sign in again. 1 granted, 0 failed, 2 not sent.",
      tone: "warning",
    });
    expect(view.details[0]).toBe(
      'Your sign-in ended during the run, so it stopped. Sign in again, then choose Retry failed to send the 2 recipients marked "Not sent: sign in again".',
    );
    expect(view.openLog.visible).toBe(true);
  });

  test("identical failures: the run asks Stop / Go on; the question goes once answered or cancelled", () => {
    let s = run(ready(), { type: "shareStarted", only: "all", dryRun: false });
    expect(viewOf(s).pause).toBeUndefined();
    s = run(s, {
      type: "pauseAsked",
      info: { failed: 10, code: "invalidRequest", sentence: "Clear the expiration date." },
    });
    const view = viewOf(s);
    expect(view.pause).toEqual({
      text: "The first 10 invitations all failed: Clear the expiration date.",
      stopLabel: "Stop",
      goOnLabel: "Go on",
    });
    expect(view.status).toEqual({
      text: "Paused: nothing more is sent until you choose Stop or Go on.",
      tone: "warning",
    });
    expect(view.cancel.visible).toBe(true);
    expect(viewOf(run(s, { type: "pauseAnswered" })).pause).toBeUndefined();
    expect(viewOf(run(s, { type: "pauseAnswered" })).status.text).not.toMatch(/^Paused/);
    expect(viewOf(run(s, { type: "cancelRequested" })).pause).toBeUndefined();
  });

  test("formatEta rounds to seconds, then minutes", () => {
    expect(formatEta(400)).toBe("about 1 s left");
    expect(formatEta(42_000)).toBe("about 42 s left");
    expect(formatEta(150_000)).toBe("about 3 min left");
  });
});

describe("where sharing can't start", () => {
  test("a workbook not in the cloud says so and nothing that needs Graph is enabled", () => {
    const s = run(start({ location: "notInCloud" }), {
      type: "previewLoaded",
      parsed: selection([["ann@contoso.com"]]),
      failedRows: 0,
    });
    const view = viewOf(s);
    expect(view.blocker?.text).toBe(SHARE_ERROR_MESSAGES.notInCloud);
    expect(view.share.disabled).toBe(true);
    expect(view.access.canList).toBe(false);
    expect(view.preview.counts.valid).toBe(1);
  });

  test("signed out: the account spot says sign-in comes with Share, and Share stays available", () => {
    const s = run(start({ account: { state: "signedOut" } }), {
      type: "previewLoaded",
      parsed: selection([["ann@contoso.com"]]),
      failedRows: 0,
    });
    expect(viewOf(s).account).toEqual({
      text: "Not signed in. You'll be asked to sign in when you share.",
      canSignOut: false,
      tone: "warning",
    });
    expect(viewOf(s).share.disabled).toBe(false);
    const signedIn = run(s, { type: "account", status: { state: "signedIn", name: "Adele Vance" } });
    expect(viewOf(signedIn).account).toMatchObject({ text: "Signed in as Adele Vance", canSignOut: true });
  });

  test("a build without sign-in says so instead of failing at Share", () => {
    const view = viewOf(start({ account: { state: "notConfigured" } }));
    expect(view.account.text).toBe("Sign-in is not configured in this build.");
    expect(view.blocker?.tone).toBe("warning");
    expect(view.share.disabled).toBe(true);
  });
});

describe("manage access", () => {
  const listing = {
    sheet: "Current access",
    removable: 1,
    lines: [
      {
        id: "o",
        who: "Adele Vance",
        email: "adele@contoso.com",
        access: "Owner",
        kept: "No: the owner's access can't be removed.",
      },
      { id: "p1", who: "Bob", email: "bob@contoso.com", access: "Can view" },
    ],
  };

  test("the confirmation names who loses access and who is kept, and why", () => {
    const s = run(
      start(),
      { type: "accessListed", listing },
      { type: "revokePlanStarted" },
      {
        type: "revokePlanned",
        remove: [listing.lines[1]!],
        kept: [listing.lines[0]!],
        gone: 0,
      },
    );
    expect(viewOf(s).confirm).toEqual({
      title: "Remove access for 1 permission?",
      remove: ["Bob <bob@contoso.com> (Can view)"],
      kept: ["Adele Vance: No: the owner's access can't be removed."],
      note: "They lose access at once. Each removal is recorded in the Permissions sheet.",
      confirmLabel: "Remove access",
    });
    const dismissed = run(s, { type: "revokeDismissed" });
    expect(viewOf(dismissed).confirm).toBeUndefined();
    expect(viewOf(dismissed).access.lines.items).toHaveLength(2);
  });

  test("nothing selected: the dialog explains what to select", () => {
    const s = run(
      start(),
      { type: "accessListed", listing },
      { type: "revokePlanned", remove: [], kept: [], gone: 0 },
    );
    expect(viewOf(s).confirm).toMatchObject({ title: "Nothing to remove", confirmLabel: "OK" });
    expect(viewOf(s).confirm?.note).toMatch(/Select rows of the "Current access" table/);
  });

  test("after removing, the result and failures are shown", () => {
    const s = run(
      start(),
      { type: "revokeStarted", total: 2 },
      { type: "revokeProgress", done: 1, total: 2 },
    );
    expect(viewOf(s).access.text).toBe("Removing access: 1 of 2 done…");
    expect(viewOf(s).share.disabled).toBe(true);
    const done = run(s, {
      type: "revokeFinished",
      result: {
        removed: [listing.lines[1]!],
        failed: [{ line: { id: "p2", who: "Cy", email: "", access: "Can edit" }, message: "Item not found" }],
        logSheet: "Permissions",
        listing,
      },
    });
    expect(viewOf(done).access.text).toBe(
      '1 permission removed, 1 failed. The "Current access" sheet is up to date.',
    );
    expect(viewOf(done).access.details).toEqual([
      "Cy: Item not found",
      'Each removal is recorded in the "Permissions" sheet.',
    ]);
  });
});

describe("theme", () => {
  test("Office's dark theme turns the dark tokens on; colours pass through as variables", () => {
    expect(themeVariables({ bodyBackgroundColor: "#262626", bodyForegroundColor: "#FFFFFF" })).toEqual({
      dark: true,
      vars: { "--office-body-bg": "#262626", "--office-body-fg": "#FFFFFF" },
    });
    expect(themeVariables({ bodyBackgroundColor: "#FFFFFF", isDarkTheme: false }).dark).toBe(false);
    expect(themeVariables({ bodyBackgroundColor: "red;background:url(x)" }).vars).toEqual({});
    expect(themeVariables(undefined)).toEqual({ dark: undefined, vars: {} });
  });
});
