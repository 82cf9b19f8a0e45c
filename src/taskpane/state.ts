// The task pane's state and every text it shows, as pure functions: reduce(state, event) → state, and
// viewOf(state) → what the page shows. No DOM, no Office, no clock: tests drive it with plain data.

import type { AccessLine, AccessListing, RevokeResult } from "../app/manage-access";
import type { InviteRoute } from "../core/ports";
import type { ShareProgress, ShareSummary } from "../app/share-flow";
import { recipientLabel } from "../core/email-address";
import { isShareError, SHARE_ERROR_MESSAGES, type ShareErrorCode } from "../core/errors";
import type { PauseInfo } from "../app/failure-pause";
import {
  MAX_MESSAGE_LENGTH,
  routeNote,
  validateShareOptions,
  workbooksRouteOffered,
} from "../core/share-options";
import type { ParsedSelection, Role, ShareOptions } from "../core/types";

// ---- state -----------------------------------------------------------------------------------------

export type AccountState = "signedIn" | "signedOut" | "notConfigured" | "development";

export interface AccountStatus {
  state: AccountState;
  name?: string;
}

export interface PaneOptions {
  role: Role;
  requireSignIn: boolean;
  sendInvitation: boolean;
  message: string;
  /** yyyy-mm-dd from the date input, or "". */
  expires: string;
  dryRun: boolean;
  route: InviteRoute;
}

export interface ErrorInfo {
  message: string;
  details: string[];
  code?: ShareErrorCode;
}

export interface RecipientLine {
  text: string;
  cell: string;
  /** "Can edit, own message, expires 2030-01-31" when the row has its own settings. */
  own?: string;
}

export interface RejectLine {
  cell: string;
  text: string;
  reason: string;
}

export interface PreviewData {
  recipients: RecipientLine[];
  rejected: RejectLine[];
  duplicates: number;
  /** Rows whose last status says failed, cancelled or partly done. */
  failedRows: number;
  /** Recipients with their own Role / Message / Expires. */
  withOwnSettings: number;
}

export type PreviewState =
  | { kind: "loading"; last?: PreviewData }
  | { kind: "ready"; data: PreviewData }
  | { kind: "error"; error: ErrorInfo };

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

export type AccessState =
  | { kind: "idle" }
  | { kind: "loading" }
  | { kind: "listed"; listing: AccessListing }
  | { kind: "planning"; listing?: AccessListing }
  | {
      kind: "confirming";
      listing?: AccessListing;
      remove: AccessLine[];
      kept: AccessLine[];
      gone: number;
    }
  | { kind: "revoking"; done: number; total: number }
  | { kind: "revoked"; result: RevokeResult }
  | { kind: "error"; error: ErrorInfo; listing?: AccessListing };

export type Location = "cloud" | "notInCloud" | "unsupported";

export interface PaneState {
  account: AccountStatus;
  location: Location;
  preview: PreviewState;
  options: PaneOptions;
  run: RunState;
  access: AccessState;
  advancedOpen: boolean;
  /** The seed's /workbooks/{id}/invite route is offered only with a beta Graph base (share-options.ts). */
  workbooksRouteOffered: boolean;
  /** The pane's "now" (ms since the epoch), from the controller's clock: dates in the past are refused. */
  now?: number;
}

export function initialState(init: {
  account: AccountStatus;
  location: Location;
  route?: InviteRoute;
  graphBaseUrl?: string;
  now?: number;
}): PaneState {
  const offered = workbooksRouteOffered(init.graphBaseUrl);
  return {
    ...(init.now !== undefined ? { now: init.now } : {}),
    account: init.account,
    location: init.location,
    preview: { kind: "loading" },
    options: {
      role: "read",
      requireSignIn: true,
      sendInvitation: true,
      message: "",
      expires: "",
      dryRun: false,
      route: offered ? (init.route ?? "items") : "items",
    },
    run: { kind: "idle" },
    access: { kind: "idle" },
    advancedOpen: false,
    workbooksRouteOffered: offered,
  };
}

