// The tenant's directory as Graph serves it to a delegated caller: GET /users and GET /groups with
// $filter on mail and userPrincipalName (also inside $batch), and GET /me. Members are the seed's users;
// guests (B2B) carry userType "Guest" and an #EXT# user principal name; some mail-enabled groups. An
// address in the tenant's domain that is none of these is simply not in the directory.
// Scopes: User.ReadBasic.All (user-consentable) or more for /users, a group scope for /groups
// (https://learn.microsoft.com/graph/api/user-list#permissions, .../group-list#permissions); without
// one, or in a tenant that stops members reading the directory, Graph answers 403
// Authorization_RequestDenied "Insufficient privileges to complete the operation." (the shape in
// microsoft-graph-docs#1072). A $filter Graph cannot parse is 400 BadRequest "Invalid filter clause: …";
// a property this emulator does not filter on is 400 Request_UnsupportedQuery.

import { decodeJwtClaims, looksLikeJwt } from "../identity/jwt";
import { GraphError, jsonResponse, type OpRequest, type OpResponse } from "./http-types";
import { stableGuid } from "./permissions";
import type { World } from "./state";
import type { GraphBehaviour } from "./types";

export interface DirectoryUser {
  id: string;
  displayName: string;
  mail: string;
  userPrincipalName: string;
  userType: "Member" | "Guest";
}

export interface DirectoryGroup {
  id: string;
  displayName: string;
  mail: string;
}

/** The tenant's initial domain, where guests' #EXT# user principal names live. */
export const TENANT_INITIAL_DOMAIN = "contoso.onmicrosoft.com";

function guest(displayName: string, mail: string): DirectoryUser {
  const upn = `${mail.replace("@", "_")}#EXT#@${TENANT_INITIAL_DOMAIN}`;
  return { id: stableGuid(`guest:${mail}`), displayName, mail, userPrincipalName: upn, userType: "Guest" };
}

/** Guests already invited to the tenant (the workbench sample's Fabrikam guest among them). */
export const DIRECTORY_GUESTS: readonly DirectoryUser[] = [
  guest("Kim Akers (Fabrikam)", "kim.akers@fabrikam.com"),
  guest("Ray Tanaka (Litware)", "ray.tanaka@litware.com"),
];

/** Mail-enabled groups of the tenant. */
export const DIRECTORY_GROUPS: readonly DirectoryGroup[] = [
  { id: stableGuid("group:sales"), displayName: "Sales team", mail: "sales@contoso.com" },
  { id: stableGuid("group:finance"), displayName: "Finance", mail: "finance@contoso.com" },
];

const USER_SCOPES = ["User.ReadBasic.All", "User.Read.All", "User.ReadWrite.All", "Directory.Read.All"];
const ME_SCOPES = ["User.Read", "User.ReadWrite", ...USER_SCOPES];
const GROUP_SCOPES = ["GroupMember.Read.All", "Group.Read.All", "Group.ReadWrite.All", "Directory.Read.All"];

const USER_PROPERTIES = ["id", "displayName", "mail", "userPrincipalName", "userType"];
const GROUP_PROPERTIES = ["id", "displayName", "mail"];

type Collection = "users" | "groups" | "me";

/** The directory collection a path names (exactly /users, /groups or /me), else undefined. */
export function directoryCollection(path: string): Collection | undefined {
  const segs = path.split("/").filter((s) => s !== "");
  if (segs.length !== 1) return undefined;
  const name = segs[0]?.toLowerCase();
  return name === "users" || name === "groups" || name === "me" ? name : undefined;
}

function denied(): GraphError {
  return new GraphError(
    403,
    "Authorization_RequestDenied",
    "Insufficient privileges to complete the operation.",
  );
}

/** The 403 for a JWT whose scp has no scope this collection needs; opaque tokens pass, as elsewhere. */
export function directoryScopeError(authorization: string | undefined, path: string): GraphError | undefined {
  const collection = directoryCollection(path);
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
  if (collection === undefined || token === undefined || !looksLikeJwt(token)) return undefined;
  const scp = decodeJwtClaims(token)?.["scp"];
  const granted = typeof scp === "string" ? scp.split(/\s+/) : [];
  const needed = collection === "me" ? ME_SCOPES : collection === "users" ? USER_SCOPES : GROUP_SCOPES;
  return granted.some((s) => needed.includes(s)) ? undefined : denied();
}

function members(world: World): DirectoryUser[] {
  return world.seed.users.map((u) => ({
    id: u.id,
    displayName: u.displayName,
    mail: u.email,
    userPrincipalName: u.email,
    userType: "Member" as const,
  }));
}

function meOf(op: OpRequest, world: World): DirectoryUser {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(op.headers["authorization"] ?? "")?.[1] ?? "";
  const claims = looksLikeJwt(token) ? decodeJwtClaims(token) : undefined;
  const upn = typeof claims?.["upn"] === "string" ? claims["upn"] : undefined;
  const owner = world.seed.drives[0]?.owner ?? world.seed.users[0];
  const mail = upn ?? owner?.email ?? "";
  const name = typeof claims?.["name"] === "string" ? claims["name"] : (owner?.displayName ?? "");
  const oid = typeof claims?.["oid"] === "string" ? claims["oid"] : (owner?.id ?? stableGuid(mail));
  return { id: oid, displayName: name, mail, userPrincipalName: mail, userType: "Member" };
}

