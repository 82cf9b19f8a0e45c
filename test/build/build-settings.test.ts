// webpack.config.js with the build settings: what `npm run build` refuses, and what it writes beside the
// bundle (dist/manifest.xml, dist/build-info.json) for a host. The bundle itself is built and searched in
// production-build.test.ts; here the task pane entry is swapped for a one-line script, so each build runs
// the real configuration's manifest and build-info steps in seconds.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import webpack from "webpack";

jest.setTimeout(120_000);

const ROOT = path.join(__dirname, "..", "..");
const CLIENT_ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
const PUBLIC_URL = "https://share.contoso.com/addin/";
const SETTINGS = [
  "ADDIN_PUBLIC_URL",
  "AAD_CLIENT_ID",
  "AAD_AUTHORITY",
  "ALLOW_NO_SIGN_IN",
  "ADDIN_ID",
  "ADDIN_PROVIDER_NAME",
  "ADDIN_DISPLAY_NAME",
  "ADDIN_SUPPORT_URL",
];

const makeConfig = require("../../webpack.config.js") as (
  env: unknown,
  argv: { mode: string },
) => webpack.Configuration;

/** webpack.config.js evaluated with exactly these build settings in the environment. */
function configWith(env: Record<string, string>, mode = "production"): webpack.Configuration {
  const saved = SETTINGS.map((k) => [k, process.env[k]] as const);
  for (const k of SETTINGS) delete process.env[k];
  Object.assign(process.env, env);
  try {
    return makeConfig({}, { mode });
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

const tempDirs: string[] = [];
afterAll(() => {
  for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true });
});

/** Runs the configuration with a trivial entry instead of the task pane; resolves with dist/ and stats. */
function lightBuild(config: webpack.Configuration): Promise<{ out: string; stats: webpack.Stats }> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "bulk-share-settings-"));
  tempDirs.push(out);
  const entry = path.join(out, "entry.js");
  fs.writeFileSync(entry, "document.title = 'x';\n");
  const light: webpack.Configuration = {
    ...config,
    context: ROOT,
    entry: { taskpane: entry },
    output: { ...config.output, path: out },
    plugins: (config.plugins ?? []).filter((p) => p?.constructor.name !== "HtmlWebpackPlugin"),
  };
  return new Promise((resolve, reject) => {
    webpack(light, (err, stats) => {
      if (err || !stats) return reject(err ?? new Error("no stats"));
      if (stats.hasErrors()) return reject(new Error(stats.toString("errors-only")));
      resolve({ out, stats });
    });
  });
}

describe("npm run build refuses, before compiling", () => {
  test("a build for a host without AAD_CLIENT_ID, saying what to set", () => {
    expect(() => configWith({ ADDIN_PUBLIC_URL: PUBLIC_URL })).toThrow(
      /AAD_CLIENT_ID is not set, so the add-in built for https:\/\/share\.contoso\.com\/addin\/ could not sign anyone in.*ALLOW_NO_SIGN_IN=1/,
    );
  });

  test("bad naming settings, naming the setting", () => {
    const base = { ADDIN_PUBLIC_URL: PUBLIC_URL, AAD_CLIENT_ID: CLIENT_ID };
    expect(() => configWith({ ...base, ADDIN_ID: "bulk-share" })).toThrow(
      /ADDIN_ID "bulk-share" is not a GUID/,
    );
    expect(() => configWith({ ...base, ADDIN_SUPPORT_URL: "http://x.example/" })).toThrow(
      /ADDIN_SUPPORT_URL/,
    );
  });

  test("but builds for development, and without sign-in when asked to", () => {
    expect(() => configWith({ ADDIN_PUBLIC_URL: PUBLIC_URL }, "development")).not.toThrow();
    expect(() => configWith({ ADDIN_PUBLIC_URL: PUBLIC_URL, ALLOW_NO_SIGN_IN: "1" })).not.toThrow();
  });
});

describe("a production build for a host", () => {
  const env = {
    ADDIN_PUBLIC_URL: PUBLIC_URL,
    AAD_CLIENT_ID: CLIENT_ID,
    ADDIN_ID: "1c7b0c4e-3f5a-4d2b-9a61-2f0e8d7c5b4a",
    ADDIN_PROVIDER_NAME: "Contoso IT",
    ADDIN_DISPLAY_NAME: "Contoso Share",
    ADDIN_SUPPORT_URL: "https://contoso.com/help",
  };
  let built: { out: string; stats: webpack.Stats };
  beforeAll(async () => {
    built = await lightBuild(configWith(env));
  });

  test("writes a manifest with the settings and without comments, and no warnings", () => {
    const xml = fs.readFileSync(path.join(built.out, "manifest.xml"), "utf8");
    expect(xml).toContain('<SourceLocation DefaultValue="https://share.contoso.com/addin/taskpane.html"/>');
    expect(xml).toContain("<Id>1c7b0c4e-3f5a-4d2b-9a61-2f0e8d7c5b4a</Id>");
    expect(xml).toContain("<ProviderName>Contoso IT</ProviderName>");
    expect(xml).toContain('<DisplayName DefaultValue="Contoso Share"/>');
    expect(xml).toContain('<SupportUrl DefaultValue="https://contoso.com/help"/>');
    expect(xml).not.toContain("<!--");
    expect(built.stats.toJson({ all: false, warnings: true }).warnings).toEqual([]);
  });

  test("writes build-info.json, and npm run validate:prod accepts the result", () => {
    const info = JSON.parse(fs.readFileSync(path.join(built.out, "build-info.json"), "utf8"));
    expect(info).toEqual({
      mode: "production",
      publicUrl: PUBLIC_URL,
      signIn: {
        configured: true,
        clientId: CLIENT_ID,
        authority: "https://login.microsoftonline.com/organizations",
        allowedWithout: false,
      },
    });
    const cli = path.join(ROOT, "scripts", "validate-manifest.js");
    const manifestFile = path.join(built.out, "manifest.xml");
    const result = spawnSync(process.execPath, [cli, "--production", manifestFile], { encoding: "utf8" });
    expect(result.stdout).toMatch(/manifest\.xml: valid \(production\)\n$/);
    expect(result.status).toBe(0);
  });
});

describe("a production build without ADDIN_PUBLIC_URL", () => {
  test("reports the development manifest as a webpack warning, not with console.warn", async () => {
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const { out, stats } = await lightBuild(configWith({}));
      expect(warn).not.toHaveBeenCalled();
      const warnings = stats.toJson({ all: false, warnings: true }).warnings ?? [];
      expect(warnings.map((w) => w.message)).toEqual([
        expect.stringContaining("manifest: dist/manifest.xml points at https://localhost:3000 (development)"),
      ]);
      expect(JSON.parse(fs.readFileSync(path.join(out, "build-info.json"), "utf8")).signIn.configured).toBe(
        false,
      );
    } finally {
      warn.mockRestore();
    }
  });
});
