// The share flow, the mission read top to bottom: read the selection and parse it, find the workbook in
// OneDrive/SharePoint, open a workbook session, skip whoever already has access, invite the rest in
// batches, write every outcome back, close the session (docs/architecture.md). Orchestration only: the
// pieces are named modules beside it (batch-dispatcher.ts, batch-answers.ts, reconcile.ts,
// outcome-ledger.ts, workbook-session.ts, write-back.ts); parsing, retry decisions, request bodies and
// texts live in src/core; I/O goes through the ports (src/core/ports.ts).

import { accessIndex, satisfies } from "../core/access";
import { failureSentence, ShareError, type ShareErrorCode } from "../core/errors";
import { isGraphFailure } from "../core/graph-failure";
import { parseRecipients } from "../core/recipients";
import { isNotSent, isNotVisible, isRetryStatus, type RunContext } from "../core/results";
import { decideRetry, DEFAULT_RETRY_POLICY, type RetryPolicy } from "../core/retry-policy";
import { effectiveOptions, validateShareOptions } from "../core/share-options";
import { classifyDocumentUrl } from "../core/sharing-url";
import type {
  DriveItemRef,
  GraphErrorInfo,
  Outcome,
  ParsedSelection,
  PermissionInfo,
  Recipient,
  Rejection,
  ShareOptions,
} from "../core/types";
import type { Clock, GraphPort, WorkbookPort } from "../core/ports";
import { BatchAnswers } from "./batch-answers";
import { BatchDispatcher, type Pending } from "./batch-dispatcher";
import { FirstFailuresPause, stopWithoutAsking, type ConfirmContinue } from "./failure-pause";
import { LoopWakeup } from "./loop-wakeup";
import { OutcomeLedger, RunProgress, type ShareProgress } from "./outcome-ledger";
import type { PacerTuning } from "./pacer";
import { PermissionRereads, reconcile, type RetryDecider } from "./reconcile";
import { RunEta, ThrottleAwarePacer } from "./run-eta";
import { notSentOutcome, RunStop, type StopReason } from "./run-stop";
import { verifyAfter, type Verification } from "./verify-after";
import { isSignInLost } from "./sign-in-stop";
import { WorkbookSession } from "./workbook-session";
import type { UnwritableRow } from "./write-back";

export type { SharePhase, ShareProgress } from "./outcome-ledger";

export interface FlowTuning {
  /** Invites per $batch (Graph allows 20). */
  batchSize: number;
  retry: RetryPolicy;
  /** Refresh the workbook session when it has not been touched for this long (sessions idle out after ~5 min). */
  sessionRefreshMs: number;
  /** Multiplies every wait: 1 against Graph; smaller against the emulator in tests. */
  timeScale: number;
  pacer: Partial<PacerTuning>;
  /**
   * While invites go out, statuses and log rows are written at most this often (0: after every batch).
   * Each write is a few Excel syncs; a fast run would otherwise spend them on every batch.
   */
  writeBackEveryMs: number;
}

export const DEFAULT_TUNING: FlowTuning = {
  batchSize: 20,
  retry: DEFAULT_RETRY_POLICY,
  sessionRefreshMs: 2 * 60_000,
  timeScale: 1,
  pacer: {},
  writeBackEveryMs: 500,
};

export interface FlowDeps {
  workbook: WorkbookPort;
  graph: GraphPort;
  clock: Clock;
  random?: () => number;
  newRunId?: () => string;
  tuning?: Partial<FlowTuning>;
  /** Asked once when the first invites all fail alike (failure-pause.ts); default: stop. */
  confirmContinue?: ConfirmContinue;
}

export interface ShareRequest {
  options: ShareOptions;
  /** Do everything but invite, and record what would happen. */
  dryRun?: boolean;
  /** "failed": only the rows whose status says failed, cancelled or partly done. */
  only?: "all" | "failed";
  signal?: AbortSignal;
}

