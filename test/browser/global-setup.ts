// jest globalSetup: the browser suite never disappears silently. Without Chromium it is left out by
// jest.config.js and this prints why; with REQUIRE_BROWSER_TESTS=1 (CI) a missing Chromium fails the run.
import { chromiumAvailable, chromiumPath } from "./chromium";

export default function globalSetup(): void {
  if (chromiumAvailable()) return;
  if (process.env.REQUIRE_BROWSER_TESTS === "1") {
    throw new Error(
      `REQUIRE_BROWSER_TESTS=1 but chromium was not found at ${chromiumPath()}: ` +
        "apt-get install -y chromium, or set CHROMIUM_PATH.",
    );
  }
  const rule = "!".repeat(78);
  process.stderr.write(
    [
      "",
      rule,
      `!!  BROWSER TESTS SKIPPED: chromium not found at ${chromiumPath()}; CI always runs them.`,
      "!!  Run them here: apt-get install -y chromium (or set CHROMIUM_PATH), then npm test.",
      rule,
      "",
      "",
    ].join("\n"),
  );
}
