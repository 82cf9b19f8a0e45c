// Sideloads the add-in into real Excel for manual testing.
//
//   node scripts/sideload.js desktop              Excel on Windows or macOS
//   node scripts/sideload.js web --document <url> Excel on the web, with a workbook in OneDrive/SharePoint
//   node scripts/sideload.js stop                 unregister the add-in and stop the debugging session
//
// Both start commands first install and trust the localhost development certificate
// (office-addin-dev-certs), because Excel (desktop, or the browser for Excel on the web) loads
// https://localhost:3000. office-addin-debugging does the sideloading; its output is passed through.
// Linux has no Excel desktop and office-addin-debugging cannot sideload there, so this says so and exits 1.
"use strict";

const path = require("path");
const { spawnSync } = require("child_process");

const ROOT = path.join(__dirname, "..");
const USAGE = "usage: node scripts/sideload.js desktop | web --document <workbook url> | stop";

const LINUX_MESSAGE = [
  "Excel desktop is not available on %PLATFORM%, and office-addin-debugging can sideload",
  "only into Excel on Windows or macOS (or Excel on the web, started from one of them).",
  "Here, run `npm start`: the workbench serves the add-in with a simulated Excel host.",
  "To try it in real Excel, run `npm run sideload` on Windows or macOS, or see docs/distribution.md.",
].join("\n");

/** Runs a package's CLI with this Node, output passed through; returns its exit code. */
function runTool(pkg, args, cwd = ROOT) {
  const cli = path.join(path.dirname(require.resolve(`${pkg}/package.json`)), "cli.js");
  const result = spawnSync(process.execPath, [cli, ...args], { stdio: "inherit", cwd });
  if (result.error) {
    console.error(`${pkg} could not be started: ${result.error.message}`);
    return 1;
  }
  return result.status === null ? 1 : result.status;
}

function parseArgs(argv) {
  const [command, ...rest] = argv;
  let document;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === "--document") document = rest[++i];
    else if (rest[i].startsWith("--document=")) document = rest[i].slice("--document=".length);
    else throw new Error(`unexpected argument ${rest[i]}`);
  }
  if (!["desktop", "web", "stop"].includes(command))
    throw new Error(`unknown command ${command ?? "(none)"}`);
  if (command === "web") {
    if (!document)
      throw new Error("Excel on the web needs --document <url of a workbook in OneDrive or SharePoint>");
    if (!/^https:\/\//i.test(document))
      throw new Error(`--document must be an https:// URL, got "${document}"`);
  } else if (document !== undefined) {
    throw new Error("--document applies only to web");
  }
  return { command, document };
}

/**
 * Sideloads (or stops) the add-in.
 * @param {string[]} argv command-line arguments after the script name
 * @param {{ platform?: string, run?: (pkg: string, args: string[]) => number,
 *           out?: (line: string) => void, err?: (line: string) => void, manifest?: string }} [deps]
 * @returns {number} the exit code
 */
function sideload(argv, deps = {}) {
  const {
    platform = process.platform,
    run = runTool,
    out = console.log,
    err = console.error,
    manifest = path.join(ROOT, "manifest.xml"),
  } = deps;
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    err(`${e.message}\n${USAGE}`);
    return 2;
  }
  if (platform !== "win32" && platform !== "darwin") {
    err(LINUX_MESSAGE.replace("%PLATFORM%", platform === "linux" ? "Linux" : platform));
    return 1;
  }
  if (args.command === "stop") return run("office-addin-debugging", ["stop", manifest]);

  out("Installing the localhost development certificate (you may be asked to trust it)...");
  const certs = run("office-addin-dev-certs", ["install"]);
  if (certs !== 0) {
    err("Could not install the development certificate; Excel would refuse https://localhost:3000.");
    return certs;
  }
  const start = ["start", manifest, args.command, "--app", "excel", "--dev-server-port", "3000"];
  if (args.document) start.push("--document", args.document);
  return run("office-addin-debugging", start);
}

module.exports = { sideload, LINUX_MESSAGE };

if (require.main === module) {
  process.exitCode = sideload(process.argv.slice(2));
}
