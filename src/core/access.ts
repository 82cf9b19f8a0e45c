// Who already has access, and which invite answers mean what. Pure helpers for the share flow.

import { entryError, parseGraphError, parsePermission, permissionKeys } from "./graph-json";
import type { GraphErrorInfo, PermissionInfo, Role } from "./types";

/** True when a permission's roles give at least the requested role. */
export function satisfies(roles: readonly string[], wanted: Role): boolean {
  if (roles.includes("owner") || roles.includes("write")) return true;
  return wanted === "read" && roles.includes("read");
}

/** Index of current permissions by recipient key; inherited and link permissions count too when they name the person. */
export function accessIndex(permissions: readonly PermissionInfo[]): Map<string, PermissionInfo> {
  const map = new Map<string, PermissionInfo>();
  for (const p of permissions) {
    for (const key of permissionKeys(p)) {
      const prev = map.get(key);
      // Keep the strongest grant for a key.
      if (!prev || (satisfies(p.roles, "write") && !satisfies(prev.roles, "write"))) map.set(key, p);
    }
  }
  return map;
}

/** Session errors: the request was refused before it was carried out (concepts/workbook-error-codes.md). */
export function isSessionError(error: GraphErrorInfo): boolean {
  return /^invalidSession/i.test(error.innerCode ?? "") || /^invalidSession/i.test(error.code);
}

export function isRecreatableSessionError(error: GraphErrorInfo): boolean {
  return /^(invalidSessionReCreatable|invalidSessionNotFound)$/i.test(error.innerCode ?? error.code);
}

export type InviteAnswer =
  | { kind: "granted"; permission: PermissionInfo; warning?: GraphErrorInfo }
  | { kind: "failed"; error: GraphErrorInfo }
  /** Refused before execution: send again (after waiting). */
  | { kind: "again"; error: GraphErrorInfo; retryAfter: string | null; session: boolean }
  /** May or may not have been carried out: look before sending again. */
  | { kind: "ambiguous"; error: GraphErrorInfo; retryAfter: string | null };

/**
 * Classifies one invite answer (a batch item). One recipient per request, so value[0] is the
 * recipient's permission; a 207 entry may carry an error about the invitation e-mail only.
 */
export function classifyInviteAnswer(
  status: number,
  headers: Readonly<Record<string, string>>,
  body: unknown,
): InviteAnswer {
  const get = { get: (n: string) => headers[n.toLowerCase()] ?? null };
  const retryAfter = headers["retry-after"] ?? null;
  if (status === 200 || status === 201 || status === 207) {
    const list = (body as { value?: unknown } | undefined)?.value;
    const entry = Array.isArray(list) ? list[0] : undefined;
    const permission = parsePermission(entry);
    const warning = entryError(entry, status);
    if (permission)
      return warning ? { kind: "granted", permission, warning } : { kind: "granted", permission };
    if (warning) return { kind: "failed", error: warning };
    // A success status without a permission in it (HTML from a proxy, an empty body): it may have been
    // carried out, so it is neither granted nor failed until the permission list says which.
    const error = { status, code: "invalidResponse", message: "The answer named no permission." };
    return { kind: "ambiguous", error, retryAfter: null };
  }
  const error = parseGraphError(status, body, get);
  if (status === 0) {
    error.code = "noAnswer";
    error.message ||= "No answer came for this request.";
  }
  // 429: refused before execution. 424: not run because another request of the batch failed
  // (concepts/json-batching.md, dependsOn); the add-in sends none, but if Graph says so it did not run.
  if (status === 429 || status === 424) return { kind: "again", error, retryAfter, session: false };
  if (isSessionError(error)) return { kind: "again", error, retryAfter, session: true };
  if (status === 401) return { kind: "again", error, retryAfter, session: false };
  if (status === 0 || status === 500 || status === 502 || status === 503 || status === 504) {
    return { kind: "ambiguous", error, retryAfter };
  }
  return { kind: "failed", error };
}

/**
 * Whether a $batch of invites that came back without readable items may have been carried out: no
 * answer, a server error, a 424 without items (concepts/throttling.md), or a body that is not a batch
 * answer. Those are looked up in the permission list before anything is sent again.
 */
export function isAmbiguousBatchFailure(status: number, error: GraphErrorInfo): boolean {
  return status === 0 || status >= 500 || status === 424 || error.code === "invalidResponse";
}