// ---- events ----------------------------------------------------------------------------------------

export type PaneEvent =
  | { type: "account"; status: AccountStatus }
  | { type: "previewStarted" }
  | { type: "previewLoaded"; parsed: ParsedSelection; failedRows: number }
  | { type: "previewFailed"; error: unknown }
  | { type: "optionsChanged"; patch: Partial<PaneOptions> }
  | { type: "advancedToggled"; open: boolean }
  | { type: "shareStarted"; only: "all" | "failed"; dryRun: boolean }
  | { type: "shareProgress"; progress: ShareProgress }
  | { type: "cancelRequested" }
  | { type: "clock"; now: number }
  | { type: "pauseAsked"; info: PauseInfo }
  | { type: "pauseAnswered" }
  | { type: "shareFinished"; summary: ShareSummary }
  | { type: "shareFailed"; error: unknown }
  | { type: "accessListStarted" }
  | { type: "accessListed"; listing: AccessListing }
  | { type: "revokePlanStarted" }
  | { type: "revokePlanned"; remove: AccessLine[]; kept: AccessLine[]; gone: number }
  | { type: "revokeDismissed" }
  | { type: "revokeStarted"; total: number }
  | { type: "revokeProgress"; done: number; total: number }
  | { type: "revokeFinished"; result: RevokeResult }
  | { type: "accessFailed"; error: unknown };

/** A sentence a person can act on, never a stack trace; the details carry codes for the admin. */
export function toErrorInfo(e: unknown): ErrorInfo {
  if (isShareError(e)) return { message: e.message, details: [...e.details], code: e.code };
  return {
    message: "Something went wrong. Nothing more was sent; the Permissions sheet shows what was done.",
    details: [e instanceof Error ? e.message : String(e)],
  };
}

const ROLE_TEXT: Record<Role, string> = { read: "Can view", write: "Can edit" };

export function previewData(parsed: ParsedSelection, failedRows: number): PreviewData {
  let withOwnSettings = 0;
  const recipients = parsed.recipients.map((r): RecipientLine => {
    const line: RecipientLine = {
      text: recipientLabel(r),
      cell: r.source.address,
    };
    const o = r.overrides;
    if (o && (o.role !== undefined || o.message !== undefined || o.expirationDateTime !== undefined)) {
      withOwnSettings += 1;
      const parts: string[] = [];
      if (o.role) parts.push(ROLE_TEXT[o.role]);
      if (o.message !== undefined) parts.push("own message");
      if (o.expirationDateTime) parts.push(`expires ${o.expirationDateTime.slice(0, 10)}`);
      line.own = parts.join(", ");
    }
    return line;
  });
  return {
    recipients,
    rejected: parsed.rejected.map((r) => ({ cell: r.cell.address, text: r.text, reason: r.message })),
    duplicates: parsed.duplicates.length,
    failedRows,
    withOwnSettings,
  };
}

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

