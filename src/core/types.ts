// The add-in's domain types. Pure data: no Office, no fetch, no DOM.

/** A cell value as Excel's `Range.values` gives it. Error values arrive as strings such as "#N/A". */
export type CellValue = string | number | boolean | null;

/** One rectangular area of the selection, already clipped to the used range. */
export interface CellArea {
  /** Worksheet name. */
  sheet: string;
  /** 0-based index of the area's first row on the sheet. */
  rowIndex: number;
  /** 0-based index of the area's first column on the sheet. */
  columnIndex: number;
  /** values[r][c], row-major, as Excel returns them. */
  values: CellValue[][];
  /** valueTypes[r][c] where the host gave them ("Error", "Double", "String", "Empty", "Boolean", ...). */
  valueTypes?: string[][];
  /** hiddenRows[r] is true when row r of the area is hidden (filtered out). Missing: all visible. */
  hiddenRows?: boolean[];
  /**
   * Current values of the cells immediately right of the area, one per area row (besideValues[r]).
   * The status column goes there; it is written only where the cell is empty or already holds our status.
   */
  besideValues?: CellValue[];
}

/** What the add-in read from the selection. */
export interface SelectionGrid {
  areas: CellArea[];
}

/** A cell on a sheet. row/column are 0-based; address is A1-style with the sheet, e.g. "Sheet1!B7". */
export interface CellRef {
  sheet: string;
  row: number;
  column: number;
  address: string;
}

/** Per-row settings read from Role / Message / Expires columns of the selection (when it has them). */
export interface RowOverrides {
  role?: Role;
  message?: string;
  expirationDateTime?: string;
}

export type RecipientKind = "email" | "objectId";

/**
 * Something the person should look at before sharing; the recipient is still shared with.
 * mixedScript: a part of the domain mixes scripts (Latin "p" with Cyrillic "а" in "pаypal.com"), the
 * usual way to imitate another domain.
 */
export interface RecipientWarning {
  code: "mixedScript";
  /** A sentence for the preview, naming the domain in its ASCII (punycode) form too. */
  message: string;
}

/** One person to invite. Duplicates in the selection are merged into one Recipient. */
export interface Recipient {
  /**
   * Merge key, also compared with the keys of existing permissions: the address in NFKC, lower-cased,
   * its domain in ASCII (punycode) form (see emailKey); or the object id lower-cased.
   */
  key: string;
  kind: RecipientKind;
  /** The address (trimmed, as written) or the object id. */
  value: string;
  /**
   * The name written before <address>, cleaned: no control or format characters (bidi overrides,
   * zero-width characters), white space collapsed, at most MAX_NAME_LENGTH characters, never an @ or <.
   * Show it after the address (recipientLabel), never before it.
   */
  displayName?: string;
  /** Present only when there is something to warn about. */
  warnings?: RecipientWarning[];
  /** The first cell it was found in. */
  source: CellRef;
  /** Later cells that held the same recipient (merged, never sent twice). */
  duplicates: CellRef[];
  overrides?: RowOverrides;
}

export type RejectReason =
  | "invalidSyntax"
  | "errorValue"
  | "number"
  | "boolean"
  | "tooLong"
  | "invalidOverride"
  /** The name before <address> holds an @ or a <: it could pass for another address. */
  | "suspiciousName"
  /** The cell holds more entries than MAX_TOKENS_PER_CELL; none of them is read. */
  | "tooManyEntries"
  /** The run already read MAX_ENTRIES_PER_RUN entries; this cell and the rest were not read. */
  | "overLimit";

/** A cell (or one part of a cell) that is not a recipient. */
export interface Rejection {
  cell: CellRef;
  /** The offending text, shortened for display (at most 80 characters). */
  text: string;
  reason: RejectReason;
  /** A sentence a person can act on. */
  message: string;
  /** How many entries of the cell this one rejection stands for ("tooManyEntries" only). */
  entries?: number;
}

/** A data row of the selection: where a status is written and what it held. */
export interface SelectedRow {
  sheet: string;
  /** 0-based sheet row. */
  row: number;
  /** The status cell: the column immediately right of the row's area. */
  statusCell: CellRef;
  /** The status cell's current value when the selection was read (see CellArea.besideValues). */
  statusCellValue: CellValue;
  /** Keys of the recipients found in this row (first occurrences and duplicates alike). */
  recipientKeys: string[];
  rejections: Rejection[];
}

export interface DuplicateEntry {
  cell: CellRef;
  key: string;
  firstSeen: CellRef;
}

