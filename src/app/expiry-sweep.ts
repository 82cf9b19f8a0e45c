// Expiry that happens. Work or school drives refuse an expiry date on an invitation
// (microsoft-graph-docs#8820, #17383), so the share flow grants without it and the Permissions log keeps
// the intended date (share-flow.ts, keepExpiries). "Remove expired access" removes the grants whose
// recorded date has passed, with Undo run's confirmation and logging (undo-run.ts). Where Graph applied
// the expiry itself (OneDrive personal with a premium account), the grant is already gone at that date
// and counts as done.

import { expiredGrants } from "../core/run-log";
import type { AccessDeps } from "./manage-access";
import { planRemoval, readLogTable, type GrantRemovalPlan } from "./undo-run";

/** How many grants the log says are past their date (no Graph call: for the offer when the pane opens). */
export async function expiredInLog(deps: AccessDeps): Promise<number> {
  const table = await deps.workbook.readLog().catch(() => []);
  return expiredGrants(table, deps.clock.now()).length;
}

/** What Remove expired access would remove, read fresh from Graph. Throws ShareError. */
export async function planExpired(deps: AccessDeps): Promise<GrantRemovalPlan> {
  const grants = expiredGrants(await readLogTable(deps), deps.clock.now());
  return planRemoval(deps, grants, {
    why: "expired",
    note: "removed by Remove expired access: the expiry date recorded when it was granted has passed",
  });
}
