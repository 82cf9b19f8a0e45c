import { cellRef } from "../../src/core/a1";
import {
  excelSerialToIso,
  headerColumnKind,
  normalizeHeader,
  normalizeRole,
  parseExpiry,
  parseRecipients,
} from "../../src/core/recipients";
import type { CellArea, CellValue, ParsedSelection, RejectReason } from "../../src/core/types";

const SHEET = "Sheet1";

type AreaOptions = Partial<Omit<CellArea, "values">>;

function area(values: CellValue[][], options: AreaOptions = {}): CellArea {
  return { sheet: SHEET, rowIndex: 0, columnIndex: 0, ...options, values };
}

function parseArea(values: CellValue[][], options: AreaOptions = {}): ParsedSelection {
  return parseRecipients({ areas: [area(values, options)] });
}

/** One column starting at A1. */
function parseColumn(cells: CellValue[], options: AreaOptions = {}): ParsedSelection {
  return parseArea(
    cells.map((v) => [v]),
    options,
  );
}

/** One cell at A1, as a header-less selection. */
function parseCell(value: CellValue, valueType?: string): ParsedSelection {
  return parseArea([[value]], valueType === undefined ? {} : { valueTypes: [[valueType]] });
}

function summary(result: ParsedSelection): Array<{ kind: string; value: string; displayName?: string }> {
  return result.recipients.map((r) =>
    r.displayName === undefined
      ? { kind: r.kind, value: r.value }
      : { kind: r.kind, value: r.value, displayName: r.displayName },
  );
}

const email = (value: string, displayName?: string): { kind: string; value: string; displayName?: string } =>
  displayName === undefined ? { kind: "email", value } : { kind: "email", value, displayName };

describe("recipients in one cell", () => {
  test.each<[string, Array<{ kind: string; value: string; displayName?: string }>]>([
    ["jane@contoso.com", [email("jane@contoso.com")]],
    ["  Jane.Doe@Contoso.com  ", [email("Jane.Doe@Contoso.com")]],
    ["a@x.com;b@y.com", [email("a@x.com"), email("b@y.com")]],
    ["a@x.com, b@y.com", [email("a@x.com"), email("b@y.com")]],
    ["a@x.com\nb@y.com", [email("a@x.com"), email("b@y.com")]],
    ["a@x.com\r\nb@y.com", [email("a@x.com"), email("b@y.com")]],
    ["a@x.com\rb@y.com", [email("a@x.com"), email("b@y.com")]],
    ["a@x.com;;b@y.com;", [email("a@x.com"), email("b@y.com")]],
    ["; a@x.com ,, ;\n", [email("a@x.com")]],
    ['"Doe, Jane" <jane@contoso.com>', [email("jane@contoso.com", "Doe, Jane")]],
    ["Jane Doe <jane@contoso.com>", [email("jane@contoso.com", "Jane Doe")]],
    ["<jane@contoso.com>", [email("jane@contoso.com")]],
    ['"" <jane@contoso.com>', [email("jane@contoso.com")]],
    ['"Jane \\"JD\\" Doe" <jane@contoso.com>', [email("jane@contoso.com", 'Jane "JD" Doe')]],
    [
      '"Doe, Jane" <jane@contoso.com>; "Smith, Bob" <bob@contoso.com>',
      [email("jane@contoso.com", "Doe, Jane"), email("bob@contoso.com", "Smith, Bob")],
    ],
    ["mailto:jane@contoso.com", [email("jane@contoso.com")]],
    ["MailTo:jane@contoso.com?subject=Budget&body=hi", [email("jane@contoso.com")]],
    ["mailto:jane%2Bbudget@contoso.com", [email("jane+budget@contoso.com")]],
    ["mailto:jane@contoso.com#top", [email("jane@contoso.com")]],
    ["Jane Doe <mailto:jane@contoso.com>", [email("jane@contoso.com", "Jane Doe")]],
    ["\u200Bjane@contoso.com\u200B", [email("jane@contoso.com")]],
    ["\u200Fjane@contoso.com", [email("jane@contoso.com")]],
    ["info@почта.рф", [email("info@почта.рф")]],
    // Names are data: kept verbatim, never evaluated.
    ['=HYPERLINK("http://x","y") <a@x.com>', [email("a@x.com", '=HYPERLINK("http://x","y")')]],
    [
      "0f8fad5b-d9cb-469f-a165-70867728950e",
      [{ kind: "objectId", value: "0f8fad5b-d9cb-469f-a165-70867728950e" }],
    ],
    [
      "{0F8FAD5B-D9CB-469F-A165-70867728950E}",
      [{ kind: "objectId", value: "0f8fad5b-d9cb-469f-a165-70867728950e" }],
    ],
    [
      "Jane <0F8FAD5B-D9CB-469F-A165-70867728950E>",
      [{ kind: "objectId", value: "0f8fad5b-d9cb-469f-a165-70867728950e", displayName: "Jane" }],
    ],
  ])("%j", (text, expected) => {
    const result = parseCell(text);
    expect(result.rejected).toEqual([]);
    expect(summary(result)).toEqual(expected);
    expect(result.recipients.every((r) => r.source.address === "Sheet1!A1")).toBe(true);
  });
});

