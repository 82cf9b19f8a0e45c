// Graph JSON → the add-in's types. Everything from the wire is `unknown` until it passes here.
// Shapes: resources/permission.md, concepts/errors.md, and the beta invite page's 207 entries.

import { permissionKey } from "./email-address";
import type { GraphErrorInfo, PermissionInfo } from "./types";

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

/** Parses one permission resource; undefined when it is not one (no id). */
export function parsePermission(value: unknown): PermissionInfo | undefined {
  const p = obj(value);
  const id = p && str(p["id"]);
  if (!p || !id) return undefined;
  const roles = Array.isArray(p["roles"]) ? p["roles"].filter((r): r is string => typeof r === "string") : [];
  const v2 = obj(p["grantedToV2"]);
  const legacy = obj(p["grantedTo"]);
  const who = {
    ...identity(legacy?.["user"]),
    ...identity(v2?.["siteUser"]),
    ...identity(v2?.["user"]),
  };
  const invitation = obj(p["invitation"]);
  const link = obj(p["link"]);
  const info: PermissionInfo = { id, roles };
  if (who.displayName !== undefined) info.grantedTo = who.displayName;
  if (who.id !== undefined) info.grantedToId = who.id;
  if (who.email !== undefined) info.grantedToEmail = who.email;
  const invitedEmail = invitation && str(invitation["email"]);
  if (invitedEmail !== undefined) info.invitationEmail = invitedEmail;
  if (invitation && typeof invitation["signInRequired"] === "boolean") {
    info.signInRequired = invitation["signInRequired"];
  }
  const expires = str(p["expirationDateTime"]);
  if (expires !== undefined) info.expirationDateTime = expires;
  const webUrl = link && str(link["webUrl"]);
  if (webUrl !== undefined) info.link = webUrl;
  // inheritedFrom is an itemReference (resources/permission.md): its path or id names the parent.
  const inherited = obj(p["inheritedFrom"]);
  if (inherited) info.inheritedFrom = str(inherited["path"]) ?? str(inherited["id"]) ?? "a parent folder";
  return info;
}

/**
 * The keys a permission grants access to, made exactly as the parser makes recipient keys (emailKey:
 * NFKC, lower case, punycode domain; object ids lower-cased), so "already has access" matches whichever
 * spelling Graph or the cell uses.
 */
export function permissionKeys(p: PermissionInfo): string[] {
  const keys = [p.grantedToEmail, p.invitationEmail, p.grantedToId]
    .filter((k): k is string => typeof k === "string" && k !== "")
    .map(permissionKey);
  return [...new Set(keys)];
}

/** Parses `{ value: [...] }` into permissions, skipping entries that are not permissions. */
export function parsePermissionCollection(body: unknown): PermissionInfo[] {
  const list = obj(body)?.["value"];
  if (!Array.isArray(list)) return [];
  return list.map(parsePermission).filter((p): p is PermissionInfo => p !== undefined);
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
