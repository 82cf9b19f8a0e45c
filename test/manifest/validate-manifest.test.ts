import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ROOT, manifest } from "./scripts";
import { devManifest, lineOf, removeTempDirs, replaceOnce, solidPng, tempDir, tempProject } from "./helpers";

const PUBLIC_URL = "https://share.contoso.com/addin/";

afterAll(removeTempDirs);

async function errorsFor(xml: string, options: { baseDir?: string; production?: boolean } = {}) {
  const result = await manifest.validateManifest(xml, { baseDir: ROOT, ...options });
  expect(result.ok).toBe(false);
  return result.errors;
}

describe("the real manifest", () => {
  test("validates against the XSD and the extra checks (development)", async () => {
    await expect(manifest.validateManifest(devManifest(), { baseDir: ROOT })).resolves.toEqual({
      ok: true,
      errors: [],
    });
  });

  test("the production build validates with production checks", async () => {
    const { xml } = manifest.buildManifest(devManifest(), { publicUrl: PUBLIC_URL });
    await expect(manifest.validateManifest(xml, { baseDir: ROOT, production: true })).resolves.toEqual({
      ok: true,
      errors: [],
    });
  });

  test("the development manifest is refused for production, naming each localhost line", async () => {
    const xml = devManifest();
    const errors = await errorsFor(xml, { production: true });
    expect(errors).toContainEqual({
      line: lineOf(xml, '<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"'),
      message: expect.stringMatching(/localhost.*ADDIN_PUBLIC_URL/),
    });
    expect(errors.every((e) => /localhost/.test(e.message))).toBe(true);
  });

  test("declares what the add-in needs: a Share button on Home, ExcelApi 1.9, ReadWriteDocument", () => {
    const xml = devManifest();
    expect(xml).toMatch(/<Set Name="ExcelApi" MinVersion="1.9"\/>/);
    expect(xml).toMatch(/<Permissions>ReadWriteDocument<\/Permissions>/);
    expect(xml).toMatch(/<OfficeTab id="TabHome">/);
    expect(ribbonString(xml, "ShareButton.Label")).toMatch(/^Share\b/);
    expect(xml).toMatch(/<Action xsi:type="ShowTaskpane">/);
    const domains = [...xml.matchAll(/<AppDomain>([^<]*)<\/AppDomain>/g)].map((m) => m[1]);
    expect(domains).toEqual(["https://login.microsoftonline.com"]);
  });
});

/** The DefaultValue of a bt:String resource. */
function ribbonString(xml: string, id: string): string | undefined {
  return new RegExp(`<bt:String id="${id.replace(/\./g, "\\.")}" DefaultValue="([^"]*)"`).exec(xml)?.[1];
}

/** The de-DE Override inside the element (or bt:String) whose start tag begins with `opening`. */
function germanOverride(xml: string, opening: string): string | undefined {
  const at = xml.indexOf(opening);
  if (at < 0) return undefined;
  const tagEnd = xml.indexOf(">", at);
  if (xml[tagEnd - 1] === "/") return undefined; // self-closing: no Override
  const children = xml.slice(tagEnd, xml.indexOf("</", tagEnd));
  return /<(?:bt:)?Override Locale="de-DE" Value="([^"]*)"\/>/.exec(children)?.[1];
}

describe("the ribbon button", () => {
  // Excel has its own Share button; a second one just labelled "Share" on the Home tab is ambiguous.
  test("sits in a group named after the add-in, and its label says more than Excel's Share", () => {
    const xml = devManifest();
    const displayName = /<DisplayName DefaultValue="([^"]*)"/.exec(xml)?.[1];
    expect(displayName).toBe("Bulk Share");
    expect(ribbonString(xml, "SharingGroup.Label")).toBe(displayName);
    const label = ribbonString(xml, "ShareButton.Label");
    expect(label).toContain("Share");
    expect(label).not.toBe("Share");
    // The tooltip title is the label, and the Get Started text names the button as it reads on the ribbon.
    expect(xml).toMatch(/<Supertip>\s*<Title resid="ShareButton.Label"\/>/);
    expect(ribbonString(xml, "GetStarted.Description")).toContain(`choose ${label} on the Home tab`);
  });

  test("the help page (SupportUrl) names the button and its group as the ribbon shows them", () => {
    const xml = devManifest();
    const help = fs.readFileSync(path.join(ROOT, "assets", "support.html"), "utf8").replace(/\s+/g, " ");
    expect(help).toContain(`choose <strong>${ribbonString(xml, "ShareButton.Label")}</strong> in the`);
    expect(help).toContain(`<strong>${ribbonString(xml, "SharingGroup.Label")}</strong> group`);
  });
});

