import {
  checkEmail,
  displayText,
  formatCount,
  isExcelErrorText,
  isObjectId,
  isValidEmail,
  normalizeObjectId,
  parseCellText,
  splitRecipientList,
  trimToken,
} from "../../src/core/email-address";

describe("isValidEmail accepts addresses Graph can invite", () => {
  test.each([
    "jane@contoso.com",
    "Jane.Doe@Contoso.COM",
    "j@x.io",
    "first.middle.last@sub.domain.contoso.co.uk",
    "jane+newsletter@contoso.com",
    "o'brien@contoso.ie",
    "a!#$%&'*+/=?^_`{|}~-z@contoso.com",
    "user@xn--bcher-kva.example",
    "user@bücher.de",
    "x@例子.广告",
    "info@почта.рф",
    "info@contoso.xn--p1ai",
    "a-b@my-domain.com",
    "x@1.2.3.com",
    `${"a".repeat(64)}@contoso.com`,
    `a@${"b".repeat(63)}.com`,
    `${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(57)}.com`, // 254 characters
  ])("%s", (address) => {
    expect(isValidEmail(address)).toBe(true);
  });
});

describe("isValidEmail rejects what Graph would reject, with a hint", () => {
  test.each<[string, "invalidSyntax" | "tooLong", string]>([
    ["", "invalidSyntax", "It is empty."],
    ["jane.contoso.com", "invalidSyntax", "It has no @."],
    ["jane@@contoso.com", "invalidSyntax", "It has more than one @."],
    ["a@x.com b@y.com", "invalidSyntax", "Separate several addresses with ; or a line break."],
    ["john.doe@", "invalidSyntax", "Nothing follows the @."],
    ["@contoso.com", "invalidSyntax", "Nothing comes before the @."],
    ["jane doe@contoso.com", "invalidSyntax", "It contains a space."],
    [".jane@contoso.com", "invalidSyntax", "cannot start or end with a dot"],
    ["jane.@contoso.com", "invalidSyntax", "cannot start or end with a dot"],
    ["ja..ne@contoso.com", "invalidSyntax", "two dots in a row"],
    ['"jane"@contoso.com', "invalidSyntax", 'contains """'],
    ["jané@contoso.com", "invalidSyntax", 'contains "é"'],
    ["jane(x)@contoso.com", "invalidSyntax", 'contains "("'],
    [`${"a".repeat(65)}@contoso.com`, "invalidSyntax", "longer than 64 characters"],
    ["jane@localhost", "invalidSyntax", "needs a dot"],
    ["jane@contoso.c", "invalidSyntax", "top-level domain"],
    ["jane@contoso.123", "invalidSyntax", "top-level domain"],
    ["jane@contoso.com.", "invalidSyntax", "not a valid domain name"],
    ["jane@.contoso.com", "invalidSyntax", "not a valid domain name"],
    ["jane@contoso..com", "invalidSyntax", "not a valid domain name"],
    ["jane@-contoso.com", "invalidSyntax", "not a valid domain name"],
    ["jane@contoso-.com", "invalidSyntax", "not a valid domain name"],
    ["jane@con_toso.com", "invalidSyntax", "not a valid domain name"],
    ["jane@[192.168.0.1]", "invalidSyntax", "not a valid domain name"],
    [`jane@${"b".repeat(64)}.com`, "invalidSyntax", "not a valid domain name"],
    ["jane\u200B@contoso.com", "invalidSyntax", "invisible character"],
    ["jane\u202E@contoso.com", "invalidSyntax", "invisible character"],
    ["jane@contoso.com\u0000", "invalidSyntax", "invisible character"],
    [
      `${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(58)}.com`,
      "tooLong",
      "255 characters",
    ],
    [`${"a".repeat(10000)}@contoso.com`, "tooLong", "10,012 characters"],
  ])("%j → %s", (address, reason, hint) => {
    expect(isValidEmail(address)).toBe(false);
    const problem = checkEmail(address);
    expect(problem?.reason).toBe(reason);
    expect(problem?.hint).toContain(hint);
  });
});

describe("object ids", () => {
  test.each([
    ["0f8fad5b-d9cb-469f-a165-70867728950e", "0f8fad5b-d9cb-469f-a165-70867728950e"],
    ["0F8FAD5B-D9CB-469F-A165-70867728950E", "0f8fad5b-d9cb-469f-a165-70867728950e"],
    ["{0F8FAD5B-D9CB-469F-A165-70867728950E}", "0f8fad5b-d9cb-469f-a165-70867728950e"],
  ])("%s is an object id", (text, normalized) => {
    expect(isObjectId(text)).toBe(true);
    expect(normalizeObjectId(text)).toBe(normalized);
  });

  test.each([
    "0f8fad5b-d9cb-469f-a165-70867728950",
    "0f8fad5bd9cb469fa16570867728950e",
    "{0f8fad5b-d9cb-469f-a165-70867728950e",
    "0f8fad5b-d9cb-469f-a165-70867728950e}",
    "0f8fad5g-d9cb-469f-a165-70867728950e",
    " 0f8fad5b-d9cb-469f-a165-70867728950e",
  ])("%j is not", (text) => {
    expect(isObjectId(text)).toBe(false);
  });
});

