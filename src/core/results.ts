// What is written back: one Permissions-log row per recipient outcome (and per rejected cell), and
// one short status per selected row. Pure: the time and run id are passed in.

import { PERMISSION_LOG_COLUMNS, STATUS_COLUMN_HEADER } from "./permission-log";
import type {
  CellValue,
  GraphErrorInfo,
  Outcome,
  ParsedSelection,
  PermissionInfo,
  Recipient,
  Rejection,
  SelectedRow,
} from "./types";

export interface RunContext {
  /** ISO 8601 time written in "Shared at". */
  at: string;
  runId: string;
  /** True when no workbook session could be opened and invites went without the header. */
  sessionless?: boolean;
}

const ROLE_NAMES: Record<string, string> = { read: "can view", write: "can edit", owner: "owner" };

function roleText(roles: string[]): string {
  return roles.map((r) => ROLE_NAMES[r] ?? r).join(", ");
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
  return o.status;
}

function noteFor(o: Outcome, ctx: RunContext): string {
  const notes: string[] = [];
  if (o.status === "granted" && o.confirmedAfterRetry) notes.push("confirmed after a retry");
  if (o.status === "granted" && o.warning) notes.push(`invitation e-mail not sent: ${o.warning.message}`);
  if (ctx.sessionless) notes.push("shared without a workbook session");
  return notes.join("; ");
}

type Row = Record<(typeof PERMISSION_LOG_COLUMNS)[number], string>;

function toColumns(row: Partial<Row>): string[] {
  return PERMISSION_LOG_COLUMNS.map((c) => row[c] ?? "");
}

/** One log row for a recipient's outcome. */
export function logRowForOutcome(recipient: Recipient, outcome: Outcome, ctx: RunContext): string[] {
  const row: Partial<Row> = {
    "Shared at": ctx.at,
    Recipient: recipient.displayName ? `${recipient.displayName} <${recipient.value}>` : recipient.value,
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
    row.Expires = p.expirationDateTime ?? "";
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

/** The status of a recipient left out because sign-in was lost mid-run ("Retry failed" picks it up). */
export const NOT_SENT_SIGN_IN = "Not sent: sign in again";

/** Skipped outcomes that were never sent because the run stopped: "Retry failed" sends them. */
export function isNotSent(o: Outcome): boolean {
  return o.status === "skipped" && (o.reason === "signInNeeded" || o.reason === "stopped");
}

/** Short status text for one outcome, as it appears beside a row. */
export function statusText(o: Outcome): string {
  switch (o.status) {
    case "granted": {
      const base = `Granted: ${roleText(o.permission.roles) || "access"}`;
      if (o.confirmedAfterRetry) return `${base} (confirmed after retry)`;
      if (o.warning) return `${base} (no e-mail sent)`;
      return base;
    }
    case "failed":
      return `Failed: ${o.error.message || o.error.code} [${o.error.code}]`;
    case "skipped":
      return {
        alreadyHasAccess: "Skipped: already has access",
        cancelled: "Cancelled: not sent",
        dryRun: "Would share (dry run)",
        signInNeeded: NOT_SENT_SIGN_IN,
        stopped: "Not sent: run stopped",
      }[o.reason];
  }
}

const OWN_STATUS =
  /^(Granted|Failed|Skipped|Rejected|Duplicate|Would share|Cancelled|Partly|Not sent|\d+ granted)\b/;

/** True when a cell is empty or holds a status this add-in wrote (so it may be overwritten). */
export function isWritableStatusCell(value: CellValue): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value !== "string") return false;
  const text = value.trim();
  return text === "" || text === STATUS_COLUMN_HEADER || OWN_STATUS.test(text);
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
    return rej ? `Rejected: ${rej.message}` : undefined;
  }
  const count = (s: string) => outs.filter((o) => o.status === s).length;
  if (count("granted")) parts.push(`${count("granted")} granted`);
  if (count("failed")) parts.push(`${count("failed")} failed`);
  const notSent = outs.filter(isNotSent).length;
  if (count("skipped") > notSent) parts.push(`${count("skipped") - notSent} skipped`);
  if (notSent) parts.push(`${notSent} not sent`);
  if (row.rejections.length) parts.push(`${row.rejections.length} rejected`);
  const text = parts.join(", ");
  // A row with recipients not sent reads "Partly", so that "Retry failed" picks it up.
  return /^\d+ granted/.test(text) && !notSent ? text : `Partly: ${text}`;
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

/**
 * A permission as Manage access sees it. `inheritedFrom` is Graph's permission.inheritedFrom (the folder
 * or site it comes from); it is optional here so that the listing works before the parser reads it.
 */
export type AccessPermission = PermissionInfo & { inheritedFrom?: string };

/** Why a permission may not be removed from here; undefined when it may. */
export function accessProtection(p: AccessPermission): "owner" | "inherited" | undefined {
  if (p.roles.includes("owner")) return "owner";
  if (p.inheritedFrom !== undefined && p.inheritedFrom !== "") return "inherited";
  return undefined;
}

/** The sentence shown (in the table and the pane) for a permission that is kept. */
export const PROTECTION_TEXT: Record<"owner" | "inherited", string> = {
  owner: "No: the owner's access can't be removed.",
  inherited: "No: inherited from a folder or site; change it there.",
};

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

/** One row of the "Current access" table. */
export function accessTableRow(p: AccessPermission, listedAt: string): string[] {
  const protection = accessProtection(p);
  const row: Record<AccessTableColumn, string> = {
    Who: accessWho(p),
    "E-mail": p.grantedToEmail ?? p.invitationEmail ?? "",
    Access: accessText(p.roles),
    Kind: p.link ? "Sharing link" : p.inheritedFrom ? `Inherited (${p.inheritedFrom})` : "Direct",
    Expires: p.expirationDateTime ?? "",
    "Can be removed": protection ? PROTECTION_TEXT[protection] : "Yes",
    "Permission ID": p.id,
    "Listed at": listedAt,
  };
  return ACCESS_TABLE_COLUMNS.map((c) => row[c]);
}

/** One log row for a removal (status "revoked") or a removal that failed (status "revoke failed"). */
export function logRowForRevocation(
  p: PermissionInfo,
  error: GraphErrorInfo | undefined,
  ctx: RunContext,
): string[] {
  const row: Partial<Row> = {
    "Shared at": ctx.at,
    Recipient: accessWho(p),
    Status: error ? "revoke failed" : "revoked",
    Roles: p.roles.join(", "),
    "Permission ID": p.id,
    "Granted to": p.grantedTo ?? "",
    "Granted to ID": p.grantedToId ?? "",
    "Invitation e-mail": p.invitationEmail ?? p.grantedToEmail ?? "",
    Expires: p.expirationDateTime ?? "",
    Link: p.link ?? "",
    "Run ID": ctx.runId,
    Note: "removed with Manage access",
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