describe("cells that are not recipients", () => {
  test.each<[string, CellValue, string | undefined, RejectReason, string]>([
    ["a number", 42, "Double", "number", "Sheet1!A1: holds the number 42, not an e-mail address."],
    ["a fraction", 1.5, undefined, "number", "Sheet1!A1: holds the number 1.5, not an e-mail address."],
    ["TRUE", true, "Boolean", "boolean", "Sheet1!A1: holds the value TRUE, not an e-mail address."],
    ["FALSE", false, undefined, "boolean", "Sheet1!A1: holds the value FALSE, not an e-mail address."],
    [
      "an error by value type",
      "#N/A",
      "Error",
      "errorValue",
      "Sheet1!A1: holds the error value #N/A, not an e-mail address.",
    ],
    [
      "an error by value type only",
      "#SOMETHING_NEW!",
      "Error",
      "errorValue",
      "Sheet1!A1: holds the error value #SOMETHING_NEW!, not an e-mail address.",
    ],
    [
      "an error as text",
      "#DIV/0!",
      undefined,
      "errorValue",
      "Sheet1!A1: holds the error value #DIV/0!, not an e-mail address.",
    ],
    [
      "a bad address",
      "john.doe@",
      undefined,
      "invalidSyntax",
      'Sheet1!A1: "john.doe@" is not a valid e-mail address. Nothing follows the @.',
    ],
    ["separators only", ";;,", undefined, "invalidSyntax", 'Sheet1!A1: ";;," holds no e-mail address.'],
    [
      "a zero-width space only",
      "\u200B",
      undefined,
      "invalidSyntax",
      'Sheet1!A1: "[U+200B]" holds no e-mail address.',
    ],
  ])("%s", (_label, value, valueType, reason, message) => {
    const result = parseCell(value, valueType);
    expect(result.recipients).toEqual([]);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]).toMatchObject({ cell: cellRef(SHEET, 0, 0), reason, message });
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]?.rejections).toEqual(result.rejected);
  });

  test.each([
    "#N/A",
    "#VALUE!",
    "#REF!",
    "#DIV/0!",
    "#NUM!",
    "#NAME?",
    "#NULL!",
    "#SPILL!",
    "#CALC!",
    "#GETTING_DATA",
    "#BUSY!",
    "#FIELD!",
    "#BLOCKED!",
    "#CONNECT!",
    "#UNKNOWN!",
  ])("error text %s is an error value", (text) => {
    expect(parseCell(text).rejected.map((r) => r.reason)).toEqual(["errorValue"]);
  });

  test.each<[string, CellValue]>([
    ["null", null],
    ["empty", ""],
    ["spaces", "   "],
    ["tabs and line breaks", "\t\r\n "],
  ])("a %s cell is ignored and is not a row", (_label, value) => {
    expect(parseColumn([value, "a@x.com"])).toMatchObject({
      rejected: [],
      rows: [{ row: 1 }],
      recipients: [{ key: "a@x.com" }],
    });
  });

  test("a cell over 8,000 characters is one tooLong rejection", () => {
    const huge = "jane@contoso.com; ".repeat(500); // 9,000 characters of valid addresses
    const result = parseCell(huge);
    expect(result.recipients).toEqual([]);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]?.reason).toBe("tooLong");
    expect(result.rejected[0]?.message).toBe(
      "Sheet1!A1: holds 9,000 characters, more than the 8,000 a list of e-mail addresses may have.",
    );
    expect(result.rejected[0]?.text.length).toBeLessThanOrEqual(80);
  });

  test("a cell of exactly 8,000 characters is still read", () => {
    const cell = `a@x.com;${" ".repeat(8000 - 8)}`;
    expect(cell).toHaveLength(8000);
    expect(parseCell(cell).recipients.map((r) => r.key)).toEqual(["a@x.com"]);
  });

  test("an address over 254 characters is tooLong, and its neighbours still count", () => {
    const long = `${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(58)}.com`;
    const result = parseCell(`ok@x.com; ${long}`);
    expect(result.recipients.map((r) => r.key)).toEqual(["ok@x.com"]);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]?.reason).toBe("tooLong");
    expect(result.rejected[0]?.message).toMatch(
      /^Sheet1!A1: "a{64}@b{14}…" is too long to be an e-mail address\. It has 255 characters/,
    );
    expect(result.rejected[0]?.text.length).toBe(80);
  });

  test("each bad part of a cell is its own rejection, the good parts are recipients", () => {
    const result = parseCell("a@x.com; john.doe@; Jane Doe jane@contoso.com; b@y.com");
    expect(result.recipients.map((r) => r.key)).toEqual(["a@x.com", "b@y.com"]);
    expect(result.rejected.map((r) => r.text)).toEqual(["john.doe@", "Jane Doe jane@contoso.com"]);
    expect(result.rejected[1]?.message).toContain("Jane Doe <jane@contoso.com>");
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]?.recipientKeys).toEqual(["a@x.com", "b@y.com"]);
    expect(result.rows[0]?.rejections).toHaveLength(2);
  });

  test("rejection messages name the cell where it is", () => {
    const result = parseArea(
      [
        [null, null],
        [null, "nope"],
      ],
      { sheet: "My Sheet", rowIndex: 5, columnIndex: 2 },
    );
    expect(result.rejected[0]?.message).toBe(
      `'My Sheet'!D7: "nope" is not a valid e-mail address. It has no @.`,
    );
  });
});

