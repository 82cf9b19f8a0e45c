// Builders for permission resources as OneDrive for Business / SharePoint and OneDrive personal return them
// (api-reference/v1.0/resources/permission.md; the invite response example in api-reference/v1.0/api/driveitem-invite.md).
import { Buffer } from "node:buffer";
import type { GraphPermission, SeedUser } from "./types";

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

/** The e-mail (lower-case) a permission was granted to, when it has one. */
export function permissionEmail(p: GraphPermission): string | undefined {
  const email = p.grantedToV2?.user?.email ?? p.grantedTo?.user.email ?? p.invitation?.email;
  return email?.toLowerCase();
}

const ROLE_RANK: Record<string, number> = { read: 1, write: 2, owner: 3 };

export function higherRole(a: string, b: string): string {
  return (ROLE_RANK[b] ?? 0) > (ROLE_RANK[a] ?? 0) ? b : a;
}
