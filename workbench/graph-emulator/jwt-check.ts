// Access-token checks for the Graph emulator, as Graph makes them on a JWT bearer token
// (workbench/identity mints them, unsigned): a token Graph cannot read, meant for another audience, or
// outside its lifetime is 401 InvalidAuthenticationToken; a readable token without a delegated scope the
// operation needs is 403 accessDenied. The signature is not checked (the tokens are alg "none").
// Opaque tokens (no JWT shape, e.g. the emulator's long-standing "test-token" or a workbench ?token=)
// keep working as before: they carry no claims to check.
// Scopes per operation: https://learn.microsoft.com/graph/api/driveitem-invite#permissions,
// https://learn.microsoft.com/graph/api/driveitem-list-permissions#permissions,
// https://learn.microsoft.com/graph/api/permission-delete#permissions,
// https://learn.microsoft.com/graph/api/workbook-createsession#permissions,
// https://learn.microsoft.com/graph/api/shares-get#permissions. Error shape: concepts/errors.md
// (https://learn.microsoft.com/graph/errors).

import { decodeJwtClaims, looksLikeJwt } from "../identity/jwt";
import { GRAPH_AUDIENCES } from "../identity/identity-provider";
import { directoryCollection, directoryScopeError } from "./directory";
import { GraphError } from "./http-types";

/** Delegated scopes that allow changing files and their sharing (any one suffices). */
export const WRITE_SCOPES: readonly string[] = [
  "Files.ReadWrite",
  "Files.ReadWrite.All",
  "Sites.ReadWrite.All",
  "Sites.Manage.All",
  "Sites.FullControl.All",
];
/** Delegated scopes that allow reading files and their permissions (any one suffices). */
export const READ_SCOPES: readonly string[] = [
  "Files.Read",
  "Files.Read.All",
  "Sites.Read.All",
  ...WRITE_SCOPES,
];

/** Clock skew Entra-protected APIs tolerate on exp/nbf (5 minutes in Microsoft.IdentityModel). */
const SKEW_SECONDS = 300;

const invalid = (message: string) => new GraphError(401, "InvalidAuthenticationToken", message);

function bearer(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  return match?.[1];
}

/**
 * The 401 for this Authorization header, or undefined when the token may be used. nowMs is the
 * emulator's clock, so a test's fake clock decides expiry. Opaque tokens are left to the caller.
 */
export function tokenError(authorization: string | undefined, nowMs: number): GraphError | undefined {
  const token = bearer(authorization);
  if (token === undefined || !looksLikeJwt(token)) return undefined;
  const claims = decodeJwtClaims(token);
  if (claims === undefined) return invalid("CompactToken parsing failed with error code: 80049217");
  const aud = claims["aud"];
  if (typeof aud !== "string" || !GRAPH_AUDIENCES.includes(aud)) {
    return invalid("Access token validation failure. Invalid audience.");
  }
  const now = Math.floor(nowMs / 1000);
  const exp = claims["exp"];
  if (typeof exp !== "number" || exp + SKEW_SECONDS <= now) {
    return invalid("Lifetime validation failed, the token is expired.");
  }
  const nbf = claims["nbf"];
  if (typeof nbf === "number" && nbf - SKEW_SECONDS > now) {
    return invalid("Lifetime validation failed, the token is not yet valid.");
  }
  return undefined;
}

/**
 * The scopes any one of which the operation needs: reads (the item, its permissions, a session's state)
 * take any Files/Sites read scope; everything else the add-in sends writes (invite, removing a
 * permission, createSession/closeSession/refreshSession) and takes a read-write one.
 */
export function requiredScopes(method: string): readonly string[] {
  const m = method.toUpperCase();
  return m === "GET" || m === "HEAD" ? READ_SCOPES : WRITE_SCOPES;
}

/**
 * The 403 when a JWT's delegated scopes (scp) include none the operation needs; undefined for opaque
 * tokens and for tokens tokenError() would refuse (that check runs first).
 */
export function scopeError(
  authorization: string | undefined,
  method: string,
  path: string,
): GraphError | undefined {
  // The directory (/users, /groups, /me) asks for directory scopes, not file ones (directory.ts).
  if (directoryCollection(path) !== undefined) return directoryScopeError(authorization, path);
  const token = bearer(authorization);
  if (token === undefined || !looksLikeJwt(token)) return undefined;
  const claims = decodeJwtClaims(token);
  if (claims === undefined) return undefined;
  const scp = typeof claims["scp"] === "string" ? claims["scp"].split(/\s+/).filter(Boolean) : [];
  if (scp.length === 0) {
    return new GraphError(403, "accessDenied", "Either scp or roles claim need to be present in the token.");
  }
  const needed = requiredScopes(method);
  if (scp.some((s) => needed.includes(s))) return undefined;
  return new GraphError(
    403,
    "accessDenied",
    `Access denied. ${method.toUpperCase()} ${path} needs one of these delegated permissions: ${needed.join(", ")}.`,
  );
}
