// POST .../invite: request validation as Graph does it, recipient resolution and the grant itself.
// api-reference/v1.0/api/driveitem-invite.md, api-reference/beta/api/driveitem-invite.md (207 partial success),
// resources/driverecipient.md; docs/graph-facts.md lists the issue threads behind each rule.
import { GraphError, isRecord } from "./http-types";
import {
  guestPermission,
  higherRole,
  identityEmail,
  linkEmails,
  linkIdentity,
  memberPermission,
  permissionEmail,
  specificPeopleLink,
  stableGuid,
  syncLegacyIdentities,
} from "./permissions";
import type { ItemState, World } from "./state";
import type { GraphPermission, GraphSharePointIdentitySet, SeedUser } from "./types";

export interface InviteParams {
  recipients: Array<{ kind: "email" | "alias" | "objectId"; value: string }>;
  roles: string[];
  message?: string;
  requireSignIn: boolean;
  sendInvitation: boolean;
  expirationDateTime?: string;
  password?: string;
}

const KNOWN_PARAMS = new Set([
  "recipients",
  "message",
  "requireSignIn",
  "sendInvitation",
  "roles",
  "expirationDateTime",
  "password",
  "retainInheritedPermissions",
]);
const RECIPIENT_KEYS = ["email", "alias", "objectId"] as const;
const VALID_ROLES = new Set(["read", "write", "owner"]);
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function bad(message: string): GraphError {
  return new GraphError(400, "invalidRequest", message);
}

/** The message Graph answers with when the payload is not JSON. */
export const UNREADABLE_JSON =
  "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.";

export function parseJsonBody(body: string | undefined): unknown {
  if (body === undefined || body.trim() === "") return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw bad(UNREADABLE_JSON);
  }
}

/** Recipients named in an invite body, for fingerprints and budget cost; [] when the body is unreadable. */
export function recipientKeys(body: string | undefined): string[] {
  let parsed: unknown;
  try {
    parsed = body === undefined ? undefined : (JSON.parse(body) as unknown);
  } catch {
    return [];
  }
  if (!isRecord(parsed) || !Array.isArray(parsed["recipients"])) return [];
  return parsed["recipients"]
    .map((r: unknown) => {
      if (!isRecord(r)) return "";
      const v = r["email"] ?? r["objectId"] ?? r["alias"];
      return typeof v === "string" ? v.trim().toLowerCase() : "";
    })
    .sort();
}

export function validateInvite(
  raw: unknown,
  driveType: "business" | "personal",
  expiry: { now: number; personal: "premium" | "refused" } = { now: Date.now(), personal: "premium" },
): InviteParams {
  if (!isRecord(raw)) throw bad("The request body must be a JSON object with inviteParameters.");
  for (const key of Object.keys(raw)) {
    if (!KNOWN_PARAMS.has(key)) {
      throw bad(
        `The parameter '${key}' in the request payload is not a valid parameter for the operation 'invite'.`,
      );
    }
  }
  const recipientsRaw = raw["recipients"];
  if (!Array.isArray(recipientsRaw) || recipientsRaw.length === 0) {
    throw bad("recipients must be a non-empty array of driveRecipient.");
  }
  const recipients = recipientsRaw.map((r: unknown, index) => {
    if (!isRecord(r)) throw bad(`recipients[${index}] must be a driveRecipient object.`);
    for (const key of Object.keys(r)) {
      if (key !== "@odata.type" && !(RECIPIENT_KEYS as readonly string[]).includes(key)) {
        throw bad(`The property '${key}' does not exist on type 'microsoft.graph.driveRecipient'.`);
      }
    }
    const present = RECIPIENT_KEYS.filter((k) => r[k] !== undefined && r[k] !== null);
    if (present.length !== 1) {
      throw bad(
        `recipients[${index}] must have exactly one of email, alias or objectId (it has ${present.length}).`,
      );
    }
    const kind = present[0] as (typeof RECIPIENT_KEYS)[number];
    const value = r[kind];
    if (typeof value !== "string" || value.trim() === "")
      throw bad(`recipients[${index}].${kind} must be a non-empty string.`);
    if (kind === "email" && !EMAIL_SHAPE.test(value.trim())) {
      throw bad(`recipients[${index}].email is not a valid e-mail address.`);
    }
    return { kind, value: value.trim() };
  });

  const rolesRaw = raw["roles"];
  if (!Array.isArray(rolesRaw) || rolesRaw.length === 0) throw bad("roles must be a non-empty array.");
  const roles = rolesRaw.map((role: unknown) => {
    if (typeof role !== "string" || !VALID_ROLES.has(role)) {
      throw bad(`Invalid role '${String(role)}'. Roles must be 'read', 'write' or 'owner'.`);
    }
    if (role === "owner" && driveType === "personal")
      throw bad("The 'owner' role is not supported on OneDrive personal.");
    return role;
  });

  const message = raw["message"];
  if (message !== undefined && message !== null) {
    if (typeof message !== "string") throw bad("message must be a string.");
    if (message.length > 2000) throw bad("message must be at most 2000 characters.");
  }
  for (const key of ["requireSignIn", "sendInvitation", "retainInheritedPermissions"]) {
    if (raw[key] !== undefined && raw[key] !== null && typeof raw[key] !== "boolean")
      throw bad(`${key} must be a boolean.`);
  }
  // Both default to false (the doc's template shows false/false), so omitting both is rejected too.
  const requireSignIn = raw["requireSignIn"] === true;
  const sendInvitation = raw["sendInvitation"] === true;
  if (!requireSignIn && !sendInvitation) throw bad("RequireSignIn and SendInvitation cannot both be false");

  const params: InviteParams = { recipients, roles, requireSignIn, sendInvitation };
  if (typeof message === "string") params.message = message;

  const expiration = raw["expirationDateTime"];
  if (expiration !== undefined && expiration !== null) {
    if (typeof expiration !== "string" || Number.isNaN(Date.parse(expiration))) {
      throw bad("expirationDateTime must be an ISO 8601 date and time.");
    }
    if (driveType === "business") {
      // ODB/SharePoint apply it only to sharing links (microsoft-graph-docs#8820, #17383).
      throw bad("expirationDateTime is not supported for direct permission grants on this drive.");
    }
    // OneDrive personal without a premium account (microsoft-graph-docs#14307).
    if (expiry.personal === "refused") throw bad("Account Upgrade is required for this operation.");
    if (Date.parse(expiration) <= expiry.now) throw bad("expirationDateTime must be in the future.");
    params.expirationDateTime = expiration;
  }
  const password = raw["password"];
  if (password !== undefined && password !== null) {
    if (typeof password !== "string") throw bad("password must be a string.");
    if (driveType === "business") throw bad("password is supported only on OneDrive personal.");
    params.password = password;
  }
  return params;
}

