// Which grants the Permissions log still counts to a run, and which are past their recorded expiry:
// pure, from the log's rows as text.
import { PERMISSION_LOG_COLUMNS } from "../../src/core/permission-log";
import {
  isOwnStatusText,
  NOT_VISIBLE_LABEL,
  NOT_VISIBLE_STATUS,
  rowStatusText,
} from "../../src/core/results";
import { expiredGrants, grantsOfRun, runsWithGrants } from "../../src/core/run-log";
import type { Outcome, SelectedRow } from "../../src/core/types";

type Cells = Partial<Record<(typeof PERMISSION_LOG_COLUMNS)[number], string>>;
const row = (cells: Cells) => PERMISSION_LOG_COLUMNS.map((c) => cells[c] ?? "");
const log = (...rows: Cells[]) => [[...PERMISSION_LOG_COLUMNS], ...rows.map(row)];

const grant = (runId: string, who: string, id: string, more: Cells = {}): Cells => ({
  "Run ID": runId,
  Recipient: who,
  "Permission ID": id,
  Status: "granted",
  "Shared at": "2026-12-01T10:00:00.000Z",
  ...more,
});

test("a run's grants: not the recipients it skipped, not what it failed, each person once", () => {
  const table = log(
    grant("run-a", "adele@contoso.com (Adele Vance)", "p1"),
    { ...grant("run-a", "alex@contoso.com", "p2"), Status: "skipped: already has access" },
    { ...grant("run-a", "bob@contoso.com", ""), Status: "failed" },
    { ...grant("run-a", "adele@contoso.com (Adele Vance)", "p1"), Status: NOT_VISIBLE_LABEL },
  );
  expect(grantsOfRun(table, "run-a").map((g) => [g.person, g.permissionId])).toEqual([
    ["adele@contoso.com", "p1"],
  ]);
});

test("a removal logged later ends the grant; a failed removal does not; a later run's grant takes it over", () => {
  const table = log(
    grant("run-a", "adele@contoso.com", "p1"),
    grant("run-a", "megan@contoso.com", "p2"),
    grant("run-a", "lee@fabrikam.com", "link1", { Link: "https://contoso/link" }),
    {
      Status: "revoked (undo of run run-a)",
      "Permission ID": "p1",
      "Invitation e-mail": "Adele@contoso.com",
    },
    {
      Status: "revoke failed (undo of run run-a)",
      "Permission ID": "p2",
      "Invitation e-mail": "megan@contoso.com",
    },
    grant("run-b", "lee@fabrikam.com", "link1", { Link: "https://contoso/link" }),
  );
  const a = grantsOfRun(table, "run-a");
  expect(a.map((g) => g.person)).toEqual(["megan@contoso.com"]);
  const b = grantsOfRun(table, "run-b");
  expect(b.map((g) => [g.person, g.onLink])).toEqual([["lee@fabrikam.com", true]]);
  expect(runsWithGrants(table).map((r) => [r.runId, r.grants])).toEqual([
    ["run-b", 1],
    ["run-a", 1],
  ]);
});

test("expired: only dates at or before now; 'no expiry' and SharePoint's 0001-01-01 never expire", () => {
  const table = log(
    grant("run-a", "a@contoso.com", "p1", { Expires: "2026-12-05T00:00:00.000Z" }),
    grant("run-a", "b@contoso.com", "p2", { Expires: "2026-12-20T00:00:00.000Z" }),
    grant("run-a", "c@contoso.com", "p3", { Expires: "no expiry" }),
    grant("run-a", "d@contoso.com", "p4", { Expires: "0001-01-01T00:00:00Z" }),
  );
  const now = Date.parse("2026-12-10T00:00:00Z");
  expect(expiredGrants(table, now).map((g) => g.person)).toEqual(["a@contoso.com"]);
  expect(expiredGrants(table, Date.parse("2026-12-31T00:00:00Z"))).toHaveLength(2);
});

test("the not-visible status is the add-in's own (it may be overwritten) and rows count it apart from granted", () => {
  expect(isOwnStatusText(NOT_VISIBLE_STATUS)).toBe(true);
  const permission = { id: "p", roles: ["read"] };
  const outcomes = new Map<string, Outcome>([
    ["a", { status: "granted", key: "a", permission }],
    ["b", { status: "granted", key: "b", permission, notVisible: true }],
  ]);
  const selected = {
    sheet: "Roster",
    row: 1,
    statusCell: { sheet: "Roster", row: 1, column: 1, address: "Roster!B2" },
    statusCellValue: null,
    recipientKeys: ["a", "b"],
    rejections: [],
  } satisfies SelectedRow;
  const text = rowStatusText(selected, outcomes, new Map());
  expect(text).toBe("1 granted, 1 not visible");
  expect(isOwnStatusText(text ?? "")).toBe(true);
});
