// Validates add-in manifests offline: XSD (test/fixtures/schemas) plus https URLs, Version, GUID Id,
// resource references and icon files/sizes.
//
//   node scripts/validate-manifest.js [--production] [--online] [files...]
//
// Default files: manifest.xml, and dist/manifest.xml when it exists. Prints `file:line: message` per
// problem and exits 1 on any. --production also rejects localhost URLs (use it on the manifest you upload
// to the admin center) and reads the build-info.json that `npm run build` writes beside it: a build
// without sign-in (no AAD_CLIENT_ID) fails unless it was made with ALLOW_NO_SIGN_IN=1. --online additionally sends manifest.xml to Microsoft's validation service through
// `office-addin-manifest validate`; when that service cannot be reached it says so and the result of the
// offline validation stands.
"use strict";

const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const { validateManifest } = require("./manifest");
const { buildInfoProblems } = require("./build-settings");

const ROOT = path.join(__dirname, "..");

function parseArgs(argv) {
  const options = { production: false, online: false, files: [] };
  for (const arg of argv) {
    if (arg === "--production") options.production = true;
    else if (arg === "--online") options.online = true;
    else if (arg === "--help" || arg === "-h") options.help = true;
    else if (arg.startsWith("-")) throw new Error(`unknown option ${arg}`);
    else options.files.push(arg);
  }
  return options;
}

function defaultFiles(root) {
  const files = [path.join(root, "manifest.xml")];
  const dist = path.join(root, "dist", "manifest.xml");
  if (fs.existsSync(dist)) files.push(dist);
  return files;
}

/** What build-info.json beside a production manifest says is wrong with its build, and notes. */
function checkBuildInfo(file) {
  const infoPath = path.join(path.dirname(file), "build-info.json");
  if (!fs.existsSync(infoPath)) return { problems: buildInfoProblems(undefined), notes: [] };
  let info;
  try {
    info = JSON.parse(fs.readFileSync(infoPath, "utf8"));
  } catch {
    return {
      problems: ["build-info.json beside it is not valid JSON; rebuild with npm run build"],
      notes: [],
    };
  }
  const notes =
    info.signIn && !info.signIn.configured && info.signIn.allowedWithout
      ? ["built without sign-in on purpose (ALLOW_NO_SIGN_IN=1): nobody can share with this build"]
      : [];
  return { problems: buildInfoProblems(info), notes };
}

/**
 * Validates files and prints one line per problem.
 * @returns {Promise<number>} the number of problems
 */
async function validateFiles(files, { production = false, baseDir = ROOT, out = console.log } = {}) {
  let problems = 0;
  for (const file of files) {
    const shown = path.relative(process.cwd(), file) || file;
    let text;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (e) {
      out(`${shown}: cannot read (${e.code || e.message})`);
      problems++;
      continue;
    }
    const { errors } = await validateManifest(text, { baseDir, production });
    const build = production ? checkBuildInfo(file) : { problems: [], notes: [] };
    for (const e of errors)
      out(e.line !== undefined ? `${shown}:${e.line}: ${e.message}` : `${shown}: ${e.message}`);
    for (const p of build.problems) out(`${shown}: ${p}`);
    for (const n of build.notes) out(`${shown}: note: ${n}`);
    if (errors.length + build.problems.length === 0)
      out(`${shown}: valid${production ? " (production)" : ""}`);
    problems += errors.length + build.problems.length;
  }
  return problems;
}

/** Signs in `office-addin-manifest validate` output that the web service was not reached at all. */
const UNREACHABLE =
  /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|getaddrinfo|fetch failed|network|socket hang up|Unable to (validate|contact)|request to .* failed/i;

/**
 * Runs Microsoft's online validation on one manifest.
 * @returns {"valid" | "invalid" | "unreachable"}
 */
function validateOnline(file, { run = spawnSync, out = console.log } = {}) {
  const cli = path.join(path.dirname(require.resolve("office-addin-manifest/package.json")), "cli.js");
  const result = run(process.execPath, [cli, "validate", file], { encoding: "utf8", timeout: 60000 });
  const output = `${result.stdout || ""}${result.stderr || ""}`;
  if (result.error || UNREACHABLE.test(output)) {
    out(
      "Online validation: Microsoft's validation service could not be reached (no internet here?). " +
        "Nothing was checked online; the offline result above stands.",
    );
    return "unreachable";
  }
  out(output.trim());
  return result.status === 0 ? "valid" : "invalid";
}

async function main(argv) {
  let options;
  try {
    options = parseArgs(argv);
  } catch (e) {
    console.error(e.message);
    return 2;
  }
  if (options.help) {
    console.log("usage: node scripts/validate-manifest.js [--production] [--online] [files...]");
    return 0;
  }
  const files = options.files.length ? options.files.map((f) => path.resolve(f)) : defaultFiles(ROOT);
  const problems = await validateFiles(files, { production: options.production });
  let onlineFailed = false;
  if (options.online) {
    onlineFailed = validateOnline(path.join(ROOT, "manifest.xml")) === "invalid";
  }
  return problems > 0 || onlineFailed ? 1 : 0;
}

module.exports = { validateFiles, validateOnline, parseArgs };

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      console.error(e.stack || e.message);
      process.exitCode = 1;
    },
  );
}