export function reduce(state: PaneState, event: PaneEvent): PaneState {
  switch (event.type) {
    case "account":
      return { ...state, account: event.status };
    case "previewStarted": {
      const last = state.preview.kind === "ready" ? state.preview.data : undefined;
      return { ...state, preview: last ? { kind: "loading", last } : { kind: "loading" } };
    }
    case "previewLoaded":
      return { ...state, preview: { kind: "ready", data: previewData(event.parsed, event.failedRows) } };
    case "previewFailed":
      return { ...state, preview: { kind: "error", error: toErrorInfo(event.error) } };
    case "optionsChanged": {
      const options = { ...state.options, ...event.patch };
      if (options.message.length > MAX_MESSAGE_LENGTH)
        options.message = options.message.slice(0, MAX_MESSAGE_LENGTH);
      return { ...state, options };
    }
    case "advancedToggled":
      return { ...state, advancedOpen: event.open };
    case "shareStarted": {
      const progress: ShareProgress = {
        phase: "reading",
        total: 0,
        granted: 0,
        failed: 0,
        skipped: 0,
        remaining: 0,
      };
      return {
        ...state,
        run: {
          kind: "running",
          only: event.only,
          dryRun: event.dryRun,
          progress,
          cancelling: false,
          announced: announcement(progress, event.dryRun),
        },
      };
    }
    case "shareProgress": {
      if (state.run.kind !== "running") return state;
      return {
        ...state,
        run: {
          ...state.run,
          progress: event.progress,
          announced: announcement(event.progress, state.run.dryRun),
        },
      };
    }
    case "cancelRequested":
      if (state.run.kind !== "running") return state;
      return { ...state, run: { ...state.run, cancelling: true } };
    case "clock":
      return { ...state, now: event.now };
    case "pauseAsked":
      if (state.run.kind !== "running") return state;
      return { ...state, run: { ...state.run, pause: event.info } };
    case "pauseAnswered": {
      if (state.run.kind !== "running") return state;
      const { pause: _answered, ...rest } = state.run;
      return { ...state, run: rest };
    }
    case "shareFinished":
      return { ...state, run: { kind: "finished", summary: event.summary } };
    case "shareFailed":
      return { ...state, run: { kind: "failed", error: toErrorInfo(event.error) } };
    case "accessListStarted":
      return { ...state, access: { kind: "loading" } };
    case "accessListed":
      return { ...state, access: { kind: "listed", listing: event.listing } };
    case "revokePlanStarted": {
      const listing = listingOf(state.access);
      return { ...state, access: listing ? { kind: "planning", listing } : { kind: "planning" } };
    }
    case "revokePlanned": {
      const listing = listingOf(state.access);
      const confirming: AccessState = {
        kind: "confirming",
        remove: event.remove,
        kept: event.kept,
        gone: event.gone,
      };
      if (listing) confirming.listing = listing;
      return { ...state, access: confirming };
    }
    case "revokeDismissed": {
      const listing = listingOf(state.access);
      return { ...state, access: listing ? { kind: "listed", listing } : { kind: "idle" } };
    }
    case "revokeStarted":
      return { ...state, access: { kind: "revoking", done: 0, total: event.total } };
    case "revokeProgress":
      return { ...state, access: { kind: "revoking", done: event.done, total: event.total } };
    case "revokeFinished":
      return { ...state, access: { kind: "revoked", result: event.result } };
    case "accessFailed": {
      const listing = listingOf(state.access);
      const error = toErrorInfo(event.error);
      return { ...state, access: listing ? { kind: "error", error, listing } : { kind: "error", error } };
    }
  }
}

function listingOf(access: AccessState): AccessListing | undefined {
  switch (access.kind) {
    case "listed":
      return access.listing;
    case "planning":
    case "confirming":
    case "error":
      return access.listing;
    case "revoked":
      return access.result.listing;
    default:
      return undefined;
  }
}

/** The options runShare gets from the pane. */
export function shareOptionsOf(o: PaneOptions): ShareOptions {
  const options: ShareOptions = {
    role: o.role,
    requireSignIn: o.requireSignIn,
    sendInvitation: o.sendInvitation,
  };
  if (o.message.trim() !== "") options.message = o.message;
  // The end of the chosen day, in UTC: the date input has no time.
  if (/^\d{4}-\d{2}-\d{2}$/.test(o.expires)) options.expirationDateTime = `${o.expires}T23:59:59Z`;
  return options;
}

// ---- the view: every text the page shows ---------------------------------------------------------

export type Tone = "neutral" | "success" | "warning" | "error";

export interface Banner {
  tone: Tone;
  text: string;
  details: string[];
}

export interface ListView<T> {
  items: T[];
  /** How many more there are than shown. */
  more: number;
}

