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
