// Verify after: once the invites are done, one read of the permission list confirms every grant. A
// recipient Graph answered 200 for who is not in the list is not counted as granted: the outcome becomes
// "not visible" (status beside the row, a second Permissions log row, the summary's count), because
// people report invites answered 200 OK that gave no access (microsoft-graph-docs-contrib#1038).

import { accessIndex } from "../core/access";
import type { DriveItemRef, Outcome, PermissionInfo } from "../core/types";
import type { GraphPort } from "../core/ports";

/** What verifying found. */
export interface Verification {
  /** Grants looked up in the list. */
  checked: number;
  /** Recipient keys Graph answered 200 for that the list does not show. */
  notVisible: string[];
  /** Set when the list could not be read: the grants stand as Graph answered them, unconfirmed. */
  error?: string;
}

/** What the flow's outcome ledger lets verification do. */
export interface VerifyLedger {
  list(): Outcome[];
  /** Turns a granted outcome into a "not visible" one, with its log row and status. */
  markNotVisible(key: string): void;
}

/** The recipients granted this run whose keys the permission list does not name. */
export function notVisibleIn(granted: readonly Outcome[], permissions: readonly PermissionInfo[]): string[] {
  const index = accessIndex(permissions);
  return granted.filter((o) => o.status === "granted" && !index.has(o.key)).map((o) => o.key);
}

/** One permission-list read after the run; marks the grants it does not show. Never throws. */
export async function verifyAfter(
  graph: GraphPort,
  item: DriveItemRef,
  ledger: VerifyLedger,
): Promise<Verification> {
  const granted = ledger.list().filter((o) => o.status === "granted" && !o.notVisible);
  if (granted.length === 0) return { checked: 0, notVisible: [] };
  let permissions: PermissionInfo[];
  try {
    permissions = await graph.listPermissions(item);
  } catch (e) {
    return { checked: 0, notVisible: [], error: e instanceof Error ? e.message : String(e) };
  }
  const missing = notVisibleIn(granted, permissions);
  for (const key of missing) ledger.markNotVisible(key);
  return { checked: granted.length, notVisible: missing };
}