describe("German (de-DE)", () => {
  test.each([
    ["display name", "<DisplayName ", "Bulk Share (Massenfreigabe)"],
    ["description", "<Description DefaultValue=", "Gibt die geöffnete Arbeitsmappe"],
    ["button label", '<bt:String id="ShareButton.Label"', "Für Liste freigeben"],
    ["tooltip", '<bt:String id="ShareButton.Tooltip"', "Gibt diese Arbeitsmappe"],
    ["Get Started title", '<bt:String id="GetStarted.Title"', "Diese Arbeitsmappe"],
    ["Get Started text", '<bt:String id="GetStarted.Description"', "Für Liste freigeben"],
  ])("the manifest carries the German %s as an Override", (_what, opening, german) => {
    expect(germanOverride(devManifest(), opening)).toContain(german);
  });

  test("the overrides keep the manifest valid, for development and production", async () => {
    // The XSD limits overrides like default values (125 characters short, 250 long).
    await expect(manifest.validateManifest(devManifest(), { baseDir: ROOT })).resolves.toEqual({
      ok: true,
      errors: [],
    });
    const { xml } = manifest.buildManifest(devManifest(), { publicUrl: PUBLIC_URL });
    expect(xml).toContain('<Override Locale="de-DE" Value="Bulk Share (Massenfreigabe)"/>');
    await expect(manifest.validateManifest(xml, { baseDir: ROOT, production: true })).resolves.toEqual({
      ok: true,
      errors: [],
    });
  });

  test("a German string longer than the XSD allows is reported with its line", async () => {
    const long = "x".repeat(126);
    const xml = replaceOnce(devManifest(), 'Value="Für Liste freigeben"', `Value="${long}"`);
    const errors = await errorsFor(xml);
    expect(errors).toEqual([{ line: lineOf(xml, long), message: expect.stringContaining("Value") }]);
  });
});

