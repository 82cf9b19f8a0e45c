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
    expect(xml).not.toContain("localhost");
    // Everything else is untouched, but for the comments.
    expect(xml.replace(/https:\/\/share\.contoso\.com\/addin\//g, "https://localhost:3000/")).toBe(
      manifest.stripComments(devManifest()),
    );
  });

  test("the production manifest carries no comments (they are notes for developers)", () => {
    expect(devManifest()).toContain("<!--");
    const { xml } = manifest.buildManifest(devManifest(), { publicUrl: "https://share.contoso.com/" });
    expect(xml).not.toContain("<!--");
    expect(xml).not.toMatch(/npm run|scripts\//);
    expect(xml).not.toMatch(/\n[ \t]*\n/); // no blank lines where the comments were
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<OfficeApp ')).toBe(true);
  });

  test("stripComments removes each comment on its own, never the markup between two", () => {
    const xml = "<a>\n  <!-- one -->\n  <b/> <!-- two --> <c/>\n  <!--\n three\n  -->\n</a>\n";
    expect(manifest.stripComments(xml)).toBe("<a>\n  <b/>  <c/>\n</a>\n");
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

  describe("naming settings (ADDIN_ID, ADDIN_PROVIDER_NAME, ADDIN_DISPLAY_NAME, ADDIN_SUPPORT_URL)", () => {
    const naming = {
      publicUrl: "https://share.contoso.com/",
      id: "1c7b0c4e-3f5a-4d2b-9a61-2f0e8d7c5b4a",
      providerName: "Contoso IT & Co",
      displayName: "Contoso <Share>",
      supportUrl: "https://contoso.com/help?topic=share&lang=en",
    };

    test("replace the Id, provider, name (with the ribbon group) and support links, XML-escaped", () => {
      const { xml } = manifest.buildManifest(devManifest(), naming);
      expect(xml).toContain("<Id>1c7b0c4e-3f5a-4d2b-9a61-2f0e8d7c5b4a</Id>");
      expect(xml).toContain("<ProviderName>Contoso IT &amp; Co</ProviderName>");
      expect(xml).toContain('<DisplayName DefaultValue="Contoso &lt;Share&gt;"/>');
      expect(xml).toContain('<bt:String id="SharingGroup.Label" DefaultValue="Contoso &lt;Share&gt;"/>');
      const support = "https://contoso.com/help?topic=share&amp;lang=en";
      expect(xml).toContain(`<SupportUrl DefaultValue="${support}"/>`);
      expect(xml).toContain(`<bt:Url id="Support.Url" DefaultValue="${support}"/>`);
      // A new name is the name in every language: the German "Bulk Share" override goes with the old one.
      expect(xml).not.toContain("Bulk Share");
      // The button and the rest of the German strings stay.
      expect(xml).toContain('<bt:Override Locale="de-DE" Value="Für Liste freigeben"/>');
    });

    test("the result validates for production", async () => {
      const { xml } = manifest.buildManifest(devManifest(), naming);
      await expect(manifest.validateManifest(xml, { baseDir: ROOT, production: true })).resolves.toEqual({
        ok: true,
        errors: [],
      });
    });

    test("apply to a development build too", () => {
      const { xml, warnings } = manifest.buildManifest(devManifest(), { providerName: "Contoso IT" });
      expect(xml).toBe(
        devManifest().replace(
          "<ProviderName>Bulk Share project</ProviderName>",
          "<ProviderName>Contoso IT</ProviderName>",
        ),
      );
      expect(warnings).toHaveLength(1);
    });

    test.each([
      [{ providerName: "" }, /ADDIN_PROVIDER_NAME is empty/],
      [{ displayName: " " }, /ADDIN_DISPLAY_NAME is empty/],
      [{ displayName: "x".repeat(126) }, /at most 125/],
      [{ id: "not-a-guid" }, /ADDIN_ID "not-a-guid" is not a GUID/],
      [{ supportUrl: "http://contoso.com/help" }, /ADDIN_SUPPORT_URL must be a public https:\/\/ page/],
    ])("refuse %p", (options, message) => {
      expect(() => manifest.buildManifest(devManifest(), options)).toThrow(message);
    });
  });

  test("the rewritten manifest is what the admin center gets: it validates for production", async () => {
    const { xml } = manifest.buildManifest(devManifest(), { publicUrl: "https://bulkshare.example.org/v1" });
    const result = await manifest.validateManifest(xml, { baseDir: ROOT, production: true });
    expect(result.errors).toEqual([]);
  });
});
