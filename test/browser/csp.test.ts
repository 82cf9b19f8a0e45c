// The built pages under their own Content-Security-Policy in Chromium: the development taskpane.html and
// dialog.html, served by a small static server, load the real office.js (node_modules/@microsoft/office-js
// at the Office CDN address the page asks for), and the policy must refuse none of what they load: no
// securitypolicyviolation event, no CSP message in the console. Each page is opened as a plain browser
// tab (office.js "outside of Office": its O15 loader and telemetry frame) and with Excel on the web's
// host info (the excel-web host file and the locale strings). A probe from inside the page shows the
// listener does see refusals, and that Graph, Entra and a local emulator origin are reachable.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { buildAddin } from "../helpers/build-addin";
import { launchChromium } from "./chromium";

jest.setTimeout(240_000);

const OFFICE_DIST = path.resolve(__dirname, "../../node_modules/@microsoft/office-js/dist");
const OFFICE_CDN = "https://appsforoffice.microsoft.com";
/** office.js reads its host from ?_host_Info= (type$platform$version$locale$...$disableLogging$flags). */
const EXCEL_WEB = "_host_Info=Excel$Web$16.00$en-US$x$$disableLogging$0";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".json": "application/json",
};

/** Serves a folder as it is: no headers beyond the content type, so only the <meta> policy applies. */
function staticServer(root: string): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const file = path.join(root, path.normalize(new URL(req.url ?? "/", "http://x").pathname));
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        origin: `http://127.0.0.1:${port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    }),
  );
}

interface Watched {
  page: Page;
  /** Whatever office.js fetched from the (intercepted) Office CDN. */
  officeFiles: string[];
  violations(): Promise<string[]>;
  cspConsole: string[];
}

/** A fresh context whose page records CSP refusals and gets office.js from node_modules. */
async function watchedPage(browser: Browser): Promise<Watched> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.once("close", () => void context.close());
  const officeFiles: string[] = [];
  const cspConsole: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) cspConsole.push(m.text());
  });
  // Init scripts run before the page's own and are not subject to its policy.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (e) =>
      seen.push(`${e.effectiveDirective} ${e.blockedURI}`),
    );
  });
  await page.route("**/*", async (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1") return route.continue();
    if (url.origin === OFFICE_CDN) {
      const file = path.join(OFFICE_DIST, url.pathname.replace(/^\/lib\/1\/hosted\//, "").toLowerCase());
      if (!file.startsWith(OFFICE_DIST) || !existsSync(file)) return route.fulfill({ status: 404 });
      officeFiles.push(path.relative(OFFICE_DIST, file));
      const type = CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream";
      return route.fulfill({ path: file, contentType: type });
    }
    // Nothing leaves the machine: every other host gets an empty answer the policy allowed it to ask for.
    return route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>x</title>" });
  });
  const violations = () =>
    page.evaluate(() => [...(window as unknown as { __cspViolations: string[] }).__cspViolations]);
  return { page, officeFiles, violations, cspConsole };
}

/** Lets office.js finish loading its host file, strings and (outside Office) its telemetry frame. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("load");
  // office.js starts its telemetry frame 3 s after loading outside Office.
  await page.waitForTimeout(4_000);
}

let browser: Browser;
let site: { origin: string; close(): Promise<void> };
const outDir = mkdtempSync(path.join(tmpdir(), "bulk-share-csp-browser-"));

beforeAll(async () => {
  // With a client ID, as a real deployment: the dialog page then runs its MSAL code path.
  await buildAddin("development", outDir, { AAD_CLIENT_ID: "11111111-2222-4333-8444-555555555555" });
  site = await staticServer(outDir);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  rmSync(outDir, { recursive: true, force: true });
});

describe.each(["taskpane.html", "dialog.html"])("%s under its Content-Security-Policy", (name) => {
  test("as a plain browser tab, office.js loads with nothing refused", async () => {
    const w = await watchedPage(browser);
    await w.page.goto(`${site.origin}/${name}`);
    await settle(w.page);
    expect(w.officeFiles).toEqual(expect.arrayContaining(["office.js", "o15apptofilemappingtable.js"]));
    expect(await w.page.locator('meta[http-equiv="Content-Security-Policy"]').count()).toBe(1);
    expect(await w.violations()).toEqual([]);
    expect(w.cspConsole).toEqual([]);
    await w.page.close();
  });

  test("with Excel on the web's host info, office.js loads its host file and strings with nothing refused", async () => {
    const w = await watchedPage(browser);
    await w.page.goto(`${site.origin}/${name}?${EXCEL_WEB}`);
    await settle(w.page);
    expect(w.officeFiles).toEqual(
      expect.arrayContaining(["office.js", "excel-web-16.00.js", path.join("en-us", "office_strings.js")]),
    );
    expect(await w.page.locator('meta[http-equiv="Content-Security-Policy"]').count()).toBe(1);
    expect(await w.violations()).toEqual([]);
    expect(w.cspConsole).toEqual([]);
    await w.page.close();
  });
});

test("the policy lets the page reach Graph, Entra and a local emulator, and refuses anything else", async () => {
  const w = await watchedPage(browser);
  await w.page.goto(`${site.origin}/taskpane.html`);
  await settle(w.page);
  const reach = (url: string) =>
    w.page.evaluate(
      (u) =>
        fetch(u, { mode: "no-cors" }).then(
          () => "reached",
          () => "refused",
        ),
      url,
    );
  expect(await reach("https://graph.microsoft.com/v1.0/me")).toBe("reached");
  expect(
    await reach("https://login.microsoftonline.com/organizations/v2.0/.well-known/openid-configuration"),
  ).toBe("reached");
  // The development build may talk to the Graph emulator on any local port (another origin than the page).
  expect(await reach(`http://localhost:${new URL(site.origin).port}/v1.0/me`)).toBe("reached");
  expect(await w.violations()).toEqual([]);
  expect(await reach("https://attacker.example/collect")).toBe("refused");
  expect(await w.violations()).toEqual(["connect-src https://attacker.example/collect"]);
  await w.page.close();
});
