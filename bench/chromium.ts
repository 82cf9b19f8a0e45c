// The share run as a person gets it: the real task pane (development build, Microsoft's office.js) in
// Debian's Chromium, inside the workbench page that plays Excel on the web, signing in through the local
// identity provider and talking to the Graph emulator over loopback HTTP. playwright-core drives it: a
// roster sheet of N addresses is selected, Share is clicked, and the time runs until the status line
// says the run is over (measured in the pane, from the click to the DOM mutation that shows it).
//
// Besides the wall time each run reports what it cost: context.sync calls (the RichApi requests the
// workbench answered) and the time the host spent answering them, Graph round trips (the emulator's
// ledger), token requests to the identity provider, and the pane's DOM updates of its status line.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Frame, Page } from "playwright-core";
import { startWorkbench, type Workbench } from "../workbench/host/server";
import type { FaultConfig } from "../workbench/graph-emulator";
import { chromiumAvailable, chromiumPath, launchChromium } from "../test/browser/chromium";
import { countLedger, roster, type LedgerCounts } from "./workload";

export const ROSTER_SHEET = "Roster";

export interface BrowserRun extends LedgerCounts {
  n: number;
  /** From the click on Share to the status line saying the run is over. */
  wallMs: number;
  /** context.sync calls the workbench answered during the run, and the host's time answering them. */
  syncs: number;
  hostMs: number;
  /** Tokens the pane asked the identity provider for during the run. */
  tokenCalls: number;
  /** Times the pane changed its status line / progress text during the run. */
  statusUpdates: number;
  /** The pane's final status line. */
  status: string;
  /** With `profile`: JavaScript self time by function over the run, largest first (milliseconds). */
  profile?: ProfileLine[];
}

export interface ProfileLine {
  fn: string;
  where: string;
  selfMs: number;
}

export interface BrowserBench {
  /** Build and start-up time (not part of any run). */
  setupMs: number;
  /** The workbench page, for experiments (tracing). */
  page: Page;
  browser: Browser;
  run(n: number, faults: FaultConfig, options?: { profile?: boolean }): Promise<BrowserRun>;
  close(): Promise<void>;
}

/** Says why the browser rows cannot be measured here, or undefined when they can. */
export function browserMissing(): string | undefined {
  return chromiumAvailable()
    ? undefined
    : `chromium not found at ${chromiumPath()}: browser rows not measured (apt-get install -y chromium, or set CHROMIUM_PATH)`;
}

async function openPane(browser: Browser, url: string): Promise<{ page: Page; pane: Frame }> {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 860 },
    ignoreHTTPSErrors: true,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url);
  const frame = await (await page.waitForSelector("#taskpane")).contentFrame();
  if (!frame) throw new Error("the task pane frame did not load");
  await frame.waitForSelector("#share:enabled", { timeout: 60_000 }).catch((e: unknown) => {
    throw new Error(`the task pane did not get ready (${errors.join("; ") || String(e)})`);
  });
  return { page, pane: frame };
}

/** Puts N addresses under "Email" on a Roster sheet and selects them; waits for the pane's preview. */
async function selectRoster(page: Page, pane: Frame, n: number): Promise<void> {
  await page.evaluate(
    ({ sheet, addresses }) => {
      const wb = window.__workbench;
      if (!wb) throw new Error("no workbench on the page");
      const model = wb.model;
      if (!model.findSheet(sheet)) model.addSheet(sheet);
      const s = model.sheet(sheet);
      // A fresh roster each time: the previous run's statuses go with the old cells.
      model.clear(s, { rowIndex: 0, columnIndex: 0, rowCount: addresses.length + 10, columnCount: 4 }, "All");
      model.setValues(sheet, "A1", [["Email"], ...addresses.map((a) => [a])]);
      model.activate(sheet);
      model.select(sheet, `A1:A${addresses.length + 1}`);
      wb.render();
    },
    { sheet: ROSTER_SHEET, addresses: roster(n) },
  );
  await pane.waitForFunction(
    // The count is written the pane's way ("1,000"): compare its digits.
    (count) =>
      (document.getElementById("count-valid")?.textContent ?? "").replace(/\D/g, "") === String(count),
    n,
    { timeout: 30_000, polling: 50 },
  );
  await pane.waitForSelector("#share:enabled");
}

