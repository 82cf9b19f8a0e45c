// The workbench page: a simulated workbook (grid, tabs, filter) beside the REAL task pane in an iframe,
// which talks to the local Graph emulator over HTTP. The page owns the WorkbookModel and hands the
// Office/Excel objects to the pane's office.js stand-in (office-shim.ts) through window.__excelSimulator.
//
// URL parameters (all optional): graph=<emulator base url>, token=<dev token>, timeScale=<0..1>,
// faults=none|mixed|throttling (applied to the emulator when the page opens).

import type { WorkbookModel } from "../excel-model/model";
import { createExcelApi, type SimExcelApi } from "../../test/excel-sim/office-js";
import { BRIDGE_KEY, type ExcelSimulatorBridge, type OfficeGlobals, type WorkbenchConfig } from "./bridge";
import { faultPreset, isFaultPresetName, type FaultPresetName } from "./fault-presets";
import { parseRowList, SheetGrid } from "./grid";
import { createSampleWorkbook } from "./sample";

/** What the browser tests reach on the page. */
export interface WorkbenchHandle {
  model: WorkbookModel;
  render(): void;
}

declare global {
  interface Window {
    __workbench?: WorkbenchHandle;
    [BRIDGE_KEY]?: ExcelSimulatorBridge;
  }
}

function el<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`missing #${id}`);
  return found as T;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function parseConfig(v: unknown): WorkbenchConfig {
  if (
    !isRecord(v) ||
    typeof v["graphBaseUrl"] !== "string" ||
    typeof v["devToken"] !== "string" ||
    typeof v["documentUrl"] !== "string" ||
    !Array.isArray(v["users"])
  ) {
    throw new Error("config.json is not a workbench configuration");
  }
  const users = (v["users"] as unknown[]).flatMap((u) =>
    isRecord(u) && typeof u["displayName"] === "string" && typeof u["email"] === "string"
      ? [{ displayName: u["displayName"], email: u["email"] }]
      : [],
  );
  return { graphBaseUrl: v["graphBaseUrl"], devToken: v["devToken"], documentUrl: v["documentUrl"], users };
}

/** Wraps Excel.run so a batch may return a promise of the pane's window (another realm than this page). */
function forFrame(api: SimExcelApi): OfficeGlobals {
  const run = api.Excel.run;
  const crossRealmRun = (...args: unknown[]): Promise<unknown> => {
    const at = typeof args[0] === "function" ? 0 : 1;
    const batch = args[at];
    if (typeof batch === "function") {
      args[at] = (context: unknown): unknown => {
        const result: unknown = (batch as (c: unknown) => unknown)(context);
        const thenable = isRecord(result) || typeof result === "function";
        return thenable && typeof (result as { then?: unknown }).then === "function"
          ? Promise.resolve(result)
          : result;
      };
    }
    return run(...args);
  };
  return {
    Office: api.Office,
    Excel: { ...api.Excel, run: crossRealmRun },
    OfficeExtension: api.OfficeExtension,
  };
}

interface LedgerView {
  invites: number;
  emails: number;
  throttled: number;
  failures: number;
  openSessions: number;
  duplicateGrants: number;
}

function readLedger(v: unknown): LedgerView | undefined {
  if (!isRecord(v) || !isRecord(v["counts"]) || !isRecord(v["ledger"])) return undefined;
  const counts = v["counts"];
  const requests = Array.isArray(v["ledger"]["requests"]) ? (v["ledger"]["requests"] as unknown[]) : [];
  const statusCount = (test: (s: number) => boolean): number =>
    requests.filter((r) => isRecord(r) && typeof r["status"] === "number" && test(r["status"])).length;
  const num = (x: unknown): number => (typeof x === "number" ? x : 0);
  return {
    invites: num(counts["invites"]),
    emails: num(counts["emails"]),
    throttled: statusCount((s) => s === 429),
    failures: statusCount((s) => s >= 500),
    openSessions: Array.isArray(v["unclosedSessions"]) ? v["unclosedSessions"].length : 0,
    duplicateGrants: Array.isArray(v["duplicateGrants"]) ? v["duplicateGrants"].length : 0,
  };
}

