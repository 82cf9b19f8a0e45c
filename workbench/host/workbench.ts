// The workbench page: a simulated workbook (grid, tabs, filter) beside the REAL task pane in an iframe,
// which runs Microsoft's office.js and talks to the local Graph emulator over HTTP. This page plays Excel on
// the web for office.js (office-host.ts): it answers office.js's messages and runs its Excel requests
// against the WorkbookModel through the RichApi engine.
//
// URL parameters (all optional): graph=<emulator base url>, timeScale=<0..1>,
// faults=none|mixed|throttling (applied to the emulator when the page opens), and the host controls of
// host-controls.ts (excel=old, document=local|unsaved, naa=off, consent=no, popup=cancel, directory=decline|admin,
// tokenLifetime=);
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
import { OfficeHost, type HostContext } from "./office-host";
import { createRichApiPort } from "./richapi";
import { faultPreset, isFaultPresetName, type FaultPresetName } from "./fault-presets";
import { parseRowList, SheetGrid } from "./grid";
import { createSampleWorkbook } from "./sample";

/** What the browser tests reach on the page. */
export interface WorkbenchHandle {
  model: WorkbookModel;
  render(): void;
  /** What office.js sent that the host or the RichApi engine could not handle (raw JSON included). */
  protocolErrors: string[];
  /** The Excel members the RichApi engine ran for the pane ("Range.values(get)", ...). */
  executedMembers(): string[];
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

  let model = createSampleWorkbook(config.users, config.documentUrl);
  const protocolErrors: string[] = [];
  const faultNote = el<HTMLElement>("host-fault");
  let controls = controlsFromQuery(window.location.search);
  const hostContext = (): HostContext => ({
    docUrl: documentUrlFor(controls, config.documentUrl),
    requirementSets: requirementSets(controls),
    locale: "en-US",
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
  const onModel = (m: WorkbookModel): (() => void) =>
    m.subscribe((change) => {
      if (change.kind === "selection") host.selectionChanged();
    });
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
    signInEvents: () => [...idp.events],
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
        model = createSampleWorkbook(config.users, config.documentUrl);
        stopWatching();
        stopWatching = onModel(model);
        grid.setModel(model);
        host.load(paneUrl());
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
      naa: el<HTMLSelectElement>("host-naa").value,
      consent: el<HTMLSelectElement>("host-consent").value,
      popup: el<HTMLSelectElement>("host-popup").value,
      directory: el<HTMLSelectElement>("host-directory").value,
      tokenLifetime: el<HTMLInputElement>("host-token-lifetime").value,
    });
    controls = controlsFromQuery(`?${q.toString()}`);
    applyIdentity(controls);
    const page = new URLSearchParams(window.location.search);
    for (const key of ["excel", "document", "naa", "consent", "popup", "directory", "tokenLifetime"])
      page.delete(key);
    for (const [key, value] of controlsToQuery(controls)) page.set(key, value);
    const query = page.toString();
    window.history.replaceState(null, "", query ? `?${query}` : window.location.pathname);
    host.load(paneUrl());
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
