// Builds the add-in (webpack.config.js, as `npm run build` / `build:dev` do) into a folder of the test's
// own, never dist/. env sets build-time variables (e.g. AAD_CLIENT_ID) for this build only.
import webpack from "webpack";

const makeConfig = require("../../webpack.config.js") as (
  env: unknown,
  argv: { mode: string },
) => webpack.Configuration;

export async function buildAddin(
  mode: "production" | "development",
  outDir: string,
  env: Record<string, string> = {},
): Promise<void> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  let config: webpack.Configuration;
  try {
    config = makeConfig({}, { mode });
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  config.output = { ...config.output, path: outDir };
  await new Promise<void>((resolve, reject) => {
    webpack(config, (err, stats) => {
      if (err || !stats) return reject(err ?? new Error("no stats"));
      if (stats.hasErrors()) return reject(new Error(stats.toString("errors-only")));
      resolve();
    });
  });
}

/** The Content-Security-Policy of a built page's <meta http-equiv> tag, or undefined. */
export function metaPolicy(html: string): string | undefined {
  const tag = /<meta\b[^>]*http-equiv=["']?Content-Security-Policy["']?[^>]*>/i.exec(html)?.[0];
  if (!tag) return undefined;
  const content = /\bcontent=(?:"([^"]*)"|'([^']*)')/i.exec(tag);
  return content ? (content[1] ?? content[2]) : undefined;
}

/** The policy as directive name → sources. */
export function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), sources);
  }
  return map;
}

const LOCAL_SOURCE = /localhost|127\.0\.0\.1|^wss?:/;

/**
 * Checks the Content-Security-Policy webpack wrote into a built page and returns it: first in <head>
 * (before any script or stylesheet, since a <meta> policy covers only what follows it), office.js from
 * the Office CDN, Graph and Entra allowed, no inline or eval'd script, no inline <script> in the page;
 * local origins only in development builds.
 */
export function expectPagePolicy(html: string, mode: "production" | "development"): string {
  const policy = metaPolicy(html);
  expect(policy).toBeDefined();
  const metaAt = html.search(/http-equiv=["']?Content-Security-Policy/i);
  expect(metaAt).toBeGreaterThan(0);
  expect(metaAt).toBeLessThan(html.search(/<script\b|<link\b/i));
  const d = directives(policy!);
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
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  expect(scripts.length).toBeGreaterThan(0);
  for (const [, attributes, body] of scripts) {
    expect(attributes).toMatch(/\bsrc=/);
    expect(body!.trim()).toBe("");
  }
  const local = [...d.values()].flat().filter((s) => LOCAL_SOURCE.test(s));
  if (mode === "production") expect(local).toEqual([]);
  else
    expect(d.get("connect-src")).toEqual(
      expect.arrayContaining(["http://127.0.0.1:*", "http://localhost:*"]),
    );
  return policy!;
}

/** The policy without its development-only (local) sources: what a production build must carry. */
export function withoutLocalSources(policy: string): string {
  return [...directives(policy)]
    .map(([d, sources]) => [d, ...sources.filter((s) => !LOCAL_SOURCE.test(s))].join(" "))
    .join("; ");
}
