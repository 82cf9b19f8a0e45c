import { ROOT, manifest } from "./scripts";
import { devManifest, lineOf, replaceOnce } from "./helpers";

describe("buildManifest", () => {
  test("without a public URL returns the development manifest unchanged, with a warning", () => {
    const xml = devManifest();
    expect(manifest.buildManifest(xml, {})).toEqual({
      xml,
      warnings: [
        "dist/manifest.xml points at https://localhost:3000 (development). " +
          "Set ADDIN_PUBLIC_URL=https://... to build a manifest for the admin center.",
      ],
    });
    expect(manifest.buildManifest(xml, { publicUrl: undefined }).xml).toBe(xml);
  });

  test.each([
    "https://share.contoso.com/addin/",
    "https://share.contoso.com/addin",
    "https://share.contoso.com/addin//",
  ])("rewrites every localhost URL to %s (trailing-slash safe)", (publicUrl) => {
    const { xml, warnings } = manifest.buildManifest(devManifest(), { publicUrl });
    expect(warnings).toEqual([]);
    expect(xml).toContain('<SourceLocation DefaultValue="https://share.contoso.com/addin/taskpane.html"/>');
    expect(xml).toContain('<IconUrl DefaultValue="https://share.contoso.com/addin/assets/icon-32.png"/>');
    expect(xml).toContain('DefaultValue="https://share.contoso.com/addin/assets/icon-80.png"/>');
    expect(xml).not.toMatch(/addin\/\//);
    // Only comments may still mention the development server.
    expect(xml.replace(/<!--[\s\S]*?-->/g, "")).not.toContain("localhost");
    // Everything else is untouched.
    expect(xml.replace(/https:\/\/share\.contoso\.com\/addin\//g, "https://localhost:3000/")).toBe(
      devManifest(),
    );
  });

  test("a host-only public URL works too", () => {
    const { xml } = manifest.buildManifest(devManifest(), { publicUrl: "https://bulkshare.example.org" });
    expect(xml).toContain('<SourceLocation DefaultValue="https://bulkshare.example.org/taskpane.html"/>');
  });

  test.each([
    ["http://share.contoso.com/addin/", /must be an https:\/\/ URL/],
    ["https://localhost:3000/", /not localhost/],
    ["https://localhost/", /not localhost/],
    ["https://127.0.0.1:8443/", /not 127\.0\.0\.1/],
    ["https://[::1]/", /not \[::1\]/],
    ["share.contoso.com/addin", /is not a URL/],
    ["https://share.contoso.com/addin/?v=2", /without query/],
  ])("throws for the public URL %s", (publicUrl, message) => {
    expect(() => manifest.buildManifest(devManifest(), { publicUrl })).toThrow(message);
  });

  test("throws when the result would still contain an http:// URL", () => {
    const xml = replaceOnce(
      devManifest(),
      '<SupportUrl DefaultValue="https://localhost:3000/assets/support.html"/>',
      '<SupportUrl DefaultValue="http://help.contoso.com/"/>',
    );
    expect(() => manifest.buildManifest(xml, { publicUrl: "https://share.contoso.com/" })).toThrow(
      new RegExp(
        `still point at http://help\\.contoso\\.com/ \\(SupportUrl DefaultValue, line ${lineOf(xml, "<SupportUrl")}\\)`,
      ),
    );
  });

  test("throws when the result would still point at localhost (another port is not rewritten)", () => {
    const xml = replaceOnce(
      devManifest(),
      '<bt:Url id="Taskpane.Url" DefaultValue="https://localhost:3000/taskpane.html"/>',
      '<bt:Url id="Taskpane.Url" DefaultValue="https://localhost:3001/taskpane.html"/>',
    );
    expect(() => manifest.buildManifest(xml, { publicUrl: "https://share.contoso.com/" })).toThrow(
      /still point at https:\/\/localhost:3001\/taskpane\.html/,
    );
  });

  test("the rewritten manifest is what the admin center gets: it validates for production", async () => {
    const { xml } = manifest.buildManifest(devManifest(), { publicUrl: "https://bulkshare.example.org/v1" });
    const result = await manifest.validateManifest(xml, { baseDir: ROOT, production: true });
    expect(result.errors).toEqual([]);
  });
});
