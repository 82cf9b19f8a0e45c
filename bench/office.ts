// Office.js cost on the simulated host (model.syncCount counts context.sync round trips, model.payloads
// their sizes against Excel on the web's 5 MB limit) and the core's parsing speed: the things that grow
// with the selection rather than with Graph.
import type { StatusWrite } from "../src/core/ports";
import { parseRecipients } from "../src/core/recipients";
import { logRowForOutcome, statusText } from "../src/core/results";
import type { CellValue, Outcome, SelectionGrid } from "../src/core/types";
import { createExcelWorkbookPort } from "../src/office/excel-workbook";
import { SYNC_TARGET_BYTES } from "../src/office/payload";
import { installExcelSimulator } from "../test/excel-sim/install";
import type { WorkbookModel } from "../workbench/excel-model/model";
import { rosterWorkbook } from "./pipeline";
import { roster } from "./workload";

/** The largest request and response of the syncs since `fromSync`, as the simulated host measured them. */
export interface LargestSync {
  requestBytes: number;
  responseBytes: number;
}

export interface ReadResult {
  syncs: number;
  wallMs: number;
  largest: LargestSync;
  rows: number;
}

export interface SyncResult {
  readSyncs: number;
  readMs: number;
  writeSyncs: number;
  writeMs: number;
  recipients: number;
  readLargest: LargestSync;
  writeLargest: LargestSync;
}

/** True when no sync measured since `fromSync` is over the 4 MB target. */
export function underTarget(largest: LargestSync): boolean {
  return Math.max(largest.requestBytes, largest.responseBytes) <= SYNC_TARGET_BYTES;
}

async function withPort<T>(
  model: WorkbookModel,
  work: (port: ReturnType<typeof createExcelWorkbookPort>) => Promise<T>,
): Promise<T> {
  const uninstall = installExcelSimulator(model);
  try {
    return await work(createExcelWorkbookPort());
  } finally {
    uninstall();
  }
}

/** What a granted invite writes: a realistic log row (Graph's ids, a link, the time) and a status. */
function grantedOutcome(key: string, i: number): Outcome {
  const id = `aTowIy5mfG1lbWJlcnNoaXB8${String(i).padStart(8, "0")}`;
  return {
    status: "granted",
    key,
    permission: {
      id,
      roles: ["read"],
      grantedTo: `Guest ${i}`,
      grantedToId: `1b2c3d4e-0000-4000-8000-${String(i).padStart(12, "0")}`,
      invitationEmail: key,
      signInRequired: true,
    },
  };
}

/** Reads a selection of `rows` addresses (plus header), then writes one result per row in one flush. */
export async function measureSyncs(rows: number): Promise<SyncResult> {
  const model = rosterWorkbook(roster(rows));
  return withPort(model, async (port) => {
    let before = model.syncCount;
    let started = performance.now();
    const grid = await port.readSelection();
    const readMs = performance.now() - started;
    const readSyncs = model.syncCount - before;
    const readLargest = model.largestPayload(before + 1);
    const parsed = parseRecipients(grid);

    await port.ensureLog();
    const ctx = { at: "2026-12-02T10:00:00.000Z", runId: "bench-run" };
    const outcomes = parsed.recipients.map((r, i) => grantedOutcome(r.key, i));
    const statuses: StatusWrite[] = parsed.rows.map((r, i) => ({
      sheet: r.sheet,
      row: r.row,
      column: r.statusCell.column,
      text: statusText(outcomes[i] ?? grantedOutcome(r.sheet, i)),
    }));
    const logRows = parsed.recipients.map((r, i) =>
      logRowForOutcome(r, outcomes[i] ?? grantedOutcome(r.key, i), ctx),
    );
    before = model.syncCount;
    started = performance.now();
    await port.flush({ logRows, statuses });
    return {
      readSyncs,
      readMs,
      writeSyncs: model.syncCount - before,
      writeMs: performance.now() - started,
      recipients: parsed.recipients.length,
      readLargest,
      writeLargest: model.largestPayload(before + 1),
    };
  });
}

/** Syncs, wall time and largest payload of reading a one-column selection of `rows` addresses. */
export async function measureRead(rows: number): Promise<ReadResult> {
  const model = rosterWorkbook(roster(rows));
  return withPort(model, async (port) => {
    const before = model.syncCount;
    const started = performance.now();
    const grid = await port.readSelection();
    return {
      syncs: model.syncCount - before,
      wallMs: performance.now() - started,
      largest: model.largestPayload(before + 1),
      rows: grid.areas.reduce((n, a) => n + a.values.length, 0),
    };
  });
}

export interface PreviewResult {
  wallMs: number;
  /** CPU time of this process meanwhile (user + system, all its threads: the garbage collector's too). */
  cpuMs: number;
  syncs: number;
  /** Peak JS heap (process.memoryUsage().heapUsed, sampled) above the heap before the read. */
  peakHeapBytes: number;
  recipients: number;
  notReadCells: number;
  largest: LargestSync;
}

/**
 * What the pane does for a preview (src/app readRecipients): read the selection and parse it. The heap
 * is sampled on every sync and after the parse; the workbook model itself is built before.
 */
