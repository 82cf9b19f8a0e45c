// The Content-Security-Policy that webpack writes into taskpane.html and dialog.html: present in both
// builds, first in <head> (a <meta> policy covers only what comes after it), allowing office.js from the
// Office CDN, Graph and the Entra authority, never inline or eval'd script; development builds differ
// only by the local workbench/emulator origins. Chromium enforcing it: test/browser/csp.test.ts.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildAddin, directives, metaPolicy } from "../helpers/build-addin";

jest.setTimeout(240_000);

const { contentSecurityPolicy, DEV_LOCAL } = require("../../scripts/csp.js") as {
  contentSecurityPolicy(o: { dev: boolean; authority?: string }): string;
  DEV_LOCAL: string[];
};

const PAGES = ["taskpane.html", "dialog.html"];
const LOCAL = /localhost|127\.0\.0\.1|ws:|wss:/;

const root = fs.mkdtempSync(path.join(os.tmpdir(), "bulk-share-csp-"));
const outDir = { production: path.join(root, "prod"), development: path.join(root, "dev") };

beforeAll(async () => {
  await buildAddin("production", outDir.production);
  await buildAddin("development", outDir.development);
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const page = (mode: keyof typeof outDir, name: string) =>
  fs.readFileSync(path.join(outDir[mode], name), "utf8");

describe.each(["production", "development"] as const)("the %s build", (mode) => {
  test.each(PAGES)("%s carries the policy before any script or stylesheet", (name) => {
    const html = page(mode, name);
    const policy = metaPolicy(html);
    expect(policy).toBeDefined();
    const metaAt = html.search(/http-equiv=["']?Content-Security-Policy/i);
    const firstLoad = html.search(/<script\b|<link\b/i);
    expect(metaAt).toBeGreaterThan(0);
    expect(metaAt).toBeLessThan(firstLoad);
  });

  test.each(PAGES)("%s: office.js, Graph and Entra are allowed, inline and eval'd script are not", (name) => {
    const d = directives(metaPolicy(page(mode, name))!);
    expect(d.get("script-src")).toEqual(
      expect.arrayContaining(["'self'", "https://appsforoffice.microsoft.com"]),
    );
    expect(d.get("connect-src")).toEqual(
      expect.arrayContaining(["https://graph.microsoft.com", "https://login.microsoftonline.com"]),
    );
    expect(d.get("frame-src")).toEqual(expect.arrayContaining(["https://login.microsoftonline.com"]));
    expect(d.get("object-src")).toEqual(["'none'"]);
    for (const sources of d.values()) {
      expect(sources).not.toContain("'unsafe-inline'");
      expect(sources).not.toContain("'unsafe-eval'");
      expect(sources).not.toContain("*");
    }
    // The page itself has no inline script the policy would have to allow.
    const scripts = [...page(mode, name).matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body!.trim()).toBe("");
    }
  });
});

test("production allows no local origin; development adds exactly the local ones", () => {
  for (const name of PAGES) {
    const prod = metaPolicy(page("production", name))!;
    const dev = directives(metaPolicy(page("development", name))!);
    expect(prod).not.toMatch(LOCAL);
    expect(dev.get("connect-src")).toEqual(expect.arrayContaining(DEV_LOCAL));
    const devWithoutLocal = [...dev]
      .map(([d, sources]) => [d, ...sources.filter((s) => !LOCAL.test(s))].join(" "))
      .join("; ");
    expect(devWithoutLocal).toBe(prod);
  }
});

test("a build for another cloud's authority may talk to that authority", () => {
  const d = directives(
    contentSecurityPolicy({
      dev: false,
      authority: "https://login.microsoftonline.us/contoso.onmicrosoft.us",
    }),
  );
  expect(d.get("connect-src")).toEqual(expect.arrayContaining(["https://login.microsoftonline.us"]));
  expect(d.get("frame-src")).toEqual(expect.arrayContaining(["https://login.microsoftonline.us"]));
});
