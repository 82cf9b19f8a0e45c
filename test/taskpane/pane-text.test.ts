// The pane's texts in each language, and the view states of issue #16 that are about words and
// buttons: a cut message, Remove access… and the selection, Share's hint after a run.
import type { ShareSummary } from "../../src/app/share-flow";
import type { AccessListing } from "../../src/app/manage-access";
import { KEPT_REASON } from "../../src/core/access-rows";
import { SHARE_ERROR_MESSAGES, ShareError, type ShareErrorCode } from "../../src/core/errors";
import { parseRecipients } from "../../src/core/recipients";
import { EXPIRY_IN_PAST, validateShareOptions } from "../../src/core/share-options";
import type { CellValue } from "../../src/core/types";
import { CATALOGUES, setLanguage, t } from "../../src/taskpane/i18n";
import { initialState, reduce, viewOf, type PaneEvent, type PaneState } from "../../src/taskpane/state";

afterEach(() => setLanguage("en"));

function start(overrides: Partial<Parameters<typeof initialState>[0]> = {}): PaneState {
  return initialState({ account: { state: "development" }, location: "cloud", ...overrides });
}

const run = (state: PaneState, ...events: PaneEvent[]): PaneState => events.reduce(reduce, state);

function loaded(values: CellValue[][]): PaneEvent {
  const parsed = parseRecipients({ areas: [{ sheet: "Roster", rowIndex: 0, columnIndex: 1, values }] });
  return { type: "previewLoaded", parsed, failedRows: 0 };
}

const listing: AccessListing = {
  sheet: "Current access",
  removable: 2,
  lines: [
    { id: "o", who: "Adele Vance", email: "adele@contoso.com", access: "Owner", kept: KEPT_REASON.owner },
    { id: "p1", who: "Bob", email: "bob@contoso.com", access: "Can view" },
    { id: "p2", who: "Cy", email: "cy@contoso.com", access: "Can edit" },
  ],
};

describe("a message longer than 2,000 characters", () => {
  test("keeps 2,000 and says it was cut, and by how much", () => {
    const s = run(start(), { type: "optionsChanged", patch: { message: "x".repeat(2500) } });
    expect(s.options.message).toHaveLength(2000);
    expect(viewOf(s).options.messageCutNote).toBe(
      "The message was cut to 2,000 characters: 500 characters at the end were left out.",
    );
    const one = run(start(), { type: "optionsChanged", patch: { message: "y".repeat(2001) } });
    expect(viewOf(one).options.messageCutNote).toBe(
      "The message was cut to 2,000 characters: 1 character at the end was left out.",
    );
  });

  test("the note goes once the message fits again, and other options leave it alone", () => {
    const cut = run(start(), { type: "optionsChanged", patch: { message: "x".repeat(2300) } });
    const other = run(cut, { type: "optionsChanged", patch: { role: "write" } });
    expect(viewOf(other).options.messageCutNote).toMatch(/300 characters/);
    const fits = run(other, { type: "optionsChanged", patch: { message: "x".repeat(1999) } });
    expect(viewOf(fits).options.messageCutNote).toBeUndefined();
    expect(viewOf(fits).options.messageCount).toBe("1,999 / 2,000");
  });
});

