import { PERMISSION_LOG_COLUMNS } from "../../src/core/permission-log";
import fc from "fast-check";
import { cellAddress } from "../../src/core/a1";
import { STATUS_COLUMN_HEADER } from "../../src/core/permission-log";
import {
  isOwnStatusText,
  isRetryStatus,
  isWritableStatusCell,
  logRowForOutcome,
  logRowForRejection,
  logRowsForRejections,
  rowStatusText,
  statusText,
} from "../../src/core/results";
import type { GraphErrorInfo, Outcome, Recipient, Rejection, SelectedRow } from "../../src/core/types";

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
    expect(row[col("Recipient")]).toBe('megan@contoso.com (=HYPERLINK("http://x","y"))');
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
  it("says why a cell was rejected without repeating the address of the row it stands beside", () => {
    const rejectedRow = (rej: Rejection): SelectedRow => ({
      sheet: rej.cell.sheet,
      row: rej.cell.row,
      statusCell: { ...rej.cell, column: 5, address: cellAddress(rej.cell.sheet, rej.cell.row, 5) },
      statusCellValue: null,
      recipientKeys: [],
      rejections: [rej],
    });
    const at = { sheet: "My Sheet", row: 6, column: 1, address: "'My Sheet'!B7" };
    const invalid = rowStatusText(
      rejectedRow({
        cell: at,
        text: "bob@",
        reason: "invalidSyntax",
        message: `'My Sheet'!B7: "bob@" is not a valid e-mail address.`,
      }),
      new Map(),
      new Map(),
    );
    expect(invalid).toBe('Rejected: "bob@" is not a valid e-mail address. [invalidSyntax]');
    const override = rowStatusText(
      rejectedRow({
        cell: at,
        text: "a@b.com",
        reason: "invalidOverride",
        message: "'My Sheet'!D7: the expiry date is in the past. Sheet1!D7 is another sheet's.",
      }),
      new Map(),
      new Map(),
    );
    expect(override).toBe(
      "Rejected: column D: the expiry date is in the past. Sheet1!D7 is another sheet's. [invalidOverride]",
    );
    for (const status of [invalid, override]) {
      expect(status).not.toContain("B7");
      expect(isOwnStatusText(status ?? "")).toBe(true);
      expect(isRetryStatus(status ?? "")).toBe(false);
    }
    // A status written by an older build, with the address, is still ours and may be overwritten.
    expect(isWritableStatusCell('Rejected: Sheet1!B4: "bob@" is not a valid e-mail address.')).toBe(true);
    expect(isWritableStatusCell("Rejected: by HR [later]")).toBe(false);
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

// ---- The grammar of the add-in's own statuses ------------------------------------------------------

const text = fc.string({ unit: "grapheme", maxLength: 400 });
const graphError: fc.Arbitrary<GraphErrorInfo> = fc.record({
  status: fc.integer({ min: 0, max: 599 }),
  code: fc.oneof(fc.constantFrom("accessDenied", "notSent", "invalidRequest", ""), text),
  message: fc.oneof(text, fc.constant("x".repeat(40_000)), fc.constant(" \n\t ")),
});
const roles = fc.array(fc.oneof(fc.constantFrom("read", "write", "owner"), text), { maxLength: 3 });
const outcome: fc.Arbitrary<Outcome> = fc.oneof(
  fc
    .record({
      status: fc.constant("granted" as const),
      key: fc.constant("k"),
      permission: fc.record({ id: fc.constant("p"), roles }),
      confirmedAfterRetry: fc.boolean(),
      warning: fc.option(graphError, { nil: undefined }),
    })
    .map((o) => {
      const out: Outcome = { status: "granted", key: o.key, permission: o.permission };
      if (o.confirmedAfterRetry) out.confirmedAfterRetry = true;
      if (o.warning) out.warning = o.warning;
      return out;
    }),
  graphError.map((error): Outcome => ({ status: "failed", key: "k", error })),
  fc
    .constantFrom(
      "alreadyHasAccess" as const,
      "cancelled" as const,
      "dryRun" as const,
      "signInNeeded" as const,
      "stopped" as const,
    )
    .map((reason): Outcome => ({ status: "skipped", key: "k", reason })),
);
const sheetName = fc.oneof(
  fc.constantFrom("Sheet1", "Roster", "My Sheet", "O'Brien's list", "Q3 2026", "A1"),
  fc.stringMatching(/^[^[\]:*?/\\']{1,31}$/),
);
const cell = fc
  .record({ sheet: sheetName, row: fc.nat(1_048_575), column: fc.nat(16_383) })
  .map(({ sheet, row, column }) => ({ sheet, row, column, address: cellAddress(sheet, row, column) }));
const rejection: fc.Arbitrary<Rejection> = fc
  .record({ cell, message: text, prefixed: fc.boolean() })
  .map(({ cell: c, message, prefixed }) => ({
    cell: c,
    text: "x",
    reason: "invalidSyntax",
    message: prefixed ? `${c.address}: ${message}` : message,
  }));

describe("the add-in's own statuses", () => {
  it("recognises every status statusText can produce", () => {
    fc.assert(
      fc.property(outcome, (o) => expect(isOwnStatusText(statusText(o))).toBe(true)),
      {
        numRuns: 2000,
      },
    );
  });

  it("reads a role named like an Object method as plain access, and still recognises the status", () => {
    for (const role of ["valueOf", "constructor", "toString", "__proto__"]) {
      const text = statusText({ status: "granted", key: "k", permission: { id: "p", roles: [role] } });
      expect(text).toBe("Granted: access");
      expect(isOwnStatusText(text)).toBe(true);
    }
  });

  it("recognises every row status: single, duplicate, rejected and counted", () => {
    const selectedRow = fc.record({
      outs: fc.array(outcome, { maxLength: 4 }),
      rejections: fc.array(rejection, { maxLength: 3 }),
      firstSeen: cell,
      duplicate: fc.boolean(),
    });
    fc.assert(
      fc.property(selectedRow, ({ outs, rejections, firstSeen, duplicate }) => {
        fc.pre(outs.length + rejections.length > 0);
        const keyed = outs.map((o, i) => ({ ...o, key: `k${i}` }) as Outcome);
        const row: SelectedRow = {
          sheet: "Sheet1",
          row: 3,
          statusCell: { sheet: "Sheet1", row: 3, column: 2, address: "Sheet1!C4" },
          statusCellValue: null,
          recipientKeys: keyed.map((o) => o.key),
          rejections,
        };
        const dups = new Map(
          duplicate ? keyed.map((o) => [`Sheet1\u00003\u0000${o.key}`, firstSeen.address] as const) : [],
        );
        const status = rowStatusText(row, new Map(keyed.map((o) => [o.key, o])), dups);
        expect(status).toBeDefined();
        expect(isOwnStatusText(status ?? "")).toBe(true);
        expect(isWritableStatusCell(status ?? "")).toBe(true);
        expect(status?.length).toBeLessThan(1000);
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    "Granted by HR",
    "Granted",
    "Granted: yes",
    "Granted: can view (per HR)",
    "Failed background check",
    "Failed",
    "Failed: see notes",
    "Failed: see notes [",
    "Cancelled contract",
    "Cancelled: not sent yet",
    "Rejected by HR",
    "Rejected: by HR",
    "Partly done",
    "Partly: done",
    "3 granted by HR",
    "2 granted, and more",
    "Skipped: already has access today",
    "Would share",
    "Duplicate of Sheet1!B2",
    "Duplicate of HR: Granted: can view",
    " Granted: can view",
    "Granted: can view ",
    "Share status (mine)",
    '="Granted: can view"',
    "=1+1",
  ])("a person's own cell %p is never taken for a status", (value) => {
    expect(isOwnStatusText(value)).toBe(false);
    expect(isWritableStatusCell(value)).toBe(false);
    expect(isRetryStatus(value)).toBe(false);
  });

  it.each([
    ["Granted: can view", true, false],
    ["Granted: can edit, owner (no e-mail sent)", true, false],
    ["Failed: Service unavailable [serviceNotAvailable]", true, true],
    ["Cancelled: not sent", true, true],
    ["Partly: 1 failed, 2 rejected", true, true],
    ["3 granted, 1 failed", true, false],
    ["Rejected: 'My Sheet'!B7: \"bob@\" is not a valid e-mail address.", true, false],
    ["Duplicate of Roster!B2: Failed: No [accessDenied]", true, false],
    [STATUS_COLUMN_HEADER, true, false],
  ])("%p is the add-in's own (%p); Retry failed picks it: %p", (value, own, retry) => {
    expect(isOwnStatusText(value)).toBe(own);
    expect(isRetryStatus(value)).toBe(retry);
  });
});

describe("a huge rejection list", () => {
  it("logs the first 1,000 rejected cells one by one and counts the rest in one row", () => {
    const rejectedAt = (i: number): Rejection => ({
      cell: { sheet: "Sheet1", row: i, column: 0, address: `Sheet1!A${i + 1}` },
      text: "bob@",
      reason: "invalidSyntax",
      message: `Sheet1!A${i + 1}: "bob@" is not a valid e-mail address.`,
    });
    const rejected: Rejection[] = new Array<Rejection>(1_000_000).fill(rejectedAt(1_000_000));
    for (let i = 0; i <= 1000; i++) rejected[i] = rejectedAt(i);
    const rows = logRowsForRejections(rejected, ctx);
    expect(rows).toHaveLength(1001);
    expect(rows[999]?.[col("Source cell")]).toBe("Sheet1!A1000");
    const last = rows[1000];
    expect(last?.[col("Status")]).toBe("rejected");
    expect(last?.[col("Error message")]).toBe(
      "\u2026and 999,000 more rejected cells, not listed one by one.",
    );
    expect(last?.[col("Source cell")]).toBe("Sheet1!A1001");
    expect(logRowsForRejections(rejected.slice(0, 1000), ctx)).toHaveLength(1000);
  });
});