/** Clicks Share in the pane and resolves with the milliseconds until the run is over, measured there. */
async function shareAndTime(pane: Frame): Promise<{ wallMs: number; statusUpdates: number; status: string }> {
  return pane.evaluate(
    () =>
      new Promise<{ wallMs: number; statusUpdates: number; status: string }>((resolve, reject) => {
        const status = document.getElementById("status");
        const share = document.getElementById("share") as HTMLButtonElement | null;
        const progressText = document.getElementById("progress-text");
        if (!status || !share) return reject(new Error("no #status or #share in the pane"));
        let statusUpdates = 0;
        let started = 0;
        const timeout = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`the run did not finish in 120 s: ${status.textContent ?? ""}`));
        }, 120_000);
        const observer = new MutationObserver(() => {
          statusUpdates += 1;
          const text = status.textContent ?? "";
          if (/\d+ granted/.test(text) && !/remaining/.test(text) && !share.disabled) {
            const wallMs = performance.now() - started;
            observer.disconnect();
            clearTimeout(timeout);
            resolve({ wallMs, statusUpdates, status: text });
          }
        });
        const watch = { childList: true, characterData: true, subtree: true, attributes: true };
        observer.observe(status, watch);
        if (progressText) observer.observe(progressText, watch);
        observer.observe(share, { attributes: true });
        started = performance.now();
        share.click();
      }),
  );
}

interface HostCounters {
  syncs: number;
  hostMs: number;
  tokens: number;
  protocolErrors: string[];
}

async function hostCounters(page: Page): Promise<HostCounters> {
  return page.evaluate(() => {
    const wb = window.__workbench;
    if (!wb) throw new Error("no workbench on the page");
    return {
      syncs: wb.model.syncCount,
      hostMs: wb.richApiMs(),
      tokens: wb.signInEvents().length,
      protocolErrors: [...wb.protocolErrors],
    };
  });
}

interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
  }>;
  samples?: number[];
  timeDeltas?: number[];
}

/** Self time per function from a V8 CPU profile (sampled), top 25. */
function selfTimes(profile: CpuProfile): ProfileLine[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame] as const));
  const totals = new Map<string, ProfileLine>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const frame = byId.get(samples[i] ?? -1);
    if (!frame) continue;
    const file = frame.url.split("/").pop() ?? "";
    const key = `${frame.functionName || "(anonymous)"}@${file}:${frame.lineNumber + 1}`;
    const line = totals.get(key) ?? {
      fn: frame.functionName || "(anonymous)",
      where: `${file}:${frame.lineNumber + 1}`,
      selfMs: 0,
    };
    line.selfMs += (deltas[i + 1] ?? 0) / 1000;
    totals.set(key, line);
  }
  return [...totals.values()].sort((a, b) => b.selfMs - a.selfMs).slice(0, 25);
}