describe("the validator reports, with the line", () => {
  test("elements in the wrong order (XSD)", async () => {
    const xml = replaceOnce(
      devManifest(),
      "<ProviderName>Bulk Share project</ProviderName>\n  <DefaultLocale>en-US</DefaultLocale>",
      "<DefaultLocale>en-US</DefaultLocale>\n  <ProviderName>Bulk Share project</ProviderName>",
    );
    const errors = await errorsFor(xml);
    expect(errors).toEqual([
      {
        line: lineOf(xml, "<DefaultLocale>"),
        message: expect.stringContaining("'DefaultLocale': This element is not expected"),
      },
    ]);
    // Namespaces are stripped so the message reads plainly.
    expect(errors[0]?.message).not.toContain("{http");
  });

  test("a swap inside VersionOverrides (Supertip before Label)", async () => {
    const original = devManifest();
    const xml = replaceOnce(
      original,
      '<Label resid="ShareButton.Label"/>\n                  <Supertip>',
      "<Supertip>",
    ).replace("</Supertip>\n", '</Supertip>\n                  <Label resid="ShareButton.Label"/>\n');
    const errors = await errorsFor(xml);
    expect(errors[0]).toEqual({ line: expect.any(Number), message: expect.stringContaining("'Supertip'") });
    expect(errors[0]?.line).toBe(lineOf(xml, "<Supertip>"));
  });

  test.each(["1.0.0.0.0", "v1", "1.0.0-beta", "123456.0"])("Version %s", async (bad) => {
    const xml = replaceOnce(devManifest(), "<Version>0.1.0.0</Version>", `<Version>${bad}</Version>`);
    const errors = await errorsFor(xml);
    expect(errors).toEqual([
      {
        line: lineOf(xml, "<Version>"),
        message: `Version "${bad}" must be 1 to 4 numbers of up to 5 digits separated by dots, e.g. 1.0.0.0`,
      },
    ]);
  });

  test("an Id that is not a GUID", async () => {
    const xml = devManifest().replace(/<Id>[^<]*<\/Id>/, "<Id>bulk-share</Id>");
    const errors = await errorsFor(xml);
    expect(errors).toEqual([
      { line: lineOf(xml, "<Id>"), message: expect.stringContaining('Id "bulk-share" is not a GUID') },
    ]);
  });

  test("an http:// URL", async () => {
    const xml = replaceOnce(
      devManifest(),
      '<SupportUrl DefaultValue="https://localhost:3000/assets/support.html"/>',
      '<SupportUrl DefaultValue="http://example.com/help"/>',
    );
    const errors = await errorsFor(xml);
    expect(errors).toEqual([
      {
        line: lineOf(xml, "<SupportUrl"),
        message: expect.stringContaining("http://example.com/help must use https://"),
      },
    ]);
  });

  test("an http:// AppDomain", async () => {
    const xml = replaceOnce(
      devManifest(),
      "https://login.microsoftonline.com",
      "http://login.microsoftonline.com",
    );
    const errors = await errorsFor(xml);
    expect(errors).toEqual([
      { line: lineOf(xml, "<AppDomain>"), message: expect.stringContaining("must use https://") },
    ]);
  });

  test("an icon file that does not exist", async () => {
    const xml = replaceOnce(devManifest(), "assets/icon-64.png", "assets/icon-65.png");
    const errors = await errorsFor(xml);
    expect(errors).toEqual([
      {
        line: lineOf(xml, "<HighResolutionIconUrl"),
        message: expect.stringContaining("assets/icon-65.png does not exist"),
      },
    ]);
  });

  test("an icon with the wrong pixel size", async () => {
    const project = tempProject();
    fs.writeFileSync(path.join(project, "assets", "icon-80.png"), solidPng(64, 64));
    const xml = devManifest();
    const errors = await errorsFor(xml, { baseDir: project });
    expect(errors).toEqual([
      {
        line: lineOf(xml, '<bt:Image id="Icon.80x80"'),
        message: 'bt:Image "Icon.80x80": assets/icon-80.png is 64x64 px but must be 80x80 px',
      },
    ]);
  });

  test("an icon that is not a PNG", async () => {
    const project = tempProject();
    fs.writeFileSync(path.join(project, "assets", "icon-32.png"), "<svg/>");
    const xml = devManifest();
    const errors = await errorsFor(xml, { baseDir: project });
    // IconUrl and the 32 px ribbon image both use icon-32.png.
    expect(errors.map((e) => e.line)).toEqual([
      lineOf(xml, "<IconUrl"),
      lineOf(xml, '<bt:Image id="Icon.32x32"'),
    ]);
    expect(errors.every((e) => e.message.endsWith("assets/icon-32.png is not a PNG file"))).toBe(true);
  });

  test("a ribbon image used at a size its name and file do not have", async () => {
    const xml = replaceOnce(
      devManifest(),
      '<bt:Image size="80" resid="Icon.80x80"/>\n                  </Icon>\n                  <Action',
      '<bt:Image size="80" resid="Icon.32x32"/>\n                  </Icon>\n                  <Action',
    );
    const errors = await errorsFor(xml);
    expect(errors).toContainEqual({
      line: lineOf(xml, '<bt:Image id="Icon.32x32"'),
      message: 'bt:Image "Icon.32x32" is used as a 32 and 80 px icon; each size needs its own image',
    });
  });

  test("an Icon without the required 80 px image", async () => {
    const xml = replaceOnce(
      devManifest(),
      '                    <bt:Image size="80" resid="Icon.80x80"/>\n                  </Icon>\n                  <Action',
      "                  </Icon>\n                  <Action",
    );
    const errors = await errorsFor(xml);
    expect(errors).toEqual([{ line: expect.any(Number), message: "Icon lacks the required 80 px image(s)" }]);
  });

  test("a resid that is not defined in Resources", async () => {
    const xml = replaceOnce(
      devManifest(),
      '<SourceLocation resid="Taskpane.Url"/>',
      '<SourceLocation resid="TaskPane.Url"/>',
    );
    const errors = await errorsFor(xml);
    expect(errors).toEqual([
      {
        line: lineOf(xml, '<SourceLocation resid="TaskPane.Url"/>'),
        message: 'SourceLocation resid "TaskPane.Url" is not defined in Resources > bt:Urls',
      },
    ]);
  });

  test("XML that is not well-formed", async () => {
    const xml = replaceOnce(devManifest(), '<Host Name="Workbook"/>', '<Host Name="Workbook">');
    const errors = await errorsFor(xml);
    expect(errors[0]).toEqual({
      line: lineOf(xml, "</Hosts>"),
      message: expect.stringContaining("Opening and ending tag mismatch: Host"),
    });
  });
});

describe("node scripts/validate-manifest.js", () => {
  const cli = path.join(ROOT, "scripts", "validate-manifest.js");

  test("prints file:line: message and exits 1 for a broken manifest", () => {
    const dir = tempDir();
    const file = path.join(dir, "manifest.xml");
    const xml = replaceOnce(devManifest(), "<Version>0.1.0.0</Version>", "<Version>v1</Version>");
    fs.writeFileSync(file, xml);
    const result = spawnSync(process.execPath, [cli, file], { cwd: dir, encoding: "utf8" });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`manifest.xml:${lineOf(xml, "<Version>")}: Version "v1" must be`);
  });

  test("exits 0 and says valid for the real manifest", () => {
    const result = spawnSync(process.execPath, [cli, path.join(ROOT, "manifest.xml")], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(result.stdout).toBe("manifest.xml: valid\n");
    expect(result.status).toBe(0);
  });

  test("--production refuses the development manifest", () => {
    const result = spawnSync(process.execPath, [cli, "--production", "manifest.xml"], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(
      /^manifest\.xml:\d+: SourceLocation DefaultValue: https:\/\/localhost:3000\/taskpane\.html points at localhost/m,
    );
  });
});