export interface ShareSummary {
  runId: string;
  total: number;
  granted: number;
  failed: number;
  skipped: number;
  cancelled: boolean;
  dryRun: boolean;
  /** Recipients not sent because the run stopped (counted in skipped too); "Retry failed" sends them. */
  notSent: number;
  /** Graph answered 200 but the permission list read after the run does not show them (not in granted). */
  notVisible?: number;
  /** The read after the run (verify-after.ts); absent when nothing was granted or sign-in was lost. */
  verification?: Verification;
  /** Why the run stopped early: sign-in lost, or the person chose Stop at the pause. */
  stoppedFor?: StopReason;
  rejected: Rejection[];
  duplicates: number;
  outcomes: Outcome[];
  /** False when no workbook session could be opened; sessionNote says why. */
  sessionUsed: boolean;
  sessionNote?: string;
  logSheet: string;
  /** Status cells left alone because they hold the person's own data. */
  statusesSkipped: number;
  /** Log rows and statuses Excel refused (after retries) or could not keep as text; the run went on. */
  unwritableRows?: UnwritableRow[];
  roundTrips: number;
}

export interface ShareEvents {
  onProgress?: (p: ShareProgress) => void;
}

/** Reads the selection and parses it: used by the preview and by the flow. */
export async function readRecipients(workbook: WorkbookPort): Promise<ParsedSelection> {
  return parseRecipients(await workbook.readSelection());
}

/** Recipients whose rows last ended failed, cancelled, not sent or partly done (for "Retry failed"). */
export function failedRecipients(parsed: ParsedSelection): Set<string> {
  const keys = new Set<string>();
  for (const row of parsed.rows) {
    if (isRetryStatus(row.statusCellValue)) {
      row.recipientKeys.forEach((k) => keys.add(k));
    }
  }
  return keys;
}

/** What "Retry failed" would send, by recipient: those whose rows failed, and those never sent. */
export interface RetryCounts {
  failed: number;
  notSent: number;
}

/**
 * Counts recipients, not rows (a duplicate row of a failed address is the same recipient). A row of
 * several recipients that reads "Partly: …" counts as its status says ("1 failed, 2 not sent").
 */
export function retryCounts(parsed: ParsedSelection): RetryCounts {
  const failed = new Set<string>();
  const notSent = new Set<string>();
  let partlyFailed = 0;
  let partlyNotSent = 0;
  for (const row of parsed.rows) {
    const status = row.statusCellValue;
    if (!isRetryStatus(status) || typeof status !== "string") continue;
    if (status.startsWith("Partly: ")) {
      partlyFailed += Number(/(\d+) failed/.exec(status)?.[1] ?? 0);
      partlyNotSent += Number(/(\d+) not sent/.exec(status)?.[1] ?? 0);
    } else {
      const into = status.startsWith("Failed") ? failed : notSent;
      row.recipientKeys.forEach((k) => into.add(k));
    }
  }
  for (const k of failed) notSent.delete(k);
  return { failed: failed.size + partlyFailed, notSent: notSent.size + partlyNotSent };
}