describe("hostile cell contents are data", () => {
  test("a formula string is not evaluated and is rejected as text", () => {
    const result = parseCell('=HYPERLINK("http://evil.example","Click")');
    expect(result.recipients).toEqual([]);
    expect(result.rejected.every((r) => r.reason === "invalidSyntax")).toBe(true);
  });

  test("HTML is rejected and quoted verbatim, not interpreted", () => {
    const result = parseCell("<img src=x onerror=alert(1)>");
    expect(result.recipients).toEqual([]);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]?.text).toBe("<img src=x onerror=alert(1)>");
    expect(result.rejected[0]?.message).toContain("img src=x onerror=alert(1)");
  });

  test("a right-to-left override inside an address is rejected and made visible", () => {
    const result = parseCell("moc.osotnoc@\u202Eenaj");
    expect(result.recipients).toEqual([]);
    expect(result.rejected[0]?.text).toBe("moc.osotnoc@[U+202E]enaj");
    expect(result.rejected[0]?.message).toContain("invisible character");
  });

  test("a zero-width joiner inside an address is rejected", () => {
    const result = parseCell("ja\u200Dne@contoso.com");
    expect(result.recipients).toEqual([]);
    expect(result.rejected[0]?.text).toBe("ja[U+200D]ne@contoso.com");
  });

  test("a 100,000-character string is one short rejection", () => {
    const result = parseCell(`${'<"('.repeat(33_333)}x`);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]?.reason).toBe("tooLong");
    expect(result.rejected[0]?.text.length).toBeLessThanOrEqual(80);
    expect(result.rejected[0]?.message).toContain("100,000 characters");
  });

  test("unbalanced quotes and brackets do not swallow the next address", () => {
    const result = parseCell('"Doe, Jane <jane@contoso.com>; bob@contoso.com');
    expect(result.recipients.map((r) => r.key)).toContain("bob@contoso.com");
  });

  test("control characters in a rejected text are shown, not passed through", () => {
    const result = parseCell("a\u0007b");
    expect(result.rejected[0]?.text).toBe("a[U+0007]b");
  });
});

