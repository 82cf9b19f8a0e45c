// One place that wires the real flow for tests: the Graph emulator over HTTP, the simulated Excel
// host with the real Office adapters, and the real Graph client.
import type { GraphPort } from "../../src/core/ports";
import type { ConfirmContinue } from "../../src/app/failure-pause";
import { runShare, type FlowTuning, type ShareEvents, type ShareRequest } from "../../src/app/share-flow";
import { systemClock } from "../../src/app/system-clock";
import {
  PERMISSION_LOG_COLUMNS,
  PERMISSION_LOG_TABLE,
  SHARED_AT_COLUMN,
  sharedAtIso,
} from "../../src/core/permission-log";
import { GraphApi } from "../../src/graph/graph-api";
import { GraphHttp, type FetchLike, type TokenProvider } from "../../src/graph/http";
import { createExcelWorkbookPort } from "../../src/office/excel-workbook";
import { DEMO_LINK_PEOPLE, DEMO_USERS, type Emulator } from "../../workbench/graph-emulator";
import { installExcelSimulator } from "../excel-sim/install";
import { WorkbookModel } from "../../workbench/excel-model/model";

export const TIME_SCALE = 0.005;

/**
 * `n` addresses nobody has shared the demo workbook with yet: the tenant's users (not the owner, not the
 * people already on the seeded specific-people link), then external partners.
 */
export function newRecipients(n: number): string[] {
  return [
    ...DEMO_USERS.slice(1)
      .filter((u) => !DEMO_LINK_PEOPLE.includes(u.email))
      .map((u) => u.email),
    ...Array.from({ length: n }, (_, i) => `partner${i + 1}@fabrikam.com`),
  ].slice(0, n);
}

export function newWorkbook(documentUrl: string | undefined, sheets = ["Roster"]): WorkbookModel {
  const options: { sheets: string[]; documentUrl?: string } = { sheets };
  if (documentUrl !== undefined) options.documentUrl = documentUrl;
  return new WorkbookModel(options);
}

export async function share(
  emu: Emulator,
  model: WorkbookModel,
  request: ShareRequest,
  options: {
    tuning?: Partial<FlowTuning>;
    events?: ShareEvents;
    token?: string;
    route?: "items" | "workbooks";
    /** Default the emulator's v1.0 root. */
    baseUrl?: string;
    /** Default Node's fetch; browserFetch reads headers as the task pane in a browser can. */
    fetch?: FetchLike;
    /** Wraps the real Graph client, to watch what the flow asks of it. */
    wrapGraph?: (api: GraphApi) => GraphPort;
    /** The token provider port, when a test drives sign-in itself (default: MSAL-like, below). */
    getToken?: TokenProvider;
    confirmContinue?: ConfirmContinue;
  } = {},
) {
  const uninstall = installExcelSimulator(model);
  try {
    // Like MSAL: the cached token until a 401 asks for a fresh one.
    let generation = 0;
    const getToken = async (o?: { forceRefresh?: boolean }) => {
      if (o?.forceRefresh) generation += 1;
      return `${options.token ?? "dev-token"}-${generation}`;
    };
    const http = new GraphHttp({
      baseUrl: options.baseUrl ?? emu.baseUrl,
      getToken: options.getToken ?? getToken,
      timeoutMs: 5000,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    const graph = new GraphApi(http, {
      clock: systemClock,
      timeScale: TIME_SCALE,
      route: options.route ?? "items",
    });
    return await runShare(
      {
        workbook: createExcelWorkbookPort(),
        graph: options.wrapGraph ? options.wrapGraph(graph) : graph,
        clock: systemClock,
        tuning: { timeScale: TIME_SCALE, ...options.tuning },
        ...(options.confirmContinue ? { confirmContinue: options.confirmContinue } : {}),
      },
      request,
      options.events,
    );
  } finally {
    uninstall();
  }
}

/** The time zone of this process, as the Excel adapter uses it. */
export const localOffsetAt = (utcMs: number): number => new Date(utcMs).getTimezoneOffset();

/**
 * The Permissions log as objects keyed by column name; "Shared at" (a local date and time in the sheet,
 * or ISO text in an older log) as ISO 8601 UTC.
 */
export function logRows(model: WorkbookModel): Array<Record<string, string>> {
  if (!model.findTable(PERMISSION_LOG_TABLE)) return [];
  const text = (value: unknown, i: number): string =>
    i === SHARED_AT_COLUMN ? (sharedAtIso(value, localOffsetAt) ?? String(value ?? "")) : String(value ?? "");
  return model
    .tableRows(PERMISSION_LOG_TABLE)
    .map((row) => Object.fromEntries(PERMISSION_LOG_COLUMNS.map((c, i) => [c, text(row[i], i)])));
}
