// Manage access: who has access to the open workbook now, written as a snapshot into the "Current
// access" table, and removal of the rows a person selects there. Each removal is recorded in the
// Permissions log. Only a direct grant to a person (DELETE of that permission) and one person on a
// specific-people link (revokeGrants, so the others on the link keep access) are ever removed; site
// groups, groups, links as a whole, the owner, inherited and unrecognised permissions are listed with
// the reason they stay (see core/access-rows.ts).

import { accessRowCells, accessRows, KIND_TEXT, type AccessRow, type Removal } from "../core/access-rows";
import { ShareError } from "../core/errors";
import { isGraphFailure } from "../core/graph-failure";
import { accessText, logRowForRevocation, type RevocationReason, type RunContext } from "../core/results";
import { classifyDocumentUrl } from "../core/sharing-url";
import type { DriveItemRef, GraphErrorInfo, PermissionInfo } from "../core/types";
import type { Clock, GraphPort, PaneWorkbookPort } from "../core/ports";
import { toShareError } from "./share-flow";

export interface AccessDeps {
  workbook: PaneWorkbookPort;
  graph: GraphPort;
  clock: Clock;
  newRunId?: () => string;
}

/** One row as the pane lists it. */
export interface AccessLine {
  /** The row's "Permission ID" cell (a permission id, or permission id # person for a person on a link). */
  id: string;
  who: string;
  email: string;
  access: string;
  /** "Direct", "On a sharing link", "Sharing link", "Site group", "Group", "Owner", ... */
  kind?: string;
  /** Why it is kept, when it can't be removed from here (the reason the pane shows). */
  kept?: string;
}

export interface AccessListing {
  sheet: string;
  lines: AccessLine[];
  /** How many may be removed from here. */
  removable: number;
}

export interface RevokePlan {
  item: DriveItemRef;
  /** Rows that will be removed on confirmation. */
  remove: AccessRow[];
  /** Selected rows that stay, each with the reason. */
  kept: AccessLine[];
  /** Selected ids that no longer exist (removed elsewhere since the listing). */
  gone: string[];
}

export interface RevokeResult {
  removed: AccessLine[];
  failed: Array<{ line: AccessLine; message: string }>;
  logSheet: string;
  listing: AccessListing;
}

/** How the pane lists one row. */
export function accessLine(row: AccessRow): AccessLine {
  const line: AccessLine = {
    id: row.rowId,
    who: row.who,
    email: row.email,
    access: accessText(row.permission.roles),
    kind: KIND_TEXT[row.kind],
  };
  if (!row.removal) line.kept = row.reason ?? "No";
  return line;
}

/** The open workbook's drive item. Throws ShareError. */
export async function resolveItem(deps: AccessDeps): Promise<DriveItemRef> {
  const location = classifyDocumentUrl(deps.workbook.documentUrl());
  if (location.kind === "unsaved" || location.kind === "local") throw new ShareError("notInCloud");
  if (location.kind === "unsupported") throw new ShareError("unsupportedLocation");
  return deps.graph.resolveWorkbook(location.url).catch((e: unknown) => {
    throw toShareError(e, "workbookNotFound");
  });
}

/** The item's permissions now. Throws ShareError. */
export async function currentPermissions(deps: AccessDeps, item: DriveItemRef): Promise<PermissionInfo[]> {
  return deps.graph.listPermissions(item).catch((e: unknown) => {
    throw toShareError(e, "workbookNotFound");
  });
}

async function writeListing(deps: AccessDeps, permissions: PermissionInfo[]): Promise<AccessListing> {
  const at = new Date(deps.clock.now()).toISOString();
  const rows = accessRows(permissions);
  const sheet = await deps.workbook.writeAccessTable(rows.map((r) => accessRowCells(r, at))).catch((e) => {
    throw new ShareError("workbookWrite", [e instanceof Error ? e.message : String(e)], { cause: e });
  });
  const lines = rows.map(accessLine);
  return { sheet, lines, removable: lines.filter((l) => !l.kept).length };
}

