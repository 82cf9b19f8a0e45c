// The run panel: Share / Cancel / Retry failed, the progress while sharing, the pause prompt after
// identical failures (app/failure-pause.ts), and the summary when the run ends.

import type { PauseInfo } from "../../app/failure-pause";
import type { ShareProgress, ShareSummary } from "../../app/share-flow";
import { eventGuard, plural, toErrorInfo, type ErrorInfo, type ListView, limited, type Tone } from "./common";

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
  if (p.phase !== "sharing") return PHASE_TEXT[p.phase](dryRun);
  const quarter = p.total > 0 ? Math.floor((doneOf(p) / p.total) * 4) : 0;
  return `Sharing: ${Math.min(100, quarter * 25)}% done.`;
}

const PHASE_TEXT: Record<ShareProgress["phase"], (dryRun: boolean) => string> = {
  reading: () => "Reading the selection…",
  resolving: () => "Finding this workbook in OneDrive or SharePoint…",
  checking: () => "Checking who already has access…",
  sharing: (dryRun) => (dryRun ? "Checking…" : "Sharing…"),
  finishing: () => "Writing the results to the workbook…",
  done: () => "Done.",
};

function started(event: Extract<RunEvent, { type: "shareStarted" }>): RunState {
  const progress: ShareProgress = {
    phase: "reading",
    total: 0,
    granted: 0,
    failed: 0,
    skipped: 0,
    remaining: 0,
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

export function formatEta(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 60) return `about ${s} s left`;
  const m = Math.round(s / 60);
  return `about ${m} min left`;
}

export function summaryLines(s: ShareSummary): { head: string; tone: Tone; details: string[] } {
  const wouldShare = s.outcomes.filter((o) => o.status === "skipped" && o.reason === "dryRun").length;
  const already = s.outcomes.filter((o) => o.status === "skipped" && o.reason === "alreadyHasAccess").length;
  const cancelled = s.outcomes.filter((o) => o.status === "skipped" && o.reason === "cancelled").length;
  let head: string;
  if (s.dryRun) {
    head = `Dry run: ${wouldShare} would be shared, ${already} already have access, 0 granted (nothing was sent).`;
  } else if (s.stoppedFor) {
    return stoppedLines(s);
  } else {
    const parts = [`${s.granted} granted`, `${s.failed} failed`, `${s.skipped} skipped`];
    head = `${s.cancelled ? "Cancelled: " : "Done: "}${parts.join(", ")}.`;
  }
  const details: string[] = [];
  if (!s.dryRun && already) details.push(`${plural(already, "person", "people")} already had access.`);
  if (cancelled)
    details.push(`${plural(cancelled, "recipient")} not sent because you cancelled; share again to finish.`);
  if (s.rejected.length)
    details.push(`${plural(s.rejected.length, "cell")} weren't addresses (see the status beside each row).`);
  if (s.duplicates) details.push(`${plural(s.duplicates, "duplicate")} merged and sent once.`);
  if (s.sessionNote) details.push(s.sessionNote);
  if (s.statusesSkipped)
    details.push(
      `${plural(s.statusesSkipped, "status", "statuses")} not written: the cells beside them hold your data.`,
    );
  details.push(`Every outcome is in the "${s.logSheet}" sheet.`);
  const tone: Tone = s.failed > 0 ? "error" : s.cancelled ? "warning" : "success";
  return { head, tone, details };
}

/** A run that stopped early: what to do next comes first. */
function stoppedLines(s: ShareSummary): { head: string; tone: Tone; details: string[] } {
  const counts = `${s.granted} granted, ${s.failed} failed, ${s.notSent} not sent`;
  const details: string[] = [];
  if (s.stoppedFor === "signIn") {
    details.push(
      `Your sign-in ended during the run, so it stopped. Sign in again, then choose Retry failed to send the ${plural(s.notSent, "recipient")} marked "Not sent: sign in again".`,
    );
  } else {
    details.push(
      `You stopped the run. Fix the cause, then choose Retry failed to send the ${plural(s.notSent, "recipient")} marked "Not sent".`,
    );
  }
  if (s.sessionNote) details.push(s.sessionNote);
  details.push(`Every outcome is in the "${s.logSheet}" sheet.`);
  const head = s.stoppedFor === "signIn" ? `Stopped: sign in again. ${counts}.` : `Stopped: ${counts}.`;
  return { head, tone: "warning", details };
}

/** One line per failed recipient: who, and Graph's sentence (the code is in the Permissions sheet). */
function failureLines(s: ShareSummary): string[] {
  const lines: string[] = [];
  for (const o of s.outcomes)
    if (o.status === "failed") lines.push(`${o.key}: ${o.error.message || o.error.code}`);
  return lines;
}

export interface ProgressView {
  value: number;
  max: number;
  counts: { granted: number; failed: number; skipped: number; remaining: number };
  text: string;
  eta?: string;
}

export interface PauseView {
  text: string;
  stopLabel: string;
  goOnLabel: string;
}

function pauseView(info: PauseInfo): PauseView {
  return {
    text: `The first ${info.failed} invitations all failed: ${info.sentence}`,
    stopLabel: "Stop",
    goOnLabel: "Go on",
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

function progressView(run: Extract<RunState, { kind: "running" }>): ProgressView {
  const p = run.progress;
  const done = doneOf(p);
  const view: ProgressView = {
    value: done,
    max: Math.max(1, p.total),
    counts: { granted: p.granted, failed: p.failed, skipped: p.skipped, remaining: p.remaining },
    text:
      p.phase === "sharing" || p.phase === "finishing" || p.phase === "done"
        ? `${done} of ${p.total} done`
        : PHASE_TEXT[p.phase](run.dryRun),
  };
  if (p.etaMs !== undefined && p.phase === "sharing") view.eta = formatEta(p.etaMs);
  return view;
}

/** The progress, the live region's line, the pause question, and the results of the last run. */
export function runView(run: RunState): RunView {
  const view: RunView = {
    status: { text: "Ready.", tone: "neutral" },
    details: [],
    failures: limited<string>([], 20),
    openLog: { visible: false, sheet: "" },
  };
  if (run.kind === "running") {
    view.progress = progressView(run);
    view.status = {
      text: run.cancelling
        ? "Cancelling: nothing new is sent; finishing what was already sent…"
        : run.pause
          ? "Paused: nothing more is sent until you choose Stop or Go on."
          : run.announced,
      tone: run.pause ? "warning" : "neutral",
    };
    if (run.pause && !run.cancelling) view.pause = pauseView(run.pause);
  } else if (run.kind === "finished") {
    const lines = summaryLines(run.summary);
    view.status = { text: lines.head, tone: lines.tone };
    view.details = lines.details;
    view.failures = limited(failureLines(run.summary), 20);
    view.openLog = { visible: true, sheet: run.summary.logSheet };
  } else if (run.kind === "failed") {
    view.status = { text: run.error.message, tone: "error" };
    view.details = run.error.details;
  }
  return view;
}

export interface ActionsView {
  share: { disabled: boolean; hint: string };
  cancel: { visible: boolean; disabled: boolean; label: string };
  retry: { visible: boolean; disabled: boolean; label: string };
}

/** Share, Cancel and Retry failed: what each does now, and whether it can. */
export function actionsView(
  run: RunState,
  context: {
    busy: boolean;
    graphUsable: boolean;
    valid: number;
    failedRows: number;
    dryRun: boolean;
    problems: number;
  },
): ActionsView {
  const { busy, graphUsable, valid, failedRows, dryRun, problems } = context;
  const running = run.kind === "running";
  const cancelling = run.kind === "running" && run.cancelling;
  let hint: string;
  if (!graphUsable) hint = "Sharing isn't available here (see above).";
  else if (valid === 0) hint = "Select cells with e-mail addresses to share.";
  else if (dryRun)
    hint = `Dry run: checks ${plural(valid, "recipient")} and records what would happen; nothing is sent.`;
  else hint = `Shares this workbook with ${plural(valid, "recipient")}.`;
  return {
    share: { disabled: busy || !graphUsable || valid === 0 || problems > 0, hint },
    cancel: { visible: running, disabled: cancelling, label: cancelling ? "Cancelling…" : "Cancel" },
    retry: {
      visible: !running && failedRows > 0,
      disabled: busy || !graphUsable || problems > 0,
      label: `Retry failed (${failedRows} ${failedRows === 1 ? "row" : "rows"})`,
    },
  };
}
