// Know before you send: who each recipient is, from the directory. For every address of the preview:
// a person in the organisation, an existing guest, a new external person (an invitation will create a
// guest), not found (an address in the organisation's own domains that the directory does not know), or a
// group. Lookups go in $batches of 20, paced and retried by the same dispatcher and pacer as the invites
// (batch-dispatcher.ts, pacer.ts; an instance of its own: the directory's throttling budget is not
// SharePoint's). Answers are handed over as they come, so the preview fills in; a check whose signal
// aborted (the selection changed) hands over nothing more.

import { domainOf } from "../core/directory";
import type {
  Clock,
  DirectoryBatchResult,
  DirectoryHit,
  DirectoryLookup,
  DirectoryUnavailable,
} from "../core/ports";
import { decideRetry, DEFAULT_RETRY_POLICY, isThrottleStatus, isTransient } from "../core/retry-policy";
import type { Recipient, ShareOptions } from "../core/types";
import { BatchDispatcher, type Pending } from "./batch-dispatcher";
import { LoopWakeup } from "./loop-wakeup";
import { Pacer } from "./pacer";

export type DirectoryKind = "member" | "guest" | "newExternal" | "notFound" | "group" | "unchecked";

export interface DirectoryVerdict {
  kind: DirectoryKind;
  /** notFound only: groups could not be looked up (no group scope), so it may be a group. */
  groupsUnknown?: boolean;
}

export type CheckOutcome =
  | { kind: "done"; verdicts: Map<string, DirectoryVerdict> }
  | { kind: "unavailable"; why: DirectoryUnavailable }
  | { kind: "stale" };

export interface RecipientCheckDeps {
  directory: DirectoryLookup;
  clock: Clock;
  /** Multiplies every wait (1 against Graph; smaller against the emulator). */
  timeScale?: number;
}

export interface CheckRun {
  /** Asking may show the consent for the directory scope (only when the person started the check). */
  interactive: boolean;
  /** Aborted when the selection changes: nothing more is sent or handed over. */
  signal: AbortSignal;
  /** Verdicts as they arrive, by recipient key. */
  onVerdicts(verdicts: Map<string, DirectoryVerdict>): void;
}

/** Addresses a batch holds: Graph's $batch limit. */
export const LOOKUP_BATCH = 20;

/** The dispatcher carries invites; a lookup rides in one with these (never sent anywhere). */
const LOOKUP_OPTIONS: ShareOptions = { role: "read", requireSignIn: true, sendInvitation: false };

interface Pass {
  lookup: (addresses: string[]) => Promise<DirectoryBatchResult>;
  /** What to make of one address's hit; undefined: decided later (external, or a group lookup follows). */
  settle: (r: Recipient, hit: DirectoryHit) => DirectoryVerdict | undefined;
}

/** The check for these recipients (email addresses; object ids are left out). */
export async function checkRecipients(
  deps: RecipientCheckDeps,
  recipients: readonly Recipient[],
  run: CheckRun,
): Promise<CheckOutcome> {
  const emails = recipients.filter((r) => r.kind === "email");
  const call = { interactive: run.interactive, signal: run.signal };
  const home = await deps.directory.homeDomains(call);
  if (run.signal.aborted) return { kind: "stale" };
  if (home.kind === "unavailable") return home;
  // The organisation's domains: the person's own (/me), and those of the members found below. A /me that
  // failed leaves only the latter.
  const domains = new Set(home.kind === "ok" ? home.domains : []);
  const verdicts = new Map<string, DirectoryVerdict>();
  const unknown: Recipient[] = [];
  const userPass: Pass = {
    lookup: (a) => deps.directory.lookupUsers(a, call),
    settle: (r, hit) => {
      if (hit.found !== "user") return void unknown.push(r);
      if (!hit.guest) domains.add(domainOf(r.value));
      return { kind: hit.guest ? "guest" : "member" };
    },
  };
  const users = await runPass(deps, emails, userPass, run, verdicts);
  if (users !== undefined) return users;
  const external = unknown.filter((r) => !domains.has(domainOf(r.value)));
  const inDomainMissing = unknown.filter((r) => domains.has(domainOf(r.value)));
  if (external.length > 0) {
    const found = new Map(external.map((r): [string, DirectoryVerdict] => [r.key, { kind: "newExternal" }]));
    for (const [k, v] of found) verdicts.set(k, v);
    run.onVerdicts(found);
  }
  if (inDomainMissing.length === 0) return { kind: "done", verdicts };
  const groupPass: Pass = {
    lookup: (a) => deps.directory.lookupGroups(a, call),
    settle: (_r, hit) => (hit.found === "group" ? { kind: "group" } : { kind: "notFound" }),
  };
  const groups = await runPass(deps, inDomainMissing, groupPass, run, verdicts);
  if (groups?.kind === "unavailable" && groups.why === "refused") {
    // No group scope: these addresses are not people of the directory; whether they are groups is unknown.
    const maybeGroups = new Map(
      inDomainMissing.map((r) => [r.key, { kind: "notFound", groupsUnknown: true } as const]),
    );
    for (const [k, v] of maybeGroups) verdicts.set(k, v);
    if (!run.signal.aborted) run.onVerdicts(maybeGroups);
    return { kind: "done", verdicts };
  }
  return groups ?? { kind: "done", verdicts };
}

