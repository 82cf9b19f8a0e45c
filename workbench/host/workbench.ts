// The workbench page: a simulated workbook (grid, tabs, filter) beside the REAL task pane in an iframe,
// which runs Microsoft's office.js and talks to the local Graph emulator over HTTP. This page plays Excel on
// the web for office.js (office-host.ts): it answers office.js's messages and runs its Excel requests
// against the WorkbookModel through the RichApi engine.
//
// URL parameters (all optional): graph=<emulator base url>, timeScale=<0..1>,
// faults=none|mixed|throttling (applied to the emulator when the page opens), sample=<20..5000> (data
// rows of the sample workbook; "Load sample" changes it), and the host controls of
// host-controls.ts (excel=old, document=local|unsaved, lang=de-DE, naa=off, consent=no, popup=cancel,
// directory=decline|admin, tokenLifetime=);
// trace=1 logs every office.js message to the console.

import type { WorkbookModel } from "../excel-model/model";
import { LocalIdentityProvider, serveNaaRelay, type IdentityEvent } from "../identity";
import type { WorkbenchConfig } from "./bridge";
import {
  controlsFromQuery,
  controlsToQuery,
  directoryScopes,
  documentUrlFor,
  requirementSets,
  type HostControls,
} from "./host-controls";
import { OfficeHost, type HostContext, type RowHiddenChange } from "./office-host";
import { createRichApiPort } from "./richapi";
import { faultPreset, isFaultPresetName, type FaultPresetName } from "./fault-presets";
import { parseRowList, SheetGrid } from "./grid";
import { createSampleWorkbook, describeSample, parseSampleSize } from "./sample";

/** What the browser tests reach on the page. */
export interface WorkbenchHandle {
  model: WorkbookModel;
  render(): void;
  /** What office.js sent that the host or the RichApi engine could not handle (raw JSON included). */
  protocolErrors: string[];
  /** The Excel members the RichApi engine ran for the pane ("Range.values(get)", ...). */
  executedMembers(): string[];
  /** Milliseconds the page spent answering the pane's Excel requests (the benchmark's breakdown). */
  richApiMs(): number;
  /** What the pane asked the identity provider (silent or popup, scopes, outcome; never tokens). */
  signInEvents(): IdentityEvent[];
}