describe("Remove access… and the selection", () => {
  const listed = () => run(start(), { type: "accessListed", listing });

  test("is disabled after listing until rows of the Current access sheet are selected", () => {
    const view = viewOf(listed()).access;
    expect(view.canRevoke).toBe(false);
    expect(view.text).toBe(
      '3 permissions listed in "Current access". Select rows there, then Remove access.',
    );
    const chosen = viewOf(run(listed(), { type: "accessSelected", count: 2 })).access;
    expect(chosen.canRevoke).toBe(true);
    expect(chosen.text).toMatch(/^2 rows of "Current access" selected\./);
    const one = viewOf(run(listed(), { type: "accessSelected", count: 1 })).access;
    expect(one.text).toMatch(/^1 row of "Current access" selected\./);
    expect(viewOf(run(listed(), { type: "accessSelected", count: 0 })).access.canRevoke).toBe(false);
  });

  test("a selection read before anything is listed changes nothing", () => {
    const s = run(start(), { type: "accessSelected", count: 3 });
    expect(viewOf(s).access.canRevoke).toBe(false);
    expect(s.access).toEqual({ kind: "idle" });
  });

  test("cancelling the confirmation keeps the selection; a removal clears it and lists what is left", () => {
    const chosen = run(listed(), { type: "accessSelected", count: 1 }, { type: "revokePlanStarted" });
    expect(viewOf(chosen).access.canRevoke).toBe(false); // busy while the rows are read
    const planned = run(chosen, {
      type: "revokePlanned",
      remove: [listing.lines[1]!],
      kept: [],
      gone: 0,
    });
    expect(viewOf(run(planned, { type: "revokeDismissed" })).access.canRevoke).toBe(true);

    const left: AccessListing = { ...listing, removable: 1, lines: [listing.lines[0]!, listing.lines[2]!] };
    const done = run(
      planned,
      { type: "revokeStarted", total: 1 },
      {
        type: "revokeFinished",
        result: { removed: [listing.lines[1]!], failed: [], logSheet: "Permissions", listing: left },
      },
    );
    const view = viewOf(done).access;
    expect(view.phase).toBe("revoked");
    expect(view.canRevoke).toBe(false);
    expect(view.lines.items.map((l) => l.who)).toEqual(["Adele Vance", "Cy"]);
    expect(view.text).toBe('1 permission removed. The "Current access" sheet is up to date.');
    // A new selection on the rewritten sheet enables it again.
    expect(viewOf(run(done, { type: "accessSelected", count: 1 })).access.canRevoke).toBe(true);
  });
});

describe("Share's hint after a run", () => {
  const summary: ShareSummary = {
    runId: "run-1",
    total: 2,
    granted: 2,
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
    roundTrips: 3,
  };

  test("speaks of the next run, not the one that finished", () => {
    const ready = run(start(), loaded([["ann@contoso.com"], ["bob@contoso.com"]]));
    const before = viewOf(ready).share.hint;
    expect(before).toMatch(/2 recipients/);
    const done = run(
      ready,
      { type: "shareStarted", only: "all", dryRun: false },
      { type: "shareFinished", summary },
    );
    expect(viewOf(done).share.hint).toBe(
      "Sharing again checks the 2 recipients selected now; whoever already has access is skipped.",
    );
    const oneLeft = run(done, loaded([["ann@contoso.com"]]));
    expect(viewOf(oneLeft).share.hint).toMatch(/the 1 recipient selected now/);
  });
});

describe("the catalogue and the texts it stands for", () => {
  test("every run error reads in English exactly as src/core/errors.ts words it", () => {
    for (const code of Object.keys(SHARE_ERROR_MESSAGES) as ShareErrorCode[]) {
      expect({ code, text: CATALOGUES.en[`run.error.${code}`] }).toEqual({
        code,
        text: SHARE_ERROR_MESSAGES[code],
      });
    }
  });

  test("every reason a row of Current access is kept has its text, in English as the sheet says it", () => {
    for (const [kind, text] of Object.entries(KEPT_REASON)) {
      expect({ kind, text: CATALOGUES.en[`access.kept.${kind}`] }).toEqual({ kind, text });
    }
  });

  test("the problems the option checks find in the pane are translated", () => {
    setLanguage("de");
    const now = Date.parse("2026-12-02T12:00:00Z");
    const cases = [
      run(start({ now }), { type: "optionsChanged", patch: { requireSignIn: false, sendInvitation: false } }),
      run(start({ now }), { type: "optionsChanged", patch: { expires: "2026-12-01" } }),
    ];
    const problems = cases.flatMap((s) => viewOf(s).options.problems);
    expect(problems).toEqual([
      "Schalten Sie „Anmeldung erforderlich“ oder „Einladungs-E-Mail senden“ ein: Microsoft 365 braucht mindestens eines davon.",
      "Das Ablaufdatum liegt in der Vergangenheit. Wählen Sie ein späteres Datum oder leeren Sie das Feld.",
    ]);
    // The English texts are those of the checks themselves.
    setLanguage("en");
    expect(viewOf(cases[1]!).options.problems).toEqual([EXPIRY_IN_PAST]);
    expect(viewOf(cases[0]!).options.problems).toEqual(
      validateShareOptions({ role: "read", requireSignIn: false, sendInvitation: false }, now),
    );
  });
});