export async function measurePreview(rows: number): Promise<PreviewResult> {
  const model = rosterWorkbook(roster(rows));
  globalThis.gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  };
  const stop = model.subscribe((change) => {
    if (change.kind === "sync") sample();
  });
  try {
    return await withPort(model, async (port) => {
      const before = model.syncCount;
      const cpu = process.cpuUsage();
      const started = performance.now();
      const parsed = parseRecipients(await port.readSelection());
      const wallMs = performance.now() - started;
      const used = process.cpuUsage(cpu);
      sample();
      return {
        wallMs,
        cpuMs: (used.user + used.system) / 1000,
        syncs: model.syncCount - before,
        peakHeapBytes: peak - base,
        recipients: parsed.recipients.length,
        notReadCells: parsed.notRead?.cells ?? 0,
        largest: model.largestPayload(before + 1),
      };
    });
  } finally {
    stop();
  }
}

/** A one-column selection of `cells` cells: a header, then addresses. */
export function syntheticGrid(cells: number): SelectionGrid {
  const values: CellValue[][] = [["Email"]];
  for (let i = 1; i < cells; i++) {
    // Mostly one plain address a cell, as rosters are; some display names, lists, blanks and junk.
    const v =
      i % 50 === 0
        ? "not an address"
        : i % 97 === 0
          ? null
          : i % 10 === 0
            ? `Person ${i} <person${i}@fabrikam.com>; p${i}@contoso.com`
            : `person${i}@fabrikam.com`;
    values.push([v]);
  }
  return { areas: [{ sheet: "Roster", rowIndex: 0, columnIndex: 0, values }] };
}

/** Median wall time of parseRecipients over `runs` runs (after one warm-up), and what it found. */
export function measureParse(cells: number, runs = 5): { wallMs: number; recipients: number } {
  const grid = syntheticGrid(cells);
  let recipients = parseRecipients(grid).recipients.length;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    recipients = parseRecipients(grid).recipients.length;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { wallMs: times[Math.floor(times.length / 2)] ?? 0, recipients };
}

/** One row of the benchmark's table (the fields bench/run.ts prints). */
export interface OfficeRow {
  name: string;
  n: number;
  wallMs?: number;
  syncs?: number;
  /** The largest request or response of the measured syncs, in bytes. */
  payloadBytes?: number;
  heapBytes?: number;
  target: string;
  met: boolean;
  note: string;
}

const MB = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / MB).toFixed(2)} MB`;
const largestOf = (l: LargestSync) => Math.max(l.requestBytes, l.responseBytes);
const payloadNote = (l: LargestSync) =>
  `largest sync: request ${l.requestBytes.toLocaleString("en-US")} B, response ${l.responseBytes.toLocaleString("en-US")} B`;

/** Excel on the web's payload limits: reads of 10,000 and 200,000 rows, 10,000 results written, the preview. */
export async function officeRows(): Promise<OfficeRow[]> {
  const rows: OfficeRow[] = [];
  const small = await measureRead(10_000);
  rows.push({
    name: "office.readSelection",
    n: 10_000,
    wallMs: small.wallMs,
    syncs: small.syncs,
    payloadBytes: largestOf(small.largest),
    target: "<= 2 syncs, no sync over 4 MB",
    met: small.syncs <= 2 && underTarget(small.largest),
    note: `geometry, then values; ${payloadNote(small.largest)}`,
  });
  const large = await measureRead(200_000);
  rows.push({
    name: "office.readSelection",
    n: 200_000,
    wallMs: large.wallMs,
    syncs: large.syncs,
    payloadBytes: largestOf(large.largest),
    target: "no sync over 4 MB",
    met: underTarget(large.largest) && large.rows === 200_001,
    note: `${large.rows.toLocaleString("en-US")} rows; ${payloadNote(large.largest)}`,
  });
  const write = await measureSyncs(10_000);
  rows.push({
    name: "office.writeResults",
    n: 10_000,
    wallMs: write.writeMs,
    syncs: write.writeSyncs,
    payloadBytes: largestOf(write.writeLargest),
    // Log rows and statuses go in separate requests, so one row Excel refuses cannot block the other kind.
    target: "<= 2 syncs (log rows, statuses), no sync over 4 MB",
    met: write.writeSyncs <= 2 && underTarget(write.writeLargest),
    note: `10,000 granted log rows + 10,000 statuses in one flush; ${payloadNote(write.writeLargest)}`,
  });
  const preview = await measurePreview(200_000);
  rows.push({
    name: "office.preview",
    n: 200_000,
    wallMs: preview.wallMs,
    syncs: preview.syncs,
    payloadBytes: largestOf(preview.largest),
    heapBytes: preview.peakHeapBytes,
    target: "< 3 s, no sync over 4 MB",
    met: preview.wallMs < 3000 && underTarget(preview.largest),
    note:
      `read + parse, CPU ${Math.round(preview.cpuMs)} ms; ${preview.recipients.toLocaleString("en-US")} recipients, ` +
      `${preview.notReadCells.toLocaleString("en-US")} cells counted, not read; ` +
      `peak JS heap +${mb(preview.peakHeapBytes)}; ${payloadNote(preview.largest)}`,
  });
  return rows;
}