async function main(): Promise<void> {
  const params = new URLSearchParams(window.location.search);
  const config = parseConfig(await (await fetch("/workbench/config.json")).json());
  const graphInput = el<HTMLInputElement>("graph-url");
  const tokenInput = el<HTMLInputElement>("dev-token");
  const scaleInput = el<HTMLInputElement>("time-scale");
  const faultSelect = el<HTMLSelectElement>("fault-preset");
  const settingsNote = el<HTMLElement>("settings-note");
  const frame = el<HTMLIFrameElement>("taskpane");
  graphInput.value = params.get("graph") ?? config.graphBaseUrl;
  tokenInput.value = params.get("token") ?? config.devToken;
  const scale = Number(params.get("timeScale") ?? "1");
  scaleInput.value = String(scale > 0 && scale <= 1 ? scale : 1);
  const presetParam = params.get("faults") ?? "none";
  faultSelect.value = isFaultPresetName(presetParam) ? presetParam : "none";

  const emulatorOrigin = (): string => new URL(graphInput.value).origin;
  const timeScale = (): number => {
    const n = Number(scaleInput.value);
    return n > 0 && n <= 1 ? n : 1;
  };
  const paneUrl = (): string => {
    const q = new URLSearchParams({
      graph: graphInput.value,
      token: tokenInput.value,
      timeScale: String(timeScale()),
    });
    return `/taskpane.html?${q.toString()}`;
  };

  let model = createSampleWorkbook(config.users, config.documentUrl);
  let api: SimExcelApi | undefined;
  window[BRIDGE_KEY] = {
    connect(): OfficeGlobals {
      // A reloaded pane gets fresh Office objects; the old ones stop raising events.
      api?.dispose();
      api = createExcelApi(model);
      return forFrame(api);
    },
  };

  const grid = new SheetGrid({
    grid: el("grid"),
    tabs: el("tabs"),
    nameBox: el("name-box"),
    cellText: el("cell-text"),
    footer: el("grid-footer"),
  });
  grid.setModel(model);
  window.__workbench = {
    get model() {
      return model;
    },
    render: () => grid.render(),
  };

  // Filter: hide rows of the active sheet, or show them all again.
  const hideInput = el<HTMLInputElement>("hide-rows");
  const filterNote = el<HTMLElement>("filter-note");
  el("filter-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const rows = parseRowList(hideInput.value);
    if (!rows) {
      filterNote.textContent = "Type row numbers, e.g. 5, 8-10.";
      return;
    }
    model.hideRows(model.activeSheet.name, rows);
    filterNote.textContent = `Hid ${rows.length} row${rows.length === 1 ? "" : "s"}.`;
  });
  el("show-all").addEventListener("click", () => {
    const sheet = model.activeSheet;
    model.unhideRows(
      sheet.name,
      [...sheet.hiddenRows].map((r) => r + 1),
    );
    filterNote.textContent = "All rows shown.";
  });

  // Settings: Graph endpoint and token for the pane, emulator faults, reset.
  const postControl = async (path: string, body?: unknown): Promise<Response> => {
    const init: RequestInit = { method: "POST" };
    if (body !== undefined) {
      init.headers = { "Content-Type": "application/json" };
      init.body = JSON.stringify(body);
    }
    const res = await fetch(`${emulatorOrigin()}/_emulator/${path}`, init);
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
    return res;
  };
  const applyFaults = async (): Promise<void> => {
    const name = faultSelect.value as FaultPresetName;
    try {
      await postControl("faults", faultPreset(name, timeScale()));
      settingsNote.textContent = `Emulator faults: ${faultSelect.selectedOptions[0]?.textContent ?? name}.`;
    } catch (e) {
      settingsNote.textContent = `Could not set faults (${e instanceof Error ? e.message : String(e)}).`;
    }
  };
  el("settings-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    void applyFaults().then(() => {
      frame.src = paneUrl();
    });
  });
  faultSelect.addEventListener("change", () => void applyFaults());
  el("reset").addEventListener("click", () => {
    void (async () => {
      try {
        await postControl("reset");
        model = createSampleWorkbook(config.users, config.documentUrl);
        grid.setModel(model);
        frame.src = paneUrl();
        settingsNote.textContent = "Emulator reset and sample reloaded.";
      } catch (e) {
        settingsNote.textContent = `Reset failed (${e instanceof Error ? e.message : String(e)}).`;
      }
    })();
  });

  // Live ledger summary.
  const ledgerFields: Record<keyof LedgerView, HTMLElement> = {
    invites: el("ledger-invites"),
    emails: el("ledger-emails"),
    throttled: el("ledger-429"),
    failures: el("ledger-5xx"),
    openSessions: el("ledger-sessions"),
    duplicateGrants: el("ledger-duplicates"),
  };
  const ledgerNote = el<HTMLElement>("ledger-note");
  const poll = async (): Promise<void> => {
    if (document.visibilityState === "hidden") return;
    try {
      const res = await fetch(`${emulatorOrigin()}/_emulator/ledger`);
      const view = readLedger(await res.json());
      if (!view) throw new Error("unexpected answer");
      for (const [key, field] of Object.entries(ledgerFields) as Array<[keyof LedgerView, HTMLElement]>) {
        field.textContent = view[key].toLocaleString("en-US");
      }
      ledgerNote.textContent = "";
    } catch {
      ledgerNote.textContent = `The emulator at ${emulatorOrigin()} does not answer.`;
    }
  };
  const tick = (): void => {
    void poll().finally(() => setTimeout(tick, 1000));
  };

  if (faultSelect.value !== "none") await applyFaults();
  frame.src = paneUrl();
  tick();
}

main().catch((e: unknown) => {
  const note = document.getElementById("fatal");
  if (note) {
    note.hidden = false;
    note.textContent = `The workbench could not start: ${e instanceof Error ? e.message : String(e)}`;
  }
});