describe("the pane in German", () => {
  beforeEach(() => setLanguage("de"));

  test("the preview counts in German, singular and plural", () => {
    const s = run(
      start(),
      loaded([["Email"], ["ann@contoso.com"], ["bob@"], ["ANN@contoso.com"], ["cy@contoso.com"]]),
    );
    expect(viewOf(s).preview.summary).toBe("2 Empfänger, 1 abgelehnt, 1 Duplikat zusammengeführt.");
    expect(viewOf(s).preview.rejected.items[0]?.reason).toBe("Keine gültige E-Mail-Adresse.");
    const none = run(start(), loaded([["ann@contoso.com"], ["bob@contoso.com"]]));
    expect(viewOf(none).preview.summary).toBe("2 Empfänger, 0 abgelehnt, 0 Duplikate zusammengeführt.");
    expect(viewOf(run(start(), loaded([]))).preview.summary).toBe(
      "Wählen Sie die Zellen mit E-Mail-Adressen aus. Die Vorschau folgt Ihrer Auswahl.",
    );
  });

  test("errors, the account line, the blocker and Manage access speak German", () => {
    const failed = run(start(), { type: "accessFailed", error: new ShareError("accessDenied") });
    expect(viewOf(failed).access.text).toBe(t("run.error.accessDenied"));
    expect(viewOf(failed).access.text).toMatch(/^Sie dürfen diese Arbeitsmappe nicht freigeben/);
    expect(viewOf(start({ location: "notInCloud" })).blocker?.text).toMatch(
      /^Diese Arbeitsmappe ist noch nicht/,
    );
    expect(viewOf(start({ account: { state: "signedIn", name: "Adele Vance" } })).account.text).toBe(
      "Angemeldet als Adele Vance",
    );
    const listed = run(start(), { type: "accessListed", listing });
    expect(viewOf(listed).access.text).toBe(
      "3 Berechtigungen in „Current access“ aufgelistet. Wählen Sie dort Zeilen aus, dann „Zugriff entfernen“.",
    );
    expect(viewOf(listed).access.lines.items.map((l) => [l.access, l.kept])).toEqual([
      ["Besitzer", "Nein: Der Zugriff der Besitzerin oder des Besitzers kann nicht entfernt werden."],
      ["Kann anzeigen", undefined],
      ["Kann bearbeiten", undefined],
    ]);
    const confirming = run(
      listed,
      { type: "accessSelected", count: 2 },
      { type: "revokePlanned", remove: [listing.lines[1]!], kept: [listing.lines[0]!], gone: 1 },
    );
    expect(viewOf(confirming).confirm).toEqual({
      title: "Zugriff für 1 Berechtigung entfernen?",
      remove: ["Bob <bob@contoso.com> (Kann anzeigen)"],
      kept: ["Adele Vance: Nein: Der Zugriff der Besitzerin oder des Besitzers kann nicht entfernt werden."],
      note: "1 ausgewählte Berechtigung gibt es nicht mehr. Der Zugriff endet sofort. Jede Entfernung wird im Blatt „Permissions“ festgehalten.",
      confirmLabel: "Zugriff entfernen",
    });
  });

  test("a cut message is reported in German with German numbers", () => {
    const s = run(start(), { type: "optionsChanged", patch: { message: "x".repeat(3234) } });
    expect(viewOf(s).options.messageCutNote).toBe(
      "Die Nachricht wurde auf 2.000 Zeichen gekürzt: 1.234 Zeichen am Ende wurden weggelassen.",
    );
    expect(viewOf(s).options.messageCount).toBe("2.000 / 2.000");
  });
});