describe("header row", () => {
  test.each([
    "Email",
    "E-mail",
    "e-mail address:",
    "EMAILS",
    "Mail",
    "Mail address",
    "Recipient(s)",
    "Recipients:",
    "Address",
    "Addresses",
    "To",
    "UPN",
    "User Principal Name",
    "user_principal_name",
    "Object ID",
    "User",
    "Users",
    "Share with",
  ])("%j marks the recipient column", (title) => {
    const result = parseArea([
      ["Name", title],
      ["Jane", "jane@contoso.com"],
    ]);
    expect(result.headers).toEqual([
      {
        sheet: SHEET,
        row: 0,
        recipientColumn: 1,
        statusCell: cellRef(SHEET, 0, 2),
        statusCellValue: null,
      },
    ]);
    expect(result.recipients.map((r) => r.key)).toEqual(["jane@contoso.com"]);
    expect(result.rejected).toEqual([]);
    expect(result.rows.map((r) => r.row)).toEqual([1]);
  });

  test("only the recipient column is read; names and other columns are ignored", () => {
    const result = parseArea([
      ["Name", "Email", "Department", "Share status"],
      ["Jane", "jane@contoso.com", "Sales", "Granted"],
      ["Bob", "not an address", "bob@contoso.com", null],
    ]);
    expect(result.recipients.map((r) => r.key)).toEqual(["jane@contoso.com"]);
    expect(result.rejected.map((r) => r.cell.address)).toEqual(["Sheet1!B3"]);
  });

  test("the first recipient-like header cell picks the column", () => {
    const result = parseArea([
      ["User", "Email"],
      ["a@x.com", "b@y.com"],
    ]);
    expect(result.headers[0]?.recipientColumn).toBe(0);
    expect(result.recipients.map((r) => r.key)).toEqual(["a@x.com"]);
  });

  test("a row holding an address is not a header, even with a header word", () => {
    const result = parseArea([
      ["To", "a@x.com"],
      ["b@y.com", null],
    ]);
    expect(result.headers).toEqual([]);
    expect(result.recipients.map((r) => r.key)).toEqual(["a@x.com", "b@y.com"]);
    expect(result.rejected.map((r) => [r.cell.address, r.text])).toEqual([["Sheet1!A1", "To"]]);
  });

  test("a row of words that are not header words is data", () => {
    const result = parseArea([
      ["Name", "Role"],
      ["Jane", "jane@contoso.com"],
    ]);
    expect(result.headers).toEqual([]);
    expect(result.rejected.map((r) => r.text)).toEqual(["Name", "Role", "Jane"]);
  });

  test("without a header every cell is a candidate", () => {
    const result = parseArea([
      ["a@x.com", "b@y.com"],
      [null, "c@z.com"],
    ]);
    expect(result.recipients.map((r) => r.source.address)).toEqual(["Sheet1!A1", "Sheet1!B1", "Sheet1!B2"]);
  });

  test("the first visible row is the header when rows above it are hidden", () => {
    const result = parseColumn(["old@x.com", "Email", "jane@contoso.com"], {
      hiddenRows: [true, false, false],
    });
    expect(result.headers.map((h) => h.row)).toEqual([1]);
    expect(result.recipients.map((r) => r.key)).toEqual(["jane@contoso.com"]);
  });

  test("a header lower down is not a header", () => {
    const result = parseColumn(["jane@contoso.com", "Email"]);
    expect(result.headers).toEqual([]);
    expect(result.rejected.map((r) => r.text)).toEqual(["Email"]);
  });

  test("the header's status cell and its current value are recorded", () => {
    const result = parseColumn(["Email", "a@x.com"], {
      rowIndex: 3,
      columnIndex: 1,
      besideValues: ["Share status", "Granted"],
    });
    expect(result.headers).toEqual([
      {
        sheet: SHEET,
        row: 3,
        recipientColumn: 1,
        statusCell: cellRef(SHEET, 3, 2),
        statusCellValue: "Share status",
      },
    ]);
  });

  test("a header and nothing else gives no rows", () => {
    const result = parseColumn(["Email", null, "  "]);
    expect(result.headers).toHaveLength(1);
    expect(result.rows).toEqual([]);
  });

  test("a data row whose recipient cell is blank is not a row", () => {
    const result = parseArea([
      ["Email", "Role"],
      [null, "Can edit"],
      ["a@x.com", null],
    ]);
    expect(result.rows.map((r) => r.row)).toEqual([2]);
  });

  test.each<[string, string | undefined]>([
    ["Email", "recipient"],
    ["  E-Mail Address (s) : ", "recipient"],
    ["Role", "role"],
    ["Access", "role"],
    ["Permission(s)", "role"],
    ["Message", "message"],
    ["Note", "message"],
    ["Invitation message", "message"],
    ["Expires", "expires"],
    ["Expiry", "expires"],
    ["Expiration date", "expires"],
    ["expirationDateTime", "expires"],
    ["Share status", "status"],
    ["Name", undefined],
    ["Email me", undefined],
    ["x".repeat(1000), undefined],
  ])("header %j is %s", (text, kind) => {
    expect(headerColumnKind(text)).toBe(kind);
  });

  test("normalizeHeader drops case, spaces, hyphens, underscores, trailing ':' and '(s)'", () => {
    expect(normalizeHeader(" Share_With (s): ")).toBe("sharewith");
  });
});

