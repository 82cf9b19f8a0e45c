import { sideloadScript } from "./scripts";

function harness(platform: string, exitCodes: Record<string, number> = {}) {
  const calls: Array<[string, string[]]> = [];
  const out: string[] = [];
  const err: string[] = [];
  const run = (pkg: string, args: string[]): number => {
    calls.push([pkg, args]);
    return exitCodes[pkg] ?? 0;
  };
  const deps = {
    platform,
    run,
    out: (l: string) => out.push(l),
    err: (l: string) => err.push(l),
    manifest: "/project/manifest.xml",
  };
  return { calls, out, err, deps };
}

describe("sideload", () => {
  test.each(["desktop", "stop"])(
    "on Linux, %s says plainly why not and exits 1 without running anything",
    (command) => {
      const h = harness("linux");
      expect(sideloadScript.sideload([command], h.deps)).toBe(1);
      expect(h.calls).toEqual([]);
      const message = h.err.join("\n");
      expect(message).toContain("Excel desktop is not available on Linux");
      expect(message).toContain("npm start");
      expect(message).toContain("simulated Excel");
    },
  );

  test("on Windows, desktop installs the dev certificate and then sideloads into Excel", () => {
    const h = harness("win32");
    expect(sideloadScript.sideload(["desktop"], h.deps)).toBe(0);
    expect(h.calls).toEqual([
      ["office-addin-dev-certs", ["install"]],
      [
        "office-addin-debugging",
        ["start", "/project/manifest.xml", "desktop", "--app", "excel", "--dev-server-port", "3000"],
      ],
    ]);
  });

  test("on macOS, web passes the workbook URL", () => {
    const h = harness("darwin");
    const url = "https://contoso.sharepoint.com/:x:/r/sites/team/Shared%20Documents/List.xlsx";
    expect(sideloadScript.sideload(["web", "--document", url], h.deps)).toBe(0);
    expect(h.calls[1]).toEqual([
      "office-addin-debugging",
      [
        "start",
        "/project/manifest.xml",
        "web",
        "--app",
        "excel",
        "--dev-server-port",
        "3000",
        "--document",
        url,
      ],
    ]);
  });

  test("web without --document explains what is missing", () => {
    const h = harness("win32");
    expect(sideloadScript.sideload(["web"], h.deps)).toBe(2);
    expect(h.calls).toEqual([]);
    expect(h.err.join("\n")).toContain("needs --document <url of a workbook in OneDrive or SharePoint>");
  });

  test("stop unregisters through office-addin-debugging and returns its exit code", () => {
    const h = harness("darwin", { "office-addin-debugging": 3 });
    expect(sideloadScript.sideload(["stop"], h.deps)).toBe(3);
    expect(h.calls).toEqual([["office-addin-debugging", ["stop", "/project/manifest.xml"]]]);
  });

  test("a failed certificate install stops before sideloading", () => {
    const h = harness("win32", { "office-addin-dev-certs": 1 });
    expect(sideloadScript.sideload(["desktop"], h.deps)).toBe(1);
    expect(h.calls.map(([pkg]) => pkg)).toEqual(["office-addin-dev-certs"]);
    expect(h.err.join("\n")).toContain("Could not install the development certificate");
  });

  test("an unknown command prints the usage", () => {
    const h = harness("win32");
    expect(sideloadScript.sideload(["excel"], h.deps)).toBe(2);
    expect(h.err.join("\n")).toContain(
      "usage: node scripts/sideload.js desktop | web --document <workbook url> | stop",
    );
  });
});
