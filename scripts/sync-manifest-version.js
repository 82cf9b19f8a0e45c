// Sets manifest.xml <Version> from package.json "version" ("0.1.0" → "0.1.0.0").
// Runs from the npm "version" lifecycle script, after npm has bumped package.json and before it commits,
// so `npm version patch|minor|major` keeps the two in step (the admin center only rolls out a manifest
// whose Version went up).
//
//   node scripts/sync-manifest-version.js [--check]
//
// --check changes nothing and exits 1 when the two differ.
"use strict";

const fs = require("fs");
const path = require("path");
const { versionFromPackage, setManifestVersion } = require("./manifest");

/**
 * Brings the manifest's Version in line with the package version.
 * @returns {{ version: string, changed: boolean, xml: string }}
 */
function syncManifestVersion(manifestXml, pkgVersion) {
  const version = versionFromPackage(pkgVersion);
  const xml = setManifestVersion(manifestXml, version);
  return { version, changed: xml !== manifestXml, xml };
}

function main(argv, root = path.join(__dirname, "..")) {
  const check = argv.includes("--check");
  const manifestPath = path.join(root, "manifest.xml");
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  const { version, changed, xml } = syncManifestVersion(fs.readFileSync(manifestPath, "utf8"), pkg.version);
  if (check) {
    console.log(
      changed
        ? `manifest.xml Version differs from package.json ${pkg.version} (expected ${version}); run node scripts/sync-manifest-version.js`
        : `manifest.xml Version ${version} matches package.json ${pkg.version}`,
    );
    return changed ? 1 : 0;
  }
  if (changed) fs.writeFileSync(manifestPath, xml);
  console.log(`manifest.xml Version ${version}${changed ? " (updated)" : " (unchanged)"}`);
  return 0;
}

module.exports = { syncManifestVersion };

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    console.error(e.message);
    process.exitCode = 1;
  }
}
