// Writes the README's pane screenshots (preview, progress, results) from the workbench in Chromium:
//   npx tsx test/taskpane/screenshots.ts
import path from "node:path";
import { openWorkbench, startHarness } from "../browser/harness";

const OUT = path.join(__dirname, "..", "..", "docs", "screenshots");

async function main(): Promise<void> {
  const h = await startHarness();
  try {
    // SharePoint-like throttling on a shortened clock, so the progress state stays on screen a moment.
    const { page, pane } = await openWorkbench(h, "?faults=throttling&timeScale=0.3");
    // Task-pane size: Excel's default pane is about 340 × 700 px.
    await page.setViewportSize({ width: 1400, height: 760 });
    const frame = page.locator("#taskpane");
    await pane.waitForSelector("#recipient-list li");
    await frame.screenshot({ path: path.join(OUT, "pane-preview.png") });
    await pane.click("#share");
    await pane.waitForSelector("#progress-area:not([hidden])");
    await pane.locator("#progress-area").scrollIntoViewIfNeeded();
    await pane.waitForFunction(() => Number(document.getElementById("progress-granted")?.textContent) > 0);
    await frame.screenshot({ path: path.join(OUT, "pane-progress.png") });
    await pane.waitForFunction(
      () =>
        /granted/.test(document.getElementById("status")?.textContent ?? "") &&
        document.getElementById("progress-area")?.hidden === true,
      undefined,
      { timeout: 120_000 },
    );
    await pane.locator("#status").scrollIntoViewIfNeeded();
    await frame.screenshot({ path: path.join(OUT, "pane-results.png") });
    await page.close();
  } finally {
    await h.close();
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