export interface PaneView {
  account: { text: string; canSignOut: boolean; tone: Tone };
  /** Why sharing can't start here, shown above everything. */
  blocker?: Banner;
  preview: {
    busy: boolean;
    summary: string;
    counts: { valid: number; rejected: number; duplicates: number };
    recipients: ListView<RecipientLine>;
    rejected: ListView<RejectLine>;
    ownSettingsNote?: string;
    error?: Banner;
  };
  options: PaneOptions & {
    disabled: boolean;
    messageCount: string;
    messageNearLimit: boolean;
    messageIgnored: boolean;
    expiresNote: string;
    problems: string[];
    routeOffered: boolean;
    routeNote: string;
  };
  share: { disabled: boolean; hint: string };
  cancel: { visible: boolean; disabled: boolean; label: string };
  retry: { visible: boolean; disabled: boolean; label: string };
  openLog: { visible: boolean; sheet: string };
  progress?: {
    value: number;
    max: number;
    counts: { granted: number; failed: number; skipped: number; remaining: number };
    text: string;
    eta?: string;
  };
  /** The live region: the one line a screen reader hears. */
  status: { text: string; tone: Tone };
  details: string[];
  failures: ListView<string>;
  access: {
    busy: boolean;
    canList: boolean;
    canRevoke: boolean;
    text: string;
    tone: Tone;
    lines: ListView<AccessLine>;
    openSheet?: string;
    details: string[];
  };
  /** The question after identical failures: Stop (the rest are not sent) or Go on. */
  pause?: { text: string; stopLabel: string; goOnLabel: string };
  confirm?: {
    title: string;
    remove: string[];
    kept: string[];
    note?: string;
    confirmLabel: string;
  };
}

const LIST_LIMIT = 50;

function limited<T>(items: T[], max = LIST_LIMIT): ListView<T> {
  return { items: items.slice(0, max), more: Math.max(0, items.length - max) };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

export function formatEta(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 60) return `about ${s} s left`;
  const m = Math.round(s / 60);
  return `about ${m} min left`;
}

function accountView(a: AccountStatus): PaneView["account"] {
  switch (a.state) {
    case "signedIn":
      return { text: `Signed in as ${a.name ?? "you"}`, canSignOut: true, tone: "neutral" };
    case "signedOut":
      return {
        text: "Not signed in. You'll be asked to sign in when you share.",
        canSignOut: false,
        tone: "warning",
      };
    case "notConfigured":
      return { text: "Sign-in is not configured in this build.", canSignOut: false, tone: "warning" };
    case "development":
      return {
        text: `Development sign-in${a.name ? `: ${a.name}` : ""}`,
        canSignOut: false,
        tone: "neutral",
      };
  }
}

const LOCATION_TEXT: Record<Exclude<Location, "cloud">, ShareErrorCode> = {
  notInCloud: "notInCloud",
  unsupported: "unsupportedLocation",
};

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

function pauseView(info: PauseInfo): NonNullable<PaneView["pause"]> {
  return {
    text: `The first ${info.failed} invitations all failed: ${info.sentence}`,
    stopLabel: "Stop",
    goOnLabel: "Go on",
  };
}

