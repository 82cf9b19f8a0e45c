// The run panel: Share / Cancel / Retry failed, the progress while sharing, the pause prompt after
// identical failures (app/failure-pause.ts), and the summary when the run ends. Every text comes from
// the catalogue (i18n/en/run.ts, de/run.ts); Graph's own messages stay in the Permissions sheet.

import type { PauseInfo } from "../../app/failure-pause";
import type { RetryCounts, ShareProgress, ShareSummary } from "../../app/share-flow";
import type { GraphErrorInfo, Outcome } from "../../core/types";
import { t, type MessageKey } from "../i18n";
import { eventGuard, toErrorInfo, type ErrorInfo, type ListView, limited, type Tone } from "./common";

export type RunState =
  | { kind: "idle" }
  | {
      kind: "running";
      only: "all" | "failed";
      dryRun: boolean;
      progress: ShareProgress;
      cancelling: boolean;
      /** The last progress text announced to screen readers (a few times per run, not per batch). */
      announced: string;
      /** Set while the run waits for Stop / Go on after identical failures (app/failure-pause.ts). */
      pause?: PauseInfo;
    }
  | { kind: "finished"; summary: ShareSummary }
  | { kind: "failed"; error: ErrorInfo };

export type RunEvent =
  | { type: "shareStarted"; only: "all" | "failed"; dryRun: boolean }
  | { type: "shareProgress"; progress: ShareProgress }
  | { type: "cancelRequested" }
  | { type: "pauseAsked"; info: PauseInfo }
  | { type: "pauseAnswered" }
  | { type: "shareFinished"; summary: ShareSummary }
  | { type: "shareFailed"; error: unknown };

export const isRunEvent = eventGuard<RunEvent>([
  "shareStarted",
  "shareProgress",
  "cancelRequested",
  "pauseAsked",
  "pauseAnswered",
  "shareFinished",
  "shareFailed",
]);

function doneOf(p: ShareProgress): number {
  return p.granted + p.failed + p.skipped;
}

/** What the live region says while sharing: the phase, then every quarter of the way. */
export function announcement(p: ShareProgress, dryRun: boolean): string {
  if (p.phase !== "sharing") return phaseText(p.phase, dryRun);
  const quarter = p.total > 0 ? Math.floor((doneOf(p) / p.total) * 4) : 0;
  const percent = Math.min(100, quarter * 25);
  return t(dryRun ? "run.progress.announceDry" : "run.progress.announce", { percent });
}

const PHASE_KEYS: Record<ShareProgress["phase"], MessageKey> = {
  reading: "run.phase.reading",
  resolving: "run.phase.resolving",
  checking: "run.phase.checking",
  sharing: "run.phase.sharing",
  finishing: "run.phase.finishing",
  done: "run.phase.done",
};

function phaseText(phase: ShareProgress["phase"], dryRun: boolean): string {
  return t(phase === "sharing" && dryRun ? "run.phase.checkingDry" : PHASE_KEYS[phase]);
}

function started(event: Extract<RunEvent, { type: "shareStarted" }>): RunState {
  const progress: ShareProgress = {
    phase: "reading",
    total: 0,
    granted: 0,
    failed: 0,
    skipped: 0,
    remaining: 0,
    notSent: 0,
  };
  return {
    kind: "running",
    only: event.only,
    dryRun: event.dryRun,
    progress,
    cancelling: false,
    announced: announcement(progress, event.dryRun),
  };
}

/** Events about a running share that arrive when none runs leave the run as it is (the same object). */
export function reduceRun(run: RunState, event: RunEvent): RunState {
  switch (event.type) {
    case "shareStarted":
      return started(event);
    case "shareFinished":
      return { kind: "finished", summary: event.summary };
    case "shareFailed":
      return { kind: "failed", error: toErrorInfo(event.error) };
  }
  if (run.kind !== "running") return run;
  switch (event.type) {
    case "shareProgress":
      return { ...run, progress: event.progress, announced: announcement(event.progress, run.dryRun) };
    case "cancelRequested":
      return { ...run, cancelling: true };
    case "pauseAsked":
      return { ...run, pause: event.info };
    case "pauseAnswered": {
      const { pause: _answered, ...rest } = run;
      return rest;
    }
  }
}

/** "about 40 seconds left", "about 3 minutes left", "about 2 hours left". */
export function formatEta(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 60) return t("run.progress.seconds", { count: s });
  const m = Math.round(s / 60);
  if (m < 90) return t("run.progress.minutes", { count: m });
  return t("run.progress.hours", { count: Math.round(m / 60) });
}

/** The recipients of a finished run, counted the way the result line names them. */
function countsOf(s: ShareSummary) {
  const skipped = (reason: Extract<Outcome, { status: "skipped" }>["reason"]) =>
    s.outcomes.filter((o) => o.status === "skipped" && o.reason === reason).length;
  const cancelled = skipped("cancelled");
  return {
    already: skipped("alreadyHasAccess"),
    wouldShare: skipped("dryRun"),
    cancelled,
    notSent: cancelled + skipped("stopped") + skipped("signInNeeded"),
  };
}