export type ResolvedRecipient =
  { kind: "member"; user: SeedUser; key: string } | { kind: "guest"; email: string; key: string };

/**
 * Resolves every recipient before granting anything: one bad recipient fails the whole call, with no hint
 * which one (onedrive-api-docs#915, #1614, #1779).
 */
export function resolveRecipients(
  world: World,
  params: InviteParams,
  unknownUserStatus: 400 | 500,
): ResolvedRecipient[] {
  const unknown = (): GraphError =>
    unknownUserStatus === 500
      ? new GraphError(500, "generalException", "An unspecified error has occurred.")
      : new GraphError(400, "invalidRequest", "The request is malformed or incorrect.");
  return params.recipients.map((r): ResolvedRecipient => {
    if (r.kind === "objectId") {
      const user = world.findUserById(r.value);
      if (user === undefined) throw unknown();
      return { kind: "member", user, key: r.value.toLowerCase() };
    }
    if (r.kind === "alias") {
      const user = world.findUserByAlias(r.value);
      if (user === undefined) throw unknown();
      return { kind: "member", user, key: user.email.toLowerCase() };
    }
    const user = world.findUserByEmail(r.value);
    if (user !== undefined) return { kind: "member", user, key: r.value.toLowerCase() };
    if (world.isTenantAddress(r.value)) throw unknown();
    if (!world.seed.externalSharing) {
      throw new GraphError(403, "accessDenied", "Sharing with external users is disabled for this site.");
    }
    return { kind: "guest", email: r.value.toLowerCase(), key: r.value.toLowerCase() };
  });
}

/** Grants one resolved recipient; a person who already has a direct permission gets it back (upgraded). */
export function grant(
  world: World,
  item: ItemState,
  recipient: ResolvedRecipient,
  params: InviteParams,
  quirks: { omitInvitation?: boolean } = {},
): GraphPermission {
  const role = params.roles.reduce((a, b) => higherRole(a, b));
  const email = recipient.kind === "member" ? recipient.user.email.toLowerCase() : recipient.email;
  const existing = findDirect(item.permissions, email);
  if (existing !== undefined) {
    const current = existing.roles[0] ?? "read";
    existing.roles = [higherRole(current, role)];
    return structuredClone(existing);
  }
  const personal = item.driveType === "personal";
  const opts = {
    signInRequired: personal ? params.requireSignIn : true,
    ...(personal ? { personalDriveId: item.driveId, serial: world.nextPersonalSerial() } : {}),
  };
  const permission =
    recipient.kind === "member"
      ? memberPermission(recipient.user, role, world.nextSiteUserId(), opts)
      : guestPermission(recipient.email, role, world.nextSiteUserId(), opts);
  if (params.expirationDateTime !== undefined) permission.expirationDateTime = params.expirationDateTime;
  if (params.password !== undefined) permission.hasPassword = true;
  if (quirks.omitInvitation === true && recipient.kind === "member" && !personal)
    delete permission.invitation;
  item.permissions.push(permission);
  noteDirect(item.permissions, permission);
  return structuredClone(permission);
}

/**
 * Direct permissions by e-mail, per permission list, so a run of 1,000 invites does not scan the list
 * 1,000 times. Rebuilt whenever the list's length changed by anything but a grant (a delete, a link).
 */
