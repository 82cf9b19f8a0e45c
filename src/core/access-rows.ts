// Manage access: one row per thing that gives access, as a person sees it in Excel's own Manage access.
// A direct grant is one row; a sharing link is one row and each person on a "specific people" link is a
// row of their own; site groups, groups and the owner are rows that are listed but never removed here.
// Business drives do not return inheritedFrom (resources/permission.md remarks;
// microsoft-graph-docs#21308), so nothing says what is inherited: only a direct grant to a person, or a
// person's grant on a specific-people link, is ever removed from the pane.

import { expiryText, memberKeys } from "./graph-json";
import { ACCESS_TABLE_COLUMNS, accessText, type AccessTableColumn } from "./results";
import type { PermissionInfo, PermissionMember } from "./types";

export type AccessRowKind =
  "person" | "linkPerson" | "link" | "siteGroup" | "group" | "owner" | "inherited" | "unknown";

/** How a removable row is removed. */
export type Removal =
  /** DELETE .../permissions/{id}: a direct grant to one person. */
  | { action: "delete" }
  /** POST .../permissions/{id}/revokeGrants: one person off a link; the others keep access. */
  | { action: "revokeGrant"; grantee: { email: string } | { objectId: string } };

export interface AccessRow {
  /** The "Permission ID" cell: the permission's id, or "<permission id>#<e-mail or id>" for a person on a link. */
  rowId: string;
  permission: PermissionInfo;
  kind: AccessRowKind;
  who: string;
  email: string;
  /** Set on linkPerson rows. */
  member?: PermissionMember;
  /** Set when the row may be removed from the pane. */
  removal?: Removal;
  /** Why the row is kept (shown in the table and the pane), when there is no removal. */
  reason?: string;
}

/** The sentences shown for a row that is kept. */
export const KEPT_REASON = {
  owner: "No: the owner's access can't be removed.",
  inherited: "No: inherited from a folder or site; change it there.",
  siteGroup:
    "No: a SharePoint site group; removing it would change access for everyone in it. Change it in the site's permissions.",
  group:
    "No: a group; removing it would change access for everyone in it. Change it in Excel's Share > Manage access.",
  link: "No: a sharing link; removing it would cut off everyone on it. Select the people under it to remove them one by one.",
  openLink:
    "No: a sharing link anyone it reaches can use; remove it in Excel's Share > Manage access if you mean to.",
  openLinkPerson:
    "No: this link works for anyone who has it, so taking the person off would not end their access.",
  unknown: "No: the add-in can't tell what this permission is; manage it in Excel's Share > Manage access.",
} as const;

const SCOPE_TEXT: Record<string, string> = {
  users: "specific people",
  organization: "people in your organization",
  anonymous: "anyone",
  existingAccess: "people with existing access",
};

/** Separates the permission id from the person in a linkPerson row id. Graph's permission ids hold no "#". */
const ROW_ID_SEPARATOR = "#";

function linkRows(p: PermissionInfo): AccessRow[] {
  const scope = p.linkScope ?? "";
  const named = scope === "users";
  const link: AccessRow = {
    rowId: p.id,
    permission: p,
    kind: "link",
    who: `Sharing link (${SCOPE_TEXT[scope] ?? (scope || "unknown scope")})`,
    email: "",
    reason: named ? KEPT_REASON.link : KEPT_REASON.openLink,
  };
  const people = (p.members ?? []).map((m): AccessRow => {
    const key = m.email ?? m.id ?? "";
    const row: AccessRow = {
      rowId: `${p.id}${ROW_ID_SEPARATOR}${key}`,
      permission: p,
      kind: m.kind === "person" ? "linkPerson" : m.kind,
      who: m.displayName ?? m.email ?? m.id ?? "(unnamed)",
      email: m.email ?? "",
      member: m,
    };
    if (m.kind !== "person") row.reason = KEPT_REASON[m.kind];
    else if (memberKeys(m).length === 0) row.reason = KEPT_REASON.unknown;
    // revokeGrants works on links scoped to users only (api-reference/v1.0/api/permission-revokegrants.md).
    else if (!named) row.reason = KEPT_REASON.openLinkPerson;
    else
      row.removal = {
        action: "revokeGrant",
        grantee: m.email ? { email: m.email } : { objectId: m.id ?? "" },
      };
    return row;
  });
  return [link, ...people];
}

function kindOf(p: PermissionInfo): AccessRowKind {
  if (p.inheritedFrom) return "inherited";
  if (p.kind === "siteGroup" || p.kind === "group") return p.kind;
  if (p.roles.includes("owner")) return "owner";
  if (p.kind === "person" && (p.grantedToEmail || p.invitationEmail || p.grantedToId)) return "person";
  return "unknown";
}

/** The rows one permission gives: itself, and for a link each thing on it. */
export function rowsOf(p: PermissionInfo): AccessRow[] {
  if (p.kind === "link" && !p.inheritedFrom) return linkRows(p);
  const kind = kindOf(p);
  const email = kind === "person" || kind === "owner" ? (p.grantedToEmail ?? p.invitationEmail ?? "") : "";
  const row: AccessRow = {
    rowId: p.id,
    permission: p,
    kind,
    who: p.grantedTo ?? (email || p.id),
    email,
  };
  if (kind === "person") row.removal = { action: "delete" };
  else row.reason = KEPT_REASON[kind === "link" || kind === "linkPerson" ? "unknown" : kind];
  return [row];
}

/** Every row, owners first, then by name (the order Excel's own Manage access shows); link people follow their link. */
export function accessRows(permissions: readonly PermissionInfo[]): AccessRow[] {
  const sorted = [...permissions].sort(
    (a, b) =>
      Number(!a.roles.includes("owner")) - Number(!b.roles.includes("owner")) ||
      (rowsOf(a)[0]?.who ?? "").localeCompare(rowsOf(b)[0]?.who ?? ""),
  );
  return sorted.flatMap(rowsOf);
}

/** The "Kind" cell and the pane's kind label. */
export const KIND_TEXT: Record<AccessRowKind, string> = {
  person: "Direct",
  linkPerson: "On a sharing link",
  link: "Sharing link",
  siteGroup: "Site group",
  group: "Group",
  owner: "Owner",
  inherited: "Inherited",
  unknown: "Unknown",
};

/** One row of the "Current access" table. */
export function accessRowCells(row: AccessRow, listedAt: string): string[] {
  const p = row.permission;
  const cells: Record<AccessTableColumn, string> = {
    Who: row.who,
    "E-mail": row.email,
    Access: accessText(p.roles),
    Kind: row.kind === "inherited" ? `Inherited (${p.inheritedFrom ?? ""})` : KIND_TEXT[row.kind],
    Expires: expiryText(p.expirationDateTime),
    "Can be removed": row.removal ? "Yes" : (row.reason ?? KEPT_REASON.unknown),
    "Permission ID": row.rowId,
    "Listed at": listedAt,
  };
  return ACCESS_TABLE_COLUMNS.map((c) => cells[c]);
}
