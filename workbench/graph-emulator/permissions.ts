// Builders for permission resources as OneDrive for Business / SharePoint and OneDrive personal return them
// (api-reference/v1.0/resources/permission.md; the invite response example in api-reference/v1.0/api/driveitem-invite.md).
import { Buffer } from "node:buffer";
import type { GraphPermission, GraphSharePointIdentitySet, SeedUser } from "./types";

/** What SharePoint puts in expirationDateTime when a link or group entry never expires. */
export const NO_EXPIRY = "0001-01-01T00:00:00Z";

/** A stable GUID-shaped id derived from a string (demo users and sharing links get stable ids). */
export function stableGuid(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  const bytes: number[] = [];
  for (const b of Buffer.from(text, "utf8")) {
    h1 = Math.imul(h1 ^ b, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ b, 0x5bd1e995) >>> 0;
  }
  for (let i = 0; i < 16; i++) {
    h1 = Math.imul(h1 ^ (h2 >>> 7), 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ (h1 >>> 11), 0x5bd1e995) >>> 0;
    bytes.push(h1 & 0xff);
  }
  const hex = bytes.map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** SharePoint claims login of a tenant member. */
export function memberLogin(email: string): string {
  return `i:0#.f|membership|${email.toLowerCase()}`;
}

/** SharePoint claims login of an external (guest) invitee. */
export function guestLogin(email: string): string {
  return `i:0#.f|membership|urn%3aspo%3aguest#${email.toLowerCase()}`;
}

/**
 * SharePoint permission ids are the base64 of the principal's claims login, so the same person always has
 * the same permission id on an item: a re-invite answers with the permission that already exists.
 */
export function permissionIdFor(login: string): string {
  return Buffer.from(login, "utf8").toString("base64url");
}

/** Personal OneDrive permission ids look like "<CID>!<n>". */
export function personalPermissionId(driveId: string, n: number): string {
  return `${driveId.toUpperCase()}!${n}`;
}

export function ownerPermission(
  owner: SeedUser,
  driveType: "business" | "personal",
  driveId: string,
): GraphPermission {
  const user = { id: owner.id, displayName: owner.displayName, email: owner.email };
  if (driveType === "personal") {
    return {
      id: personalPermissionId(driveId, 0),
      roles: ["owner"],
      grantedTo: { user },
      grantedToV2: { user },
    };
  }
  return {
    id: permissionIdFor(memberLogin(owner.email)),
    roles: ["owner"],
    grantedTo: { user },
    grantedToV2: {
      user,
      siteUser: { id: "3", displayName: owner.displayName, loginName: memberLogin(owner.email) },
    },
  };
}

export function memberPermission(
  user: SeedUser,
  role: string,
  siteUserId: string,
  opts: { personalDriveId?: string; serial?: number; signInRequired: boolean },
): GraphPermission {
  const identity = { id: user.id, displayName: user.displayName, email: user.email };
  if (opts.personalDriveId !== undefined) {
    return {
      id: personalPermissionId(opts.personalDriveId, opts.serial ?? 1),
      roles: [role],
      grantedTo: { user: identity },
      grantedToV2: { user: identity },
      invitation: { email: user.email, signInRequired: opts.signInRequired },
    };
  }
  return {
    id: permissionIdFor(memberLogin(user.email)),
    roles: [role],
    grantedTo: { user: identity },
    grantedToV2: {
      user: identity,
      siteUser: { id: siteUserId, displayName: user.displayName, loginName: memberLogin(user.email) },
    },
    invitation: { email: user.email, signInRequired: true },
  };
}

export function guestPermission(
  email: string,
  role: string,
  siteUserId: string,
  opts: { personalDriveId?: string; serial?: number; signInRequired: boolean },
): GraphPermission {
  const address = email.toLowerCase();
  if (opts.personalDriveId !== undefined) {
    return {
      id: personalPermissionId(opts.personalDriveId, opts.serial ?? 1),
      roles: [role],
      invitation: { email: address, signInRequired: opts.signInRequired },
    };
  }
  return {
    id: permissionIdFor(guestLogin(address)),
    roles: [role],
    grantedToV2: { siteUser: { id: siteUserId, displayName: address, loginName: guestLogin(address) } },
    invitation: { email: address, signInRequired: true },
  };
}

/** A SharePoint site group ("… Owners" / "… Members" / "… Visitors"): a SharePoint group's login is its name. */
export interface SiteGroup {
  /** SharePoint group id (a small integer, as a string). */
  id: string;
  displayName: string;
  role: "owner" | "write" | "read";
  /** "siteGroup": grantedToV2.siteGroup; "group": grantedToV2.group (an Entra group id). */
  shape: "siteGroup" | "group";
}

/**
 * A site group's entry in an item's permission list (microsoft-graph-docs#6911): no grantedTo, no invitation,
 * no inheritedFrom (ODB/SharePoint do not return it, permission.md remarks; microsoft-graph-docs#21308).
 */
export function siteGroupPermission(group: SiteGroup): GraphPermission {
  const identity =
    group.shape === "siteGroup"
      ? { siteGroup: { id: group.id, displayName: group.displayName, loginName: group.displayName } }
      : { group: { id: stableGuid(`group:${group.displayName}`), displayName: group.displayName } };
  return {
    id: permissionIdFor(`c:0-.f|spgroup|${group.id}`),
    roles: [group.role],
    grantedToV2: identity,
    expirationDateTime: NO_EXPIRY,
  };
}

/** One person on a sharing link, as grantedToIdentitiesV2 lists them. */
export function linkIdentity(
  person: SeedUser | { email: string },
  siteUserId: string,
): GraphSharePointIdentitySet {
  const email = person.email.toLowerCase();
  if (!("id" in person)) {
    return { siteUser: { id: siteUserId, displayName: email, loginName: guestLogin(email) } };
  }
  const user = { id: person.id, displayName: person.displayName, email: person.email };
  return {
    user,
    siteUser: { id: siteUserId, displayName: person.displayName, loginName: memberLogin(email) },
  };
}

/** The deprecated grantedToIdentities mirror of grantedToIdentitiesV2 (members only: guests have no user). */
function legacyIdentities(
  v2: GraphSharePointIdentitySet[],
): Array<{ user: NonNullable<GraphSharePointIdentitySet["user"]> }> {
  return v2.flatMap((i) => (i.user !== undefined ? [{ user: i.user }] : []));
}

/** Keeps grantedToIdentities in step after grantedToIdentitiesV2 changed. */
export function syncLegacyIdentities(p: GraphPermission): void {
  p.grantedToIdentities = legacyIdentities(p.grantedToIdentitiesV2 ?? []);
}

/**
 * A "specific people" sharing link (link.scope "users") with the people on it in grantedToIdentitiesV2, as
 * ODB/SharePoint list it (resources/permission.md, "sharing link" example).
 */
export function specificPeopleLink(
  id: string,
  role: "read" | "write",
  itemWebUrl: string,
  people: GraphSharePointIdentitySet[],
): GraphPermission {
  const host = /^https?:\/\/[^/]+/.exec(itemWebUrl)?.[0] ?? "https://contoso-my.sharepoint.com";
  const token = Buffer.from(id, "utf8").toString("base64url").slice(0, 22);
  const permission: GraphPermission = {
    id,
    roles: [role],
    link: {
      type: role === "write" ? "edit" : "view",
      scope: "users",
      webUrl: `${host}/:x:/g/personal/E${token}`,
      preventsDownload: false,
    },
    grantedToIdentitiesV2: people,
    hasPassword: false,
    expirationDateTime: NO_EXPIRY,
    shareId: `u!${Buffer.from(`${host}/:x:/g/personal/E${token}`, "utf8").toString("base64url")}`,
  };
  syncLegacyIdentities(permission);
  return permission;
}

/** The lower-case e-mail of one person on a link (a guest's is in the claims login). */
export function identityEmail(i: GraphSharePointIdentitySet): string | undefined {
  const email = i.user?.email ?? /([^|#]+@[^|#]+)$/.exec(i.siteUser?.loginName ?? "")?.[1];
  return email?.toLowerCase();
}

/** The lower-case e-mail addresses of the people on a link permission. */
export function linkEmails(p: GraphPermission): string[] {
  return (p.grantedToIdentitiesV2 ?? []).flatMap((i) => {
    const email = identityEmail(i);
    return email !== undefined ? [email] : [];
  });
}

/** The e-mail (lower-case) a permission was granted to, when it has one. */
export function permissionEmail(p: GraphPermission): string | undefined {
  const email = p.grantedToV2?.user?.email ?? p.grantedTo?.user.email ?? p.invitation?.email;
  return email?.toLowerCase();
}

const ROLE_RANK: Record<string, number> = { read: 1, write: 2, owner: 3 };

export function higherRole(a: string, b: string): string {
  return (ROLE_RANK[b] ?? 0) > (ROLE_RANK[a] ?? 0) ? b : a;
}
