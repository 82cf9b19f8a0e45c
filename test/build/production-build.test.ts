// The production bundle: built once with webpack's Node API into a temporary folder, then searched.
// It must carry MSAL sign-in, talk only to Microsoft Graph, and have no path to a development token.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import webpack from "webpack";
import { expectPagePolicy, withoutLocalSources } from "../helpers/build-addin";

// A production build of both pages takes minutes on a loaded machine (CI runs test files in parallel).
jest.setTimeout(600_000);

const { contentSecurityPolicy } = require("../../scripts/csp.js") as {
  contentSecurityPolicy(o: { dev: boolean; authority?: string }): string;
};
const makeConfig = require("../../webpack.config.js") as (
  env: unknown,
  argv: { mode: string },
) => webpack.Configuration;

function build(mode: "production" | "development", outDir: string): Promise<webpack.Stats> {
  const config = makeConfig({}, { mode });
  config.output = { ...config.output, path: outDir };
  return new Promise((resolve, reject) => {
    webpack(config, (err, stats) => {
      if (err || !stats) return reject(err ?? new Error("no stats"));
      if (stats.hasErrors()) return reject(new Error(stats.toString("errors-only")));
      resolve(stats);
    });
  });
}

function taskpaneJs(outDir: string): string {
  const html = fs.readFileSync(path.join(outDir, "taskpane.html"), "utf8");
  // Minified HTML may leave attribute values unquoted.
  const scripts = [...html.matchAll(/<script[^>]+src=["']?([^"'\s>]+)/g)]
    .map((m) => m[1]!)
    .filter((s) => !/^https?:/.test(s));
  expect(scripts.length).toBeGreaterThan(0);
  return scripts.map((s) => fs.readFileSync(path.join(outDir, s), "utf8")).join("\n");
}

describe("npm run build (production)", () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "bulk-share-prod-"));
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it("emits the task pane, its bundle, the dialog page and the manifest", async () => {
    await build("production", out);
    for (const f of ["taskpane.html", "dialog.html", "manifest.xml", "taskpane.css", "assets/icon-32.png"]) {
      expect(fs.existsSync(path.join(out, f))).toBe(true);
    }
    const html = fs.readFileSync(path.join(out, "taskpane.html"), "utf8");
    expect(html).toContain("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
  });

  it("contains MSAL sign-in and the Graph endpoint, and no way to a development token", () => {
    const js = taskpaneJs(out);
    expect(js).toContain("https://graph.microsoft.com/v1.0");
    expect(js).toMatch(/brk-multihub|createNestablePublicClientApplication|NestedAppAuth/);
    // The development branch (?graph=&token=&timeScale=) is compiled out: its parameter names are gone.
    expect(js).not.toMatch(/["']timeScale["']/);
    expect(js).not.toMatch(/\.get\(["']token["']\)/);
    expect(js).not.toMatch(/\.get\(["']graph["']\)/);
  });

  it.each(["taskpane.html", "dialog.html"])("%s carries the production Content-Security-Policy", (page) => {
    const policy = expectPagePolicy(fs.readFileSync(path.join(out, page), "utf8"), "production");
    expect(policy).toBe(contentSecurityPolicy({ dev: false }));
  });
});

describe("npm run build:dev", () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "bulk-share-dev-"));
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it("keeps the development configuration path (so the same page can run against the emulator)", async () => {
    await build("development", out);
    const js = taskpaneJs(out);
    expect(js).toMatch(/get\(\\?["']token\\?["']\)/);
    expect(fs.existsSync(path.join(out, "manifest.xml"))).toBe(true);
  });

  it.each(["taskpane.html", "dialog.html"])(
    "%s carries the policy, differing from production only by local origins",
    (page) => {
      const policy = expectPagePolicy(fs.readFileSync(path.join(out, page), "utf8"), "development");
      expect(withoutLocalSources(policy)).toBe(contentSecurityPolicy({ dev: false }));
    },
  );
});
