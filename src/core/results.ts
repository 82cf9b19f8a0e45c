// What is written back: one Permissions-log row per recipient outcome (and per rejected cell), and
// one short status per selected row. Pure: the time and run id are passed in.

import { recipientLabel } from "./email-address";
import { expiryText } from "./graph-json";
import { PERMISSION_LOG_COLUMNS, STATUS_COLUMN_HEADER } from "./permission-log";
import type {
  CellValue,
  GraphErrorInfo,
  Outcome,
  ParsedSelection,
  PermissionInfo,
  Recipient,
  RejectReason,
  Rejection,
  SelectedRow,
} from "./types";

export interface RunContext {
  /** ISO 8601 time written in "Shared at". */
  at: string;
  runId: string;
  /** True when no workbook session could be opened and invites went without the header. */
  sessionless?: boolean;
  /**
   * Expiry dates Graph would refuse on an invitation (business drives), by recipient key: the invite went
   * without it and the log records the date, so "Remove expired access" can end the access then.
   */
  keptExpiry?: ReadonlyMap<string, string>;
  /** Recipients who had some access before the run (it raised their role): noted, so Undo run keeps them. */
  hadAccess?: ReadonlySet<string>;
}

/** The log's Note on a grant that raised access the person already had (Undo run leaves it alone). */
export const HAD_ACCESS_NOTE = "had access before this run";

/** The status of a grant Graph answered 200 for that the permission list does not show. */
export const NOT_VISIBLE_STATUS =
  "Granted by Graph but not visible in the access list \u2014 check with your admin";
/** The log's Status for it: never "granted". */
export const NOT_VISIBLE_LABEL = "not visible after granting";
/** The log's Note when the add-in keeps an expiry Graph would not apply. */
export const KEPT_EXPIRY_NOTE =
  "expiry kept by the add-in (Graph does not apply it to invitations here): Remove expired access ends it";

const ROLE_NAMES: Record<string, string> = { read: "can view", write: "can edit", owner: "owner" };

/**
 * The roles as a status shows them: "can view", "can edit", "owner"; a role Graph may add later reads
 * "access" (the log's Roles column keeps Graph's own names), so statuses keep a closed grammar.
 */
function roleText(roles: string[]): string {
  // Own keys only: a role Graph adds later (or "valueOf") reads "access", never an Object method.
  const words = [
    ...new Set(roles.map((r) => (Object.hasOwn(ROLE_NAMES, r) ? ROLE_NAMES[r] : undefined) ?? "access")),
  ];
  return words.length > 0 ? words.join(", ") : "access";
}

/** The log's "Status" column. */
export function outcomeLabel(o: Outcome): string {
  if (o.status === "skipped") {
    return {
      alreadyHasAccess: "skipped: already has access",
      cancelled: "cancelled",
      dryRun: "would share",
      signInNeeded: "not sent: sign in again",
      stopped: "not sent: run stopped",
    }[o.reason];
  }
  if (o.status === "granted" && o.notVisible) return NOT_VISIBLE_LABEL;
  return o.status;
}

function noteFor(o: Outcome, ctx: RunContext): string {
  const notes: string[] = [];
  if (o.status === "granted" && o.confirmedAfterRetry) notes.push("confirmed after a retry");
  if (o.status === "granted" && o.warning) notes.push(`invitation e-mail not sent: ${o.warning.message}`);
  if (ctx.sessionless) notes.push("shared without a workbook session");
  if (o.status === "granted" && o.notVisible) notes.push(NOT_VISIBLE_STATUS);
  if (o.status === "granted" && keptExpiryOf(o, ctx)) notes.push(KEPT_EXPIRY_NOTE);
  if (o.status === "granted" && ctx.hadAccess?.has(o.key)) notes.push(HAD_ACCESS_NOTE);
  return notes.join("; ");
}

/** The date the add-in keeps for a grant Graph gave no expiry to, if the run asked for one. */
function keptExpiryOf(o: Outcome, ctx: RunContext): string | undefined {
  if (o.status !== "granted" || o.permission.expirationDateTime) return undefined;
  return ctx.keptExpiry?.get(o.key);
}

