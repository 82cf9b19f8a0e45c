// The handling of one batch's answers. It sends one $batch of invites (with the workbook session) and
// sorts every answer: granted (settled, and the pacer hears of a success); failed (settled with Graph's
// error); "again", refused before execution (a 429 or 424 goes back in the queue when the retry policy
// allows, and a 429 slows the pacer for everyone); a lost session (sent again at once with a new
// session, no attempt counted when the session can be made again); or ambiguous (handed to
// reconciliation, reconcile.ts). A whole batch refused with 401 throws: the sign-in is lost and the run
// stops once (sign-in-stop.ts). Retry timing itself is the pure decideRetry (src/core/retry-policy.ts).

import { classifyInviteAnswer, isAmbiguousBatchFailure, isRecreatableSessionError } from "../core/access";
import { graphFailure } from "../core/graph-failure";
import type { RetryPolicy } from "../core/retry-policy";
import { buildInviteBody } from "../core/share-options";
import type { BatchItemResponse } from "../core/batch-json";
import type { DriveItemRef, GraphErrorInfo, Outcome } from "../core/types";
import type { GraphPort, InviteCall } from "../core/ports";
import type { BatchDispatcher, Pending } from "./batch-dispatcher";
import type { OutcomeLedger } from "./outcome-ledger";
import { retryAfterMs, type Pacer } from "./pacer";
import type { Ambiguous, RetryDecider } from "./reconcile";
import { isSignInLostAnswer } from "./sign-in-stop";
import type { WorkbookSession } from "./workbook-session";

export interface BatchAnswerDeps {
  graph: GraphPort;
  item: DriveItemRef;
  session: WorkbookSession;
  pacer: Pacer;
  ledger: OutcomeLedger;
  dispatcher: BatchDispatcher;
  retry: RetryPolicy;
  decide: RetryDecider;
  reconcile(group: Ambiguous[]): Promise<void>;
}

/** What one batch's answers ask of the run once they are all sorted. */
interface Sorted {
  ambiguous: Ambiguous[];
  /** How long a 429 says everyone should wait (Graph time). */
  throttledAfter?: number;
  sessionLost: boolean;
}

export class BatchAnswers {
  private callSeq = 0;

  constructor(private readonly deps: BatchAnswerDeps) {}

  /** Sends one batch and handles its answers; throws only when the sign-in is lost. */
  readonly send = async (batch: Pending[]): Promise<void> => {
    const { graph, item, session, pacer } = this.deps;
    const usedSession = await session.current();
    const calls: InviteCall[] = batch.map((p) => ({
      id: String(++this.callSeq),
      body: buildInviteBody(p.recipient, p.options),
    }));
    const touchedBefore = session.lastTouched();
    const result = await graph.inviteBatch(item, calls, usedSession);
    if (result.kind === "failed" && isSignInLostAnswer(result.status)) throw graphFailure(result.error);
    const sorted: Sorted = { ambiguous: [], sessionLost: false };
    if (result.kind === "failed") this.batchFailed(batch, result, sorted);
    else batch.forEach((p, i) => this.itemAnswered(p, calls[i], result.items, sorted));
    pacer.onAnswered(batch.length);
    if (result.kind === "items") pacer.onBatchAnswers(result.items.values());
    else if (result.status === 503) pacer.onUnavailable(retryAfterMs(result.retryAfter));
    if (sorted.throttledAfter !== undefined) pacer.onThrottle(sorted.throttledAfter);
    if (sorted.sessionLost) await session.lost(usedSession, touchedBefore);
    if (sorted.ambiguous.length) await this.deps.reconcile(sorted.ambiguous);
  };

  /** The whole $batch failed: nothing was answered item by item. */
  private batchFailed(
    batch: Pending[],
    result: { status: number; retryAfter: string | null; error: GraphErrorInfo },
    sorted: Sorted,
  ): void {
    if (result.status === 429) {
      // The whole batch was refused before execution: every invite may be sent again.
      sorted.throttledAfter = this.throttleWait(result.retryAfter, 1);
      batch.forEach((p) => this.again(p, 429, result.retryAfter, result.error));
    } else if (isAmbiguousBatchFailure(result.status, result.error)) {
      batch.forEach((p) =>
        sorted.ambiguous.push({
          p,
          error: result.error,
          status: result.status,
          retryAfter: result.retryAfter,
        }),
      );
    } else {
      batch.forEach((p) => this.fail(p, result.error));
    }
  }

  private itemAnswered(
    p: Pending,
    call: InviteCall | undefined,
    items: Map<string, BatchItemResponse>,
    sorted: Sorted,
  ): void {
    const answer = call && items.get(call.id);
    if (!answer) return;
    const a = classifyInviteAnswer(answer.status, answer.headers, answer.body);
    if (a.kind === "granted") {
      const o: Outcome = { status: "granted", key: p.recipient.key, permission: a.permission };
      if (a.warning) o.warning = a.warning;
      this.deps.ledger.settle(o);
      this.deps.pacer.onSuccess();
    } else if (a.kind === "failed") {
      this.fail(p, a.error);
    } else if (a.kind === "again") {
      if (a.session) {
        sorted.sessionLost = true;
        this.sessionLost(p, a.error);
      } else {
        if (answer.status === 429) {
          const wait = this.throttleWait(a.retryAfter, p.attempt + 1);
          sorted.throttledAfter = Math.max(sorted.throttledAfter ?? 0, wait);
        }
        this.again(p, answer.status, a.retryAfter, a.error);
      }
    } else {
      sorted.ambiguous.push({ p, error: a.error, status: answer.status, retryAfter: a.retryAfter });
    }
  }

  /**
   * Refused before execution because of the session, so sending again is safe, and it is the session's
   * fault, not the recipient's: no attempt is counted. The number of sessions lost is bounded (workbook-session.ts).
   */
  private sessionLost(p: Pending, error: GraphErrorInfo): void {
    const recreatable = isRecreatableSessionError(error);
    if (!recreatable && p.attempt >= this.deps.retry.maxAttempts) {
      this.fail(p, error);
      return;
    }
    if (!recreatable) p.attempt += 1;
    this.deps.dispatcher.resendNow(p);
  }

  /** Decides what happens to a recipient whose invite was refused before execution. */
  private again(p: Pending, status: number, retryAfter: string | null, error: GraphErrorInfo): void {
    const d = this.deps.decide({
      status,
      retryAfter,
      attempt: p.attempt + 1,
      waitedMs: p.waitedMs,
      idempotent: true,
    });
    if (d.action === "stop") this.fail(p, error);
    else this.deps.dispatcher.requeue(p, d.delayMs);
  }

  /** How long a 429 says everyone should wait (Graph time): Retry-After, or a backoff step. */
  private throttleWait(retryAfter: string | null, attempt: number): number {
    const d = this.deps.decide({ status: 429, retryAfter, attempt, waitedMs: 0, idempotent: true });
    return d.action === "stop" ? 0 : d.delayMs;
  }

  private fail(p: Pending, error: GraphErrorInfo): void {
    this.deps.ledger.settle({ status: "failed", key: p.recipient.key, error });
  }
}