declare global {
  interface Window {
    __workbench?: WorkbenchHandle;
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
  return { graphBaseUrl: v["graphBaseUrl"], documentUrl: v["documentUrl"], users };
}

interface LedgerFigures {
  invites: number;
  emails: number;
  throttled: number;
  failures: number;
  openSessions: number;
  duplicateGrants: number;
}

interface LedgerView extends LedgerFigures {
  /** The last run: from the last workbook session the pane asked for (every Share run opens one). */
  lastRun?: LedgerFigures & { startedAt: number; endedAt: number };
}

const num = (x: unknown): number => (typeof x === "number" ? x : 0);

/** Entries of the ledger list `name` (each a record with a number `at`, or `openedAt` for sessions). */
function entries(ledger: Record<string, unknown>, name: string): Array<Record<string, unknown>> {
  const list = ledger[name];
  return Array.isArray(list) ? list.filter(isRecord) : [];
}

/** Figures of the ledger's entries at or after `since` (0: all of them). */
function figuresSince(ledger: Record<string, unknown>, since: number): LedgerFigures {
  const after = (name: string, at = "at") => entries(ledger, name).filter((e) => num(e[at]) >= since);
  const requests = after("requests");
  const invites = after("invites");
  const perRecipient = new Map<unknown, number>();
  for (const i of invites) perRecipient.set(i["recipient"], (perRecipient.get(i["recipient"]) ?? 0) + 1);
  return {
    invites: invites.length,
    emails: after("emails").length,
    throttled: requests.filter((r) => r["status"] === 429).length,
    failures: requests.filter((r) => num(r["status"]) >= 500).length,
    openSessions: after("sessions", "openedAt").filter(
      (x) => x["closedAt"] === undefined && x["expiredAt"] === undefined,
    ).length,
    duplicateGrants: [...perRecipient.values()].filter((n) => n > 1).length,
  };
}

/**
 * Excel's onRowHiddenChanged for a "rows" change of the model: which rows of the sheet were hidden or
 * shown since the last call (the model says only that its hidden rows changed), as one event each way.
 */
function rowHiddenTracker(model: WorkbookModel): (sheetName: string) => RowHiddenChange[] {
  const seen = new Map(model.sheets.map((s) => [s.name, new Set(s.hiddenRows)] as const));
  return (sheetName) => {
    const sheet = model.sheets.find((s) => s.name === sheetName);
    if (!sheet) return [];
    const before = seen.get(sheetName) ?? new Set<number>();
    seen.set(sheetName, new Set(sheet.hiddenRows));
    const hidden = [...sheet.hiddenRows].filter((r) => !before.has(r));
    const shown = [...before].filter((r) => !sheet.hiddenRows.has(r));
    const rows = (list: number[]) => `${Math.min(...list) + 1}:${Math.max(...list) + 1}`;
    return [
      ...(hidden.length ? [{ worksheetId: sheet.id, address: rows(hidden), hidden: true }] : []),
      ...(shown.length ? [{ worksheetId: sheet.id, address: rows(shown), hidden: false }] : []),
    ];
  };
}

function readLedger(v: unknown): LedgerView | undefined {
  if (!isRecord(v) || !isRecord(v["ledger"])) return undefined;
  const ledger = v["ledger"];
  const view: LedgerView = figuresSince(ledger, 0);
  const requests = entries(ledger, "requests");
  const starts = requests.filter((r) => typeof r["path"] === "string" && /\/createSession$/i.test(r["path"]));
  const start = starts.at(-1);
  if (start) {
    const startedAt = num(start["at"]);
    const endedAt = Math.max(startedAt, ...requests.map((r) => num(r["at"])));
    view.lastRun = { ...figuresSince(ledger, startedAt), startedAt, endedAt };
  }
  return view;
}

async function main(): Promise<void> {
  const params = new URLSearchParams(window.location.search);
  const config = parseConfig(await (await fetch("/workbench/config.json")).json());
  const graphInput = el<HTMLInputElement>("graph-url");
  const scaleInput = el<HTMLInputElement>("time-scale");
  const faultSelect = el<HTMLSelectElement>("fault-preset");
  const settingsNote = el<HTMLElement>("settings-note");
  graphInput.value = params.get("graph") ?? config.graphBaseUrl;
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
      timeScale: String(timeScale()),
    });
    return `${window.location.origin}/taskpane.html?${q.toString()}`;
  };

  let sampleSize = parseSampleSize(params.get("sample"));
  let model = createSampleWorkbook(config.users, config.documentUrl, sampleSize);
  const protocolErrors: string[] = [];
  const faultNote = el<HTMLElement>("host-fault");
  let controls = controlsFromQuery(window.location.search);
  const hostContext = (): HostContext => ({
    docUrl: documentUrlFor(controls, config.documentUrl),
    requirementSets: requirementSets(controls),
    locale: controls.language,
  });
  const protocolError = (what: string, raw: string): void => {
    // Loud on purpose: a request the workbench cannot answer is a gap to close, not noise.
    console.error(`workbench: office.js sent ${what}: ${raw}`);
    protocolErrors.push(`${what}: ${raw}`);
    faultNote.hidden = false;
    faultNote.textContent = `The workbench could not answer office.js: ${what}. See the console.`;
  };
  const richApi = createRichApiPort(
    () => model,
    (what, raw) => protocolError(`an Excel request the workbench does not implement (${what})`, raw),
  );
  const host = new OfficeHost({
    container: el("pane-frame"),
    title: "Task pane: Share this workbook",
    context: hostContext,
    richApi: richApi.handler,
    onProtocolError: protocolError,
    ...(params.get("trace") === "1" ? { trace: (line: string) => console.debug(line) } : {}),
  });
  // Sign-in: the pane's MSAL asks Office's nested app authentication bridge, relayed here (pane-naa.ts).
  const idp = new LocalIdentityProvider();
  const applyIdentity = (c: HostControls): void => {
    idp.naaAvailable = c.naa;
    idp.popup = c.popupCancelled ? "cancel" : "grant";
    idp.tokenLifetimeSeconds = c.tokenLifetimeSeconds;
    idp.consented.clear();
    if (c.consent) idp.consented.add("Files.ReadWrite.All");
    const directory = directoryScopes(c.directory);
    for (const s of directory.consented) idp.consented.add(s);
    idp.declined.clear();
    for (const s of directory.declined) idp.declined.add(s);
  };
  applyIdentity(controls);
  serveNaaRelay(window, () => host.paneWindow(), window.location.origin, idp);
  const onModel = (m: WorkbookModel): (() => void) => {
    const rowsHidden = rowHiddenTracker(m);
    return m.subscribe((change) => {
      if (change.kind === "selection") host.selectionChanged();
      if (change.kind === "rows") for (const c of rowsHidden(change.sheet)) host.rowHiddenChanged(c);
    });
  };
  let stopWatching = onModel(model);

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
    protocolErrors,
    executedMembers: () => richApi.executedMembers(),
    richApiMs: () => richApi.busyMs(),
    signInEvents: () => [...idp.events],
  };

  /** Opens a new sample workbook of `sampleSize` rows and reloads the pane on it. */
  const openSample = (): void => {
    model = createSampleWorkbook(config.users, config.documentUrl, sampleSize);
    stopWatching();
    stopWatching = onModel(model);
    grid.setModel(model);
    host.load(paneUrl());
  };

  // Sample size: 20 to 5,000 data rows, kept in the address (sample=).
  const sizeInput = el<HTMLInputElement>("sample-size");
  const sampleNote = el<HTMLElement>("sample-note");
  sizeInput.value = String(sampleSize ?? describeSample(config.users).rows.length);
  el("sample-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const size = parseSampleSize(sizeInput.value);
    if (size === undefined) {
      sampleNote.textContent = "Choose 20 to 5,000 rows.";
      return;
    }
    sampleSize = size;
    const page = new URLSearchParams(window.location.search);
    page.set("sample", String(size));
    window.history.replaceState(null, "", `?${page.toString()}`);
    openSample();
    sampleNote.textContent = `Loaded a sample of ${size.toLocaleString("en-US")} rows.`;
  });

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

  // Settings: Graph endpoint for the pane, emulator faults, reset.
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
      host.load(paneUrl());
    });
  });
  faultSelect.addEventListener("change", () => void applyFaults());
  el("reset").addEventListener("click", () => {
    void (async () => {
      try {
        await postControl("reset");
        openSample();
        settingsNote.textContent = "Emulator reset and sample reloaded.";
      } catch (e) {
        settingsNote.textContent = `Reset failed (${e instanceof Error ? e.message : String(e)}).`;
      }
    })();
  });

  // Host: which Excel the pane runs in. A change reloads the pane and keeps the choice in the address.
  const hostForm = el<HTMLFormElement>("host-form");
  const showControls = (c: HostControls): void => {
    el<HTMLSelectElement>("host-excel").value = c.excel;
    el<HTMLSelectElement>("host-document").value = c.document;
    el<HTMLSelectElement>("host-language").value = c.language;
    el<HTMLSelectElement>("host-naa").value = c.naa ? "on" : "off";
    el<HTMLSelectElement>("host-consent").value = c.consent ? "yes" : "no";
    el<HTMLSelectElement>("host-popup").value = c.popupCancelled ? "cancel" : "ok";
    el<HTMLSelectElement>("host-directory").value = c.directory;
    el<HTMLInputElement>("host-token-lifetime").value = String(c.tokenLifetimeSeconds);
  };
  showControls(controls);
  hostForm.addEventListener("change", () => {
    const q = new URLSearchParams({
      excel: el<HTMLSelectElement>("host-excel").value,
      document: el<HTMLSelectElement>("host-document").value,
      lang: el<HTMLSelectElement>("host-language").value,
      naa: el<HTMLSelectElement>("host-naa").value,
      consent: el<HTMLSelectElement>("host-consent").value,
      popup: el<HTMLSelectElement>("host-popup").value,
      directory: el<HTMLSelectElement>("host-directory").value,
      tokenLifetime: el<HTMLInputElement>("host-token-lifetime").value,
    });
    controls = controlsFromQuery(`?${q.toString()}`);
    applyIdentity(controls);
    const page = new URLSearchParams(window.location.search);
    for (const key of ["excel", "document", "lang", "naa", "consent", "popup", "directory", "tokenLifetime"])
      page.delete(key);
    for (const [key, value] of controlsToQuery(controls)) page.set(key, value);
    const query = page.toString();
    window.history.replaceState(null, "", query ? `?${query}` : window.location.pathname);
    host.load(paneUrl());
  });

  // Live ledger summary: the last run beside the totals.
  const ledgerIds: Record<keyof LedgerFigures, string> = {
    invites: "ledger-invites",
    emails: "ledger-emails",
    throttled: "ledger-429",
    failures: "ledger-5xx",
    openSessions: "ledger-sessions",
    duplicateGrants: "ledger-duplicates",
  };
  const ledgerNote = el<HTMLElement>("ledger-note");
  const poll = async (): Promise<void> => {
    if (document.visibilityState === "hidden") return;
    try {
      const res = await fetch(`${emulatorOrigin()}/_emulator/ledger`);
      const view = readLedger(await res.json());
      if (!view) throw new Error("unexpected answer");
      for (const [key, id] of Object.entries(ledgerIds) as Array<[keyof LedgerFigures, string]>) {
        el(id).textContent = view[key].toLocaleString("en-US");
        el(`${id}-run`).textContent = view.lastRun ? view.lastRun[key].toLocaleString("en-US") : "–";
      }
      const run = view.lastRun;
      ledgerNote.textContent = run
        ? `In brackets: the last run, started ${new Date(run.startedAt).toLocaleTimeString("en-GB")}, ` +
          `${((run.endedAt - run.startedAt) / 1000).toFixed(1)} s of Graph traffic.`
        : "";
    } catch {
      ledgerNote.textContent = `The emulator at ${emulatorOrigin()} does not answer.`;
    }
  };
  const tick = (): void => {
    void poll().finally(() => setTimeout(tick, 1000));
  };

  if (faultSelect.value !== "none") await applyFaults();
  host.load(paneUrl());
  tick();
}

main().catch((e: unknown) => {
  const note = document.getElementById("fatal");
  if (note) {
    note.hidden = false;
    note.textContent = `The workbench could not start: ${e instanceof Error ? e.message : String(e)}`;
  }
});