type Row = Record<(typeof PERMISSION_LOG_COLUMNS)[number], string>;

function toColumns(row: Partial<Row>): string[] {
  return PERMISSION_LOG_COLUMNS.map((c) => row[c] ?? "");
}

/** One log row for a recipient's outcome. */
export function logRowForOutcome(recipient: Recipient, outcome: Outcome, ctx: RunContext): string[] {
  const row: Partial<Row> = {
    "Shared at": ctx.at,
    // The address first: a name cannot then pose as the address or push it out of view.
    Recipient: recipientLabel(recipient),
    Status: outcomeLabel(outcome),
    "Source cell": recipient.source.address,
    "Run ID": ctx.runId,
    Note: noteFor(outcome, ctx),
  };
  const p = outcome.status === "failed" ? undefined : outcome.permission;
  if (p) {
    row.Roles = p.roles.join(", ");
    row["Permission ID"] = p.id;
    row["Granted to"] = p.grantedTo ?? "";
    row["Granted to ID"] = p.grantedToId ?? "";
    row["Invitation e-mail"] = p.invitationEmail ?? p.grantedToEmail ?? "";
    row["Sign-in required"] = p.signInRequired === undefined ? "" : p.signInRequired ? "yes" : "no";
    row.Expires = keptExpiryOf(outcome, ctx) ?? expiryText(p.expirationDateTime);
    row.Link = p.link ?? "";
  }
  const err =
    outcome.status === "failed" ? outcome.error : outcome.status === "granted" ? outcome.warning : undefined;
  if (err) {
    row["Error code"] = err.innerCode ? `${err.code}/${err.innerCode}` : err.code;
    row["Error message"] = err.message;
    row["Request ID"] = err.requestId ?? "";
  }
  return toColumns(row);
}

/** One log row for a rejected cell, so the log tells the whole story of a run. */
export function logRowForRejection(rejection: Rejection, ctx: RunContext): string[] {
  return toColumns({
    "Shared at": ctx.at,
    Recipient: rejection.text,
    Status: "rejected",
    "Error code": rejection.reason,
    "Error message": rejection.message,
    "Source cell": rejection.cell.address,
    "Run ID": ctx.runId,
  });
}

// ---- Statuses beside the selected rows --------------------------------------------------------
// The add-in writes only texts of the grammar below, and overwrites a cell only when it holds one of
// them (or nothing): "Granted by HR" or "Failed background check" are the person's, never ours.

/** Longest Graph message or rejection reason quoted in a status (the log keeps the full text). */
const STATUS_DETAIL_MAX = 300;
const STATUS_CODE_MAX = 100;