/** The header row of an area, when it has one. */
export interface AreaHeader {
  sheet: string;
  row: number;
  /** Sheet column of the recipients. */
  recipientColumn: number;
  /** The status cell of the header row (column right of the area). */
  statusCell: CellRef;
  statusCellValue: CellValue;
}

/** What was left unread because the run reached MAX_ENTRIES_PER_RUN. */
export interface NotRead {
  /** The first cell not read; it also carries an "overLimit" rejection, so its row gets a status. */
  from: CellRef;
  /** Non-blank candidate cells not read, `from` included. */
  cells: number;
  /** Entries in those cells (the parts a list would be split into; 1 for a number, error or overlong cell). */
  entries: number;
  /** The sentence for the pane (also the "overLimit" rejection's message). */
  message: string;
}

export interface ParsedSelection {
  recipients: Recipient[];
  rejected: Rejection[];
  duplicates: DuplicateEntry[];
  /**
   * Every visible data row that held something, in sheet order (up to the row of notRead.from: rows
   * after it were not read and get no status).
   */
  rows: SelectedRow[];
  headers: AreaHeader[];
  /** Present only when the selection held more than one run reads. */
  notRead?: NotRead;
}

export type Role = "read" | "write";

/** What the person chose in the task pane. */
export interface ShareOptions {
  role: Role;
  requireSignIn: boolean;
  sendInvitation: boolean;
  /** Plain text, at most 2,000 characters. */
  message?: string;
  /** ISO 8601; on business tenants Graph applies it to sharing links only. */
  expirationDateTime?: string;
}

/** The driveItem of the open workbook. */
export interface DriveItemRef {
  driveId: string;
  itemId: string;
  name?: string;
  webUrl?: string;
  /** parentReference.driveType: "business", "personal" or "documentLibrary". */
  driveType?: string;
}

/**
 * What a permission grants access to (v1.0 permission + sharePointIdentitySet, resources/permission.md):
 * one person (grantedToV2.user / siteUser), a sharing link (link; on "specific people" links the people
 * are in grantedToIdentitiesV2), a SharePoint site group (grantedToV2.siteGroup, e.g. "Members"), a
 * Microsoft 365 or security group (grantedToV2.group), or something the add-in cannot tell.
 */
export type PermissionKind = "person" | "link" | "siteGroup" | "group" | "unknown";

/** Someone a permission names: a person on a specific-people link, or the group in a group grant. */
export interface PermissionMember {
  kind: "person" | "siteGroup" | "group";
  id?: string;
  displayName?: string;
  email?: string;
}

/** A permission as the add-in records it (parsed from Graph's permission resource). */
export interface PermissionInfo {
  id: string;
  roles: string[];
  /** Set by the parser; missing on hand-made values, which count as "unknown" where it matters. */
  kind?: PermissionKind;
  /** kind "link": everyone grantedToIdentitiesV2 (or the deprecated grantedToIdentities) names. */
  members?: PermissionMember[];
  /** kind "link": link.type ("view", "edit", ...) and link.scope ("users", "organization", "anonymous"). */
  linkType?: string;
  linkScope?: string;
  grantedTo?: string;
  grantedToId?: string;
  grantedToEmail?: string;
  invitationEmail?: string;
  signInRequired?: boolean;
  expirationDateTime?: string;
  link?: string;
  /** Set when the permission is inherited from a parent folder or library (it cannot be removed here). */
  inheritedFrom?: string;
}

/** A Graph error as the add-in records it. */
export interface GraphErrorInfo {
  /** HTTP status, 0 for a network failure. */
  status: number;
  code: string;
  message: string;
  innerCode?: string;
  requestId?: string;
  date?: string;
}

export type Outcome =
  | {
      status: "granted";
      key: string;
      permission: PermissionInfo;
      /** Found by re-reading the permissions after an ambiguous failure. */
      confirmedAfterRetry?: boolean;
      /** The invitation e-mail failed (207 partial success) though access was granted. */
      warning?: GraphErrorInfo;
      /**
       * Graph answered 200, but the permission list read after the run does not show the person
       * (src/app/verify-after.ts): never counted as granted.
       */
      notVisible?: boolean;
    }
  | { status: "failed"; key: string; error: GraphErrorInfo }
  | {
      status: "skipped";
      key: string;
      /** signInNeeded / stopped: not sent because the run stopped (sign-in lost, or the person chose Stop). */
      reason: "alreadyHasAccess" | "cancelled" | "dryRun" | "signInNeeded" | "stopped";
      permission?: PermissionInfo;
    };

export type OutcomeStatus = Outcome["status"];
