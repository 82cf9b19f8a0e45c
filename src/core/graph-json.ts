// Graph JSON → the add-in's types. Everything from the wire is `unknown` until it passes here.
// Shapes: resources/permission.md, concepts/errors.md, and the beta invite page's 207 entries.

import { permissionKey } from "./email-address";
import type { GraphErrorInfo, PermissionInfo, PermissionMember } from "./types";

type Json = Record<string, unknown>;

function obj(v: unknown): Json | undefined {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

function identity(v: unknown): { id?: string; displayName?: string; email?: string } {
  const o = obj(v);
  if (!o) return {};
  const out: { id?: string; displayName?: string; email?: string } = {};
  const id = str(o["id"]);
  const displayName = str(o["displayName"]);
  // grantedTo.user.email is undocumented but is what SharePoint often returns
  // (microsoft-graph-docs-contrib#7640); loginName carries it for guests' siteUser.
  const email = str(o["email"]) ?? str(o["userPrincipalName"]) ?? emailFromLoginName(str(o["loginName"]));
  if (id !== undefined) out.id = id;
  if (displayName !== undefined) out.displayName = displayName;
  if (email !== undefined) out.email = email;
  return out;
}

function emailFromLoginName(login: string | undefined): string | undefined {
  if (!login) return undefined;
  const m = /[|#]([^|#]+@[^|#]+)$/.exec(login);
  return m?.[1];
}

/**
 * Who one sharePointIdentitySet / identitySet names (v1.0 CSDL: sharePointIdentitySet has user, siteUser,
 * group, siteGroup, sharePointGroup). A group wins over siteUser: SharePoint lists an Entra group granted
 * access as a siteUser too. undefined when it names nobody the add-in knows (an application, a device).
 */
function member(v: unknown): PermissionMember | undefined {
  const set = obj(v);
  if (!set) return undefined;
  const siteGroup = obj(set["siteGroup"]) ?? obj(set["sharePointGroup"]);
  if (siteGroup) return { kind: "siteGroup", ...identity(siteGroup) };
  const group = obj(set["group"]);
  if (group) return { kind: "group", ...identity(group) };
  if (!obj(set["user"]) && !obj(set["siteUser"])) return undefined;
  return { kind: "person", ...identity(set["siteUser"]), ...identity(set["user"]) };
}

function members(list: unknown): PermissionMember[] {
  if (!Array.isArray(list)) return [];
  return list.map(member).filter((m): m is PermissionMember => m !== undefined);
}

/** Parses one permission resource; undefined when it is not one (no id). */
export function parsePermission(value: unknown): PermissionInfo | undefined {
  const p = obj(value);
  const id = p && str(p["id"]);
  if (!p || !id) return undefined;
  const roles = Array.isArray(p["roles"]) ? p["roles"].filter((r): r is string => typeof r === "string") : [];
  const invitation = obj(p["invitation"]);
  const invitedEmail = invitation && str(invitation["email"]);
  const link = obj(p["link"]);
  const info: PermissionInfo = { id, roles };
  if (link) {
    // A sharing link: on "specific people" links the people are in grantedToIdentitiesV2; the
    // deprecated grantedToIdentities is read only when V2 is absent (resources/permission.md).
    info.kind = "link";
    const v2 = p["grantedToIdentitiesV2"];
    info.members = members(Array.isArray(v2) ? v2 : p["grantedToIdentities"]);
    const webUrl = str(link["webUrl"]);
    if (webUrl !== undefined) info.link = webUrl;
    const type = str(link["type"]);
    if (type !== undefined) info.linkType = type;
    const scope = str(link["scope"]);
    if (scope !== undefined) info.linkScope = scope;
  } else {
    const who = member(p["grantedToV2"]) ?? member(p["grantedTo"]);
    info.kind = who?.kind ?? (invitedEmail !== undefined ? "person" : "unknown");
    if (who?.displayName !== undefined) info.grantedTo = who.displayName;
    // A group's id is not a recipient's: only a person's id and address say who has access.
    if (who?.kind === "person") {
      // grantedTo.user.email is SharePoint's undocumented extra (microsoft-graph-docs-contrib#7640).
      const legacy = identity(obj(p["grantedTo"])?.["user"]);
      if (who.id !== undefined) info.grantedToId = who.id;
      const email = who.email ?? legacy.email;
      if (email !== undefined) info.grantedToEmail = email;
    }
  }
  if (invitedEmail !== undefined) info.invitationEmail = invitedEmail;
  if (invitation && typeof invitation["signInRequired"] === "boolean") {
    info.signInRequired = invitation["signInRequired"];
  }
  const expires = str(p["expirationDateTime"]);
  if (expires !== undefined) info.expirationDateTime = expires;
  // inheritedFrom is an itemReference (resources/permission.md): its path or id names the parent. Business
  // drives do not return it at all (permission.md remarks), so its absence proves nothing.
  const inherited = obj(p["inheritedFrom"]);
  if (inherited) info.inheritedFrom = str(inherited["path"]) ?? str(inherited["id"]) ?? "a parent folder";
  return info;
}

/** SharePoint writes "no expiry" as the smallest DateTimeOffset, 0001-01-01T00:00:00Z. */
export function isNoExpiry(value: string | undefined): boolean {
  return value === undefined || value === "" || /^0001-01-01/.test(value);
}

/** An expiry as the sheets show it: the date Graph gave, or "no expiry" for SharePoint's 0001-01-01. */
export function expiryText(value: string | undefined): string {
  if (value === undefined || value === "") return "";
  return isNoExpiry(value) ? "no expiry" : value;
}

/**
 * Keys made exactly as the parser makes recipient keys (emailKey: NFKC, lower case, punycode domain;
 * object ids lower-cased), so "already has access" matches whichever spelling Graph or the cell uses.
 */
function canonicalKeys(values: Array<string | undefined>): string[] {
  const keys = values.filter((k): k is string => typeof k === "string" && k !== "").map(permissionKey);
  return [...new Set(keys)];
}

/** The keys (canonical e-mail addresses and lower-case object ids) of one person on a link. */
export function memberKeys(m: PermissionMember): string[] {
  return m.kind === "person" ? canonicalKeys([m.email, m.id]) : [];
}

/**
 * The keys (canonical e-mail addresses and lower-case object ids) of the people a permission gives access to: the
 * person of a direct grant, or the people on a specific-people link. A site group, a group or a link
 * without named people gives no keys: who is in them is not in the answer.
 */
export function permissionKeys(p: PermissionInfo): string[] {
  if (p.kind === "link") return [...new Set((p.members ?? []).flatMap(memberKeys))];
  if (p.kind === "siteGroup" || p.kind === "group" || p.kind === "unknown") return [];
  return canonicalKeys([p.grantedToEmail, p.invitationEmail, p.grantedToId]);
}

/** Parses `{ value: [...] }` into permissions, skipping entries that are not permissions. */
export function parsePermissionCollection(body: unknown): PermissionInfo[] {
  return parsePermissionPage(body)?.permissions ?? [];
}

/**
 * One page of a permission list, or undefined when the body is not one (HTML from a proxy, an empty
 * body, another shape). The caller must treat undefined as an error: an unreadable page is not "nobody".
 */
export function parsePermissionPage(
  body: unknown,
): { permissions: PermissionInfo[]; nextLink?: string } | undefined {
  const page = obj(body);
  const list = page?.["value"];
  if (!page || !Array.isArray(list)) return undefined;
  const permissions = list.map(parsePermission).filter((p): p is PermissionInfo => p !== undefined);
  const nextLink = str(page["@odata.nextLink"]);
  return nextLink === undefined ? { permissions } : { permissions, nextLink };
}

/** Parses Graph's error body `{ error: { code, message, innerError: { code, request-id, date } } }`. */
export function parseGraphError(
  status: number,
  body: unknown,
  headers?: { get(name: string): string | null | undefined },
): GraphErrorInfo {
  const e = obj(obj(body)?.["error"]) ?? obj(body);
  const inner = obj(e?.["innerError"]) ?? obj(e?.["innererror"]);
  const info: GraphErrorInfo = {
    status,
    code: str(e?.["code"]) ?? (status === 0 ? "networkError" : `http${status}`),
    message: str(e?.["message"]) ?? "",
  };
  const innerCode = str(inner?.["code"]);
  if (innerCode !== undefined && innerCode !== info.code) info.innerCode = innerCode;
  const requestId = str(inner?.["request-id"]) ?? headers?.get("request-id") ?? undefined;
  if (requestId) info.requestId = requestId;
  const date = str(inner?.["date"]);
  if (date !== undefined) info.date = date;
  return info;
}

/** An entry of a 207 Multi-Status invite answer that carries a per-recipient error (beta driveitem-invite). */
export function entryError(value: unknown, status: number): GraphErrorInfo | undefined {
  const e = obj(obj(value)?.["error"]);
  if (!e) return undefined;
  return parseGraphError(status, { error: e });
}
