// Runs as the Permissions log records them: which grants a run made (for Undo run) and which grants
// have passed the expiry date recorded with them (for Remove expired access). Pure: the log's rows come
// in as text, read by column name, so a log whose columns were formatted differently still reads.

import { isNoExpiry } from "./graph-json";
import { HAD_ACCESS_NOTE, NOT_VISIBLE_LABEL } from "./results";

/** A grant the log records: one person, one permission, one run. */
export interface LoggedGrant {
  runId: string;
  /** The log's "Shared at" cell, as text. */
  at: string;
  /** The person's address (or object id), lower case: the first word of "Recipient". */
  person: string;
  /** The "Recipient" cell as written (address, then the name). */
  label: string;
  permissionId: string;
  /** The grant is a place on a sharing link (the "Link" cell is set): revokeGrants, not DELETE. */
  onLink: boolean;
  /** The "Expires" cell when it holds a date (Graph's own, or the one the add-in keeps). */
  expires?: string;
  /** Position in the log. */
  index: number;
  /** The person had access before this grant (it raised their role): undoing it would take that too. */
  hadAccessBefore?: boolean;
}

/** One run of the log that granted something, for the pane's run picker. */
export interface LoggedRun {
  runId: string;
  at: string;
  /** Grants still counted to it (not removed or granted again since). */
  grants: number;
}

interface Entry {
  index: number;
  cells: Record<string, string>;
}

function entries(table: readonly string[][]): Entry[] {
  const [header, ...rows] = table;
  if (!header) return [];
  return rows.map((row, index) => ({
    index,
    cells: Object.fromEntries(header.map((name, c) => [name, (row[c] ?? "").trim()])),
  }));
}

const isGrant = (status: string) => status === "granted" || status === NOT_VISIBLE_LABEL;
const isRevocation = (status: string) => status.startsWith("revoked");

/** Who a row is about: grants name the address first in "Recipient"; removals in "Invitation e-mail". */
function personOf(e: Entry): string {
  const status = e.cells["Status"] ?? "";
  const recipient = (e.cells["Recipient"] ?? "").split(/\s+/)[0] ?? "";
  const mail = e.cells["Invitation e-mail"] ?? "";
  return (isRevocation(status) ? mail || recipient : recipient || mail).toLowerCase();
}

/** An ISO date from an "Expires" cell; undefined for "no expiry", SharePoint's 0001-01-01 or text. */
function expiryOf(text: string | undefined): string | undefined {
  if (!text || isNoExpiry(text) || Number.isNaN(Date.parse(text))) return undefined;
  return /^\d{4}-\d{2}-\d{2}/.test(text) ? text : undefined;
}

/**
 * The grants the log still counts as standing: each person and permission once (its latest grant), and
 * none that a later row removed. A later grant of the same permission to the same person by another run
 * takes it over, so undoing the earlier run leaves it alone.
 */
export function standingGrants(table: readonly string[][]): LoggedGrant[] {
  const latest = new Map<string, LoggedGrant>();
  for (const e of entries(table)) {
    const status = e.cells["Status"] ?? "";
    const permissionId = e.cells["Permission ID"] ?? "";
    const person = personOf(e);
    if (!permissionId || !person) continue;
    const key = `${permissionId}\u0000${person}`;
    if (isRevocation(status)) {
      if (!status.startsWith("revoke failed")) latest.delete(key);
      continue;
    }
    if (!isGrant(status)) continue;
    const runId = e.cells["Run ID"] ?? "";
    // The "not visible" row follows its own grant: the first row of the run stays.
    if (latest.get(key)?.runId === runId) continue;
    const grant: LoggedGrant = {
      runId,
      at: e.cells["Shared at"] ?? "",
      person,
      label: e.cells["Recipient"] ?? person,
      permissionId,
      onLink: (e.cells["Link"] ?? "") !== "",
      index: e.index,
    };
    const expires = expiryOf(e.cells["Expires"]);
    if (expires !== undefined) grant.expires = expires;
    if ((e.cells["Note"] ?? "").includes(HAD_ACCESS_NOTE)) grant.hadAccessBefore = true;
    latest.set(key, grant);
  }
  return [...latest.values()].sort((a, b) => a.index - b.index);
}

/** The standing grants of one run. */
export function grantsOfRun(table: readonly string[][], runId: string): LoggedGrant[] {
  return standingGrants(table).filter((g) => g.runId === runId);
}

/** The standing grants whose recorded expiry is at or before `now` (ms since the epoch). */
export function expiredGrants(table: readonly string[][], now: number): LoggedGrant[] {
  return standingGrants(table).filter((g) => g.expires !== undefined && Date.parse(g.expires) <= now);
}

/** The runs that still have standing grants, newest first. */
export function runsWithGrants(table: readonly string[][]): LoggedRun[] {
  const runs = new Map<string, LoggedRun>();
  for (const g of standingGrants(table)) {
    const run = runs.get(g.runId) ?? { runId: g.runId, at: g.at, grants: 0 };
    run.grants += 1;
    runs.set(g.runId, run);
  }
  return [...runs.values()].reverse();
}
