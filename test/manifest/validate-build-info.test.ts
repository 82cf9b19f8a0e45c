// `npm run validate:prod` (validate-manifest.js --production) reads the build-info.json that the build
// writes beside dist/manifest.xml, so a build that cannot sign anyone in does not pass as deployable.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ROOT, manifest } from "./scripts";
import { devManifest, removeTempDirs, tempDir } from "./helpers";

afterAll(removeTempDirs);

const cli = path.join(ROOT, "scripts", "validate-manifest.js");
const CLIENT_ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

function buildInfo(configured: boolean, allowedWithout: boolean, mode = "production") {
  return {
    mode,
    publicUrl: "https://share.contoso.com/addin/",
    signIn: {
      configured,
      clientId: configured ? CLIENT_ID : null,
      authority: "https://login.microsoftonline.com/organizations",
      allowedWithout,
    },
  };
}

/** A dist/ with the production manifest and, unless null, this build-info.json; runs validate:prod. */
function validateProd(info: object | null) {
  const dist = tempDir();
  const { xml } = manifest.buildManifest(devManifest(), { publicUrl: "https://share.contoso.com/addin/" });
  fs.writeFileSync(path.join(dist, "manifest.xml"), xml);
  if (info) fs.writeFileSync(path.join(dist, "build-info.json"), JSON.stringify(info));
  return spawnSync(process.execPath, [cli, "--production", "manifest.xml"], { cwd: dist, encoding: "utf8" });
}

describe("npm run validate:prod and the build's sign-in", () => {
  test("a build with sign-in is valid", () => {
    const result = validateProd(buildInfo(true, false));
    expect(result.stdout).toBe("manifest.xml: valid (production)\n");
    expect(result.status).toBe(0);
  });

  test("a build without AAD_CLIENT_ID fails, saying how to fix it", () => {
    const result = validateProd(buildInfo(false, false));
    expect(result.stdout).toBe(
      "manifest.xml: built without AAD_CLIENT_ID: nobody can sign in. Rebuild with AAD_CLIENT_ID " +
        "(docs/sign-in.md), or with ALLOW_NO_SIGN_IN=1 if that is intended\n",
    );
    expect(result.status).toBe(1);
  });

  test("a build made without sign-in on purpose (ALLOW_NO_SIGN_IN=1) passes, with a note", () => {
    const result = validateProd(buildInfo(false, true));
    expect(result.stdout).toBe(
      "manifest.xml: note: built without sign-in on purpose (ALLOW_NO_SIGN_IN=1): nobody can share with this build\n" +
        "manifest.xml: valid (production)\n",
    );
    expect(result.status).toBe(0);
  });

  test("a manifest without build-info.json beside it fails: nobody can tell whether it signs in", () => {
    const result = validateProd(null);
    expect(result.stdout).toMatch(/^manifest\.xml: no build-info\.json beside it/);
    expect(result.status).toBe(1);
  });
});