describe("per-row settings", () => {
  function withSettings(rows: CellValue[][]): ParsedSelection {
    return parseArea([["Email", "Role", "Message", "Expires"], ...rows]);
  }

  test.each<[string, "read" | "write"]>([
    ["read", "read"],
    ["View", "read"],
    ["viewer", "read"],
    ["Reader", "read"],
    ["Can view", "read"],
    ["Read-only", "read"],
    [" can  VIEW ", "read"],
    ["write", "write"],
    ["Edit", "write"],
    ["editor", "write"],
    ["Can edit", "write"],
    ["Contributor", "write"],
  ])("role %j → %s", (text, role) => {
    expect(normalizeRole(text)).toBe(role);
    expect(withSettings([["a@x.com", text, null, null]]).recipients[0]?.overrides).toEqual({ role });
  });

  test("blank settings give no overrides", () => {
    const [recipient] = withSettings([["a@x.com", " ", "", null]]).recipients;
    expect(recipient).toBeDefined();
    expect(recipient && "overrides" in recipient).toBe(false);
  });

  test("message and expiry are read from their columns", () => {
    const result = withSettings([
      ["a@x.com", "Can edit", "  Budget review  ", "2026-12-31"],
      ["b@y.com", null, 'Say "hi" =1+1', 46022],
      ["c@z.com", null, null, "2026-06-30T17:30:00+02:00"],
      ["d@w.com", null, 42, "2026-06-30 08:00"],
    ]);
    expect(result.recipients.map((r) => r.overrides)).toEqual([
      { role: "write", message: "Budget review", expirationDateTime: "2026-12-31T00:00:00Z" },
      { message: 'Say "hi" =1+1', expirationDateTime: "2025-12-31T00:00:00Z" },
      { expirationDateTime: "2026-06-30T15:30:00Z" },
      { message: "42", expirationDateTime: "2026-06-30T08:00:00Z" },
    ]);
  });

  test("an unknown role rejects every recipient of the row, naming the role cell", () => {
    const result = parseArea([
      ["Email", "Name", "Role"],
      ["a@x.com; b@y.com", "Jane", "owner-ish"],
      ["c@z.com", "Bob", "read"],
    ]);
    expect(result.recipients.map((r) => r.key)).toEqual(["c@z.com"]);
    expect(result.rejected).toEqual([
      {
        cell: cellRef(SHEET, 1, 0),
        text: "a@x.com",
        reason: "invalidOverride",
        message: 'Sheet1!C2: role "owner-ish" is not Can view or Can edit.',
      },
      {
        cell: cellRef(SHEET, 1, 0),
        text: "b@y.com",
        reason: "invalidOverride",
        message: 'Sheet1!C2: role "owner-ish" is not Can view or Can edit.',
      },
    ]);
    expect(result.rows[0]).toMatchObject({ row: 1, recipientKeys: [], rejections: result.rejected });
  });

  test.each<[string, CellValue, string | undefined, string]>([
    ["a numeric role", 3, undefined, 'Sheet1!B2: role "3" is not Can view or Can edit.'],
    ["a boolean role", true, undefined, 'Sheet1!B2: role "TRUE" is not Can view or Can edit.'],
    ["an error in the role", "#REF!", "Error", "Sheet1!B2: the role holds the error value #REF!."],
  ])("%s is an invalid override", (_label, role, type, message) => {
    const result = parseArea(
      [
        ["Email", "Role"],
        ["a@x.com", role],
      ],
      type === undefined
        ? {}
        : {
            valueTypes: [
              ["String", "String"],
              ["String", type],
            ],
          },
    );
    expect(result.recipients).toEqual([]);
    expect(result.rejected.map((r) => [r.reason, r.message])).toEqual([["invalidOverride", message]]);
  });

  test("a message over 2,000 characters is an invalid override", () => {
    const result = withSettings([["a@x.com", null, "m".repeat(2001), null]]);
    expect(result.recipients).toEqual([]);
    expect(result.rejected[0]?.message).toBe(
      "Sheet1!C2: the message has 2,001 characters; at most 2,000 are allowed.",
    );
    expect(withSettings([["a@x.com", null, "m".repeat(2000), null]]).recipients).toHaveLength(1);
  });

  test.each<[CellValue]>([
    ["31/12/2026"],
    ["2026-02-30"],
    ["2026-13-01"],
    ["tomorrow"],
    [true],
    [-5],
    ["2026-12-31T25:00"],
  ])("expiry %j is an invalid override", (expires) => {
    const result = withSettings([["a@x.com", null, null, expires]]);
    expect(result.recipients).toEqual([]);
    expect(result.rejected[0]?.reason).toBe("invalidOverride");
    expect(result.rejected[0]?.message).toMatch(
      /^Sheet1!D2: expiry ".*" is not a date; write a date such as 2026-12-31\.$/,
    );
  });

  test("several bad settings are all named", () => {
    const result = withSettings([["a@x.com", "boss", null, "soon"]]);
    expect(result.rejected[0]?.message).toBe(
      'Sheet1!B2: role "boss" is not Can view or Can edit. Sheet1!D2: expiry "soon" is not a date; write a date such as 2026-12-31.',
    );
  });

  test("a bad address in a row with a bad role keeps its own reason", () => {
    const result = withSettings([["john.doe@", "boss", null, null]]);
    expect(result.rejected.map((r) => r.reason)).toEqual(["invalidSyntax"]);
  });

  test("settings attach to the first occurrence only", () => {
    const result = withSettings([
      ["a@x.com", "read", null, null],
      ["A@X.COM", "write", "later", null],
    ]);
    expect(result.recipients).toHaveLength(1);
    expect(result.recipients[0]?.overrides).toEqual({ role: "read" });
    expect(result.duplicates.map((d) => d.cell.address)).toEqual(["Sheet1!A3"]);
  });

  test("a recipient first seen in a row with a bad role is taken from its next valid row", () => {
    const result = withSettings([
      ["a@x.com", "boss", null, null],
      ["a@x.com", "edit", null, null],
    ]);
    expect(result.recipients.map((r) => [r.source.address, r.overrides])).toEqual([
      ["Sheet1!A3", { role: "write" }],
    ]);
    expect(result.duplicates).toEqual([]);
  });

  test("without a header, role words are just rejected cells", () => {
    const result = parseArea([["a@x.com", "Can edit"]]);
    expect(result.recipients[0]?.overrides).toBeUndefined();
    expect(result.rejected.map((r) => r.text)).toEqual(["Can edit"]);
  });
});