const directIndex = new WeakMap<
  GraphPermission[],
  { length: number; byEmail: Map<string, GraphPermission> }
>();

function findDirect(list: GraphPermission[], email: string): GraphPermission | undefined {
  let index = directIndex.get(list);
  if (index === undefined || index.length !== list.length) {
    const byEmail = new Map<string, GraphPermission>();
    for (const p of list) {
      const e = p.link === undefined ? permissionEmail(p) : undefined;
      if (e !== undefined && !byEmail.has(e)) byEmail.set(e, p);
    }
    index = { length: list.length, byEmail };
    directIndex.set(list, index);
  }
  const hit = index.byEmail.get(email);
  return hit !== undefined && hit.link === undefined && permissionEmail(hit) === email ? hit : undefined;
}

function noteDirect(list: GraphPermission[], permission: GraphPermission): void {
  const index = directIndex.get(list);
  const email = permissionEmail(permission);
  if (index === undefined || index.length !== list.length - 1 || email === undefined) return;
  index.length = list.length;
  if (!index.byEmail.has(email)) index.byEmail.set(email, permission);
}

/**
 * `behaviour.inviteCreates: "specificPeopleLink"`: the person is added to a "specific people" link
 * (link.scope "users") of the invite's role instead of getting a direct grant, and the answer is that link
 * permission with the person in grantedToIdentitiesV2. An existing users-scope link with the same role is
 * reused (a choice: SharePoint's reuse rule is not documented); otherwise a new link is created.
 */
export function grantViaLink(
  world: World,
  item: ItemState,
  recipient: ResolvedRecipient,
  params: InviteParams,
): GraphPermission {
  const role = params.roles.reduce((a, b) => higherRole(a, b)) === "read" ? "read" : "write";
  let link = item.permissions.find((p) => p.link?.scope === "users" && p.roles[0] === role);
  if (link === undefined) {
    const id = stableGuid(`link:${item.id}:${role}:${item.permissions.length}`);
    link = specificPeopleLink(id, role, item.webUrl, []);
    item.permissions.push(link);
  }
  const email = recipient.kind === "member" ? recipient.user.email.toLowerCase() : recipient.email;
  if (!linkEmails(link).includes(email)) {
    const person = recipient.kind === "member" ? recipient.user : { email };
    link.grantedToIdentitiesV2 = [
      ...(link.grantedToIdentitiesV2 ?? []),
      linkIdentity(person, world.nextSiteUserId()),
    ];
    syncLegacyIdentities(link);
  }
  return structuredClone(link);
}

/**
 * POST .../permissions/{id}/revokeGrants (api-reference/v1.0/api/permission-revokegrants.md): removes the
 * grantees from a specific-people link; only users-scope links support it. A grantee who is not on the link
 * is ignored (a choice: the doc does not say). Returns the removed addresses.
 */
export function revokeFromLink(world: World, link: GraphPermission, body: unknown): string[] {
  if (link.link?.scope !== "users") {
    throw bad("revokeGrants is only supported on sharing links scoped to specific people.");
  }
  if (!isRecord(body) || !Array.isArray(body["grantees"]) || body["grantees"].length === 0) {
    throw bad("grantees must be a non-empty array of driveRecipient.");
  }
  const wanted = body["grantees"].map((g: unknown, index) => {
    const email = isRecord(g) ? g["email"] : undefined;
    const objectId = isRecord(g) ? g["objectId"] : undefined;
    if (typeof email === "string" && email.trim() !== "") return email.trim().toLowerCase();
    if (typeof objectId === "string" && objectId.trim() !== "") {
      return world.findUserById(objectId.trim())?.email.toLowerCase() ?? `objectid:${objectId}`;
    }
    throw bad(`grantees[${index}] must have an email or an objectId.`);
  });
  const before = link.grantedToIdentitiesV2 ?? [];
  const isWanted = (i: GraphSharePointIdentitySet): boolean => wanted.includes(identityEmail(i) ?? "");
  const removed = before.filter(isWanted).map((i) => identityEmail(i) ?? "");
  link.grantedToIdentitiesV2 = before.filter((i) => !isWanted(i));
  syncLegacyIdentities(link);
  return removed;
}

const MAIL_ERRORS: Record<string, string> = {
  exchangeInvalidUser: "Current user's mailbox was not found.",
  exchangeOutOfMailboxQuota: "Out of quota.",
  accountVerificationRequired: "Account verification needed to unblock sending emails.",
};

/** The per-recipient error of a 207 Multi-Status invite answer (beta driveitem-invite.md). */
export function mailError(innerCode: string): Record<string, unknown> {
  const message = MAIL_ERRORS[innerCode] ?? "Sending the notification failed.";
  return {
    code: "notAllowed",
    message,
    localizedMessage: message,
    ...(innerCode === "accountVerificationRequired"
      ? { fixItUrl: "http://g.live.com/8SESkydrive/VerifyAccount" }
      : {}),
    innererror: { code: innerCode },
  };
}
