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
