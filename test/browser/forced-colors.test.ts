// Windows high contrast: with forced colours (emulated here as Edge and Chrome apply them), every control
// of the pane keeps a visible border in the system's colours, the focus ring is the system's Highlight,
// links read as links, disabled buttons as GrayText, and a finished run's status keeps a visible mark
// besides its words.
import type { Frame } from "playwright-core";
import { openWorkbench, startHarness, waitForShareDone, type Harness } from "./harness";

jest.setTimeout(180_000);

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 300_000);
afterAll(async () => {
  await h?.close();
});

interface Look {
  color: string;
  background: string;
  borderStyle: string;
  borderWidth: number;
  borderColor: string;
  outlineStyle: string;
  outlineWidth: number;
  outlineColor: string;
  opacity: string;
  textDecoration: string;
}

/** Computed styles of the first element matching `selector` in the pane (after `prepare`). */
async function lookOf(pane: Frame, selector: string, prepare = ""): Promise<Look> {
  return pane.evaluate(
    ([sel, prep]) => {
      const el = document.querySelector<HTMLElement>(sel);
      if (!el) throw new Error(`no ${sel}`);
      if (prep === "focus") el.focus();
      if (prep === "disable") (el as HTMLButtonElement).disabled = true;
      const s = getComputedStyle(el);
      return {
        color: s.color,
        background: s.backgroundColor,
        borderStyle: s.borderLeftStyle,
        borderWidth: parseFloat(s.borderLeftWidth),
        borderColor: s.borderLeftColor,
        outlineStyle: s.outlineStyle,
        outlineWidth: parseFloat(s.outlineWidth),
        outlineColor: s.outlineColor,
        opacity: s.opacity,
        textDecoration: s.textDecorationLine,
      };
    },
    [selector, prepare] as const,
  );
}

/** What a system colour keyword resolves to in the pane right now. */
async function systemColour(pane: Frame, keyword: string): Promise<string> {
  return pane.evaluate((k) => {
    const probe = document.createElement("span");
    probe.style.color = k;
    document.body.append(probe);
    const value = getComputedStyle(probe).color;
    probe.remove();
    return value;
  }, keyword);
}

const TRANSPARENT = "rgba(0, 0, 0, 0)";

describe("the pane in forced colours (Windows high contrast)", () => {
  it("keeps every button bordered, the focus ring in Highlight, links as links and disabled as GrayText", async () => {
    const { page, pane } = await openWorkbench(h);
    await page.emulateMedia({ forcedColors: "active" });
    expect(await pane.evaluate(() => matchMedia("(forced-colors: active)").matches)).toBe(true);
    const [buttonText, highlight, linkText, grayText] = await Promise.all(
      ["ButtonText", "Highlight", "LinkText", "GrayText"].map((k) => systemColour(pane, k)),
    );

    // The primary action: no transparent border, drawn thick in the button's text colour.
    const share = await lookOf(pane, "#share");
    expect(share.borderStyle).toBe("solid");
    expect(share.borderWidth).toBeGreaterThanOrEqual(2);
    expect(share.borderColor).toBe(buttonText);
    expect(share.color).toBe(buttonText);
    expect(share.color).not.toBe(share.background);

    // Focus: a solid, non-transparent ring in Highlight.
    await pane.locator("#share").focus();
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Tab");
    const focused = await lookOf(pane, "#share:focus-visible");
    expect(focused.outlineStyle).toBe("solid");
    expect(focused.outlineWidth).toBeGreaterThanOrEqual(2);
    expect(focused.outlineColor).not.toBe(TRANSPARENT);
    expect(focused.outlineColor).toBe(highlight);

    // Subtle and link buttons read as links, not as plain text.
    const subtle = await lookOf(pane, "button.subtle");
    expect(subtle.color).toBe(linkText);
    expect(subtle.textDecoration).toContain("underline");

    // A disabled button is GrayText at full opacity, not a faded copy of an enabled one.
    const disabled = await lookOf(pane, "button.subtle", "disable");
    expect(disabled.color).toBe(grayText);
    expect(disabled.opacity).toBe("1");

    // The dry-run switch and the progress bar keep a border in system colours.
    const dryRun = await lookOf(pane, ".switch input[type=checkbox]");
    expect(dryRun.borderStyle).toBe("solid");
    expect(dryRun.borderColor).toBe(buttonText);
    const progress = await lookOf(pane, "#progress");
    expect(progress.borderStyle).toBe("solid");
    expect(progress.borderColor).not.toBe(TRANSPARENT);
    await page.close();
  });

  it("a finished run's status is readable and marked by more than colour", async () => {
    const { page, pane } = await openWorkbench(h);
    await page.emulateMedia({ forcedColors: "active" });
    await pane.locator("#share").click();
    await waitForShareDone(pane);
    const canvasText = await systemColour(pane, "CanvasText");
    const status = await lookOf(pane, "#status");
    expect(await pane.locator("#status").getAttribute("data-tone")).toMatch(/success|warning|error/);
    expect(status.color).toBe(canvasText);
    expect(status.color).not.toBe(status.background);
    expect(status.borderStyle).toBe("solid");
    expect(status.borderWidth).toBeGreaterThanOrEqual(3);
    expect(status.borderColor).toBe(canvasText);
    await page.close();
  });
});