export function viewOf(state: PaneState): PaneView {
  const { options, run, preview, access, account, location } = state;
  const running = run.kind === "running";
  const accessBusy = access.kind === "loading" || access.kind === "planning" || access.kind === "revoking";
  const busy = running || accessBusy;

  const blocker: Banner | undefined =
    location !== "cloud"
      ? { tone: "error", text: SHARE_ERROR_MESSAGES[LOCATION_TEXT[location]], details: [] }
      : account.state === "notConfigured"
        ? {
            tone: "warning",
            text: "Sign-in is not configured in this build, so nothing can be shared from here.",
            details: ["Ask whoever deployed the add-in to build it with the app registration's client ID."],
          }
        : undefined;
  const graphUsable = blocker === undefined;

  // Preview.
  const data =
    preview.kind === "ready" ? preview.data : preview.kind === "loading" ? preview.last : undefined;
  const valid = data?.recipients.length ?? 0;
  const rejected = data?.rejected.length ?? 0;
  const duplicates = data?.duplicates ?? 0;
  let summary: string;
  if (preview.kind === "error") summary = "The selection couldn't be read.";
  else if (!data) summary = "Reading the selection…";
  else if (valid === 0 && rejected === 0)
    summary = "Select the cells with e-mail addresses. The preview follows your selection.";
  else {
    const parts = [plural(valid, "recipient")];
    parts.push(`${rejected} rejected`);
    parts.push(`${plural(duplicates, "duplicate")} merged`);
    summary = `${parts.join(", ")}.`;
  }
  const previewView: PaneView["preview"] = {
    busy: preview.kind === "loading",
    summary,
    counts: { valid, rejected, duplicates },
    recipients: limited(data?.recipients ?? []),
    rejected: limited(data?.rejected ?? []),
  };
  if (data && data.withOwnSettings > 0) {
    previewView.ownSettingsNote = `${plural(data.withOwnSettings, "recipient")} ${data.withOwnSettings === 1 ? "has" : "have"} their own Role, Message or Expires column; those override the options below for their rows.`;
  }
  if (preview.kind === "error")
    previewView.error = { tone: "error", text: preview.error.message, details: preview.error.details };

  // Options: the same checks runShare makes, so Share is disabled rather than refused.
  const problems = validateShareOptions(shareOptionsOf(options), state.now);
  const optionsView: PaneView["options"] = {
    ...options,
    disabled: busy,
    messageCount: `${options.message.length.toLocaleString("en-US")} / ${MAX_MESSAGE_LENGTH.toLocaleString("en-US")}`,
    messageNearLimit: options.message.length > MAX_MESSAGE_LENGTH - 100,
    messageIgnored: !options.sendInvitation && options.message.trim() !== "",
    expiresNote:
      "On work or school accounts Microsoft applies expiration to sharing links only; an invitation with an expiration date may be refused.",
    problems,
    routeOffered: state.workbooksRouteOffered,
    routeNote: routeNote(state.workbooksRouteOffered),
  };

  const hasRecipients = valid > 0;
  let shareHint: string;
  if (!graphUsable) shareHint = "Sharing isn't available here (see above).";
  else if (!hasRecipients) shareHint = "Select cells with e-mail addresses to share.";
  else if (options.dryRun)
    shareHint = `Dry run: checks ${plural(valid, "recipient")} and records what would happen; nothing is sent.`;
  else shareHint = `Shares this workbook with ${plural(valid, "recipient")}.`;

  // The run.
  let status: PaneView["status"] = { text: "Ready.", tone: "neutral" };
  let details: string[] = [];
  let failures: string[] = [];
  let progress: PaneView["progress"];
  let openLog = { visible: false, sheet: "" };
  if (run.kind === "running") {
    const p = run.progress;
    const done = doneOf(p);
    progress = {
      value: done,
      max: Math.max(1, p.total),
      counts: { granted: p.granted, failed: p.failed, skipped: p.skipped, remaining: p.remaining },
      text:
        p.phase === "sharing" || p.phase === "finishing" || p.phase === "done"
          ? `${done} of ${p.total} done`
          : PHASE_TEXT[p.phase](run.dryRun),
    };
    if (p.etaMs !== undefined && p.phase === "sharing") progress.eta = formatEta(p.etaMs);
    status = {
      text: run.cancelling
        ? "Cancelling: nothing new is sent; finishing what was already sent…"
        : run.pause
          ? "Paused: nothing more is sent until you choose Stop or Go on."
          : run.announced,
      tone: run.pause ? "warning" : "neutral",
    };
  } else if (run.kind === "finished") {
    const lines = summaryLines(run.summary);
    status = { text: lines.head, tone: lines.tone };
    details = lines.details;
    failures = failureLines(run.summary);
    openLog = { visible: true, sheet: run.summary.logSheet };
  } else if (run.kind === "failed") {
    status = { text: run.error.message, tone: "error" };
    details = run.error.details;
  }

  const failedRows = data?.failedRows ?? 0;
  const retryVisible = !running && failedRows > 0;

  // Manage access.
  const accessView: PaneView["access"] = {
    busy: accessBusy,
    canList: graphUsable && !busy,
    canRevoke: false,
    text: 'List who has access now into the "Current access" sheet. Select rows there to remove their access.',
    tone: "neutral",
    lines: limited<AccessLine>([]),
    details: [],
  };
  const listing =
    access.kind === "revoked" ? access.result.listing : "listing" in access ? access.listing : undefined;
  if (listing) {
    accessView.lines = limited(listing.lines);
    accessView.openSheet = listing.sheet;
    accessView.canRevoke = graphUsable && !busy;
    accessView.text = `${plural(listing.lines.length, "permission")} listed in "${listing.sheet}". Select rows there, then Remove access.`;
  }
  let confirm: PaneView["confirm"];
  switch (access.kind) {
    case "loading":
      accessView.text = "Reading who has access…";
      break;
    case "planning":
      accessView.text = "Reading the selected rows…";
      break;
    case "confirming": {
      const n = access.remove.length;
      const notes: string[] = [];
      if (access.gone)
        notes.push(
          `${plural(access.gone, "selected permission")} no longer exist${access.gone === 1 ? "s" : ""}.`,
        );
      const c: NonNullable<PaneView["confirm"]> = {
        title: n > 0 ? `Remove access for ${plural(n, "permission")}?` : "Nothing to remove",
        remove: access.remove.map(
          (l) => `${l.who}${l.email && l.email !== l.who ? ` <${l.email}>` : ""} (${l.access})`,
        ),
        kept: access.kept.map((l) => `${l.who}: ${l.kept ?? "kept"}`),
        confirmLabel: n > 0 ? "Remove access" : "OK",
      };
      if (n === 0 && access.kept.length === 0 && !access.gone)
        notes.push('Select rows of the "Current access" table first, then Remove access.');
      if (n > 0) notes.push("They lose access at once. Each removal is recorded in the Permissions sheet.");
      if (notes.length) c.note = notes.join(" ");
      confirm = c;
      break;
    }
    case "revoking":
      accessView.text = `Removing access: ${access.done} of ${access.total} done…`;
      break;
    case "revoked": {
      const r = access.result;
      accessView.text = `${plural(r.removed.length, "permission")} removed${r.failed.length ? `, ${r.failed.length} failed` : ""}. The "${r.listing.sheet}" sheet is up to date.`;
      accessView.tone = r.failed.length ? "error" : "success";
      accessView.details = [
        ...r.failed.map((f) => `${f.line.who}: ${f.message}`),
        `Each removal is recorded in the "${r.logSheet}" sheet.`,
      ];
      break;
    }
    case "error":
      accessView.text = access.error.message;
      accessView.tone = "error";
      accessView.details = access.error.details;
      break;
  }
  if (!graphUsable) accessView.text = "Manage access isn't available here (see above).";

  const view: PaneView = {
    account: accountView(account),
    preview: previewView,
    options: optionsView,
    share: { disabled: busy || !graphUsable || !hasRecipients || problems.length > 0, hint: shareHint },
    cancel: {
      visible: running,
      disabled: run.kind === "running" && run.cancelling,
      label: run.kind === "running" && run.cancelling ? "Cancelling…" : "Cancel",
    },
    retry: {
      visible: retryVisible,
      disabled: busy || !graphUsable || problems.length > 0,
      label: `Retry failed (${failedRows} ${failedRows === 1 ? "row" : "rows"})`,
    },
    openLog,
    status,
    details,
    failures: limited(failures, 20),
    access: accessView,
  };
  if (blocker) view.blocker = blocker;
  if (progress) view.progress = progress;
  if (confirm) view.confirm = confirm;
  if (run.kind === "running" && run.pause && !run.cancelling) view.pause = pauseView(run.pause);
  return view;
}