/** GET /users, /groups or /me (the route graph.ts registers for them). */
export function answerDirectory(op: OpRequest, world: World, behaviour: GraphBehaviour): OpResponse {
  const collection = directoryCollection(op.path);
  if (op.method.toUpperCase() !== "GET") {
    throw new GraphError(
      405,
      "Request_BadRequest",
      "Specified HTTP method is not allowed for the request target.",
    );
  }
  if (collection === "me") {
    return entityResponse(op, "users", USER_PROPERTIES, meOf(op, world));
  }
  // A tenant whose members may not read other users (defaultUserRolePermissions.allowedToReadOtherUsers).
  if (behaviour.directoryRefused === true) throw denied();
  const isUsers = collection === "users";
  const properties = isUsers ? USER_PROPERTIES : GROUP_PROPERTIES;
  const all: Array<DirectoryUser | DirectoryGroup> = isUsers
    ? [...members(world), ...DIRECTORY_GUESTS]
    : [...DIRECTORY_GROUPS];
  const raw = op.query.get("$filter");
  const match = raw === null ? () => true : compileFilter(raw, isUsers ? "User" : "Group");
  const select = selected(op, properties);
  const value = all.filter((entry) => match(entry as unknown as Record<string, string>)).slice(0, 100);
  return jsonResponse(200, {
    "@odata.context": `https://graph.microsoft.com/v1.0/$metadata#${collection ?? "users"}(${select.join(",")})`,
    value: value.map((v) => pick(v, select)),
  });
}

function entityResponse(op: OpRequest, set: string, properties: string[], entry: DirectoryUser): OpResponse {
  const select = selected(op, properties);
  return jsonResponse(200, {
    "@odata.context": `https://graph.microsoft.com/v1.0/$metadata#${set}/$entity`,
    ...pick(entry, select),
  });
}

function selected(op: OpRequest, properties: string[]): string[] {
  const raw = op.query.get("$select");
  if (raw === null || raw.trim() === "") return properties;
  const names = raw.split(",").map((s) => s.trim());
  for (const name of names) {
    if (!properties.some((p) => p.toLowerCase() === name.toLowerCase())) {
      throw new GraphError(
        400,
        "Request_BadRequest",
        `Parsing OData Select and Expand failed: Could not find a property named '${name}' on type 'microsoft.graph.directoryObject'.`,
      );
    }
  }
  return properties.filter((p) => names.some((n) => n.toLowerCase() === p.toLowerCase()));
}

function pick(entry: object, names: string[]): Record<string, unknown> {
  const source = entry as Record<string, unknown>;
  return Object.fromEntries(names.map((n) => [n, source[n] ?? null]));
}

// ---------------------------------------------------------------- $filter

type Token = { kind: "word" | "string" | "open" | "close"; text: string; at: number };

function invalidFilter(problem: string, filter: string): GraphError {
  return new GraphError(400, "BadRequest", `Invalid filter clause: ${problem} in '${filter}'.`);
}

function tokenize(filter: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < filter.length) {
    const c = filter[i] ?? "";
    if (/\s/.test(c)) i += 1;
    else if (c === "(" || c === ")") tokens.push({ kind: c === "(" ? "open" : "close", text: c, at: i++ });
    else if (c === "'") {
      let text = "";
      let j = i + 1;
      for (;;) {
        if (j >= filter.length)
          throw invalidFilter(`There is an unterminated string literal at position ${i}`, filter);
        if (filter[j] === "'") {
          if (filter[j + 1] !== "'") break;
          text += "'";
          j += 2;
        } else text += filter[j++];
      }
      tokens.push({ kind: "string", text, at: i });
      i = j + 1;
    } else {
      const word = /^[A-Za-z_][\w/]*/.exec(filter.slice(i))?.[0];
      if (!word) throw invalidFilter(`Syntax error at position ${i}`, filter);
      tokens.push({ kind: "word", text: word, at: i });
      i += word.length;
    }
  }
  return tokens;
}

type Predicate = (entry: Record<string, string>) => boolean;

/** mail / userPrincipalName eq '…', joined by and / or, in parentheses or not; case-insensitive values. */
export function compileFilter(filter: string, resource: "User" | "Group"): Predicate {
  const tokens = tokenize(filter);
  let pos = 0;
  const filterable = resource === "User" ? ["mail", "userPrincipalName"] : ["mail"];
  const syntax = (): GraphError =>
    invalidFilter(`Syntax error at position ${tokens[pos]?.at ?? filter.length}`, filter);
  const clause = (): Predicate => {
    const t = tokens[pos];
    if (t?.kind === "open") {
      pos += 1;
      const inner = expression();
      if (tokens[pos]?.kind !== "close") throw syntax();
      pos += 1;
      return inner;
    }
    const op = tokens[pos + 1];
    const literal = tokens[pos + 2];
    if (t?.kind !== "word" || op?.kind !== "word" || literal?.kind !== "string") throw syntax();
    const property = filterable.find((p) => p.toLowerCase() === t.text.toLowerCase());
    if (property === undefined || op.text.toLowerCase() !== "eq") {
      throw new GraphError(
        400,
        "Request_UnsupportedQuery",
        `Unsupported or invalid query filter clause specified for property '${t.text}' of resource '${resource}'.`,
      );
    }
    pos += 3;
    const wanted = literal.text.toLowerCase();
    return (entry) => (entry[property] ?? "").toLowerCase() === wanted;
  };
  const expression = (): Predicate => {
    let left = clause();
    while (tokens[pos]?.kind === "word" && /^(and|or)$/i.test(tokens[pos]?.text ?? "")) {
      const isOr = (tokens[pos]?.text ?? "").toLowerCase() === "or";
      pos += 1;
      const right = clause();
      const l = left;
      left = isOr ? (e) => l(e) || right(e) : (e) => l(e) && right(e);
    }
    return left;
  };
  const predicate = expression();
  if (pos !== tokens.length) throw syntax();
  return predicate;
}
