import * as fs from "fs";
import * as path from "path";
import { ROOT, manifest, syncVersion } from "./scripts";
import { devManifest } from "./helpers";

describe("versionFromPackage", () => {
  test.each([
    ["0.1.0", "0.1.0.0"],
    ["1.0.0", "1.0.0.0"],
    ["1.2.3", "1.2.3.0"],
    ["10.20.30", "10.20.30.0"],
    ["99999.0.1", "99999.0.1.0"],
  ])("%s → %s", (pkg, expected) => {
    expect(manifest.versionFromPackage(pkg)).toBe(expected);
  });

  test.each(["1.0.0-beta.1", "1.0.0+build.5", "1.0", "v1.0.0", "", "100000.0.0"])("refuses %p", (pkg) => {
    expect(() => manifest.versionFromPackage(pkg)).toThrow(/package\.json version/);
  });
});

describe("manifest Version and package.json version", () => {
  test("are in step", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
    const version = /<Version>([^<]*)<\/Version>/.exec(devManifest())?.[1];
    expect(version).toBe(manifest.versionFromPackage(pkg.version));
  });

  test("syncManifestVersion rewrites only the Version element", () => {
    const xml = devManifest();
    const { version, changed, xml: bumped } = syncVersion.syncManifestVersion(xml, "0.2.0");
    expect(version).toBe("0.2.0.0");
    expect(changed).toBe(true);
    expect(bumped).toBe(xml.replace("<Version>0.1.0.0</Version>", "<Version>0.2.0.0</Version>"));
    expect(syncVersion.syncManifestVersion(bumped, "0.2.0").changed).toBe(false);
  });
});