export async function startBrowserBench(log: (line: string) => void): Promise<BrowserBench> {
  const started = performance.now();
  const outDir = mkdtempSync(path.join(tmpdir(), "bench-workbench-"));
  let workbench: Workbench | undefined;
  let browser: Browser | undefined;
  try {
    log("  building the task pane (development) and the workbench");
    workbench = await startWorkbench({ port: 0, emulatorPort: 0, build: true, outDir });
    browser = await launchChromium();
    const { page, pane } = await openPane(browser, workbench.url);
    const emu = workbench.emulator;
    const setupMs = performance.now() - started;
    const opened = { workbench, browser };
    return {
      setupMs,
      page,
      browser,
      async run(n, faults, options = {}) {
        emu.setFaults({});
        await selectRoster(page, pane, n);
        emu.reset();
        emu.setFaults(faults);
        const before = await hostCounters(page);
        const cdp = options.profile ? await page.context().newCDPSession(page) : undefined;
        if (cdp) {
          await cdp.send("Profiler.enable");
          await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
          await cdp.send("Profiler.start");
        }
        const timed = await shareAndTime(pane);
        const profile = cdp ? selfTimes((await cdp.send("Profiler.stop")).profile as CpuProfile) : undefined;
        await cdp?.detach();
        const after = await hostCounters(page);
        const counts = countLedger(emu.ledger);
        if (after.protocolErrors.length > 0) {
          throw new Error(
            `the workbench could not answer office.js: ${after.protocolErrors.slice(0, 3).join(" | ")}`,
          );
        }
        if (!new RegExp(`\\b${n.toLocaleString("en-US")} granted\\b`).test(timed.status)) {
          throw new Error(`the pane did not grant all ${n}: ${timed.status}`);
        }
        return {
          n,
          ...timed,
          ...counts,
          syncs: after.syncs - before.syncs,
          hostMs: after.hostMs - before.hostMs,
          tokenCalls: after.tokens - before.tokens,
          ...(profile ? { profile } : {}),
        };
      },
      async close() {
        await opened.browser.close();
        await opened.workbench.close();
        rmSync(outDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await browser?.close().catch(() => undefined);
    await workbench?.close().catch(() => undefined);
    rmSync(outDir, { recursive: true, force: true });
    throw e;
  }
}

/** A benchmark row (the fields bench/run.ts prints). */
export interface BrowserRow {
  name: string;
  n?: number;
  wallMs?: number;
  roundTrips?: number;
  requests?: number;
  throttled?: number;
  ratio?: number;
  floorRatio?: number;
  syncs?: number;
  target?: string;
  met?: boolean;
  note?: string;
}

export interface BrowserScenarioInput {
  /** The sequential baseline at N = 1,000 (latency-bound), when it was measured. */
  sequential1000Ms?: number;
  latency: FaultConfig;
  budget: FaultConfig;
  /** The budget-bound floor for N = 1,000, in milliseconds. */
  budgetFloorMs: number;
  log: (line: string) => void;
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

function costNote(r: BrowserRun): string {
  return `${r.syncs} context.sync (host ${Math.round(r.hostMs)} ms), ${r.statusUpdates} status renders, ${r.tokenCalls} token calls`;
}

/**
 * The latency-bound and budget-bound scenarios through the real pane in Chromium. Without Chromium
 * it records one row saying so (and the run goes on): the browser rows are never left out silently.
 */
export async function browserScenarios(
  input: BrowserScenarioInput,
  record: (row: BrowserRow) => void,
): Promise<void> {
  const missing = browserMissing();
  if (missing) {
    input.log(`  ${missing}`);
    record({ name: "chromium", target: "rows measured", met: false, note: missing });
    return;
  }
  const bench = await startBrowserBench(input.log);
  try {
    input.log(`  ready in ${round(bench.setupMs / 1000)} s (webpack build, Chromium, the pane signed in)`);
    await bench.run(200, input.latency); // warm-up: JIT, sockets, the CORS preflight cache; not reported
    const n = 1000;
    const latency = await bench.run(n, input.latency);
    const seq = input.sequential1000Ms;
    const ratio = seq !== undefined ? round(seq / latency.wallMs) : undefined;
    record({
      name: "chromium.latency.addin",
      n,
      wallMs: round(latency.wallMs),
      roundTrips: latency.roundTrips,
      throttled: latency.throttled,
      ...(ratio !== undefined ? { ratio } : {}),
      syncs: latency.syncs,
      target: "ratio >= 50 (sequential baseline / wall)",
      met: ratio !== undefined && ratio >= 50,
      note: costNote(latency),
    });
    const budget = await bench.run(n, input.budget);
    const share = budget.throttled / budget.requests;
    record({
      name: "chromium.budget.addin",
      n,
      wallMs: round(budget.wallMs),
      roundTrips: budget.roundTrips,
      requests: budget.requests,
      throttled: budget.throttled,
      floorRatio: round(budget.wallMs / input.budgetFloorMs, 2),
      syncs: budget.syncs,
      target: "wall <= 1.1 x floor, 429s <= 2% of requests, 0 early retries",
      met: budget.wallMs <= 1.1 * input.budgetFloorMs && share <= 0.02 && budget.earlyRetries === 0,
      note: `429s ${round(share * 100, 2)}% of ${budget.requests}; early retries ${budget.earlyRetries}; ${costNote(budget)}`,
    });
  } finally {
    await bench.close();
  }
}

/** The rows in the order measured, each `chromium.X` moved right after its Node row `X`. */
export function sideBySide<T extends { name: string; n?: number }>(rows: T[]): T[] {
  const isTwin = (b: T, r: T) => b.name === `chromium.${r.name}` && b.n === r.n;
  const out: T[] = [];
  for (const r of rows) {
    if (r.name.startsWith("chromium.") && rows.some((m) => isTwin(r, m))) continue;
    out.push(r);
    out.push(...rows.filter((b) => isTwin(b, r)));
  }
  return out;
}