describe("splitRecipientList", () => {
  test.each<[string, string[]]>([
    ["a;b", ["a", "b"]],
    ["a,b", ["a", "b"]],
    ["a\nb", ["a", "b"]],
    ["a\rb", ["a", "b"]],
    ["a\r\nb", ["a", "", "b"]],
    ['"Doe, Jane" <j@x.com>;b', ['"Doe, Jane" <j@x.com>', "b"]],
    ["<a;b>,c", ["<a;b>", "c"]],
    ['=HYPERLINK("http://x","y") <a@x.com>', ['=HYPERLINK("http://x","y") <a@x.com>']],
    // An opener without a closer is an ordinary character.
    ['O"Brien@x.com; b@y.com', ['O"Brien@x.com', " b@y.com"]],
    ["a<b; c", ["a<b", " c"]],
    ["a(b; c", ["a(b", " c"]],
    ["", [""]],
  ])("%j", (text, parts) => {
    expect(splitRecipientList(text)).toEqual(parts);
  });
});

describe("trimToken", () => {
  test.each([
    ["  jane@contoso.com\t", "jane@contoso.com"],
    ["\u200Bjane@contoso.com\uFEFF", "jane@contoso.com"],
    ["\u200Fjane@contoso.com\u200E", "jane@contoso.com"],
    ["\u00A0jane@contoso.com\u00A0", "jane@contoso.com"],
    ["ja\u200Bne@contoso.com", "ja\u200Bne@contoso.com"],
    ["\u200B\u200B", ""],
  ])("%j → %j", (text, trimmed) => {
    expect(trimToken(text)).toBe(trimmed);
  });
});

describe("parseCellText", () => {
  test("returns each recipient with its key and display name", () => {
    expect(parseCellText('"Doe, Jane" <Jane@Contoso.com>; {0F8FAD5B-D9CB-469F-A165-70867728950E}')).toEqual([
      {
        ok: true,
        kind: "email",
        value: "Jane@Contoso.com",
        key: "jane@contoso.com",
        displayName: "Doe, Jane",
      },
      {
        ok: true,
        kind: "objectId",
        value: "0f8fad5b-d9cb-469f-a165-70867728950e",
        key: "0f8fad5b-d9cb-469f-a165-70867728950e",
      },
    ]);
  });

  test("drops empty tokens and gives [] for separators only", () => {
    expect(parseCellText(" ; ,\n")).toEqual([]);
    expect(parseCellText("a@x.com;;").map((t) => t.ok)).toEqual([true]);
  });

  test("rejects one token without losing the others", () => {
    const tokens = parseCellText("a@x.com; john.doe@; b@y.com");
    expect(tokens.map((t) => t.ok)).toEqual([true, false, true]);
    expect(tokens[1]).toEqual({
      ok: false,
      text: "john.doe@",
      reason: "invalidSyntax",
      message: '"john.doe@" is not a valid e-mail address. Nothing follows the @.',
    });
  });

  test("suggests angle brackets for a name followed by an address", () => {
    const [token] = parseCellText("Jane Doe jane@contoso.com");
    expect(token).toMatchObject({ ok: false, reason: "invalidSyntax" });
    expect(token?.ok === false && token.message).toContain("Jane Doe <jane@contoso.com>");
  });

  test("names an unclosed angle bracket", () => {
    const [token] = parseCellText("Jane <jane@contoso.com");
    expect(token?.ok === false && token.message).toContain("A < has no matching >.");
  });

  test("names text after the closing angle bracket", () => {
    const [token] = parseCellText("Jane <jane@contoso.com> (Sales)");
    expect(token?.ok === false && token.message).toContain("Nothing may follow the >");
  });

  test("reports a broken %-escape in a mailto: link", () => {
    const [token] = parseCellText("mailto:jane%ZZ@contoso.com");
    expect(token).toMatchObject({ ok: false, reason: "invalidSyntax" });
    expect(token?.ok === false && token.message).toContain("%-escape");
  });

  test("a GUID in a mailto: link is not an object id", () => {
    expect(parseCellText("mailto:0f8fad5b-d9cb-469f-a165-70867728950e")[0]?.ok).toBe(false);
  });

  test("rejects a text over 8,000 characters whole, without splitting it", () => {
    const tokens = parseCellText("a@x.com;".repeat(1001));
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({ ok: false, reason: "tooLong" });
    expect(tokens[0]?.ok === false && tokens[0].text.length).toBeLessThanOrEqual(80);
  });
});

describe("isExcelErrorText", () => {
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
    " #n/a ",
  ])("%j is an error value", (text) => {
    expect(isExcelErrorText(text)).toBe(true);
  });

  test.each(["#", "#hashtag", "N/A", "#N/A jane@contoso.com"])("%j is not", (text) => {
    expect(isExcelErrorText(text)).toBe(false);
  });
});

describe("displayText", () => {
  test("keeps short text as it is", () => {
    expect(displayText("<img src=x onerror=alert(1)>")).toBe("<img src=x onerror=alert(1)>");
  });

  test("shortens to 80 characters with an ellipsis", () => {
    const shown = displayText("x".repeat(1_000_000));
    expect(shown).toHaveLength(80);
    expect(shown.endsWith("…")).toBe(true);
  });

  test("makes invisible and control characters visible", () => {
    expect(displayText("a\u200Bb\u202Ec\nd")).toBe("a[U+200B]b[U+202E]c[U+000A]d");
  });

  test("does not cut a surrogate pair in half", () => {
    const shown = displayText("😀".repeat(100));
    expect(shown.length).toBeLessThanOrEqual(80);
    expect(/[\uD800-\uDBFF]…$/.test(shown)).toBe(false);
  });
});

test("formatCount groups thousands the same way on every machine", () => {
  expect([formatCount(0), formatCount(999), formatCount(8000), formatCount(1234567)]).toEqual([
    "0",
    "999",
    "8,000",
    "1,234,567",
  ]);
});
