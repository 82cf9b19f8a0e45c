// The share flow (DESIGN.md "The one flow"): selection → recipients → workbook → session → invites
// → one outcome per recipient, written back after every batch. Orchestration only: parsing, retry
// decisions, request bodies and texts live in src/core; I/O goes through the ports.

import {
  accessIndex,
  classifyInviteAnswer,
  isAmbiguousBatchFailure,
  isRecreatableSessionError,
  satisfies,
} from "../core/access";
import { failureSentence, ShareError, type ShareErrorCode } from "../core/errors";
import { graphFailure, isGraphFailure } from "../core/graph-failure";
import { parseRecipients } from "../core/recipients";
import {
  isNotSent,
  isRetryStatus,
  logRowForOutcome,
  logRowsForRejections,
  type RunContext,
} from "../core/results";
import { decideRetry, DEFAULT_RETRY_POLICY, type RetryPolicy } from "../core/retry-policy";
import { buildInviteBody, effectiveOptions, validateShareOptions } from "../core/share-options";
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
import type { Clock, GraphPort, InviteCall, WorkbookPort } from "../core/ports";
import { FirstFailuresPause, stopWithoutAsking, type ConfirmContinue } from "./failure-pause";
import { LoopWakeup } from "./loop-wakeup";
import { Pacer, type PacerTuning } from "./pacer";
import { notSentOutcome, type StopReason } from "./run-stop";
import { isSignInLost, isSignInLostAnswer } from "./sign-in-stop";
import { WorkbookSession } from "./workbook-session";
import { WriteBack, type UnwritableRow } from "./write-back";

export interface FlowTuning {
  /** Invites per $batch (Graph allows 20). */
  batchSize: number;
  retry: RetryPolicy;
  /** Refresh the workbook session when it has not been touched for this long (sessions idle out after ~5 min). */
  sessionRefreshMs: number;
  /** Multiplies every wait: 1 against Graph; smaller against the emulator in tests. */
  timeScale: number;
  pacer: Partial<PacerTuning>;
}

