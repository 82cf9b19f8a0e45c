// The recipient check's part of the pane state: kinds fill in as answers come, stale answers are
// dropped, people outside the organisation are counted with the plain warning, and an unavailable check
// says why.
import { directoryView, reduceDirectory, type DirectoryState } from "../../src/taskpane/panels/directory";
import { setLanguage } from "../../src/taskpane/i18n";

afterEach(() => setLanguage("en"));

const shown: Array<[string, string]> = [
  ["Roster!A2", "ann@contoso.com"],
  ["Roster!A3", "kim@fabrikam.com"],
  ["Roster!A4", "new@northwind.example"],
  ["Roster!A5", "gone@contoso.com"],
];

const started = reduceDirectory({ kind: "idle" }, { type: "directoryStarted", seq: 2, total: 4, known: [] });

test("kinds fill in as answers arrive, with progress, then the counts and the external warning", () => {
  let state: DirectoryState = reduceDirectory(started, {
    type: "directoryVerdicts",
    seq: 2,
    verdicts: [
      ["ann@contoso.com", { kind: "member" }],
      ["kim@fabrikam.com", { kind: "guest" }],
    ],
  });
  let view = directoryView(state, shown);
  expect(view.line).toBe("Looking them up in the directory… 2 of 4");
  expect(view.tags["Roster!A2"]?.text).toBe("In your organisation");
  expect(view.tags["Roster!A4"]?.text).toBe("Checking…");
  state = reduceDirectory(state, {
    type: "directoryVerdicts",
    seq: 2,
    verdicts: [
      ["new@northwind.example", { kind: "newExternal" }],
      ["gone@contoso.com", { kind: "notFound", groupsUnknown: true }],
    ],
  });
  state = reduceDirectory(state, { type: "directoryFinished", seq: 2 });
  view = directoryView(state, shown);
  expect(view.line).toBe(
    "In the directory: 1 in your organisation, 1 existing guest, 1 new external person, 1 not found.",
  );
  expect(view.tags["Roster!A4"]?.text).toBe("New external: the invitation creates a guest");
  expect(view.tags["Roster!A5"]?.text).toBe("Not in the directory (or a group, which can't be checked)");
  expect(view.external).toBe(
    "2 recipients are outside your organisation. Your organisation may refuse sharing with people outside it; Graph then refuses their invitations.",
  );
});

test("answers of an earlier check are dropped", () => {
  const stale = reduceDirectory(started, {
    type: "directoryVerdicts",
    seq: 1,
    verdicts: [["ann@contoso.com", { kind: "notFound" }]],
  });
  expect(stale).toBe(started);
  expect(reduceDirectory(started, { type: "directoryUnavailable", seq: 1, why: "refused" })).toBe(started);
  expect(directoryView(stale, shown).tags["Roster!A2"]?.kind).toBe("checking");
});

test("an unavailable check says why; only a declined one offers to ask again", () => {
  const refused = reduceDirectory(started, { type: "directoryUnavailable", seq: 2, why: "refused" });
  expect(directoryView(refused, shown)).toMatchObject({
    line: "The directory check is unavailable: your organisation does not let this add-in read the directory. Sharing works as before.",
    tone: "warning",
    tags: {},
  });
  expect(directoryView(refused, shown).action).toBeUndefined();
  const declined = reduceDirectory(started, { type: "directoryUnavailable", seq: 2, why: "declined" });
  expect(directoryView(declined, shown).action).toBe("Check who they are");
  const needed = reduceDirectory(started, { type: "directoryUnavailable", seq: 2, why: "consentNeeded" });
  expect(directoryView(needed, shown).action).toBe("Check who they are");
});

test("German texts, with German plurals", () => {
  setLanguage("de");
  const state = reduceDirectory(started, {
    type: "directoryVerdicts",
    seq: 2,
    verdicts: shown.map(([, key]) => [key, { kind: "guest" }]),
  });
  const view = directoryView(reduceDirectory(state, { type: "directoryFinished", seq: 2 }), shown);
  expect(view.line).toBe("Im Verzeichnis: 4 vorhandene Gäste.");
  expect(view.tags["Roster!A3"]?.text).toBe("Vorhandener Gast");
});
