// Names that could hide or fake the address, and keys that must match whatever spelling the cell or
// Graph uses (issue #11, items 7 and 8).
import { accessIndex } from "../../src/core/access";
import { MAX_NAME_LENGTH, emailKey, recipientLabel } from "../../src/core/email-address";
import { permissionKeys } from "../../src/core/graph-json";
import { parseRecipients } from "../../src/core/recipients";
import { PERMISSION_LOG_COLUMNS } from "../../src/core/permission-log";
import { logRowForOutcome } from "../../src/core/results";
import type { CellValue, ParsedSelection, PermissionInfo } from "../../src/core/types";

const CONTROL_OR_FORMAT = /[\p{Cc}\p{Cf}]/u;

function parseColumn(cells: CellValue[]): ParsedSelection {
  return parseRecipients({
    areas: [{ sheet: "Sheet1", rowIndex: 0, columnIndex: 0, values: cells.map((v) => [v]) }],
  });
}

describe("display names are cleaned", () => {
  test("a right-to-left override after the name is dropped, so the address cannot be shown reversed", () => {
    const { recipients, rejected } = parseColumn(["Jane\u202E <attacker@evil.com>"]);
    expect(rejected).toEqual([]);
    expect(recipients).toHaveLength(1);
    expect(recipients[0]?.value).toBe("attacker@evil.com");
    expect(recipients[0]?.displayName).toBe("Jane");
    expect(recipientLabel(recipients[0]!)).toBe("attacker@evil.com (Jane)");
  });

  test.each([
    ["NUL", '"Ja\u0000ne Doe" <jane@contoso.com>', "Jane Doe"],
    ["BEL", "Jane\u0007 Doe <jane@contoso.com>", "Jane Doe"],
    ["a line break inside quotes", '"Jane\nDoe" <jane@contoso.com>', "Jane Doe"],
    ["CR LF and tabs", '"Jane\r\n\t Doe" <jane@contoso.com>', "Jane Doe"],
    ["bidi isolates and marks", "\u2067Jane\u2069 \u200FDoe\u200E <jane@contoso.com>", "Jane Doe"],
    ["zero-width characters", "J\u200Ba\u200Cn\u200De\u2060\uFEFF Doe <jane@contoso.com>", "Jane Doe"],
  ])("%s is removed from the name", (_what, cell, name) => {
    const { recipients, rejected } = parseColumn([cell]);
    expect(rejected).toEqual([]);
    expect(recipients[0]?.displayName).toBe(name);
    expect(recipients[0]?.displayName).not.toMatch(CONTROL_OR_FORMAT);
  });

  test(`a name is cut to ${MAX_NAME_LENGTH} characters`, () => {
    const { recipients } = parseColumn([`${"Very Long Name ".repeat(40)}<jane@contoso.com>`]);
    const name = recipients[0]?.displayName ?? "";
    expect(name.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
    expect(name.startsWith("Very Long Name Very")).toBe(true);
    expect(name.endsWith("…")).toBe(true);
  });

  test("a name of nothing but invisible characters gives no name", () => {
    const { recipients } = parseColumn(["\u202E\u200B <jane@contoso.com>"]);
    expect(recipients[0]?.value).toBe("jane@contoso.com");
    expect(recipients[0]).not.toHaveProperty("displayName");
  });
});

describe("names that could pass for another address are rejected", () => {
  test("an address as the name is rejected, naming the address that would have been invited", () => {
    const { recipients, rejected } = parseColumn(["alice@contoso.com <bob@evil.com>"]);
    expect(recipients).toEqual([]);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.reason).toBe("suspiciousName");
    expect(rejected[0]?.message).toMatch(/^Sheet1!A1: The name "alice@contoso\.com" holds an @/);
    expect(rejected[0]?.message).toContain("bob@evil.com");
  });

  test("a quoted address as the name, or a full-width ＠, is rejected too", () => {
    const { recipients, rejected } = parseColumn([
      '"alice@contoso.com" <bob@evil.com>',
      "alice＠contoso.com <bob@evil.com>",
    ]);
    expect(recipients).toEqual([]);
    expect(rejected.map((r) => r.reason)).toEqual(["suspiciousName", "suspiciousName"]);
  });

  test("two bracketed addresses in one entry: neither is dropped silently", () => {
    const { recipients, rejected, rows } = parseColumn(["Jane <a@x.com> <b@y.com>"]);
    expect(recipients).toEqual([]);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.reason).toBe("suspiciousName");
    expect(rejected[0]?.text).toBe("Jane <a@x.com> <b@y.com>");
    expect(rejected[0]?.message).toContain("a <");
    expect(rows[0]?.rejections).toHaveLength(1);
  });

  test("HTML in a name holds a <, so it is rejected and quoted as text", () => {
    const { recipients, rejected } = parseColumn(["<b>Bold</b> <a@x.com>"]);
    expect(recipients).toEqual([]);
    expect(rejected[0]?.text).toBe("<b>Bold</b> <a@x.com>");
    expect(rejected[0]?.reason).toBe("suspiciousName");
  });

  test("the other entries of the cell are still read", () => {
    const { recipients, rejected } = parseColumn(["alice@contoso.com <bob@evil.com>; carol@contoso.com"]);
    expect(recipients.map((r) => r.key)).toEqual(["carol@contoso.com"]);
    expect(rejected).toHaveLength(1);
  });
});

