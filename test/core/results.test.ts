import { PERMISSION_LOG_COLUMNS } from "../../src/core/permission-log";
import {
  isWritableStatusCell,
  logRowForOutcome,
  logRowForRejection,
  rowStatusText,
  statusText,
} from "../../src/core/results";
import type { Outcome, Recipient, SelectedRow } from "../../src/core/types";

const col = (name: (typeof PERMISSION_LOG_COLUMNS)[number]) => PERMISSION_LOG_COLUMNS.indexOf(name);
const r: Recipient = {
  key: "megan@contoso.com",
  kind: "email",
  value: "megan@contoso.com",
  displayName: '=HYPERLINK("http://x","y")',
  source: { sheet: "Sheet1", row: 3, column: 1, address: "Sheet1!B4" },
  duplicates: [],
};
const ctx = { at: "2026-11-26T15:00:00.000Z", runId: "run-1" };
const granted: Outcome = {
  status: "granted",
  key: r.key,
  permission: {
    id: "p1",
    roles: ["write"],
    grantedTo: "Megan Bowen",
    grantedToId: "u1",
    invitationEmail: "megan@contoso.com",
    signInRequired: true,
  },
};

describe("log rows", () => {
  it("fills every column of a granted row, display name kept verbatim as data", () => {
    const row = logRowForOutcome(r, granted, ctx);
    expect(row).toHaveLength(PERMISSION_LOG_COLUMNS.length);
    expect(row[col("Recipient")]).toBe('=HYPERLINK("http://x","y") <megan@contoso.com>');
    expect(row[col("Status")]).toBe("granted");
    expect(row[col("Permission ID")]).toBe("p1");
    expect(row[col("Sign-in required")]).toBe("yes");
    expect(row[col("Error code")]).toBe("");
  });
  it("records a failure's Graph code, message and request id", () => {
    const row = logRowForOutcome(
      r,
      {
        status: "failed",
        key: r.key,
        error: { status: 403, code: "accessDenied", innerCode: "x", message: "No", requestId: "req-9" },
      },
      ctx,
    );
    expect(row[col("Error code")]).toBe("accessDenied/x");
    expect(row[col("Request ID")]).toBe("req-9");
  });
  it("records a rejected cell with its address and reason", () => {
    const row = logRowForRejection(
      {
        cell: r.source,
        text: "bob@",
        reason: "invalidSyntax",
        message: 'Sheet1!B4: "bob@" is not a valid e-mail address.',
      },
      ctx,
    );
    expect(row[col("Status")]).toBe("rejected");
    expect(row[col("Source cell")]).toBe("Sheet1!B4");
  });
});

describe("statuses beside rows", () => {
  const row = (keys: string[]): SelectedRow => ({
    sheet: "Sheet1",
    row: 3,
    statusCell: { sheet: "Sheet1", row: 3, column: 2, address: "Sheet1!C4" },
    statusCellValue: null,
    recipientKeys: keys,
    rejections: [],
  });
  it("says what happened in a few words", () => {
    expect(statusText(granted)).toBe("Granted: can edit");
    expect(statusText({ status: "skipped", key: "k", reason: "alreadyHasAccess" })).toBe(
      "Skipped: already has access",
    );
  });
  it("waits until every recipient of the row has an outcome", () => {
    const outcomes = new Map([[r.key, granted]]);
    expect(rowStatusText(row([r.key, "other@x.com"]), outcomes, new Map())).toBeUndefined();
    expect(rowStatusText(row([r.key]), outcomes, new Map())).toBe("Granted: can edit");
  });
  it("a row with people not sent reads 'Partly', so that Retry failed picks it up", () => {
    const outcomes = new Map<string, Outcome>([
      [r.key, granted],
      ["other@x.com", { status: "skipped", key: "other@x.com", reason: "signInNeeded" }],
    ]);
    expect(rowStatusText(row([r.key, "other@x.com"]), outcomes, new Map())).toBe(
      "Partly: 1 granted, 1 not sent",
    );
    expect(statusText({ status: "skipped", key: "k", reason: "signInNeeded" })).toBe(
      "Not sent: sign in again",
    );
    expect(isWritableStatusCell("Not sent: run stopped")).toBe(true);
  });
  it("names the first cell of a duplicate", () => {
    const outcomes = new Map([[r.key, granted]]);
    const dup = new Map([[`Sheet1\u00003\u0000${r.key}`, "Sheet1!B2"]]);
    expect(rowStatusText(row([r.key]), outcomes, dup)).toBe("Duplicate of Sheet1!B2: Granted: can edit");
  });
  it.each([
    [null, true],
    ["", true],
    ["Granted: can view", true],
    ["Failed: nope [accessDenied]", true],
    ["Share status", true],
    ["2 granted, 1 failed", true],
    ["Marketing lead", false],
    [42, false],
    [true, false],
  ])("cell %p may be overwritten: %p", (value, ok) => {
    expect(isWritableStatusCell(value as never)).toBe(ok);
  });
});