describe("expiry values", () => {
  test.each<[number, string | undefined]>([
    [46022, "2025-12-31T00:00:00Z"],
    [46022.5, "2025-12-31T12:00:00Z"],
    [61, "1900-03-01T00:00:00Z"],
    [2958465, "9999-12-31T00:00:00Z"],
    [60, undefined],
    [2958466, undefined],
    [Number.NaN, undefined],
    [Number.POSITIVE_INFINITY, undefined],
  ])("serial %d → %s", (serial, iso) => {
    expect(excelSerialToIso(serial)).toBe(iso);
  });

  test.each<[string, string | undefined]>([
    ["2026-12-31", "2026-12-31T00:00:00Z"],
    [" 2026-12-31 ", "2026-12-31T00:00:00Z"],
    ["2028-02-29", "2028-02-29T00:00:00Z"],
    ["2027-02-29", undefined],
    ["2026-12-31T23:59:59Z", "2026-12-31T23:59:59Z"],
    ["2026-12-31T23:59:59.999z", "2026-12-31T23:59:59Z"],
    ["2026-12-31T01:00-0130", "2026-12-31T02:30:00Z"],
    ["2026-12-31T01:00+15:00", undefined],
    ["1899-12-31", undefined],
    ["2026-1-1", undefined],
    ["", undefined],
  ])("%j → %s", (text, iso) => {
    expect(parseExpiry(text)).toBe(iso);
  });
});