export async function runShare(
  deps: FlowDeps,
  request: ShareRequest,
  events: ShareEvents = {},
): Promise<ShareSummary> {
  const tuning: FlowTuning = { ...DEFAULT_TUNING, ...deps.tuning };
  const { workbook, graph, clock } = deps;
  const runId = deps.newRunId?.() ?? `run-${clock.now().toString(36)}`;
  const dryRun = request.dryRun ?? false;
  const problems = validateShareOptions(request.options, clock.now());
  if (problems.length) throw new ShareError("invalidOptions", problems);

  // 1. Read the selection and parse it.
  const progress = new RunProgress(events.onProgress);
  progress.emit();
  const { parsed, recipients } = await readToShare(workbook, request.only);

  // 2. Find the workbook's file, and make sure its results can be written before anything is sent.
  const url = cloudUrl(workbook);
  progress.state.total = recipients.length;
  progress.state.remaining = recipients.length;
  progress.phase("resolving");
  const item: DriveItemRef = await graph.resolveWorkbook(url).catch((e: unknown) => {
    throw toShareError(e, "workbookNotFound");
  });
  const logSheet = await workbook.ensureLog().catch((e: unknown) => {
    throw new ShareError("workbookWrite", [describe(e)], { cause: e });
  });

  const keptExpiry = new Map<string, string>();
  const hadAccess = new Set<string>();
  const ctx: RunContext = { at: new Date(clock.now()).toISOString(), runId, keptExpiry, hadAccess };
  const stop = new RunStop();
  let verification: Verification | undefined;
  const loop = new LoopWakeup(clock);
  const pause = new FirstFailuresPause(
    deps.confirmContinue ?? stopWithoutAsking,
    // Only a drive that is sent the expiry can refuse it (keepExpiries holds it back elsewhere).
    (e) => failureSentence(e, request.options.expirationDateTime !== undefined && acceptsInviteExpiry(item)),
    (goOn) => {
      if (!goOn) stop.stop("stopped");
      loop.poke();
    },
  );
  const ledger = new OutcomeLedger(workbook, parsed, recipients, progress, ctx, (o) => pause.note(o));
  ledger.logRejections(parsed.rejected);
  const sessionMs = tuning.sessionRefreshMs * tuning.timeScale;
  const session = new WorkbookSession(graph, item, clock, sessionMs, () => (ctx.sessionless = true));

  try {
    // 3. Open the session, and 4. skip whoever already has the requested access (rerun safety).
    progress.phase("checking");
    const permissions = await openAndReadAccess(graph, item, session, dryRun);
    const queue = toInvite(recipients, request.options, permissions, dryRun, ledger);
    if (!acceptsInviteExpiry(item)) keepExpiries(queue, keptExpiry);
    // Whoever had some access already (the run raises it): Undo run must not take it all away.
    const before = accessIndex(permissions);
    for (const p of queue) if (before.has(p.recipient.key)) hadAccess.add(p.recipient.key);
    await ledger.flush(false);

    // 5. Invite the rest in batches; every batch's outcomes are written back as it ends.
    progress.phase("sharing");
    const run: InviteRun = {
      deps,
      tuning,
      item,
      session,
      ledger,
      progress,
      stop,
      loop,
      pause,
      signal: request.signal,
    };
    if (queue.length > 0) await inviteInBatches(queue, run);
    // 5b. Verify after: one read of the permission list confirms every grant.
    if (queue.length > 0 && stop.stopped !== "signIn") verification = await verifyAfter(graph, item, ledger);
  } finally {
    // 6. Close the session. Without a token closing cannot succeed; asking for one would be a second
    // sign-in attempt, and the session idles out in minutes.
    if (stop.stopped !== "signIn") await session.close();
    ledger.settleUnsent();
    progress.phase("finishing");
    await ledger.flushLast(workbook);
  }
  const writeError = ledger.writeBack.error;
  if (writeError !== undefined) {
    // The invitations stand; only the record of them could not be written. Say so rather than pretend.
    throw new ShareError("workbookWrite", [describe(writeError)], { cause: writeError });
  }

  // 7. Done: what happened to whom, for the task pane.
  progress.state.phase = "done";
  progress.state.remaining = 0;
  delete progress.state.etaMs;
  delete progress.state.resumeInMs;
  progress.emit();
  const summary = summarize({ runId, dryRun, parsed, logSheet, graph, session, ledger, stop, progress, ctx });
  if (verification) summary.verification = verification;
  return summary;
}

/** The run's summary, once every recipient has an outcome. */
function summarize(run: {
  runId: string;
  dryRun: boolean;
  parsed: ParsedSelection;
  logSheet: string;
  graph: GraphPort;
  session: WorkbookSession;
  ledger: OutcomeLedger;
  stop: RunStop;
  progress: RunProgress;
  ctx: RunContext;
}): ShareSummary {
  const { ledger, progress, stop } = run;
  const list = ledger.list();
  const summary: ShareSummary = {
    runId: run.runId,
    total: ledger.total,
    granted: progress.state.granted,
    failed: progress.state.failed,
    skipped: progress.state.skipped,
    cancelled: stop.cancelled,
    dryRun: run.dryRun,
    notSent: list.filter(isNotSent).length,
    notVisible: list.filter(isNotVisible).length,
    rejected: run.parsed.rejected,
    duplicates: run.parsed.duplicates.length,
    outcomes: list,
    sessionUsed: !run.dryRun && !run.ctx.sessionless,
    logSheet: run.logSheet,
    statusesSkipped: ledger.writeBack.statusesSkipped,
    unwritableRows: ledger.writeBack.unwritableRows,
    roundTrips: run.graph.roundTrips(),
  };
  if (run.session.note) summary.sessionNote = run.session.note;
  if (stop.stopped) summary.stoppedFor = stop.stopped;
  return summary;
}

