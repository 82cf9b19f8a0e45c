// The task pane's initial JavaScript: the scripts taskpane.html loads, gzipped (what a user downloads
// before the pane can draw). Built with the production webpack configuration into a temporary directory,
// so dist/ is left alone.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";

export interface BundleResult {
  scripts: string[];
  rawBytes: number;
  gzipBytes: number;
  buildMs: number;
  source: "fresh build" | "dist/";
}

/** Local script files referenced by an HTML page (absolute URLs such as the Office CDN are not ours). */
export function scriptSources(html: string): string[] {
  const out: string[] = [];
  // Production HTML is minified: attribute values may be unquoted.
  const re = /<script\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;
  for (let m = re.exec(html); m !== null; m = re.exec(html)) {
    const src = m[1] ?? m[2] ?? m[3] ?? "";
    if (!/^(https?:)?\/\//i.test(src)) out.push(src.replace(/^\.?\//, "").split(/[?#]/)[0] ?? "");
  }
  return out;
}

export function measureBundle(root: string, useDist: boolean): BundleResult {
  let dir = resolve(root, "dist");
  let buildMs = 0;
  let temp: string | undefined;
  if (!useDist) {
    temp = mkdtempSync(join(tmpdir(), "bench-bundle-"));
    dir = temp;
    const started = performance.now();
    const build = spawnSync(
      process.execPath,
      [resolve(root, "node_modules/webpack-cli/bin/cli.js"), "--mode", "production", "--output-path", dir],
      { cwd: root, encoding: "utf8", timeout: 150_000 },
    );
    buildMs = performance.now() - started;
    if (build.status !== 0) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(
        `webpack failed (${build.status ?? build.signal}): ${(build.stderr || build.stdout).slice(-800)}`,
      );
    }
  }
  try {
    const htmlPath = join(dir, "taskpane.html");
    if (!existsSync(htmlPath)) throw new Error(`no taskpane.html in ${dir}`);
    const scripts = scriptSources(readFileSync(htmlPath, "utf8"));
    let rawBytes = 0;
    let gzipBytes = 0;
    for (const s of scripts) {
      const bytes = readFileSync(join(dir, s));
      rawBytes += bytes.length;
      gzipBytes += gzipSync(bytes, { level: 9 }).length;
    }
    return { scripts, rawBytes, gzipBytes, buildMs, source: useDist ? "dist/" : "fresh build" };
  } finally {
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
}