/** Lists the workbook's permissions into the "Current access" table. Throws ShareError. */
export async function listAccess(deps: AccessDeps): Promise<AccessListing> {
  const item = await resolveItem(deps);
  return writeListing(deps, await currentPermissions(deps, item));
}

/**
 * What removing the selected "Current access" rows would do, read fresh from Graph so the
 * confirmation names what is there now. Throws ShareError.
 */
export async function planRevoke(deps: AccessDeps): Promise<RevokePlan> {
  const ids = await deps.workbook.readSelectedAccessRows();
  const item = await resolveItem(deps);
  const current = new Map(accessRows(await currentPermissions(deps, item)).map((r) => [r.rowId, r] as const));
  const plan: RevokePlan = { item, remove: [], kept: [], gone: [] };
  for (const id of ids) {
    const row = current.get(id);
    if (!row) plan.gone.push(id);
    else if (row.removal) plan.remove.push(row);
    else plan.kept.push(accessLine(row));
  }
  return plan;
}

function errorInfo(e: unknown): GraphErrorInfo {
  if (isGraphFailure(e)) return e.info;
  return { status: 0, code: "unexpected", message: e instanceof Error ? e.message : String(e) };
}

/** The permission as the log records a removal: for a person on a link, that person and the link. */
function logged(row: AccessRow): PermissionInfo {
  if (!row.member) return row.permission;
  const p: PermissionInfo = { ...row.permission };
  delete p.members;
  if (row.member.displayName !== undefined) p.grantedTo = row.member.displayName;
  if (row.member.email !== undefined) p.grantedToEmail = row.member.email;
  if (row.member.id !== undefined) p.grantedToId = row.member.id;
  return p;
}

/** How a planned row may be removed, re-derived from its permission: a tampered plan removes nothing else. */
function removalOf(row: AccessRow): Removal | undefined {
  return accessRows([row.permission]).find((r) => r.rowId === row.rowId)?.removal;
}

/**
 * Removes the planned rows one by one, logs each removal (or failure) in the Permissions log, and
 * rewrites the "Current access" table. Stops sending when the signal aborts; what was removed stays logged.
 */
export async function revokeAccess(
  deps: AccessDeps,
  plan: RevokePlan,
  events: {
    onProgress?: (done: number, total: number) => void;
    signal?: AbortSignal;
    /** Why, for the log's Status and Note (Undo run, Remove expired access); default Manage access. */
    reason?: RevocationReason;
    /** Rewrite the "Current access" table afterwards (default true). */
    relist?: boolean;
  } = {},
): Promise<RevokeResult> {
  const logSheet = await deps.workbook.ensureLog().catch((e: unknown) => {
    throw new ShareError("workbookWrite", [e instanceof Error ? e.message : String(e)], { cause: e });
  });
  const ctx: RunContext = {
    at: new Date(deps.clock.now()).toISOString(),
    runId: deps.newRunId?.() ?? `revoke-${deps.clock.now().toString(36)}`,
  };
  const result: RevokeResult = {
    removed: [],
    failed: [],
    logSheet,
    listing: { sheet: "", lines: [], removable: 0 },
  };
  const logRows: string[][] = [];
  let done = 0;
  for (const row of plan.remove) {
    if (events.signal?.aborted) break;
    // Re-derived from the permission itself: a tampered plan never removes a group, a link or the owner.
    const removal = removalOf(row);
    if (!removal) continue;
    try {
      if (removal.action === "delete") await deps.graph.deletePermission(plan.item, row.permission.id);
      else await deps.graph.revokeGrant(plan.item, row.permission.id, removal.grantee);
      result.removed.push(accessLine(row));
      logRows.push(logRowForRevocation(logged(row), undefined, ctx, events.reason));
    } catch (e) {
      const error = errorInfo(e);
      result.failed.push({ line: accessLine(row), message: error.message || error.code });
      logRows.push(logRowForRevocation(logged(row), error, ctx, events.reason));
    }
    events.onProgress?.(++done, plan.remove.length);
  }
  if (logRows.length > 0) await deps.workbook.flush({ logRows, statuses: [] });
  if (events.relist !== false)
    result.listing = await writeListing(deps, await currentPermissions(deps, plan.item));
  return result;
}