/** One line, at most `max` characters ("…" when cut). */
function statusDetail(text: string, max = STATUS_DETAIL_MAX): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}\u2026`;
}

/** A Graph error code as a status shows it: letters, digits and . _ / - only. */
function statusCode(code: string): string {
  return code.replace(/[^A-Za-z0-9_./-]/g, "").slice(0, STATUS_CODE_MAX) || "unknown";
}

const GRANTED_NOTES = { retry: " (confirmed after retry)", noMail: " (no e-mail sent)" } as const;
const SKIPPED_TEXT = {
  alreadyHasAccess: "Skipped: already has access",
  cancelled: "Cancelled: not sent",
  dryRun: "Would share (dry run)",
  signInNeeded: "Not sent: sign in again",
  stopped: "Not sent: run stopped",
} as const;

/** The status of a recipient left out because sign-in was lost mid-run ("Retry failed" picks it up). */
export const NOT_SENT_SIGN_IN = SKIPPED_TEXT.signInNeeded;

/** Skipped outcomes that were never sent because the run stopped: "Retry failed" sends them. */
export function isNotSent(o: Outcome): boolean {
  return o.status === "skipped" && (o.reason === "signInNeeded" || o.reason === "stopped");
}

/** Rejected cells listed one by one in the log; the rest are counted in one row. */
export const MAX_LOGGED_REJECTIONS = 1000;

/**
 * The log rows for a run's rejected cells: one per cell up to `limit`, then a single row that counts the
 * rest ("…and 999,000 more rejected cells"), so that a selection of a million bad cells does not become a
 * million log rows. `omitted` counts rejections the parser already left out of `rejected`.
 */
export function logRowsForRejections(
  rejected: readonly Rejection[],
  ctx: RunContext,
  limit = MAX_LOGGED_REJECTIONS,
  omitted = 0,
): string[][] {
  const rows = rejected.slice(0, limit).map((rej) => logRowForRejection(rej, ctx));
  const more = Math.max(0, rejected.length - limit) + omitted;
  if (more > 0) {
    const first = rejected[limit]?.cell.address;
    rows.push(
      toColumns({
        "Shared at": ctx.at,
        Status: "rejected",
        "Error code": "tooManyRejected",
        "Error message": `\u2026and ${more.toLocaleString("en-US")} more rejected ${more === 1 ? "cell" : "cells"}, not listed one by one.`,
        "Source cell": first ?? "",
        "Run ID": ctx.runId,
      }),
    );
  }
  return rows;
}

/** Short status text for one outcome, as it appears beside a row. */
export function statusText(o: Outcome): string {
  switch (o.status) {
    case "granted": {
      if (o.notVisible) return NOT_VISIBLE_STATUS;
      const base = `Granted: ${roleText(o.permission.roles)}`;
      if (o.confirmedAfterRetry) return base + GRANTED_NOTES.retry;
      if (o.warning) return base + GRANTED_NOTES.noMail;
      return base;
    }
    case "failed":
      return `Failed: ${statusDetail(o.error.message || o.error.code) || "error"} [${statusCode(o.error.code)}]`;
    case "skipped":
      return SKIPPED_TEXT[o.reason];
  }
}

const escapeRe = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const ROLE_RE = `(?:${[...Object.values(ROLE_NAMES), "access"].map(escapeRe).join("|")})`;
const DETAIL_RE = `[^\\s](?:[^\\n\\r\\t]{0,${STATUS_DETAIL_MAX - 2}}[^\\s])?`;
/** A cell address as rowStatusText names it: Sheet1!B7, 'My Sheet'!B7 (sheet names hold no ":"). */
const ADDRESS_RE = "(?:'(?:[^'\\n]|'')+'|[A-Za-z_][A-Za-z0-9_.]*)![A-Z]{1,3}[1-9][0-9]{0,6}";
const ONE_STATUS_RE = [
  `Granted: ${ROLE_RE}(?:, ${ROLE_RE})*(?:${Object.values(GRANTED_NOTES).map(escapeRe).join("|")})?`,
  `Failed: ${DETAIL_RE} \\[[A-Za-z0-9_./-]{1,${STATUS_CODE_MAX}}\\]`,
  ...Object.values(SKIPPED_TEXT).map(escapeRe),
  escapeRe(NOT_VISIBLE_STATUS),
].join("|");
/** Every reason a cell is rejected for: the closed set a "Rejected" status ends with. */
const REJECT_REASONS: Record<RejectReason, true> = {
  invalidSyntax: true,
  errorValue: true,
  number: true,
  boolean: true,
  tooLong: true,
  invalidOverride: true,
  suspiciousName: true,
  tooManyEntries: true,
  overLimit: true,
};
const REASON_RE = `(?:${Object.keys(REJECT_REASONS).join("|")})`;
const OWN_STATUS = new RegExp(
  `^(?:${escapeRe(STATUS_COLUMN_HEADER)}|(?:Duplicate of ${ADDRESS_RE}: )?(?:${ONE_STATUS_RE})` +
    // "Rejected: <why> [reason]"; older builds wrote "Rejected: Sheet1!B4: <why>", still ours.
    `|Rejected: ${DETAIL_RE} \\[${REASON_RE}\\]|Rejected: ${ADDRESS_RE}: ${DETAIL_RE})$`,
);

/** The counts rowStatusText writes for a row of several entries, in this order. */
const COUNT_WORDS = ["granted", "not visible", "failed", "skipped", "not sent", "rejected"];

/** "2 granted, 1 failed" or "Partly: 1 granted, 2 not sent": exactly as rowStatusText builds them. */
function isCountsText(text: string): boolean {
  const partly = text.startsWith("Partly: ");
  const parts = (partly ? text.slice("Partly: ".length) : text).split(", ");
  let last = -1;
  for (const part of parts) {
    const m = /^[1-9]\d{0,6} (.+)$/.exec(part);
    const at = m ? COUNT_WORDS.indexOf(m[1] ?? "") : -1;
    if (at <= last) return false;
    last = at;
  }
  // Without "Partly" a row starts with what was granted and has nothing left unsent.
  return partly || (parts[0]?.endsWith(" granted") === true && !text.includes(" not sent"));
}

/** True when `text` is exactly a status (or the status column's header) this add-in writes. */
export function isOwnStatusText(text: string): boolean {
  return OWN_STATUS.test(text) || isCountsText(text);
}

/**
 * True when a cell is empty or holds a status this add-in wrote (so it may be overwritten). The Office
 * adapter reports a formula cell by its formula ("=..."), which never matches, so formulas stay.
 */
export function isWritableStatusCell(value: CellValue): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value !== "string") return false;
  return value.trim() === "" || isOwnStatusText(value);
}

/** True when a status cell says its row failed, was cancelled, not sent or partly done ("Retry failed"). */
export function isRetryStatus(value: CellValue): boolean {
  return (
    typeof value === "string" && isOwnStatusText(value) && /^(Failed|Cancelled|Partly|Not sent)\b/.test(value)
  );
}

/**
 * "Rejected: <why> [reason]". The status sits in the row it describes, so the parser's cell addresses
 * of that row are not repeated: a leading "Sheet1!B4: " goes, and "Sheet1!D4" elsewhere reads "column D".
 */
function rejectedText(rej: Rejection): string {
  const prefix = `${rej.cell.address}: `;
  const why = rej.message.startsWith(prefix) ? rej.message.slice(prefix.length) : rej.message;
  const sheetPart = rej.cell.address.slice(0, rej.cell.address.lastIndexOf("!") + 1);
  const sameRow = new RegExp(`${escapeRe(sheetPart)}([A-Z]{1,3})${rej.cell.row + 1}(?![0-9])`, "g");
  const detail = statusDetail(why.replace(sameRow, "column $1")) || "not an e-mail address";
  return `Rejected: ${detail} [${rej.reason}]`;
}

/** The status of a whole row: its recipients' outcomes and its rejections, in a few words. */
export function rowStatusText(
  row: SelectedRow,
  outcomes: ReadonlyMap<string, Outcome>,
  duplicateOf: ReadonlyMap<string, string>,
): string | undefined {
  const parts: string[] = [];
  const known = row.recipientKeys.map((k) => outcomes.get(k));
  if (known.some((o) => o === undefined) && row.rejections.length === 0) return undefined;
  const outs = known.filter((o): o is Outcome => o !== undefined);
  if (outs.length + row.rejections.length === 1) {
    const only = outs[0];
    if (only) {
      const dup = duplicateOf.get(`${row.sheet}\u0000${row.row}\u0000${only.key}`);
      return dup ? `Duplicate of ${dup}: ${statusText(only)}` : statusText(only);
    }
    const rej = row.rejections[0];
    return rej ? rejectedText(rej) : undefined;
  }
  const count = (s: string) =>
    outs.filter((o) => o.status === s && !(s === "granted" && isNotVisible(o))).length;
  const notVisible = outs.filter(isNotVisible).length;
  if (count("granted")) parts.push(`${count("granted")} granted`);
  if (notVisible) parts.push(`${notVisible} not visible`);
  if (count("failed")) parts.push(`${count("failed")} failed`);
  const notSent = outs.filter(isNotSent).length;
  if (count("skipped") > notSent) parts.push(`${count("skipped") - notSent} skipped`);
  if (notSent) parts.push(`${notSent} not sent`);
  if (row.rejections.length) parts.push(`${row.rejections.length} rejected`);
  const text = parts.join(", ");
  // A row with recipients not sent reads "Partly", so that "Retry failed" picks it up.
  return /^\d+ granted/.test(text) && !notSent ? text : `Partly: ${text}`;
}

/** A grant Graph answered for that the permission list does not show (verify-after). */
export function isNotVisible(o: Outcome): boolean {
  return o.status === "granted" && o.notVisible === true;
}

/** Maps (sheet, row, key) of each duplicate cell to the address of the first occurrence. */
export function duplicateIndex(parsed: ParsedSelection): Map<string, string> {
  const map = new Map<string, string>();
  for (const d of parsed.duplicates) {
    map.set(`${d.cell.sheet}\u0000${d.cell.row}\u0000${d.key}`, d.firstSeen.address);
  }
  return map;
}

// ---- Manage access: the "Current access" snapshot table and revocations in the log ------------------

export const ACCESS_SHEET = "Current access";
export const ACCESS_TABLE = "ShareCurrentAccess";

/** The columns of the "Current access" table (a snapshot, rewritten by every listing). */
export const ACCESS_TABLE_COLUMNS = [
  "Who",
  "E-mail",
  "Access",
  "Kind",
  "Expires",
  "Can be removed",
  "Permission ID",
  "Listed at",
] as const;

export type AccessTableColumn = (typeof ACCESS_TABLE_COLUMNS)[number];

// Which rows are removable, and why the others stay, is decided in core/access-rows.ts.

/** "Can view", "Can edit", "Owner". */
export function accessText(roles: readonly string[]): string {
  if (roles.includes("owner")) return "Owner";
  if (roles.includes("write")) return "Can edit";
  if (roles.includes("read")) return "Can view";
  return roles.join(", ");
}

/** Who a permission is for, in a few words a person recognises. */
export function accessWho(p: PermissionInfo): string {
  return p.grantedTo ?? p.grantedToEmail ?? p.invitationEmail ?? (p.link ? "Anyone with the link" : p.id);
}

/** Why a removal was made, as the log's Status and Note say it (default: Manage access). */
export interface RevocationReason {
  /** "revoked (undo of run run-abc)"; "revoke failed" + the same bracket when it failed. */
  why?: string;
  note?: string;
}

/** One log row for a removal (status "revoked") or a removal that failed (status "revoke failed"). */
export function logRowForRevocation(
  p: PermissionInfo,
  error: GraphErrorInfo | undefined,
  ctx: RunContext,
  reason: RevocationReason = {},
): string[] {
  const status = error ? "revoke failed" : "revoked";
  const row: Partial<Row> = {
    "Shared at": ctx.at,
    Recipient: accessWho(p),
    Status: reason.why ? `${status} (${reason.why})` : status,
    Roles: p.roles.join(", "),
    "Permission ID": p.id,
    "Granted to": p.grantedTo ?? "",
    "Granted to ID": p.grantedToId ?? "",
    "Invitation e-mail": p.invitationEmail ?? p.grantedToEmail ?? "",
    Expires: expiryText(p.expirationDateTime),
    Link: p.link ?? "",
    "Run ID": ctx.runId,
    Note: reason.note ?? "removed with Manage access",
  };
  if (error) {
    row["Error code"] = error.innerCode ? `${error.code}/${error.innerCode}` : error.code;
    row["Error message"] = error.message;
    row["Request ID"] = error.requestId ?? "";
  }
  return toColumns(row);
}

/** One log row for a run that stopped before any recipient was sent: the admin's codes and request ID. */
export function logRowForRunError(
  error: { code: string; message: string; graph?: GraphErrorInfo },
  ctx: RunContext,
): string[] {
  const g = error.graph;
  return toColumns({
    "Shared at": ctx.at,
    Status: "run failed",
    "Error code": g ? `${error.code}/${g.innerCode ? `${g.code}/${g.innerCode}` : g.code}` : error.code,
    "Error message": g?.message ? `${error.message} (${g.message})` : error.message,
    "Request ID": g?.requestId ?? "",
    "Run ID": ctx.runId,
  });
}
