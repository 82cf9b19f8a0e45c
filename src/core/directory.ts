// Looking recipients up in the directory: the request URLs (OData $filter with its quoting rules) and the
// reading of Graph's answers. Pure: the Graph client (src/graph/directory-api.ts) sends them.
// Facts and sources: docs/graph-facts.md, "Looking people up in the directory".

import type { DirectoryHit } from "./ports";

/** The properties a lookup asks for: enough to tell a member from a guest, nothing personal beyond. */
export const USER_SELECT = "id,displayName,mail,userPrincipalName,userType";
export const GROUP_SELECT = "id,displayName,mail";

/**
 * An OData string literal: in single quotes, a quote inside doubled (OData URL conventions, 5.1.1.6.1:
 * "o'brien" → 'o''brien'). The result still has to be percent-encoded into the URL.
 */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `mail eq '…' or userPrincipalName eq '…'`: a person is found by either (a guest's UPN has #EXT#). */
export function userFilter(address: string): string {
  const literal = odataString(address);
  return `mail eq ${literal} or userPrincipalName eq ${literal}`;
}

/**
 * The relative URL of one user lookup. The whole filter is percent-encoded: a "+" in an address would
 * otherwise arrive as a space, and "#" (as in #EXT#) would end the URL (it starts the fragment).
 * eq on mail and userPrincipalName is a default query: no ConsistencyLevel header, no $count.
 */
export function userLookupUrl(address: string): string {
  return `/users?$filter=${encodeURIComponent(userFilter(address))}&$select=${USER_SELECT}`;
}

export function groupLookupUrl(address: string): string {
  const filter = `mail eq ${odataString(address)}`;
  return `/groups?$filter=${encodeURIComponent(filter)}&$select=${GROUP_SELECT}`;
}

/** A B2B guest: userType "Guest", or (where userType was not sent) the #EXT# in its user principal name. */
export function isGuestUser(user: { userType?: unknown; userPrincipalName?: unknown }): boolean {
  if (typeof user.userType === "string" && user.userType !== "")
    return user.userType.toLowerCase() === "guest";
  return typeof user.userPrincipalName === "string" && /#EXT#@/i.test(user.userPrincipalName);
}

function valueList(body: unknown): Record<string, unknown>[] | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const value = (body as Record<string, unknown>)["value"];
  if (!Array.isArray(value)) return undefined;
  return value.filter((v): v is Record<string, unknown> => typeof v === "object" && v !== null);
}

function named(hit: DirectoryHit, entry: Record<string, unknown>): DirectoryHit {
  const name = entry["displayName"];
  if (typeof name === "string" && name !== "" && hit.found !== "none" && hit.found !== "error") {
    hit.displayName = name;
  }
  return hit;
}

/** One 200 answer of a user lookup: the first user found (a member before a guest), or none. */
export function readUserAnswer(body: unknown): DirectoryHit | undefined {
  const users = valueList(body);
  if (users === undefined) return undefined;
  const first = users.find((u) => !isGuestUser(u)) ?? users[0];
  if (first === undefined) return { found: "none" };
  return named({ found: "user", guest: isGuestUser(first) }, first);
}

/** One 200 answer of a group lookup. */
export function readGroupAnswer(body: unknown): DirectoryHit | undefined {
  const groups = valueList(body);
  if (groups === undefined) return undefined;
  const first = groups[0];
  return first === undefined ? { found: "none" } : named({ found: "group" }, first);
}

/** The domain of an address, lower-cased ("" when there is none). */
export function domainOf(address: string): string {
  const at = address.lastIndexOf("@");
  return at < 0 ? "" : address.slice(at + 1).toLowerCase();
}

/** The domains in /me's mail and userPrincipalName (a guest's own #EXT# UPN names the home tenant's). */
export function readHomeDomains(body: unknown): string[] | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const me = body as Record<string, unknown>;
  const domains = new Set<string>();
  for (const field of ["mail", "userPrincipalName"]) {
    const value = me[field];
    if (typeof value === "string" && value.includes("@") && !/#EXT#@/i.test(value))
      domains.add(domainOf(value));
  }
  return [...domains];
}

const REFUSAL = Symbol.for("share-addin.directoryRefusal");

/**
 * The error a sign-in throws when it has no token for the directory scope: the lookup then reports the
 * check unavailable instead of failing. Carries only the reason, never a server message.
 */
export function directoryTokenRefusal(why: "consentNeeded" | "declined"): Error {
  const e = new Error(why === "consentNeeded" ? "The directory scope needs consent." : "No directory token.");
  Object.defineProperty(e, REFUSAL, { value: why });
  return e;
}

export function refusalOf(e: unknown): "consentNeeded" | "declined" | undefined {
  if (typeof e !== "object" || e === null) return undefined;
  const why = (e as Record<symbol, unknown>)[REFUSAL];
  return why === "consentNeeded" || why === "declined" ? why : undefined;
}
