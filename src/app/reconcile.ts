// Reconciliation by re-reading permissions. An ambiguous answer (a 5xx or timeout after the invite may
// have run) cannot simply be sent again: that could invite twice. The flow waits as the retry policy says,
// reads the item's permissions, and counts as granted whoever now has the requested access; only the
// others are sent again. Re-reads are shared: one in flight at a time, and a read that started after an
// ambiguous answer arrived serves every reconciliation waiting on answers up to that moment. Without a
// fresh read nobody is resent: they fail with the reason, never doubled.

import { accessIndex, satisfies } from "../core/access";
import { ShareError } from "../core/errors";
import type { DriveItemRef, GraphErrorInfo, PermissionInfo } from "../core/types";
import type { Clock, GraphPort } from "../core/ports";
import type { RetryDecision, RetryInput } from "../core/retry-policy";
import type { Pending } from "./batch-dispatcher";
import type { OutcomeLedger } from "./outcome-ledger";
import type { RunStop } from "./run-stop";

/** An invite whose answer left it unknown whether it ran. */
export interface Ambiguous {
  p: Pending;
  error: GraphErrorInfo;
  status: number;
  retryAfter: string | null;
}

/** The retry policy at this moment (decideRetry with the run's clock, randomness and policy). */
export type RetryDecider = (input: Omit<RetryInput, "now" | "random">) => RetryDecision;

/** Shared permission re-reads: one in flight at a time. */
export class PermissionRereads {
  private lastRead: { startedAt: number; result: Promise<PermissionInfo[]> } | undefined;

  constructor(
    private readonly graph: GraphPort,
    private readonly item: DriveItemRef,
    private readonly clock: Clock,
  ) {}

  /** Permissions as read by a request that started at or after `since`. */
  since(since: number): Promise<PermissionInfo[]> {
    const lastRead = this.lastRead;
    if (lastRead && lastRead.startedAt >= since) return lastRead.result;
    const previous = lastRead?.result.catch(() => []) ?? Promise.resolve([]);
    const read = {
      startedAt: Number.POSITIVE_INFINITY,
      result: previous.then(() => {
        read.startedAt = this.clock.now();
        return this.graph.listPermissions(this.item);
      }),
    };
    this.lastRead = read;
    return read.result;
  }
}

export interface ReconcileDeps {
  clock: Clock;
  timeScale: number;
  decide: RetryDecider;
  rereads: PermissionRereads;
  ledger: OutcomeLedger;
  stop: RunStop;
  requeue(p: Pending, delayMs: number): void;
  describe(e: unknown): string;
}

/** Ambiguous answers: wait, look at the permissions, resend only to those who still have no access. */
export async function reconcile(group: Ambiguous[], deps: ReconcileDeps): Promise<void> {
  const { clock, ledger, stop } = deps;
  const answeredAt = clock.now();
  let delay = 0;
  for (const g of group) {
    const d = deps.decide({
      status: g.status,
      retryAfter: g.retryAfter,
      attempt: g.p.attempt + 1,
      waitedMs: g.p.waitedMs,
      idempotent: false,
    });
    delay = Math.max(delay, d.action === "stop" ? 0 : d.delayMs);
    if (d.action === "stop") g.p.attempt = Number.POSITIVE_INFINITY;
  }
  await clock.sleep(delay * deps.timeScale);
  let index: Map<string, PermissionInfo>;
  try {
    if (stop.stopped === "signIn") throw new ShareError("notSignedIn"); // no sign-in attempt per batch
    index = accessIndex(await deps.rereads.since(answeredAt));
  } catch (e) {
    // Without a fresh look nobody is resent: unknown stays failed with the reason, never doubled.
    for (const g of group) {
      const message = `${g.error.message} (could not be confirmed: ${deps.describe(e)})`;
      ledger.settle({ status: "failed", key: g.p.recipient.key, error: { ...g.error, message } });
    }
    return;
  }
  for (const g of group) {
    const found = index.get(g.p.recipient.key);
    if (found && satisfies(found.roles, g.p.options.role)) {
      ledger.settle({
        status: "granted",
        key: g.p.recipient.key,
        permission: found,
        confirmedAfterRetry: true,
      });
    } else if (!Number.isFinite(g.p.attempt) || stop.cancelled || stop.stopped) {
      ledger.settle({ status: "failed", key: g.p.recipient.key, error: g.error });
    } else {
      deps.requeue(g.p, delay);
    }
  }
}