/** The recipients this run shares with: all of them, or (Retry failed) those whose rows last failed. */
async function readToShare(
  workbook: WorkbookPort,
  only: ShareRequest["only"],
): Promise<{ parsed: ParsedSelection; recipients: Recipient[] }> {
  const parsed = await readRecipients(workbook);
  let recipients = parsed.recipients;
  if (only === "failed") {
    const keys = failedRecipients(parsed);
    recipients = recipients.filter((r) => keys.has(r.key));
  }
  if (recipients.length === 0 && parsed.rejected.length === 0) throw new ShareError("noRecipients");
  return { parsed, recipients };
}

/** The workbook's OneDrive/SharePoint URL; an unsaved, local or unknown location stops the run. */
function cloudUrl(workbook: WorkbookPort): string {
  const location = classifyDocumentUrl(workbook.documentUrl());
  if (location.kind === "unsaved" || location.kind === "local") throw new ShareError("notInCloud");
  if (location.kind === "unsupported") throw new ShareError("unsupportedLocation");
  return location.url;
}

/**
 * Opens the workbook session (not for a dry run) and reads who has access. The session and the read go
 * out together in one $batch where the Graph client can.
 */
async function openAndReadAccess(
  graph: GraphPort,
  item: DriveItemRef,
  session: WorkbookSession,
  dryRun: boolean,
): Promise<PermissionInfo[]> {
  try {
    if (!dryRun && graph.openSessionAndListPermissions) {
      const start = await graph.openSessionAndListPermissions(item);
      session.adopt(start.sessionId, start.sessionError);
      return start.permissions;
    }
    if (!dryRun) await session.open();
    return await graph.listPermissions(item);
  } catch (e) {
    throw toShareError(e, "workbookNotFound");
  }
}

/** Rerun safety: whoever already has the requested access is not invited again (nor anyone, in a dry run). */
function toInvite(
  recipients: Recipient[],
  requested: ShareOptions,
  permissions: PermissionInfo[],
  dryRun: boolean,
  ledger: OutcomeLedger,
): Pending[] {
  const current = accessIndex(permissions);
  const queue: Pending[] = [];
  for (const r of recipients) {
    const options = effectiveOptions(requested, r);
    const existing = current.get(r.key);
    if (existing && satisfies(existing.roles, options.role)) {
      ledger.settle({ status: "skipped", key: r.key, reason: "alreadyHasAccess", permission: existing });
    } else if (dryRun) {
      ledger.settle({ status: "skipped", key: r.key, reason: "dryRun" });
    } else {
      queue.push({ recipient: r, options, attempt: 0, waitedMs: 0, notBefore: 0 });
    }
  }
  return queue;
}

/**
 * Whether Graph applies an expiry to an invitation on this drive: OneDrive personal (premium) does; work
 * or school drives refuse it (microsoft-graph-docs#8820, #17383).
 */
export function acceptsInviteExpiry(item: DriveItemRef): boolean {
  return item.driveType === "personal";
}

/** Expiry Graph would refuse: the invites go without it and the log keeps the date (expiry-sweep.ts). */
function keepExpiries(queue: Pending[], kept: Map<string, string>): void {
  for (const p of queue) {
    const date = p.options.expirationDateTime;
    if (date === undefined) continue;
    kept.set(p.recipient.key, date);
    p.options = { ...p.options };
    delete p.options.expirationDateTime;
  }
}

/** What sending in batches runs over. */
interface InviteRun {
  deps: FlowDeps;
  tuning: FlowTuning;
  item: DriveItemRef;
  session: WorkbookSession;
  ledger: OutcomeLedger;
  progress: RunProgress;
  stop: RunStop;
  loop: LoopWakeup;
  pause: FirstFailuresPause;
  signal: AbortSignal | undefined;
}

