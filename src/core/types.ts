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

/** One person to invite. Duplicates in the selection are merged into one Recipient. */
export interface Recipient {
  /** Merge key: the e-mail address lower-cased, or the object id lower-cased. */
  key: string;
  kind: RecipientKind;
  /** The address (trimmed, as written) or the object id. */
  value: string;
  displayName?: string;
  /** The first cell it was found in. */
  source: CellRef;
  /** Later cells that held the same recipient (merged, never sent twice). */
  duplicates: CellRef[];
  overrides?: RowOverrides;
}

export type RejectReason =
  "invalidSyntax" | "errorValue" | "number" | "boolean" | "tooLong" | "invalidOverride";

/** A cell (or one part of a cell) that is not a recipient. */
export interface Rejection {
  cell: CellRef;
  /** The offending text, shortened for display (at most 80 characters). */
  text: string;
  reason: RejectReason;
  /** A sentence a person can act on. */
  message: string;
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

export interface ParsedSelection {
  recipients: Recipient[];
  rejected: Rejection[];
  duplicates: DuplicateEntry[];
  /** Every visible data row that held something, in sheet order. */
  rows: SelectedRow[];
  headers: AreaHeader[];
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
}

/** A permission as the add-in records it (parsed from Graph's permission resource). */
export interface PermissionInfo {
  id: string;
  roles: string[];
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
