import { buildInviteBody, effectiveOptions, validateShareOptions } from "../../src/core/share-options";
import type { Recipient, ShareOptions } from "../../src/core/types";

const base: ShareOptions = { role: "read", requireSignIn: true, sendInvitation: true };
const recipient = (over: Partial<Recipient> = {}): Recipient => ({
  key: "megan@contoso.com",
  kind: "email",
  value: "Megan@contoso.com",
  source: { sheet: "Sheet1", row: 1, column: 0, address: "Sheet1!A2" },
  duplicates: [],
  ...over,
});

describe("validateShareOptions", () => {
  it("accepts the defaults", () => expect(validateShareOptions(base)).toEqual([]));
  it("refuses requireSignIn and sendInvitation both off, before anything is sent", () => {
    const problems = validateShareOptions({ ...base, requireSignIn: false, sendInvitation: false });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/Require sign-in.*invitation/);
  });
  it("accepts a message of exactly 2,000 characters and refuses 2,001", () => {
    expect(validateShareOptions({ ...base, message: "x".repeat(2000) })).toEqual([]);
    expect(validateShareOptions({ ...base, message: "x".repeat(2001) })[0]).toMatch(
      /2,001 characters; the limit is 2,000/,
    );
  });
  it("refuses an unknown role and a bad date", () => {
    const bad = { ...base, role: "owner" } as unknown as ShareOptions;
    expect(validateShareOptions(bad)).toHaveLength(1);
    expect(validateShareOptions({ ...base, expirationDateTime: "next week" })).toHaveLength(1);
    expect(validateShareOptions({ ...base, expirationDateTime: "2026-12-31T00:00:00Z" })).toEqual([]);
  });
});

describe("buildInviteBody", () => {
  it("sends exactly one recipient with the chosen role and switches", () => {
    expect(buildInviteBody(recipient(), { ...base, message: "Hi" })).toEqual({
      recipients: [{ email: "Megan@contoso.com" }],
      roles: ["read"],
      requireSignIn: true,
      sendInvitation: true,
      message: "Hi",
    });
  });
  it("addresses an object id as objectId", () => {
    const body = buildInviteBody(
      recipient({ kind: "objectId", value: "0a1b2c3d-0000-4000-8000-000000000001" }),
      base,
    );
    expect(body.recipients).toEqual([{ objectId: "0a1b2c3d-0000-4000-8000-000000000001" }]);
  });
  it("leaves the message out when no e-mail is sent (Graph would ignore it)", () => {
    const body = buildInviteBody(recipient(), { ...base, sendInvitation: false, message: "Hi" });
    expect(body).not.toHaveProperty("message");
  });
  it("keeps a display name that looks like a formula out of the request entirely", () => {
    const body = buildInviteBody(recipient({ displayName: '=HYPERLINK("http://x","y")' }), base);
    expect(JSON.stringify(body)).not.toContain("HYPERLINK");
  });
  it("lets a row's own Role and Message override the pane", () => {
    const r = recipient({ overrides: { role: "write", message: "Row message" } });
    const o = effectiveOptions(base, r);
    expect(o.role).toBe("write");
    expect(buildInviteBody(r, o).message).toBe("Row message");
    expect(effectiveOptions(base, recipient())).toBe(base);
  });
});
