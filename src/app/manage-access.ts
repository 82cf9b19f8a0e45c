// Manage access: who has access to the open workbook now, written as a snapshot into the "Current
// access" table, and removal of the permissions of the rows a person selects there. Each removal is
// recorded in the Permissions log. The owner's permission and inherited ones are never removed: Graph
// refuses the first, and the second belongs to a folder or site, where removing it would change access
// to everything else there too.

import { ShareError } from "../core/errors";
import {
  accessProtection,
  accessTableRow,
  accessText,
  accessWho,
  logRowForRevocation,
  PROTECTION_TEXT,
  type AccessPermission,
  type RunContext,
} from "../core/results";
import { classifyDocumentUrl } from "../core/sharing-url";
import type { DriveItemRef, GraphErrorInfo } from "../core/types";
import { GraphError } from "../graph/http";
import type { Clock, GraphPort, PaneWorkbookPort } from "./ports";
import { toShareError } from "./share-flow";

export interface AccessDeps {
  workbook: PaneWorkbookPort;
  graph: GraphPort;
  clock: Clock;
  newRunId?: () => string;
}

/** One permission as the pane lists it. */
export interface AccessLine {
  id: string;
  who: string;
  email: string;
  access: string;
  /** Why it is kept, when it can't be removed from here. */
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
  /** Permissions that will be removed on confirmation. */
  remove: AccessPermission[];
  /** Selected permissions that stay, each with the reason. */
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

/** How the pane lists one permission. */
export function accessLine(p: AccessPermission): AccessLine {
  const line: AccessLine = {
    id: p.id,
    who: accessWho(p),
    email: p.grantedToEmail ?? p.invitationEmail ?? "",
    access: accessText(p.roles),
  };
  const protection = accessProtection(p);
  if (protection) line.kept = PROTECTION_TEXT[protection];
  return line;
}

async function resolveItem(deps: AccessDeps): Promise<DriveItemRef> {
  const location = classifyDocumentUrl(deps.workbook.documentUrl());
  if (location.kind === "unsaved" || location.kind === "local") throw new ShareError("notInCloud");
  if (location.kind === "unsupported") throw new ShareError("unsupportedLocation");
  return deps.graph.resolveWorkbook(location.url).catch((e: unknown) => {
    throw toShareError(e, "workbookNotFound");
  });
}

async function currentPermissions(deps: AccessDeps, item: DriveItemRef): Promise<AccessPermission[]> {
  return deps.graph.listPermissions(item).catch((e: unknown) => {
    throw toShareError(e, "workbookNotFound");
  });
}

async function writeListing(deps: AccessDeps, permissions: AccessPermission[]): Promise<AccessListing> {
  const at = new Date(deps.clock.now()).toISOString();
  // Owners first, then by name: the order Excel's own Manage access shows.
  const sorted = [...permissions].sort(
    (a, b) =>
      Number(!a.roles.includes("owner")) - Number(!b.roles.includes("owner")) ||
      accessWho(a).localeCompare(accessWho(b)),
  );
  const sheet = await deps.workbook.writeAccessTable(sorted.map((p) => accessTableRow(p, at))).catch((e) => {
    throw new ShareError("workbookWrite", [e instanceof Error ? e.message : String(e)], { cause: e });
  });
  const lines = sorted.map(accessLine);
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
  const current = new Map((await currentPermissions(deps, item)).map((p) => [p.id, p] as const));
  const plan: RevokePlan = { item, remove: [], kept: [], gone: [] };
  for (const id of ids) {
    const p = current.get(id);
    if (!p) plan.gone.push(id);
    else if (accessProtection(p)) plan.kept.push(accessLine(p));
    else plan.remove.push(p);
  }
  return plan;
}

function errorInfo(e: unknown): GraphErrorInfo {
  if (e instanceof GraphError) return e.info;
  return { status: 0, code: "unexpected", message: e instanceof Error ? e.message : String(e) };
}

/**
 * Removes the planned permissions one by one, logs each removal (or failure) in the Permissions log, and
 * rewrites the "Current access" table. Stops sending when the signal aborts; what was removed stays logged.
 */
export async function revokeAccess(
  deps: AccessDeps,
  plan: RevokePlan,
  events: { onProgress?: (done: number, total: number) => void; signal?: AbortSignal } = {},
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
  for (const p of plan.remove) {
    if (events.signal?.aborted) break;
    // Checked again here, whatever the plan says: these two are never removed.
    if (accessProtection(p)) continue;
    try {
      await deps.graph.deletePermission(plan.item, p.id);
      result.removed.push(accessLine(p));
      logRows.push(logRowForRevocation(p, undefined, ctx));
    } catch (e) {
      const error = errorInfo(e);
      result.failed.push({ line: accessLine(p), message: error.message || error.code });
      logRows.push(logRowForRevocation(p, error, ctx));
    }
    events.onProgress?.(++done, plan.remove.length);
  }
  if (logRows.length > 0) await deps.workbook.flush({ logRows, statuses: [] });
  result.listing = await writeListing(deps, await currentPermissions(deps, plan.item));
  return result;
}