export interface SummaryLines {
  head: string;
  tone: Tone;
  details: string[];
}

/** The result line and the details under it: what happened (or would), then what to do next. */
export function summaryLines(s: ShareSummary): SummaryLines {
  const c = countsOf(s);
  const parts: string[] = [];
  const part = (key: MessageKey, count: number, always = false) => {
    if (always || count > 0) parts.push(t(key, { count }));
  };
  let head: MessageKey;
  if (s.dryRun) {
    part("run.part.wouldShare", c.wouldShare, true);
    part("run.part.alreadyHas", c.already);
    head = "run.head.dryRun";
  } else {
    part("run.part.granted", s.granted, true);
    part("run.part.failed", s.failed, true);
    part("run.part.alreadyHad", c.already);
    part("run.part.notSent", c.notSent, s.stoppedFor !== undefined);
    head =
      s.stoppedFor === "signIn"
        ? "run.head.stoppedSignIn"
        : s.stoppedFor
          ? "run.head.stopped"
          : "run.head.done";
    if (!s.stoppedFor && s.cancelled) head = "run.head.cancelled";
  }
  const tone: Tone = s.stoppedFor ? "warning" : s.failed > 0 ? "error" : s.cancelled ? "warning" : "success";
  return { head: t(head, { parts: parts.join(", ") }), tone, details: detailLines(s, c.notSent) };
}

function detailLines(s: ShareSummary, notSent: number): string[] {
  const details: string[] = [];
  const add = (key: MessageKey, count: number) => {
    if (count > 0) details.push(t(key, { count }));
  };
  if (s.stoppedFor === "signIn") add("run.detail.stoppedSignIn", notSent);
  else if (s.stoppedFor) add("run.detail.stoppedByYou", notSent);
  else if (s.cancelled) add("run.detail.cancelled", notSent);
  add("run.detail.rejected", s.rejected.length);
  add(s.dryRun ? "run.detail.duplicatesDry" : "run.detail.duplicates", s.duplicates);
  if (s.sessionNote) details.push(t("run.detail.sessionless"));
  add("run.detail.statusesSkipped", s.statusesSkipped);
  add("run.detail.unwritable", s.unwritableRows?.length ?? 0);
  details.push(t("run.detail.log", { sheet: s.logSheet }));
  return details;
}

type FailureLike = Pick<GraphErrorInfo, "code" | "message"> & { status?: number };

/**
 * A sentence a person can act on for a Graph failure: Graph's own message (for the admin) stays in
 * the Permissions sheet. Graph's codes are in its error reference; the message tells apart the kinds
 * of invalidRequest and accessDenied that need a different action.
 */
export function failureKey(e: FailureLike): MessageKey {
  const { code, status } = e;
  const message = e.message || "";
  if (code === "notSent") return "run.failure.notSent";
  if (code === "invalidRequest" && /expiration/i.test(message)) return "run.failure.expiryNotSupported";
  // A personal OneDrive without premium refuses an expiry with "Account Upgrade is required…".
  if (code === "invalidRequest" && /account upgrade/i.test(message)) return "run.failure.expiryNeedsPremium";
  if ((code === "accessDenied" || code === "notAllowed") && /external|outside/i.test(message))
    return "run.failure.externalBlocked";
  if (code === "notAllowed") return "run.failure.notAllowed";
  if (code === "accessDenied" || status === 403) return "run.failure.accessDenied";
  if (code === "itemNotFound" || status === 404) return "run.failure.itemNotFound";
  if (status === 429 || code === "activityLimitReached" || code === "tooManyRequests")
    return "run.failure.throttled";
  if (code === "invalidRequest" || status === 400) return "run.failure.invalidRequest";
  if (status === 0 || (status !== undefined && status >= 500) || code === "serviceNotAvailable")
    return "run.failure.unavailable";
  return "run.failure.unknown";
}

/** One line per kind of failure: "ann@contoso.com: …" for one person, "20 people: …" for many. */
function failureLines(s: ShareSummary): string[] {
  const groups = new Map<MessageKey, string[]>();
  for (const o of s.outcomes) {
    if (o.status !== "failed") continue;
    const key = failureKey(o.error);
    const who = groups.get(key) ?? [];
    who.push(o.key);
    groups.set(key, who);
  }
  return [...groups].map(([key, who]) =>
    who.length === 1
      ? t("run.failures.one", { who: who[0] ?? "", sentence: t(key) })
      : t("run.failures.group", { count: who.length, sentence: t(key) }),
  );
}

export interface ProgressView {
  value: number;
  max: number;
  counts: { granted: number; failed: number; skipped: number; notSent: number; remaining: number };
  text: string;
  /** The time left, or while Graph throttles, when sending resumes. */
  eta?: string;
  /** What the visually hidden live region says: the phase, then every quarter. */
  announce: string;
}

export interface PauseView {
  text: string;
  stopLabel: string;
  goOnLabel: string;
}

