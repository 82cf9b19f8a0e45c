// Undo a run: remove exactly the permissions one run granted, as the Permissions log records them.
// Recipients the run skipped (they already had access) or that failed have no grant of the run, so they
// keep what they had. A direct grant is removed with DELETE .../permissions/{id}; a person on a sharing
// link with revokeGrants, so the others on the link keep access (onedrive-api-docs#1220). Each removal is
// logged as "revoked (undo of run …)". A grant that is already gone counts as done, so an undo that
// stopped halfway can simply be run again. The removal itself is Manage access's (manage-access.ts).

import { accessRows, type AccessRow } from "../core/access-rows";
import { ShareError } from "../core/errors";
import type { RevocationReason } from "../core/results";
import { grantsOfRun, runsWithGrants, type LoggedGrant, type LoggedRun } from "../core/run-log";
import type { DriveItemRef, PermissionInfo } from "../core/types";
import {
  currentPermissions,
  resolveItem,
  revokeAccess,
  type AccessDeps,
  type RevokeResult,
} from "./manage-access";

/** What removing a set of logged grants would do, read fresh from Graph for the confirmation. */
export interface GrantRemovalPlan {
  item: DriveItemRef;
  /** Removed on confirmation: the logged grant and the access row it is now. */
  remove: Array<{ grant: LoggedGrant; row: AccessRow }>;
  /** Already gone (removed elsewhere, expired in Graph, or by an earlier attempt): nothing to do. */
  gone: LoggedGrant[];
  /** Still there but not removable from here, with the reason. */
  kept: Array<{ grant: LoggedGrant; reason: string }>;
  /** How the log words each removal. */
  reason: RevocationReason;
}

/** Why Undo run keeps a grant that raised access the person already had. */
export const HAD_ACCESS =
  "Had access before this run, which raised it; change it in Excel's Share > Manage access if you mean to.";

/** What the Permissions log holds, or a ShareError the pane can show. */
export async function readLogTable(deps: AccessDeps): Promise<string[][]> {
  return deps.workbook.readLog().catch((e: unknown) => {
    throw new ShareError("workbookWrite", [e instanceof Error ? e.message : String(e)], { cause: e });
  });
}

/** The runs the pane offers to undo (newest first). */
export async function listRuns(deps: AccessDeps): Promise<LoggedRun[]> {
  return runsWithGrants(await readLogTable(deps));
}

/** The run of the first selected Permissions log row, if the selection is on the log. */
export async function selectedRun(deps: AccessDeps): Promise<string | undefined> {
  const runs = await deps.workbook.readSelectedLogRuns();
  return runs[0];
}

/** The access row a logged grant is now: its direct permission, or the person's place on the link. */
function rowFor(grant: LoggedGrant, rows: readonly AccessRow[]): AccessRow | undefined {
  return rows.find((r) => {
    if (r.permission.id !== grant.permissionId) return false;
    if (!grant.onLink) return r.kind !== "link" && r.member === undefined;
    const m = r.member;
    return [m?.email, m?.id].some((k) => k !== undefined && k.toLowerCase() === grant.person);
  });
}

/** Sorts logged grants against the permissions now: to remove, already gone, or kept with a reason. */
export function matchGrants(
  item: DriveItemRef,
  grants: readonly LoggedGrant[],
  permissions: readonly PermissionInfo[],
  reason: RevocationReason,
): GrantRemovalPlan {
  const rows = accessRows(permissions);
  const plan: GrantRemovalPlan = { item, remove: [], gone: [], kept: [], reason };
  for (const grant of grants) {
    const row = rowFor(grant, rows);
    if (!row) plan.gone.push(grant);
    else if (grant.hadAccessBefore && reason.why?.startsWith("undo"))
      plan.kept.push({ grant, reason: HAD_ACCESS });
    else if (row.removal) plan.remove.push({ grant, row });
    else plan.kept.push({ grant, reason: row.reason ?? "" });
  }
  return plan;
}

/** Plans the removal of logged grants: reads the permissions now. Throws ShareError. */
export async function planRemoval(
  deps: AccessDeps,
  grants: readonly LoggedGrant[],
  reason: RevocationReason,
): Promise<GrantRemovalPlan> {
  const item = await resolveItem(deps);
  return matchGrants(item, grants, await currentPermissions(deps, item), reason);
}

/** What undoing `runId` would remove. Throws ShareError. */
export async function planUndo(deps: AccessDeps, runId: string): Promise<GrantRemovalPlan> {
  const grants = grantsOfRun(await readLogTable(deps), runId);
  return planRemoval(deps, grants, {
    why: `undo of run ${runId}`,
    note: `removed by Undo run: run ${runId} granted it`,
  });
}

/** Removes the planned grants one by one and logs each; what was removed stays removed and logged. */
export async function removeGrants(
  deps: AccessDeps,
  plan: GrantRemovalPlan,
  events: { onProgress?: (done: number, total: number) => void; signal?: AbortSignal } = {},
): Promise<RevokeResult> {
  return revokeAccess(
    deps,
    { item: plan.item, remove: plan.remove.map((r) => r.row), kept: [], gone: [] },
    { ...events, reason: plan.reason, relist: false },
  );
}
