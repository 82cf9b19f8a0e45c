// The production pane opened where Excel is not: straight in a browser tab, or with office.js blocked
// (the Office CDN unreachable). Instead of "Loading…" forever, it says what is wrong and what to do, in
// the browser's language.
import type { Page } from "playwright-core";
import { startHarness, type Harness } from "./harness";

jest.setTimeout(180_000);

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 300_000);
afterAll(async () => {
  await h?.close();
});

interface Opened {
  page: Page;
  errors: string[];
}

/** Opens taskpane.html itself in a tab, with no workbench around it (no host), off-machine requests blocked. */
async function openPaneAlone(
  options: { locale?: string; query?: string; officeJs?: "abort" | "silent" } = {},
): Promise<Opened> {
  const context = await h.browser.newContext({
    viewport: { width: 340, height: 700 },
    ignoreHTTPSErrors: true,
    locale: options.locale ?? "en-US",
  });
  const page = await context.newPage();
  page.once("close", () => void context.close());
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const origin = new URL(h.workbench.url).origin;
  await page.route(
    (url) => url.origin !== origin,
    (route) => route.abort("blockedbyclient"),
  );
  if (options.officeJs === "abort") {
    await page.route("**/office-js/office.js", (route) => route.abort("internetdisconnected"));
  } else if (options.officeJs === "silent") {
    // office.js that loads but whose host never answers.
    await page.route("**/office-js/office.js", (route) =>
      route.fulfill({
        contentType: "text/javascript",
        body: "window.Office = { onReady: () => new Promise(() => {}) };",
      }),
    );
  }
  await page.goto(`${origin}/taskpane.html${options.query ?? ""}`);
  return { page, errors };
}

async function problemOf(
  page: Page,
  timeout = 20_000,
): Promise<{ kind: string; text: string; role: string }> {
  const box = page.locator("#startup-problem");
  await box.waitFor({ timeout });
  return {
    kind: (await box.getAttribute("data-problem")) ?? "",
    text: (await box.innerText()).replace(/\s+/g, " "),
    role: (await box.getAttribute("role")) ?? "",
  };
}

describe("the pane outside Excel", () => {
  it("opened in a browser tab, it says to open it from Excel, with the ribbon path", async () => {
    const { page, errors } = await openPaneAlone();
    const problem = await problemOf(page);
    expect(problem.role).toBe("alert");
    expect(problem.text).toContain("Open this add-in from Excel");
    expect(problem.text).toContain("Home > Bulk Share > Share with list");
    await expect(page.locator(".loading").count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("when office.js cannot be loaded, it names the Office CDN and what to do, in Excel or in a browser", async () => {
    const { page, errors } = await openPaneAlone({ officeJs: "abort" });
    const problem = await problemOf(page, 5_000);
    expect(problem.kind).toBe("noOfficeJs");
    expect(problem.text).toContain("could not be loaded from the Office CDN (appsforoffice.microsoft.com)");
    expect(problem.text).toContain("If this is Excel:");
    expect(problem.text).toContain("Home > Bulk Share > Share with list");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("when Office never answers, it keeps Loading… for the wait, then says Excel has not answered", async () => {
    const { page, errors } = await openPaneAlone({ officeJs: "silent", query: "?startupWait=1500" });
    await expect(page.locator(".loading").innerText()).resolves.toBe("Loading…");
    const started = Date.now();
    const problem = await problemOf(page, 10_000);
    expect(Date.now() - started).toBeGreaterThan(500);
    expect(problem.kind).toBe("waiting");
    expect(problem.text).toContain("Excel has not answered");
    expect(problem.text).toContain("waited 2 seconds");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("speaks the browser's language: German without office.js", async () => {
    const { page } = await openPaneAlone({ locale: "de-DE", officeJs: "abort" });
    const problem = await problemOf(page, 5_000);
    expect(problem.text).toContain("Das Add-In konnte nicht starten");
    expect(problem.text).toContain("Start > Bulk Share > Für Liste freigeben");
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("de");
    await page.close();
  });
});
