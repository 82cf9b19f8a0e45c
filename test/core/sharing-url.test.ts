import { base64, classifyDocumentUrl, encodeSharingUrl } from "../../src/core/sharing-url";

// Node's "base64url" is an independent implementation of the same rule (no padding, '-' and '_').
const oracle = (url: string) => `u!${Buffer.from(url, "utf8").toString("base64url")}`;

describe("encodeSharingUrl (shares-get: trim every '=', replace every '/' and '+')", () => {
  const table: Array<[string, string]> = [
    // The example in api-reference/v1.0/api/shares-get.md.
    [
      "https://onedrive.live.com/redir?resid=1231244193912!12&authKey=1201919!12921!1",
      "u!aHR0cHM6Ly9vbmVkcml2ZS5saXZlLmNvbS9yZWRpcj9yZXNpZD0xMjMxMjQ0MTkzOTEyITEyJmF1dGhLZXk9MTIwMTkxOSExMjkyMSEx",
    ],
    // Lengths 1, 2 and 0 mod 3: two '=', one '=', none.
    ["a", "u!YQ"],
    ["ab", "u!YWI"],
    ["abc", "u!YWJj"],
    // Several '/' and '+' in the base64 text: every one is replaced, not just the first.
    ["???>>>???>>>", "u!Pz8_Pj4-Pz8_Pj4-"],
  ];
  it.each(table)("%s", (url, expected) => {
    expect(encodeSharingUrl(url)).toBe(expected);
    expect(oracle(url)).toBe(expected);
  });

  it.each([
    "https://contoso-my.sharepoint.com/personal/adele_contoso_com/Documents/Team%20roster.xlsx",
    "https://contoso.sharepoint.com/sites/Finance/Shared Documents/Zoë's budget — 2026.xlsx",
    "https://d.docs.live.net/8e7f2c1a9b3d4e5f/Documents/日本語のブック.xlsx",
    "https://contoso.sharepoint.com/sites/x/😀.xlsx",
  ])("is UTF-8 safe and matches Node's base64url for %s", (url) => {
    const token = encodeSharingUrl(url);
    expect(token).toBe(oracle(url));
    expect(token).not.toMatch(/[=+/]/);
  });

  it("encodes the standard base64 alphabet with padding for the raw helper", () => {
    expect(base64(new Uint8Array([0xfb, 0xff]))).toBe("+/8=");
  });
});

describe("classifyDocumentUrl", () => {
  it.each([
    [undefined, "unsaved"],
    ["", "unsaved"],
    ["   ", "unsaved"],
    ["C:\\Users\\adele\\Desktop\\Book1.xlsx", "local"],
    ["/Users/adele/Documents/Book1.xlsx", "local"],
    ["\\\\fileserver\\share\\Book1.xlsx", "local"],
    ["file:///home/adele/Book1.xlsx", "local"],
    ["https://contoso-my.sharepoint.com/personal/a/Documents/B.xlsx", "cloud"],
    ["https://d.docs.live.net/8e7f2c1a9b3d4e5f/Documents/Budget.xlsx", "cloud"],
    ["Book1", "unsupported"],
  ])("%s is %s", (url, kind) => {
    expect(classifyDocumentUrl(url).kind).toBe(kind);
  });
});
