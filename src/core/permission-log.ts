// The columns of the append-only "Permissions" log table, in order.

export const PERMISSION_LOG_SHEET = "Permissions";
export const PERMISSION_LOG_TABLE = "SharePermissions";
export const STATUS_COLUMN_HEADER = "Share status";

export const PERMISSION_LOG_COLUMNS = [
  "Shared at",
  "Recipient",
  "Status",
  "Roles",
  "Permission ID",
  "Granted to",
  "Granted to ID",
  "Invitation e-mail",
  "Sign-in required",
  "Expires",
  "Link",
  "Error code",
  "Error message",
  "Request ID",
  "Source cell",
  "Run ID",
  "Note",
] as const;

export type PermissionLogColumn = (typeof PERMISSION_LOG_COLUMNS)[number];

// ---- "Shared at": an Excel date and time ---------------------------------------------------------
// The flows hand the log "Shared at" as ISO 8601 text (a moment, unambiguous). The Excel adapter stores
// it as Excel does a date and time: a serial number of days since 1899-12-30 in the local time of the
// machine running Excel, with a date-time number format, so the column sorts, filters and reads as
// dates. Logs written by older builds hold the ISO text; readers accept both (sharedAtIso).

/** The number format of "Shared at" cells: a date and time that reads the same in every locale. */
export const SHARED_AT_FORMAT = "yyyy-mm-dd hh:mm:ss";
/** The column of "Shared at" in a log row. */
export const SHARED_AT_COLUMN: number = PERMISSION_LOG_COLUMNS.indexOf("Shared at");

/** Minutes from local time to UTC at a moment (as Date#getTimezoneOffset: 60 in UTC-1, -60 in UTC+1). */
export type UtcOffsetAt = (utcMs: number) => number;

/** A cell of a log row as the Excel adapter writes it: text as text, a time as a number. */
export type LogCell = string | number;

const DAY_MS = 86_400_000;
/** 1970-01-01 in Excel's 1900 date system. */
const UNIX_EPOCH_SERIAL = 25_569;
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d{1,9})?)?(?:Z|[+-]\d\d:\d\d)$/;

/** The Excel serial (local time) of an ISO 8601 time with a zone; undefined for any other text. */
export function excelSerialFromIso(iso: string, offsetAt: UtcOffsetAt): number | undefined {
  if (!ISO_TIME.test(iso)) return undefined;
  const utc = Date.parse(iso);
  if (!Number.isFinite(utc)) return undefined;
  const local = utc - offsetAt(utc) * 60_000;
  const serial = local / DAY_MS + UNIX_EPOCH_SERIAL;
  return serial >= 1 ? serial : undefined;
}

/** The ISO 8601 UTC time of an Excel serial in local time, to the millisecond. */
export function isoFromExcelSerial(serial: number, offsetAt: UtcOffsetAt): string | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466) return undefined;
  const local = (serial - UNIX_EPOCH_SERIAL) * DAY_MS;
  // The offset is that of the UTC moment, which is not known yet: guess from the local time, correct once.
  const guess = local + offsetAt(local) * 60_000;
  const utc = Math.round(local + offsetAt(guess) * 60_000);
  return new Date(utc).toISOString();
}

/**
 * "Shared at" as read back from the log: a date and time (this build) or ISO text (older builds), as
 * ISO 8601 UTC; undefined when the cell holds neither.
 */
export function sharedAtIso(value: unknown, offsetAt: UtcOffsetAt): string | undefined {
  if (typeof value === "number") return isoFromExcelSerial(value, offsetAt);
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (!ISO_TIME.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

/** A log row as the Excel adapter writes it: "Shared at" as a serial number when it is an ISO time. */
export function logCellsForExcel(row: readonly string[], offsetAt: UtcOffsetAt): LogCell[] {
  return row.map((text, c) => (c === SHARED_AT_COLUMN ? (excelSerialFromIso(text, offsetAt) ?? text) : text));
}