function pauseView(info: PauseInfo): PauseView {
  const code = info.code.split("/")[0] ?? "";
  const sentence = t(failureKey({ code, message: info.message }));
  return {
    text: t("run.pause.text", { count: info.failed, sentence }),
    stopLabel: t("run.pause.stop"),
    goOnLabel: t("run.pause.goOn"),
  };
}

export interface RunView {
  status: { text: string; tone: Tone };
  details: string[];
  failures: ListView<string>;
  openLog: { visible: boolean; sheet: string };
  progress?: ProgressView;
  pause?: PauseView;
}

function etaText(p: ShareProgress): string | undefined {
  if (p.phase !== "sharing") return undefined;
  if (p.resumeInMs !== undefined && p.resumeInMs > 0)
    return t("run.progress.throttled", { seconds: Math.ceil(p.resumeInMs / 1000) });
  return p.etaMs === undefined ? undefined : formatEta(p.etaMs);
}

function progressView(run: Extract<RunState, { kind: "running" }>): ProgressView {
  const p = run.progress;
  const done = doneOf(p);
  const view: ProgressView = {
    value: done,
    max: Math.max(1, p.total),
    counts: {
      granted: p.granted,
      failed: p.failed,
      skipped: p.skipped - p.notSent,
      notSent: p.notSent,
      remaining: p.remaining,
    },
    text:
      p.phase === "sharing" || p.phase === "finishing" || p.phase === "done"
        ? t("run.progress.done", { done, total: p.total })
        : phaseText(p.phase, run.dryRun),
    announce: run.announced,
  };
  const eta = etaText(p);
  if (eta !== undefined) view.eta = eta;
  return view;
}

/** The visible status line while a run goes: empty (the progress says it), or Cancelling / Paused. */
function runningStatus(run: Extract<RunState, { kind: "running" }>): RunView["status"] {
  if (run.cancelling) return { text: t("run.status.cancelling"), tone: "neutral" };
  if (run.pause) return { text: t("run.status.paused"), tone: "warning" };
  return { text: "", tone: "neutral" };
}

/** The sentence for a run that could not start or stopped as a whole: by its code, in the pane's language. */
function errorText(error: ErrorInfo): string {
  return error.code ? t(`run.error.${error.code}`) : error.message;
}

/** The progress, the live region's line, the pause question, and the results of the last run. */
export function runView(run: RunState): RunView {
  const view: RunView = {
    status: { text: t("run.ready"), tone: "neutral" },
    details: [],
    failures: limited<string>([], 20),
    openLog: { visible: false, sheet: "" },
  };
  if (run.kind === "running") {
    view.progress = progressView(run);
    view.status = runningStatus(run);
    if (run.pause && !run.cancelling) view.pause = pauseView(run.pause);
  } else if (run.kind === "finished") {
    const lines = summaryLines(run.summary);
    view.status = { text: lines.head, tone: lines.tone };
    view.details = lines.details;
    view.failures = limited(failureLines(run.summary), 20);
    view.openLog = { visible: true, sheet: run.summary.logSheet };
  } else if (run.kind === "failed") {
    view.status = { text: errorText(run.error), tone: "error" };
    view.details = run.error.details;
  }
  return view;
}

export interface ActionsView {
  share: { disabled: boolean; hint: string };
  cancel: { visible: boolean; disabled: boolean; label: string };
  retry: { visible: boolean; disabled: boolean; label: string };
}

/** "Retry failed (3 recipients)", "Share the remaining 376", or both in one. */
function retryLabel(retry: RetryCounts): string {
  if (retry.notSent === 0) return t("run.retry.failed", { count: retry.failed });
  if (retry.failed === 0) return t("run.retry.remaining", { count: retry.notSent });
  return t("run.retry.both", { failed: retry.failed, remaining: retry.notSent });
}

/** Share, Cancel and Retry failed: what each does now, and whether it can. */
export function actionsView(
  run: RunState,
  context: {
    busy: boolean;
    graphUsable: boolean;
    valid: number;
    /** Recipients whose rows last failed, and those never sent (share-flow.ts retryCounts). */
    retry: RetryCounts;
    dryRun: boolean;
    problems: number;
  },
): ActionsView {
  const { busy, graphUsable, valid, retry, dryRun, problems } = context;
  const running = run.kind === "running";
  const cancelling = run.kind === "running" && run.cancelling;
  let hint: string;
  if (!graphUsable) hint = t("run.hint.unavailable");
  else if (valid === 0) hint = t("run.hint.select");
  else hint = t(dryRun ? "run.hint.dryRun" : "run.hint.share", { count: valid });
  return {
    share: { disabled: busy || !graphUsable || valid === 0 || problems > 0, hint },
    cancel: {
      visible: running,
      disabled: cancelling,
      label: t(cancelling ? "run.cancelling" : "run.cancel"),
    },
    retry: {
      visible: !running && retry.failed + retry.notSent > 0,
      disabled: busy || !graphUsable || problems > 0,
      label: retryLabel(retry),
    },
  };
}
