// The small interfaces the share flow runs over (the ports). They live in src/core so that src/app
// (which runs over them) and the adapters that implement them (src/office, the Graph client in
// src/graph) depend on them without knowing each other; tests and the benchmark pass in-memory ones.

import type { BatchItemResponse } from "./batch-json";
import type { StatusCellWrite } from "./status-blocks";
import type { DriveItemRef, GraphErrorInfo, PermissionInfo, SelectionGrid } from "./types";

/** One status cell to write beside a selected row (0-based sheet coordinates). */
export type StatusWrite = StatusCellWrite;

/** What one flush writes: rows appended to the Permissions log, and status cells. */
export interface WorkbookFlush {
  /** Each row has exactly PERMISSION_LOG_COLUMNS.length strings (src/core/permission-log.ts). */
  logRows: string[][];
  statuses: StatusWrite[];
}

/** What a flush could not store as asked, though the request landed. */
export interface FlushReport {
  /**
   * Log cells (row index in WorkbookFlush.logRows, column index) left empty because their text starts
   * like a formula and Excel did not keep the Text format on the cell (see src/office/excel-workbook.ts).
   */
  unsafeCells: Array<{ row: number; column: number }>;
}

export interface WorkbookPort {
  /** Reads the selected cells (clipped to the used range, hidden rows marked). */
  readSelection(): Promise<SelectionGrid>;
  /** Office.context.document.url: the file's URL, a local path, or undefined for an unsaved workbook. */
  documentUrl(): string | undefined;
  /**
   * Makes sure the Permissions log table exists (creating its sheet and table on first use) and
   * returns the name of the sheet it is on. Called once before anything is sent.
   */
  ensureLog(): Promise<string>;
  /**
   * Appends the log rows and writes the statuses (the write-back passes one kind at a time, in chunks
   * small enough for one request). Rejects when Excel refuses the request.
   */
  flush(update: WorkbookFlush): Promise<FlushReport | void>;
}

/**
 * What the task pane needs of the workbook beyond the share flow: showing a sheet and Manage access.
 * A separate interface so in-memory WorkbookPorts (tests, the benchmark) need not implement it.
 */
export interface PaneWorkbookPort extends WorkbookPort {
  /** Shows the worksheet with this name (the Permissions log, the Current access sheet). */
  activateSheet(name: string): Promise<void>;
  /**
   * Replaces every row of the "Current access" table with `rows` (ACCESS_TABLE_COLUMNS.length strings
   * each, src/core/results.ts), creating its sheet and table on first use. It is a snapshot, not a log.
   * Returns the name of the sheet it is on.
   */
  writeAccessTable(rows: string[][]): Promise<string>;
  /**
   * The Permission IDs of the visible "Current access" rows the selection touches, in table order;
   * empty when the selection is not on that table.
   */
  readSelectedAccessRows(): Promise<string[]>;
  /**
   * The Permissions log: its header row, then every data row, each cell as text (a number or date cell as
   * its value's text); empty when there is no log yet. Undo and the expiry sweep read runs from it.
   */
  readLog(): Promise<string[][]>;
  /** The "Run ID" cells of the visible Permissions log rows the selection touches, in table order, once each. */
  readSelectedLogRuns(): Promise<string[]>;
}

/** The invite route: v1.0's item-addressed one, or the seed API's /workbooks/{id}/invite. */
export type InviteRoute = "items" | "workbooks";

/** One invite of a $batch: an id of the caller's choosing and the JSON body for one recipient. */
export interface InviteCall {
  id: string;
  body: unknown;
}

/** The answer to a $batch of invites: per-item answers, or the batch itself failed. */
export type InviteBatchResult =
  | { kind: "items"; items: Map<string, BatchItemResponse> }
  | {
      kind: "failed";
      status: number;
      /**
       * Graph's Retry-After; when a top-level 429/503/424 came without a readable one (a browser hides it),
       * the client's conservative stand-in, in seconds, and retryAfterUnknown is true.
       */
      retryAfter: string | null;
      retryAfterUnknown?: boolean;
      error: GraphErrorInfo;
    };