describe("the address leads wherever a recipient is shown", () => {
  test("recipientLabel puts the address first and the name in parentheses", () => {
    expect(recipientLabel({ value: "jane@contoso.com", displayName: "Jane Doe" })).toBe(
      "jane@contoso.com (Jane Doe)",
    );
    expect(recipientLabel({ value: "jane@contoso.com" })).toBe("jane@contoso.com");
  });

  test("the Permissions log's Recipient column starts with the address", () => {
    const [r] = parseColumn(["Jane\u202E <attacker@evil.com>"]).recipients;
    const row = logRowForOutcome(
      r!,
      { status: "skipped", key: r!.key, reason: "dryRun" },
      { at: "2026-12-01T00:00:00.000Z", runId: "run-1" },
    );
    expect(row[PERMISSION_LOG_COLUMNS.indexOf("Recipient")]).toBe("attacker@evil.com (Jane)");
  });
});

describe("canonical keys", () => {
  test("a full-width domain is the same recipient as the plain one", () => {
    const result = parseColumn(["a@contoso.com", "a@ｃｏｎｔｏｓｏ.ｃｏｍ"]);
    expect(result.recipients.map((r) => r.key)).toEqual(["a@contoso.com"]);
    expect(result.duplicates).toHaveLength(1);
    expect(emailKey("a@ｃｏｎｔｏｓｏ.ｃｏｍ")).toBe("a@contoso.com");
  });

  test("decomposed and precomposed accents give one key, the punycode domain", () => {
    const nfc = "j@café.fr".normalize("NFC");
    const nfd = "j@café.fr".normalize("NFD");
    expect(nfc).not.toBe(nfd);
    const result = parseColumn([nfc, nfd, "J@XN--CAF-DMA.FR"]);
    expect(result.rejected).toEqual([]);
    expect(result.recipients.map((r) => r.key)).toEqual(["j@xn--caf-dma.fr"]);
    expect(result.duplicates).toHaveLength(2);
  });

  test("an IDN domain's key is its punycode, so the Unicode and ASCII spellings match", () => {
    expect(emailKey("info@Bücher.de")).toBe("info@xn--bcher-kva.de");
    expect(emailKey("info@почта.рф")).toBe("info@xn--80a1acny.xn--p1ai");
    expect(emailKey("info@xn--80a1acny.xn--p1ai")).toBe(emailKey("info@ПОЧТА.РФ"));
  });

  test("a Cyrillic а makes a different key from the Latin a", () => {
    expect(emailKey("billing@pаypal.com")).not.toBe(emailKey("billing@paypal.com"));
    expect(emailKey("billing@pаypal.com")).toMatch(/^billing@xn--/);
  });

  test.each<[string, string, Partial<PermissionInfo>]>([
    [
      "Unicode in the cell, punycode from Graph",
      "info@bücher.de",
      { invitationEmail: "info@xn--bcher-kva.de" },
    ],
    [
      "punycode in the cell, Unicode from Graph",
      "info@xn--bcher-kva.de",
      { grantedToEmail: "Info@Bücher.de" },
    ],
    ["full-width in the cell", "a@ｃｏｎｔｏｓｏ.ｃｏｍ", { grantedToEmail: "A@Contoso.com" }],
  ])("'already has access' compares the same canonical key: %s", (_what, cell, who) => {
    const [recipient] = parseColumn([cell]).recipients;
    const permission: PermissionInfo = { id: "p1", roles: ["read"], ...who };
    expect(permissionKeys(permission)).toContain(recipient?.key);
    expect(accessIndex([permission]).get(recipient!.key)?.id).toBe("p1");
  });
});

describe("mixed-script domains", () => {
  test("pаypal.com with a Cyrillic а stays a recipient and carries a warning naming its real domain", () => {
    const { recipients, rejected } = parseColumn(["billing@pаypal.com"]);
    expect(rejected).toEqual([]);
    expect(recipients).toHaveLength(1);
    expect(recipients[0]?.warnings).toHaveLength(1);
    expect(recipients[0]?.warnings?.[0]?.code).toBe("mixedScript");
    expect(recipients[0]?.warnings?.[0]?.message).toContain("Cyrillic and Latin");
    expect(recipients[0]?.warnings?.[0]?.message).toContain(emailKey("billing@pаypal.com").split("@")[1]);
  });

  test.each([
    "billing@paypal.com",
    "info@почта.рф",
    "info@bücher.de",
    "info@例え.jp",
    "info@ドメイン名例.jp",
  ])("%s has no warning", (address) => {
    const { recipients } = parseColumn([address]);
    expect(recipients).toHaveLength(1);
    expect(recipients[0]).not.toHaveProperty("warnings");
  });

  test("scripts are judged per label: a Cyrillic name under a Latin top-level domain is fine", () => {
    expect(parseColumn(["info@пример.com"]).recipients[0]).not.toHaveProperty("warnings");
    expect(parseColumn(["info@examplе.com"]).recipients[0]?.warnings?.[0]?.code).toBe("mixedScript");
  });
});