describe("hidden rows", () => {
  test("hidden rows give no recipients, no rejections and no rows", () => {
    const result = parseColumn(["a@x.com", "hidden@x.com", "bad", "b@y.com"], {
      hiddenRows: [false, true, true, false],
    });
    expect(result.recipients.map((r) => r.key)).toEqual(["a@x.com", "b@y.com"]);
    expect(result.rejected).toEqual([]);
    expect(result.rows.map((r) => r.row)).toEqual([0, 3]);
  });

  test("a hidden duplicate does not count as a duplicate", () => {
    const result = parseColumn(["a@x.com", "A@x.com"], { hiddenRows: [false, true] });
    expect(result.duplicates).toEqual([]);
  });
});

describe("rows and status cells", () => {
  test("each row's status cell is right of its area, with the value it held", () => {
    const result = parseArea(
      [
        ["a@x.com", null],
        [null, null],
        [null, "b@y.com; bad"],
      ],
      { rowIndex: 9, columnIndex: 3, besideValues: ["Granted", "x", null] },
    );
    expect(result.rows).toEqual([
      {
        sheet: SHEET,
        row: 9,
        statusCell: cellRef(SHEET, 9, 5),
        statusCellValue: "Granted",
        recipientKeys: ["a@x.com"],
        rejections: [],
      },
      {
        sheet: SHEET,
        row: 11,
        statusCell: cellRef(SHEET, 11, 5),
        statusCellValue: null,
        recipientKeys: ["b@y.com"],
        rejections: [result.rejected[0]],
      },
    ]);
  });

  test("besideValues shorter than the area give null", () => {
    const result = parseColumn(["a@x.com", "b@y.com"], { besideValues: ["s"] });
    expect(result.rows.map((r) => r.statusCellValue)).toEqual(["s", null]);
  });

  test("a row lists duplicate keys too, each key once", () => {
    const result = parseColumn(["a@x.com", "A@X.com; a@x.com; b@y.com"]);
    expect(result.rows.map((r) => r.recipientKeys)).toEqual([["a@x.com"], ["a@x.com", "b@y.com"]]);
  });
});

describe("duplicates", () => {
  test("the first occurrence is the recipient; later ones, in any case, are duplicates", () => {
    const result = parseColumn(["Jane@Contoso.com", "jane@contoso.com", "JANE@CONTOSO.COM"]);
    expect(result.recipients).toHaveLength(1);
    expect(result.recipients[0]).toMatchObject({
      key: "jane@contoso.com",
      value: "Jane@Contoso.com",
      source: cellRef(SHEET, 0, 0),
      duplicates: [cellRef(SHEET, 1, 0), cellRef(SHEET, 2, 0)],
    });
    expect(result.duplicates).toEqual([
      { cell: cellRef(SHEET, 1, 0), key: "jane@contoso.com", firstSeen: cellRef(SHEET, 0, 0) },
      { cell: cellRef(SHEET, 2, 0), key: "jane@contoso.com", firstSeen: cellRef(SHEET, 0, 0) },
    ]);
  });

  test("an address repeated in the same cell is a duplicate of that cell", () => {
    const result = parseCell("a@x.com; A@X.COM");
    expect(result.recipients).toHaveLength(1);
    expect(result.duplicates).toEqual([
      { cell: cellRef(SHEET, 0, 0), key: "a@x.com", firstSeen: cellRef(SHEET, 0, 0) },
    ]);
  });

  test("object ids with and without braces are the same recipient", () => {
    const result = parseColumn([
      "0f8fad5b-d9cb-469f-a165-70867728950e",
      "{0F8FAD5B-D9CB-469F-A165-70867728950E}",
    ]);
    expect(result.recipients).toHaveLength(1);
    expect(result.duplicates).toHaveLength(1);
  });

  test("the display name comes from the first occurrence", () => {
    const result = parseColumn(["a@x.com", "Alice <a@x.com>"]);
    expect(result.recipients[0]?.displayName).toBeUndefined();
  });
});

