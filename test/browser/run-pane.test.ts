// The "Progress and results" card in Chromium, over the workbench: where the keyboard focus is when a
// run ends, and what Cancel leaves the person to do next.
import { openWorkbench, startHarness, waitForShareDone, type Harness } from "./harness";

// Generous: the workbench is built (webpack) in beforeAll, and CI machines are shared.
jest.setTimeout(180_000);

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 300_000);
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  h.workbench.emulator.reset();
  h.workbench.emulator.setFaults({});
});

describe("the run panel in Chromium", () => {
  it("after a run started from the keyboard, the focus is on the results heading and the result is there", async () => {
    const { page, pane, errors } = await openWorkbench(h);
    await pane.locator("#share").focus();
    await page.keyboard.press("Enter");
    const status = await waitForShareDone(pane);
    expect(status).toMatch(/^Done: \d+ granted, 0 failed/);

    await pane.waitForFunction(() => document.activeElement?.id === "status-title");
    expect(await pane.locator(":focus").textContent()).toBe("Progress and results");
    // The progress figure is gone; the hidden live region no longer speaks.
    expect(await pane.locator("#progress-area").isHidden()).toBe(true);
    expect(await pane.locator("#announce").textContent()).toBe("");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("after Cancel, the rest read 'not sent', the button offers to share them, and the focus is on the heading", async () => {
    const { page, pane, errors } = await openWorkbench(h);
    // Slow answers, so that Cancel comes while invites are still queued.
    h.workbench.emulator.setFaults({ latencyMs: 400 });
    await pane.locator("#share").click();
    await pane.locator("#progress-area:not([hidden])").waitFor();
    await pane.locator("#cancel").click();
    await pane.waitForFunction(() =>
      /^Cancelled: /.test(document.getElementById("status")?.textContent ?? ""),
    );

    const status = (await pane.locator("#status").textContent()) ?? "";
    const result = /^Cancelled: (\d+) granted, 0 failed(?:, \d+ already had access)?, (\d+) not sent\.$/.exec(
      status,
    );
    expect(result).not.toBeNull();
    expect(status).not.toMatch(/skipped/);
    const notSent = Number(result?.[2]);
    expect(notSent).toBeGreaterThan(0);
    await pane.waitForFunction(() => document.activeElement?.id === "status-title");
    // Once the preview has read the statuses again, the button counts the recipients not sent.
    await pane.locator("#retry-failed", { hasText: `Share the remaining ${notSent}` }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});
