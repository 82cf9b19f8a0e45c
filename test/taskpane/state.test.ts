// The pane's state and texts, without a DOM: each view state a person can meet.
import { SHARE_ERROR_MESSAGES } from "../../src/core/errors";
import { parseRecipients } from "../../src/core/recipients";
import type { CellValue } from "../../src/core/types";
import {
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

  test("the expiration date becomes the end of that day, and its note says the add-in keeps the date where business tenants refuse it", () => {
    const s = run(start(), { type: "optionsChanged", patch: { expires: "2030-06-30", message: "  " } });
    expect(shareOptionsOf(s.options)).toEqual({
      role: "read",
      requireSignIn: true,
      sendInvitation: true,
      expirationDateTime: "2030-06-30T23:59:59Z",
    });
    expect(viewOf(s).options.expiresNote).toMatch(
      /records the date in the Permissions sheet and offers Remove expired access/,
    );
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