describe("several areas", () => {
  test("areas are read in order, and duplicates are found across areas and sheets", () => {
    const result = parseRecipients({
      areas: [
        area([["Email"], ["jane@contoso.com"], ["bob@contoso.com"]], { columnIndex: 1 }),
        area([["JANE@CONTOSO.COM"], ["amy@contoso.com"]], { sheet: "Other", rowIndex: 20 }),
      ],
    });
    expect(result.recipients.map((r) => [r.key, r.source.address])).toEqual([
      ["jane@contoso.com", "Sheet1!B2"],
      ["bob@contoso.com", "Sheet1!B3"],
      ["amy@contoso.com", "Other!A22"],
    ]);
    expect(result.duplicates).toEqual([
      { cell: cellRef("Other", 20, 0), key: "jane@contoso.com", firstSeen: cellRef(SHEET, 1, 1) },
    ]);
    expect(result.headers.map((h) => [h.sheet, h.row])).toEqual([[SHEET, 0]]);
    expect(result.rows.map((r) => `${r.sheet}:${r.row}`)).toEqual([
      "Sheet1:1",
      "Sheet1:2",
      "Other:20",
      "Other:21",
    ]);
  });

  test("each area decides about its own header", () => {
    const result = parseRecipients({
      areas: [area([["a@x.com"]]), area([["To"], ["b@y.com"]], { rowIndex: 5 })],
    });
    expect(result.headers.map((h) => h.row)).toEqual([5]);
    expect(result.rejected).toEqual([]);
  });

  test("an empty selection gives nothing", () => {
    expect(parseRecipients({ areas: [] })).toEqual({
      recipients: [],
      rejected: [],
      duplicates: [],
      rows: [],
      headers: [],
    });
    expect(parseRecipients({ areas: [area([])] }).rows).toEqual([]);
  });
});

describe("the whole-flow fixture: a 50-row Email column", () => {
  const invalid = new Map<number, string>([
    [7, "person.at.contoso.com"],
    [14, "john.doe@"],
    [21, "jane@contoso"],
    [28, "two words@contoso.com"],
    [35, "@contoso.com"],
  ]);
  const repeats = new Map<number, string>([
    [10, "PERSON1@CONTOSO.COM"],
    [30, "Person2@Contoso.com"],
    [45, "person3@CONTOSO.com"],
  ]);
  const cells: string[] = [];
  let next = 1;
  for (let row = 1; row <= 50; row++) {
    cells.push(invalid.get(row) ?? repeats.get(row) ?? `person${next++}@contoso.com`);
  }
  const result = parseColumn(["Email", ...cells]);

  test("gives 42 recipients, 5 rejected, 3 duplicates and 50 rows", () => {
    expect(result.headers).toHaveLength(1);
    expect(result.recipients).toHaveLength(42);
    expect(result.rejected).toHaveLength(5);
    expect(result.duplicates).toHaveLength(3);
    expect(result.rows).toHaveLength(50);
  });

  test("names the rejected cells and where each duplicate was first seen", () => {
    expect(result.rejected.map((r) => r.cell.address)).toEqual([
      "Sheet1!A8",
      "Sheet1!A15",
      "Sheet1!A22",
      "Sheet1!A29",
      "Sheet1!A36",
    ]);
    expect(result.rejected.every((r) => r.reason === "invalidSyntax")).toBe(true);
    expect(result.duplicates.map((d) => [d.cell.address, d.firstSeen.address])).toEqual([
      ["Sheet1!A11", "Sheet1!A2"],
      ["Sheet1!A31", "Sheet1!A3"],
      ["Sheet1!A46", "Sheet1!A4"],
    ]);
    expect(new Set(result.recipients.map((r) => r.key)).size).toBe(42);
  });
});