export interface Clock {
  now(): number;
  /** Resolves after ms, or early when the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface GraphPort {
  /** GET /shares/{token}/driveItem for the document URL. Throws a GraphFailure (graph-failure.ts). */
  resolveWorkbook(documentUrl: string): Promise<DriveItemRef>;
  /** POST .../workbook/createSession {persistChanges:true}; the session id. Throws a GraphFailure (graph-failure.ts). */
  createSession(item: DriveItemRef): Promise<string>;
  refreshSession(item: DriveItemRef, sessionId: string): Promise<void>;
  closeSession(item: DriveItemRef, sessionId: string): Promise<void>;
  /** Every permission on the item (following nextLink). Throws a GraphFailure (graph-failure.ts). */
  listPermissions(item: DriveItemRef): Promise<PermissionInfo[]>;
  /** DELETE .../permissions/{id}: the whole permission, for everyone it names. Throws a GraphFailure (graph-failure.ts). */
  deletePermission(item: DriveItemRef, permissionId: string): Promise<void>;
  /**
   * POST .../permissions/{id}/revokeGrants: takes one person off a sharing link, the others on it keep
   * access (api-reference/v1.0/api/permission-revokegrants.md). Throws a GraphFailure (graph-failure.ts).
   */
  revokeGrant(
    item: DriveItemRef,
    permissionId: string,
    grantee: { email: string } | { objectId: string },
  ): Promise<void>;
  /** One POST /$batch of at most 20 invites; never throws for HTTP failures. */
  inviteBatch(
    item: DriveItemRef,
    calls: InviteCall[],
    sessionId: string | undefined,
    signal?: AbortSignal,
  ): Promise<InviteBatchResult>;
  /**
   * Optional: opens a workbook session and reads the permissions in one round trip ($batch). A session
   * that cannot be opened is reported, not thrown; a failed read throws a GraphFailure.
   */
  openSessionAndListPermissions?(item: DriveItemRef): Promise<{
    sessionId?: string;
    sessionError?: GraphErrorInfo;
    permissions: PermissionInfo[];
  }>;
  /** HTTP round trips so far. */
  roundTrips(): number;
}

/** What the directory says about one address (src/core/directory.ts reads Graph's answers into it). */
export type DirectoryHit =
  | { found: "user"; guest: boolean; displayName?: string }
  | { found: "group"; displayName?: string }
  | { found: "none" }
  | { found: "error"; status: number; code: string; retryAfter: string | null };

/** Why the directory cannot be asked at all. */
export type DirectoryUnavailable =
  /** The scope was never granted and this call could not ask (not started by the person). */
  | "consentNeeded"
  /** The person closed or declined the consent, or the sign-in failed. */
  | "declined"
  /** Graph answered 403 (Authorization_RequestDenied): the token or the tenant does not allow it. */
  | "refused";

/** The answer to one $batch of lookups: per address, or the batch itself failed, or no token. */
export type DirectoryBatchResult =
  | { kind: "items"; hits: Map<string, DirectoryHit> }
  | { kind: "failed"; status: number; code: string; retryAfter: string | null }
  | { kind: "unavailable"; why: DirectoryUnavailable };

/** How a lookup may get its token: interactive lets the sign-in ask the person for the scope. */
export interface DirectoryCallOptions {
  interactive: boolean;
  signal?: AbortSignal;
}

/**
 * The directory (Microsoft Entra ID through Graph), asked with the user-consentable User.ReadBasic.All
 * scope; implemented by src/graph/directory-api.ts.
 */
export interface DirectoryLookup {
  /** The domains of the signed-in person's own addresses (GET /me): addresses there are colleagues. */
  homeDomains(
    options: DirectoryCallOptions,
  ): Promise<{ kind: "ok"; domains: string[] } | DirectoryBatchResult>;
  /** One $batch of at most 20 `GET /users?$filter=mail eq … or userPrincipalName eq …`; never throws for HTTP. */
  lookupUsers(addresses: string[], options: DirectoryCallOptions): Promise<DirectoryBatchResult>;
  /** One $batch of at most 20 `GET /groups?$filter=mail eq …` (needs a group scope: 403 without). */
  lookupGroups(addresses: string[], options: DirectoryCallOptions): Promise<DirectoryBatchResult>;
}