/**
 * One pass of lookups through the dispatcher. Returns undefined when every recipient got an answer (or
 * was handed to a later pass), else why it stopped: stale, or unavailable.
 */
async function runPass(
  deps: RecipientCheckDeps,
  recipients: readonly Recipient[],
  pass: Pass,
  run: CheckRun,
  verdicts: Map<string, DirectoryVerdict>,
): Promise<CheckOutcome | undefined> {
  const timeScale = deps.timeScale ?? 1;
  const pacer = new Pacer(deps.clock, {}, timeScale);
  let stop: DirectoryUnavailable | undefined;
  const deliver = (found: Map<string, DirectoryVerdict>) => {
    if (found.size === 0 || run.signal.aborted) return;
    for (const [k, v] of found) verdicts.set(k, v);
    run.onVerdicts(found);
  };
  const dispatcher: BatchDispatcher = new BatchDispatcher(
    deps.clock,
    pacer,
    new LoopWakeup(deps.clock),
    LOOKUP_BATCH,
    timeScale,
    {
      send: async (batch) => {
        const result = await pass.lookup(batch.map((p) => p.recipient.value));
        pacer.onAnswered(batch.length);
        if (result.kind === "unavailable") stop = result.why;
        else
          stop =
            settleBatch(batch, result, { pass, dispatcher, pacer, deliver, now: deps.clock.now() }) ?? stop;
      },
      failed: (batch) => deliver(new Map(batch.map((p) => [p.recipient.key, { kind: "unchecked" }]))),
      answered: async () => undefined,
      halt: () => (run.signal.aborted || stop !== undefined ? "cancelled" : undefined),
      notSent: () => undefined,
      paused: () => false,
    },
  );
  const now = deps.clock.now();
  for (const recipient of recipients) {
    dispatcher.add({ recipient, options: LOOKUP_OPTIONS, attempt: 1, waitedMs: 0, notBefore: now });
  }
  await dispatcher.run(run.signal);
  if (run.signal.aborted) return { kind: "stale" };
  return stop !== undefined ? { kind: "unavailable", why: stop } : undefined;
}

interface SettleContext {
  pass: Pass;
  dispatcher: BatchDispatcher;
  pacer: Pacer;
  deliver: (found: Map<string, DirectoryVerdict>) => void;
  now: number;
}

/** Sorts one batch's answers: verdicts, retries (throttled, unavailable), or a refusal for the whole check. */
function settleBatch(
  batch: Pending[],
  result: Exclude<DirectoryBatchResult, { kind: "unavailable" }>,
  ctx: SettleContext,
): DirectoryUnavailable | undefined {
  const { pass, pacer, deliver } = ctx;
  const found = new Map<string, DirectoryVerdict>();
  let refused = false;
  for (const p of batch) {
    const hit: DirectoryHit =
      result.kind === "items"
        ? (result.hits.get(p.recipient.value) ?? {
            found: "error",
            status: 0,
            code: "noAnswer",
            retryAfter: null,
          })
        : { found: "error", status: result.status, code: result.code, retryAfter: result.retryAfter };
    if (hit.found !== "error") {
      pacer.onSuccess();
      const verdict = pass.settle(p.recipient, hit);
      if (verdict) found.set(p.recipient.key, verdict);
    } else if (hit.status === 403 || hit.status === 401) {
      refused = true;
    } else if (!retried(p, hit, ctx)) {
      found.set(p.recipient.key, { kind: "unchecked" });
    }
  }
  deliver(found);
  return refused ? "refused" : undefined;
}

/** Queues a lookup again when the retry policy says so (a lookup is a read: safe to repeat). */
function retried(
  p: Pending,
  hit: Extract<DirectoryHit, { found: "error" }>,
  { dispatcher, pacer, now }: SettleContext,
): boolean {
  if (!isTransient(hit.status) && hit.status !== 0) return false;
  const decision = decideRetry(
    {
      status: hit.status,
      retryAfter: hit.retryAfter,
      attempt: p.attempt,
      waitedMs: p.waitedMs,
      now,
      random: Math.random(),
      idempotent: true,
      topLevel: false,
    },
    DEFAULT_RETRY_POLICY,
  );
  if (decision.action === "stop") return false;
  if (isThrottleStatus(hit.status)) pacer.onThrottle(decision.delayMs);
  dispatcher.requeue(p, decision.delayMs);
  return true;
}