export const DEFAULT_TUNING: FlowTuning = {
  batchSize: 20,
  retry: DEFAULT_RETRY_POLICY,
  sessionRefreshMs: 2 * 60_000,
  timeScale: 1,
  pacer: {},
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

export type SharePhase = "reading" | "resolving" | "checking" | "sharing" | "finishing" | "done";

export interface ShareProgress {
  phase: SharePhase;
  total: number;
  granted: number;
  failed: number;
  skipped: number;
  remaining: number;
  /** Estimated time left, once there is a rate to go by. */
  etaMs?: number;
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

interface Pending {
  recipient: Recipient;
  options: ShareOptions;
  attempt: number;
  waitedMs: number;
  notBefore: number;
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

export async function runShare(
  deps: FlowDeps,
  request: ShareRequest,
  events: ShareEvents = {},
): Promise<ShareSummary> {
  const tuning: FlowTuning = { ...DEFAULT_TUNING, ...deps.tuning };
  const { workbook, graph, clock } = deps;
  const random = deps.random ?? Math.random;
  const signal = request.signal;
  const runId = deps.newRunId?.() ?? `run-${clock.now().toString(36)}`;
  const dryRun = request.dryRun ?? false;

  const problems = validateShareOptions(request.options, clock.now());
  if (problems.length) throw new ShareError("invalidOptions", problems);

  const progress: ShareProgress = {
    phase: "reading",
    total: 0,
    granted: 0,
    failed: 0,
    skipped: 0,
    remaining: 0,
  };
  const emit = () => events.onProgress?.({ ...progress });
  emit();

  const parsed = await readRecipients(workbook);
  let recipients = parsed.recipients;
  if (request.only === "failed") {
    const keys = failedRecipients(parsed);
    recipients = recipients.filter((r) => keys.has(r.key));
  }
  if (recipients.length === 0 && parsed.rejected.length === 0) throw new ShareError("noRecipients");

  const location = classifyDocumentUrl(workbook.documentUrl());
  if (location.kind === "unsaved" || location.kind === "local") throw new ShareError("notInCloud");
  if (location.kind === "unsupported") throw new ShareError("unsupportedLocation");

  progress.phase = "resolving";
  progress.total = recipients.length;
  progress.remaining = recipients.length;
  emit();
  const item: DriveItemRef = await graph.resolveWorkbook(location.url).catch((e: unknown) => {
    throw toShareError(e, "workbookNotFound");
  });
  // Before anything is sent: a read-only workbook fails here, not after people were invited.
  const logSheet = await workbook.ensureLog().catch((e: unknown) => {
    throw new ShareError("workbookWrite", [describe(e)], { cause: e });
  });

  const outcomes = new Map<string, Outcome>();
  const byKey = new Map(recipients.map((r) => [r.key, r] as const));
  const ctx: RunContext = { at: new Date(clock.now()).toISOString(), runId };
  const writeBack = new WriteBack(workbook, parsed, outcomes);
  const flush = (final: boolean) => writeBack.flush(final);

  const settle = (o: Outcome) => {
    if (outcomes.has(o.key)) return;
    outcomes.set(o.key, o);
    pause.note(o);
    const r = byKey.get(o.key);
    if (r) writeBack.log(logRowForOutcome(r, o, ctx));
    if (o.status === "granted") progress.granted += 1;
    else if (o.status === "failed") progress.failed += 1;
    else progress.skipped += 1;
    progress.remaining = Math.max(0, recipients.length - outcomes.size);
  };

  for (const row of logRowsForRejections(parsed.rejected, ctx)) writeBack.log(row);

  const session = new WorkbookSession(
    graph,
    item,
    clock,
    tuning.sessionRefreshMs * tuning.timeScale,
    () => (ctx.sessionless = true),
  );
  let cancelled = false;
  let stopped: StopReason | undefined;
  const loop = new LoopWakeup(clock);
  const pause = new FirstFailuresPause(
    deps.confirmContinue ?? stopWithoutAsking,
    (e) => failureSentence(e, request.options.expirationDateTime !== undefined),
    (goOn) => {
      if (!goOn) stopped ??= "stopped";
      loop.poke();
    },
  );

  try {
    progress.phase = "checking";
    emit();
    // Rerun safety: whoever already has the requested access is not invited again. The session and
    // this read go out together in one $batch where the Graph client can.
    let permissions: PermissionInfo[];
    try {
      if (!dryRun && graph.openSessionAndListPermissions) {
        const start = await graph.openSessionAndListPermissions(item);
        session.adopt(start.sessionId, start.sessionError);
        permissions = start.permissions;
      } else {
        if (!dryRun) await session.open();
        permissions = await graph.listPermissions(item);
      }
    } catch (e) {
      throw toShareError(e, "workbookNotFound");
    }
    const current = accessIndex(permissions);
    const queue: Pending[] = [];
    for (const r of recipients) {
      const options = effectiveOptions(request.options, r);
      const existing = current.get(r.key);
      if (existing && satisfies(existing.roles, options.role)) {
        settle({ status: "skipped", key: r.key, reason: "alreadyHasAccess", permission: existing });
      } else if (dryRun) {
        settle({ status: "skipped", key: r.key, reason: "dryRun" });
      } else {
        queue.push({ recipient: r, options, attempt: 0, waitedMs: 0, notBefore: 0 });
      }
    }
    await flush(false);

    progress.phase = "sharing";
    emit();
    if (queue.length > 0) {
      const pacer = new Pacer(clock, { ...tuning.pacer }, tuning.timeScale);
      const startedAt = clock.now();
      let callSeq = 0;
      let inFlight = 0;
      const poke = loop.poke;
      signal?.addEventListener("abort", poke);

      const requeue = (p: Pending, delayMs: number) => {
        p.attempt += 1;
        p.waitedMs += delayMs;
        p.notBefore = clock.now() + delayMs * tuning.timeScale;
        queue.push(p);
      };

      // Permission re-reads are shared: one in flight at a time, and a read that started after an
      // ambiguous answer arrived serves every reconcile waiting on answers up to that moment.
      let lastRead: { startedAt: number; result: Promise<PermissionInfo[]> } | undefined;
      const permissionsSince = (since: number): Promise<PermissionInfo[]> => {
        if (lastRead && lastRead.startedAt >= since) return lastRead.result;
        const previous = lastRead?.result.catch(() => []) ?? Promise.resolve([]);
        const read = {
          startedAt: Number.POSITIVE_INFINITY,
          result: previous.then(() => {
            read.startedAt = clock.now();
            return graph.listPermissions(item);
          }),
        };
        lastRead = read;
        return read.result;
      };

      /** How long a 429 says everyone should wait (Graph time): Retry-After, or a backoff step. */
      const throttleWait = (retryAfter: string | null, attempt: number): number => {
        const d = decideRetry(
          {
            status: 429,
            retryAfter,
            attempt,
            waitedMs: 0,
            now: clock.now(),
            random: random(),
            idempotent: true,
          },
          tuning.retry,
        );
        return d.action === "stop" ? 0 : d.delayMs;
      };

      const failed = (p: Pending, error: GraphErrorInfo): Outcome => ({
        status: "failed",
        key: p.recipient.key,
        error,
      });
      const fail = (p: Pending, error: GraphErrorInfo) => settle(failed(p, error));

      /** Decides what happens to a recipient whose invite was refused before execution. */
      const again = (p: Pending, status: number, retryAfter: string | null, error: GraphErrorInfo) => {
        const d = decideRetry(
          {
            status,
            retryAfter,
            attempt: p.attempt + 1,
            waitedMs: p.waitedMs,
            now: clock.now(),
            random: random(),
            idempotent: true,
          },
          tuning.retry,
        );
        if (d.action === "stop") fail(p, error);
        else requeue(p, d.delayMs);
      };

      /** Ambiguous answers: wait, look at the permissions, resend only to those who still have no access. */
      const reconcile = async (
        group: Array<{ p: Pending; error: GraphErrorInfo; status: number; retryAfter: string | null }>,
      ) => {
        const answeredAt = clock.now();
        let delay = 0;
        const retry: typeof group = [];
        for (const g of group) {
          const d = decideRetry(
            {
              status: g.status,
              retryAfter: g.retryAfter,
              attempt: g.p.attempt + 1,
              waitedMs: g.p.waitedMs,
              now: clock.now(),
              random: random(),
              idempotent: false,
            },
            tuning.retry,
          );
          delay = Math.max(delay, d.action === "stop" ? 0 : d.delayMs);
          retry.push(g);
          if (d.action === "stop") g.p.attempt = Number.POSITIVE_INFINITY;
        }
        await clock.sleep(delay * tuning.timeScale);
        let index: Map<string, PermissionInfo>;
        try {
          if (stopped === "signIn") throw new ShareError("notSignedIn"); // no sign-in attempt per batch
          index = accessIndex(await permissionsSince(answeredAt));
        } catch (e) {
          // Without a fresh look nobody is resent: unknown stays failed with the reason, never doubled.
          for (const g of retry)
            fail(g.p, { ...g.error, message: `${g.error.message} (could not be confirmed: ${describe(e)})` });
          return;
        }
        for (const g of retry) {
          const found = index.get(g.p.recipient.key);
          if (found && satisfies(found.roles, g.p.options.role)) {
            settle({
              status: "granted",
              key: g.p.recipient.key,
              permission: found,
              confirmedAfterRetry: true,
            });
          } else if (!Number.isFinite(g.p.attempt) || cancelled || stopped) {
            fail(g.p, g.error);
          } else {
            requeue(g.p, delay);
          }
        }
      };

      const runBatch = async (batch: Pending[]) => {
        const usedSession = await session.current();
        const calls: InviteCall[] = batch.map((p) => ({
          id: String(++callSeq),
          body: buildInviteBody(p.recipient, p.options),
        }));
        const touchedBefore = session.lastTouched();
        const result = await graph.inviteBatch(item, calls, usedSession);
        if (result.kind === "failed" && isSignInLostAnswer(result.status)) throw graphFailure(result.error);
        const ambiguous: Parameters<typeof reconcile>[0] = [];
        let throttledAfter: number | undefined;
        let sessionLost = false;
        if (result.kind === "failed") {
          if (result.status === 429) {
            // The whole batch was refused before execution: every invite may be sent again.
            throttledAfter = throttleWait(result.retryAfter, 1);
            batch.forEach((p) => again(p, 429, result.retryAfter, result.error));
          } else if (isAmbiguousBatchFailure(result.status, result.error)) {
            batch.forEach((p) =>
              ambiguous.push({
                p,
                error: result.error,
                status: result.status,
                retryAfter: result.retryAfter,
              }),
            );
          } else {
            batch.forEach((p) => fail(p, result.error));
          }
        } else {
          batch.forEach((p, i) => {
            const call = calls[i];
            const answer = call && result.items.get(call.id);
            if (!answer) return;
            const a = classifyInviteAnswer(answer.status, answer.headers, answer.body);
            if (a.kind === "granted") {
              const o: Outcome = { status: "granted", key: p.recipient.key, permission: a.permission };
              if (a.warning) o.warning = a.warning;
              settle(o);
              pacer.onSuccess();
            } else if (a.kind === "failed") {
              fail(p, a.error);
            } else if (a.kind === "again") {
              if (a.session) {
                sessionLost = true;
                // Refused before execution, so sending again is safe, and it is the session's fault, not
                // the recipient's: no attempt is counted. The number of sessions lost is bounded below.
                if (!isRecreatableSessionError(a.error) && p.attempt >= tuning.retry.maxAttempts) {
                  fail(p, a.error);
                  return;
                }
                if (!isRecreatableSessionError(a.error)) p.attempt += 1;
                p.notBefore = clock.now();
                queue.push(p);
              } else {
                if (answer.status === 429) {
                  throttledAfter = Math.max(throttledAfter ?? 0, throttleWait(a.retryAfter, p.attempt + 1));
                }
                again(p, answer.status, a.retryAfter, a.error);
              }
            } else {
              ambiguous.push({ p, error: a.error, status: answer.status, retryAfter: a.retryAfter });
            }
          });
        }
        pacer.onAnswered(batch.length);
        if (result.kind === "items") pacer.onBatchHeaders(result.items.values());
        if (throttledAfter !== undefined) pacer.onThrottle(throttledAfter);
        if (sessionLost) await session.lost(usedSession, touchedBefore);
        if (ambiguous.length) await reconcile(ambiguous);
      };

      const takeReady = (): Pending[] => {
        const now = clock.now();
        queue.sort((a, b) => a.notBefore - b.notBefore);
        const ready: Pending[] = [];
        const cap = pacer.batchCap(tuning.batchSize);
        while (ready.length < cap && queue.length && (queue[0]?.notBefore ?? 0) <= now) {
          const p = queue.shift();
          if (p) ready.push(p);
        }
        return ready;
      };

      const workers: Promise<void>[] = [];
      const launch = (batch: Pending[]) => {
        inFlight += 1;
        const w = runBatch(batch)
          .catch((e: unknown) => {
            // Sign-in lost: the run stops once (sign-in-stop.ts), and this batch was not sent. Anything
            // else (a bug, a write failure) must not strand recipients: they fail with the reason.
            if (isSignInLost(e)) stopped ??= "signIn";
            const error: GraphErrorInfo = { status: 0, code: "unexpected", message: describe(e) };
            for (const p of batch.filter((b) => !outcomes.has(b.recipient.key)))
              settle(isSignInLost(e) ? notSentOutcome(p.recipient.key, "signIn") : failed(p, error));
          })
          .finally(() => {
            // The slot is free as soon as Graph has answered; writing back runs alongside the next batch.
            inFlight -= 1;
            poke();
            const eta = estimateEta(clock.now() - startedAt, outcomes.size, recipients.length);
            if (eta === undefined) delete progress.etaMs;
            else progress.etaMs = eta;
            emit();
            return flush(false);
          });
        workers.push(w);
      };

      while (queue.length > 0 || inFlight > 0) {
        if (signal?.aborted) cancelled = true;
        const halt = cancelled ? "cancelled" : stopped;
        if (halt) {
          // Nothing new is sent; what is queued is recorded as not sent. In-flight batches finish.
          for (const p of queue.splice(0)) settle(notSentOutcome(p.recipient.key, halt));
          if (inFlight === 0) break;
          await loop.changed();
          continue;
        }
        if (pause.waiting) {
          await loop.changed(); // nothing is sent while the person decides
          continue;
        }
        const gate = pacer.nextSlot(inFlight);
        if (gate > 0) {
          await loop.nap(gate);
          continue;
        }
        const ready = takeReady();
        if (ready.length > 0) {
          pacer.onSend(ready.length);
          launch(ready);
          continue;
        }
        const earliest = queue.length ? Math.min(...queue.map((p) => p.notBefore)) - clock.now() : Infinity;
        await loop.nap(Number.isFinite(earliest) ? Math.max(1, earliest) : Infinity);
      }
      await Promise.allSettled(workers);
      signal?.removeEventListener("abort", poke);
    }
  } finally {
    // Without a token closing cannot succeed; asking for one would be a second sign-in attempt. The
    // session idles out in minutes.
    if (stopped !== "signIn") await session.close();
    // Every recipient leaves with exactly one outcome, even when the run broke off.
    for (const r of recipients) {
      if (!outcomes.has(r.key)) {
        settle({
          status: "failed",
          key: r.key,
          error: { status: 0, code: "notSent", message: "The run stopped before this recipient was sent." },
        });
      }
    }
    progress.phase = "finishing";
    emit();
    await flush(true);
    if (writeBack.error !== undefined) {
      // One more try, with the log table made again in case its sheet was deleted during the run.
      await workbook.ensureLog().catch(() => undefined);
      await flush(true);
    }
  }
  if (writeBack.error !== undefined) {
    // The invitations stand; only the record of them could not be written. Say so rather than pretend.
    throw new ShareError("workbookWrite", [describe(writeBack.error)], { cause: writeBack.error });
  }

  progress.phase = "done";
  progress.remaining = 0;
  delete progress.etaMs;
  emit();
  const list = recipients.map((r) => outcomes.get(r.key)).filter((o): o is Outcome => o !== undefined);
  const summary: ShareSummary = {
    runId,
    total: recipients.length,
    granted: progress.granted,
    failed: progress.failed,
    skipped: progress.skipped,
    cancelled,
    dryRun,
    notSent: list.filter(isNotSent).length,
    rejected: parsed.rejected,
    duplicates: parsed.duplicates.length,
    outcomes: list,
    sessionUsed: !dryRun && !ctx.sessionless,
    logSheet,
    statusesSkipped: writeBack.statusesSkipped,
    unwritableRows: writeBack.unwritableRows,
    roundTrips: graph.roundTrips(),
  };
  if (session.note) summary.sessionNote = session.note;
  if (stopped) summary.stoppedFor = stopped;
  return summary;
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

function estimateEta(elapsedMs: number, done: number, total: number): number | undefined {
  if (done === 0 || elapsedMs <= 0) return undefined;
  return Math.round((elapsedMs / done) * (total - done));
}

function describe(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
