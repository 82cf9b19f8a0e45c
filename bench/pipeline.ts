// The add-in's sharing pipeline as the task pane runs it (runShare with the real Office adapters and
// the real Graph client, default tuning, timeScale 1), over a simulated Excel host holding the roster,
// against the emulator over loopback HTTP.
import type { LimitEvent } from "../src/app/concurrency";
import type { PacerTuning } from "../src/app/pacer";
import type { GraphPort, WorkbookPort } from "../src/core/ports";
import { runShare, type ShareSummary } from "../src/app/share-flow";
import { systemClock } from "../src/app/system-clock";
import type { ShareOptions } from "../src/core/types";
import { GraphApi } from "../src/graph/graph-api";
import { GraphHttp } from "../src/graph/http";
import { createExcelWorkbookPort } from "../src/office/excel-workbook";
import { DEMO_WORKBOOK_URL, type Emulator } from "../workbench/graph-emulator";
import { installExcelSimulator } from "../test/excel-sim/install";
import { WorkbookModel } from "../workbench/excel-model/model";
import { countLedger, roster, type LedgerCounts } from "./workload";

export const SHARE_OPTIONS: ShareOptions = { role: "read", requireSignIn: true, sendInvitation: true };

/** A workbook whose active sheet holds "Email" over the addresses, all of it selected. */
export function rosterWorkbook(addresses: string[]): WorkbookModel {
  const model = new WorkbookModel({ sheets: ["Roster"], documentUrl: DEMO_WORKBOOK_URL });
  model.setValues("Roster", "A1", [["Email"], ...addresses.map((a) => [a])]);
  model.select("Roster", `A1:A${addresses.length + 1}`);
  return model;
}

export interface PipelineResult extends LedgerCounts {
  wallMs: number;
  summary: ShareSummary;
  /** Excel syncs in the whole run, flushes, and the most syncs any one flush used. */
  syncs: number;
  flushes: number;
  maxSyncsPerFlush: number;
  /** Every change of the concurrency controller's limit (batches in flight) during the run. */
  limitTrace: LimitEvent[];
  /** The run's start on the flow's clock (the trace's times are on it). */
  clockStart: number;
}

export interface PipelineOptions {
  /** Pacer settings other than the defaults, for experiments only (the benchmark's table uses none). */
  pacer?: Partial<PacerTuning>;
  /** Wrap the Graph client (experiments such as bench/setup-batch.ts). */
  graph?: (api: GraphApi) => GraphPort;
}

export async function runPipeline(
  emu: Emulator,
  n: number,
  options: PipelineOptions = {},
): Promise<PipelineResult> {
  emu.reset();
  const model = rosterWorkbook(roster(n));
  const uninstall = installExcelSimulator(model);
  try {
    const port = createExcelWorkbookPort();
    let flushes = 0;
    let maxSyncsPerFlush = 0;
    const counted: WorkbookPort = {
      readSelection: () => port.readSelection(),
      documentUrl: () => port.documentUrl(),
      ensureLog: () => port.ensureLog(),
      flush: async (update) => {
        const before = model.syncCount;
        await port.flush(update);
        flushes += 1;
        maxSyncsPerFlush = Math.max(maxSyncsPerFlush, model.syncCount - before);
      },
    };
    const http = new GraphHttp({ baseUrl: emu.baseUrl, getToken: () => Promise.resolve("bench-token") });
    const api = new GraphApi(http, { clock: systemClock, timeScale: 1 });
    const graph = options.graph ? options.graph(api) : api;
    const limitTrace: LimitEvent[] = [];
    const pacer = { ...options.pacer, limitTrace };
    const syncsBefore = model.syncCount;
    const clockStart = systemClock.now();
    const started = performance.now();
    const summary = await runShare(
      {
        workbook: counted,
        graph,
        clock: systemClock,
        tuning: { timeScale: 1, pacer },
      },
      { options: SHARE_OPTIONS },
    );
    const wallMs = performance.now() - started;
    if (summary.granted !== n) {
      throw new Error(`pipeline granted ${summary.granted} of ${n} (failed ${summary.failed})`);
    }
    return {
      wallMs,
      summary,
      syncs: model.syncCount - syncsBefore,
      flushes,
      maxSyncsPerFlush,
      limitTrace,
      clockStart,
      ...countLedger(emu.ledger),
    };
  } finally {
    uninstall();
  }
}

/** How the concurrency controller moved in a run, in a few words for the table's note. */
export function describeLimit(trace: LimitEvent[], startedAt?: number): string {
  if (trace.length === 0) return "limit stayed at 1 batch in flight";
  const peak = Math.max(...trace.map((e) => e.limit));
  const cuts = (cause: LimitEvent["cause"]) => trace.filter((e) => e.cause === cause).length;
  const first = trace[0];
  const opened = first && startedAt !== undefined ? ` from ${Math.round(first.at - startedAt)} ms` : "";
  const parts = [`limit 1 -> peak ${peak}${opened}, final ${trace.at(-1)?.limit ?? 1}`];
  for (const cause of ["latency", "throttled", "unavailable", "budget"] as const) {
    if (cuts(cause) > 0) parts.push(`${cuts(cause)} ${cause} cut${cuts(cause) > 1 ? "s" : ""}`);
  }
  return parts.join(", ");
}