/** Wires the dispatcher to the batch answers and reconciliation, and sends until the queue is done. */
async function inviteInBatches(queue: Pending[], run: InviteRun): Promise<void> {
  const { deps, tuning, ledger, stop, signal } = run;
  const { clock, graph } = deps;
  const random = deps.random ?? Math.random;
  const decide: RetryDecider = (input) =>
    decideRetry({ ...input, now: clock.now(), random: random() }, tuning.retry);
  // The time left and the Retry-After countdown the pane shows (run-eta.ts).
  const eta = new RunEta(clock, run.progress, tuning.timeScale, () => pacer.currentRate());
  const pacer = new ThrottleAwarePacer(clock, { ...tuning.pacer }, tuning.timeScale, (until) =>
    eta.throttled(until),
  );
  eta.start(ledger.outcomes.size);
  const writes = new PacedWrites(clock, tuning.writeBackEveryMs, () => ledger.flush(false));
  const dispatcher: BatchDispatcher = new BatchDispatcher(
    clock,
    pacer,
    run.loop,
    tuning.batchSize,
    tuning.timeScale,
    {
      send: (batch) => answers.send(batch),
      failed: (batch, e) => {
        // Sign-in lost: the run stops once (sign-in-stop.ts), and this batch was not sent. Anything
        // else (a bug, a write failure) must not strand recipients: they fail with the reason.
        if (isSignInLost(e)) stop.stop("signIn");
        const error: GraphErrorInfo = { status: 0, code: "unexpected", message: describe(e) };
        for (const p of batch.filter((b) => !ledger.has(b.recipient.key))) {
          const key = p.recipient.key;
          ledger.settle(isSignInLost(e) ? notSentOutcome(key, "signIn") : { status: "failed", key, error });
        }
      },
      answered: () => {
        eta.answered(ledger.outcomes.size);
        return writes.request();
      },
      halt: () => {
        if (signal?.aborted) stop.cancelled = true;
        return stop.halt;
      },
      notSent: (p, why) => ledger.settle(notSentOutcome(p.recipient.key, why)),
      paused: () => run.pause.waiting !== undefined,
    },
  );
  const rereads = new PermissionRereads(graph, run.item, clock);
  const requeue = (p: Pending, delayMs: number) => dispatcher.requeue(p, delayMs);
  const reconcileDeps = {
    clock,
    timeScale: tuning.timeScale,
    decide,
    rereads,
    ledger,
    stop,
    requeue,
    describe,
  };
  const answers = new BatchAnswers({
    graph,
    item: run.item,
    session: run.session,
    pacer,
    ledger,
    dispatcher,
    retry: tuning.retry,
    decide,
    reconcile: (group) => reconcile(group, reconcileDeps),
  });
  for (const p of queue) dispatcher.add(p);
  try {
    await dispatcher.run(signal);
  } finally {
    eta.stop();
    // The run's last write (flushLast) takes whatever is still queued.
    writes.stop();
  }
}

/** Write-back while sending: at once when the last write is intervalMs old, else once when it will be. */
class PacedWrites {
  private lastAt = Number.NEGATIVE_INFINITY;
  private timer: AbortController | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly flush: () => Promise<void>,
  ) {}

  request(): Promise<void> {
    const wait = this.lastAt + this.intervalMs - this.clock.now();
    if (wait <= 0) {
      this.lastAt = this.clock.now();
      return this.flush();
    }
    if (!this.timer) {
      const timer = new AbortController();
      this.timer = timer;
      void this.clock.sleep(wait, timer.signal).then(() => {
        if (timer.signal.aborted) return;
        this.timer = undefined;
        void this.request();
      });
    }
    return Promise.resolve();
  }

  stop(): void {
    this.timer?.abort();
    this.timer = undefined;
  }
}

/** Maps a failure before any invite was sent to the sentence a person reads. */
export function toShareError(e: unknown, notFound: ShareErrorCode): ShareError {
  if (e instanceof ShareError) return e;
  if (isGraphFailure(e)) {
    const { status, code, requestId } = e.info;
    const details = [`${code}${requestId ? ` (request ID ${requestId})` : ""}`];
    if (status === 404) return new ShareError(notFound, details, { cause: e });
    if (status === 401) return new ShareError("notSignedIn", details, { cause: e });
    if (status === 403) return new ShareError("accessDenied", details, { cause: e });
    if (status === 429) return new ShareError("throttled", details, { cause: e });
    if (status === 0) return new ShareError("network", details, { cause: e });
    return new ShareError("graph", [`${details[0]}: ${e.info.message}`], { cause: e });
  }
  return new ShareError("graph", [describe(e)], { cause: e });
}

function describe(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
