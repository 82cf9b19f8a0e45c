// Turns whatever a person selected into recipients, rejections with reasons, duplicates and the rows
// that get a status. Every non-blank visible candidate cell ends up as a recipient's source, a
// duplicate, or a rejection naming the cell, so the status column can explain each row; past the
// run's cap (MAX_ENTRIES_PER_RUN) cells are only counted, in ParsedSelection.notRead.

import { cellAddress, cellRef } from "./a1";
import {
  MAX_CELL_LENGTH,
  MAX_TOKENS_PER_CELL,
  countEntries,
  displayText,
  formatCount,
  isExcelErrorText,
  parseCellText,
} from "./email-address";
import type { ParsedToken } from "./email-address";
import type {
  AreaHeader,
  CellArea,
  CellRef,
  CellValue,
  DuplicateEntry,
  NotRead,
  ParsedSelection,
  Recipient,
  RejectReason,
  Rejection,
  Role,
  RowOverrides,
  SelectedRow,
  SelectionGrid,
} from "./types";

/** Graph's invite message limit. */
export const MAX_MESSAGE_LENGTH = 2000;

/**
 * The most entries (recipients, duplicates and rejected parts alike, so also the most recipients) one
 * run reads; the rest of the selection is counted, not read. Graph's SharePoint budget allows roughly
 * 240 invites a minute (5 resource units each, about 1,200 units a minute; "Avoid getting throttled or
 * blocked in SharePoint Online"), so 10,000 invites already take some 40 minutes of an open pane. It
 * also bounds memory: every entry read costs objects, a status and a log row, while 10,000 cells of
 * 8,000-character lists hold five million entries.
 */
export const MAX_ENTRIES_PER_RUN = 10_000;

/** The caps parseRecipients applies; tests pass smaller ones. */
export interface ParseLimits {
  /** Entries one cell may hold before it is rejected whole. */
  entriesPerCell: number;
  /** Entries one run reads. */
  entriesPerRun: number;
}

export const DEFAULT_PARSE_LIMITS: Readonly<ParseLimits> = {
  entriesPerCell: MAX_TOKENS_PER_CELL,
  entriesPerRun: MAX_ENTRIES_PER_RUN,
};

export type HeaderColumnKind = "recipient" | "role" | "message" | "expires" | "status";

const HEADER_WORDS: ReadonlyMap<string, HeaderColumnKind> = new Map<string, HeaderColumnKind>([
  ...[
    "email",
    "emails",
    "emailaddress",
    "mail",
    "mailaddress",
    "recipient",
    "recipients",
    "address",
    "addresses",
    "to",
    "upn",
    "userprincipalname",
    "objectid",
    "user",
    "users",
    "sharewith",
  ].map((w): [string, HeaderColumnKind] => [w, "recipient"]),
  ...["role", "access", "permission", "permissions"].map((w): [string, HeaderColumnKind] => [w, "role"]),
  ...["message", "note", "invitationmessage"].map((w): [string, HeaderColumnKind] => [w, "message"]),
  ...["expires", "expiry", "expiration", "expirationdate", "expirationdatetime"].map(
    (w): [string, HeaderColumnKind] => [w, "expires"],
  ),
  ["sharestatus", "status"],
]);

const ROLE_WORDS: ReadonlyMap<string, Role> = new Map<string, Role>([
  ["read", "read"],
  ["view", "read"],
  ["viewer", "read"],
  ["reader", "read"],
  ["can view", "read"],
  ["read only", "read"],
  ["readonly", "read"],
  ["write", "write"],
  ["edit", "write"],
  ["editor", "write"],
  ["can edit", "write"],
  ["contributor", "write"],
]);

/** Header words are short; longer cells are never compared (and never normalised). */
const MAX_HEADER_TEXT = 100;
const HEADER_SEPARATORS = /[\s_\-\u2010\u2011]+/g;
const ROLE_SEPARATORS = /[\s_\-\u2010\u2011]+/g;
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
/** Excel's day 0 in the 1900 date system, as used for serials from 1900-03-01 on (Excel's 1900 leap-year bug). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const LAST_EXCEL_SERIAL = 2958465; // 9999-12-31

/** "E-mail Address:" → "emailaddress", "Recipient(s)" → "recipient". */
export function normalizeHeader(text: string): string {
  let s = text.trim().toLowerCase();
  for (;;) {
    if (s.endsWith(":")) s = s.slice(0, -1).trimEnd();
    else if (s.endsWith("(s)")) s = s.slice(0, -3).trimEnd();
    else break;
  }
  return s.replace(HEADER_SEPARATORS, "");
}

/** What a header cell's text marks its column as, or undefined for other columns (names, ...). */
export function headerColumnKind(text: string): HeaderColumnKind | undefined {
  return text.length > MAX_HEADER_TEXT ? undefined : HEADER_WORDS.get(normalizeHeader(text));
}

/** "Can view" → "read", "Editor" → "write"; undefined for blank or unknown text. */
export function normalizeRole(text: string): Role | undefined {
  if (text.length > MAX_HEADER_TEXT) return undefined;
  return ROLE_WORDS.get(text.trim().toLowerCase().replace(ROLE_SEPARATORS, " "));
}

/** Excel serial date (1900 system) → "2025-12-31T00:00:00Z"; undefined outside 1900-03-01..9999-12-31. */
export function excelSerialToIso(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 61 || serial >= LAST_EXCEL_SERIAL + 1) return undefined;
  const ms = EXCEL_EPOCH_MS + Math.round(serial * 86_400) * 1000;
  return isoSeconds(ms);
}

/**
 * An expiry cell → ISO 8601 in UTC, or undefined when it is not a date. Accepts an Excel serial date
 * number, "2026-12-31", or "2026-12-31T17:00[:00[.000]][Z|+02:00]". A date-time without a zone is read
 * as UTC: the core has no time zone to apply.
 */
export function parseExpiry(value: CellValue): string | undefined {
  if (typeof value === "number") return excelSerialToIso(value);
  if (typeof value !== "string" || value.length > MAX_HEADER_TEXT) return undefined;
  const m = ISO_DATE_TIME.exec(value.trim());
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (year < 1900 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(ms);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined; // 2026-02-30
  let offsetMinutes = 0;
  const zone = m[7];
  if (zone !== undefined && zone.toUpperCase() !== "Z") {
    const digits = zone.replace(":", "");
    const hours = Number(digits.slice(1, 3));
    const minutes = Number(digits.slice(3, 5));
    if (hours > 14 || minutes > 59) return undefined;
    offsetMinutes = (digits.startsWith("-") ? -1 : 1) * (hours * 60 + minutes);
  }
  return isoSeconds(ms - offsetMinutes * 60_000);
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

interface HeaderLayout {
  /** Area-relative column indices. */
  recipient: number;
  role?: number;
  message?: number;
  expires?: number;
}

/** The header layout of a row, or undefined when the row is data. */
function detectHeader(row: readonly CellValue[]): HeaderLayout | undefined {
  let recipient: number | undefined;
  const settings: { role?: number; message?: number; expires?: number } = {};
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    if (typeof v !== "string") continue;
    const kind = headerColumnKind(v);
    if (kind === "recipient") recipient ??= c;
    else if (kind === "role" || kind === "message" || kind === "expires") settings[kind] ??= c;
  }
  if (recipient === undefined) return undefined;
  // A row holding an address is data, whatever its other cells say ("To" | "jane@contoso.com").
  for (const v of row) {
    if (typeof v === "string" && v.length <= MAX_CELL_LENGTH && parseCellText(v).some((t) => t.ok)) {
      return undefined;
    }
  }
  return { recipient, ...settings };
}

function isBlank(v: CellValue | undefined): boolean {
  if (typeof v === "string") {
    const first = v.charCodeAt(0);
    return !(first > 0x20 && first < 0x7f) && v.trim() === ""; // the cheap test settles most cells
  }
  return v === null || v === undefined;
}

function valueText(v: CellValue | undefined): string {
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v === null || v === undefined) return "";
  return String(v);
}

interface RowSettings {
  overrides?: RowOverrides;
  /** Why the row's settings cannot be used; its recipients are then rejected. */
  problems: string[];
}

const NO_SETTINGS: RowSettings = { problems: [] };
/** Rows with more keys than this get a Set to keep recipientKeys unique without quadratic scans. */
const ROW_KEYS_SCAN_LIMIT = 16;

interface RowContext {
  row: SelectedRow;
  /** recipientKeys as a set, made only for rows with many keys. */
  keys: Set<string> | undefined;
  settings: RowSettings;
}

/** One entry of a cell, before the cell is committed: a cell is read whole or not at all. */
type CellEntry =
  | (ParsedToken & { ok: true })
  | { ok: false; text: string; reason: RejectReason; message: string; entries?: number };

function failure(text: string, reason: RejectReason, message: string): CellEntry {
  return { ok: false, text: displayText(text), reason, message };
}

/** The entries of one non-blank cell: its recipients and rejections, at most one rejection for a non-list. */
function cellEntries(value: CellValue | undefined, isError: boolean, maxEntries: number): CellEntry[] {
  if (isError || (typeof value === "string" && value.length <= 16 && isExcelErrorText(value))) {
    const text = valueText(value).trim() || "#ERROR";
    return [
      failure(text, "errorValue", `holds the error value ${displayText(text)}, not an e-mail address.`),
    ];
  }
  if (typeof value === "number") {
    return [failure(String(value), "number", `holds the number ${String(value)}, not an e-mail address.`)];
  }
  if (typeof value === "boolean") {
    const text = valueText(value);
    return [failure(text, "boolean", `holds the value ${text}, not an e-mail address.`)];
  }
  if (typeof value !== "string") {
    // Not a Range.values type; reported rather than trusted.
    const text = valueText(value);
    return [failure(text, "invalidSyntax", `"${displayText(text)}" is not a valid e-mail address.`)];
  }
  if (value.length > MAX_CELL_LENGTH) {
    const message =
      `holds ${formatCount(value.length)} characters, more than the ${formatCount(MAX_CELL_LENGTH)} ` +
      "a list of e-mail addresses may have.";
    return [failure(value, "tooLong", message)];
  }
  const tokens: CellEntry[] = parseCellText(value, maxEntries);
  return tokens.length > 0
    ? tokens
    : [failure(value, "invalidSyntax", `"${displayText(value)}" holds no e-mail address.`)];
}

/** The entries a cell counts for when it is not read (the same count cellEntries would give, 0 for a separator-only text). */
function entryCount(value: CellValue | undefined, isError: boolean): number {
  if (isError || typeof value !== "string" || value.length > MAX_CELL_LENGTH) return 1;
  return countEntries(value);
}

function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

interface Stop {
  from: CellRef;
  cells: number;
  entries: number;
  rejection: Rejection;
}

class SelectionBuilder {
  readonly recipients: Recipient[] = [];
  readonly rejected: Rejection[] = [];
  readonly duplicates: DuplicateEntry[] = [];
  readonly rows: SelectedRow[] = [];
  readonly headers: AreaHeader[] = [];
  private readonly byKey = new Map<string, Recipient>();
  /** Entries read so far (recipients, duplicates and rejections). */
  private entries = 0;
  /** Set once the run's cap is reached: the rest is counted here, not read. */
  private stop: Stop | undefined;

  constructor(private readonly limits: ParseLimits) {}

  addArea(area: CellArea): void {
    const { sheet, values } = area;
    let width = 0;
    for (const row of values) if (row && row.length > width) width = row.length;
    const statusColumn = area.columnIndex + width;
    const hidden = (r: number): boolean => area.hiddenRows?.[r] === true;

    let r = 0;
    while (r < values.length && hidden(r)) r++;
    const first = values[r];
    const layout = first ? detectHeader(first) : undefined;
    if (layout) {
      const row = area.rowIndex + r;
      this.headers.push({
        sheet,
        row,
        recipientColumn: area.columnIndex + layout.recipient,
        statusCell: cellRef(sheet, row, statusColumn),
        statusCellValue: area.besideValues?.[r] ?? null,
      });
      r++;
    }

    for (; r < values.length; r++) {
      if (hidden(r)) continue;
      const rowValues = values[r];
      if (!rowValues) continue;
      const sheetRow = area.rowIndex + r;
      let context: RowContext | undefined;
      const from = layout ? layout.recipient : 0;
      const to = layout ? layout.recipient + 1 : rowValues.length;
      for (let c = from; c < to; c++) {
        const value = rowValues[c];
        const isError = area.valueTypes?.[r]?.[c] === "Error";
        if (!isError && isBlank(value)) continue;
        if (this.stop) {
          this.stop.cells++;
          this.stop.entries += entryCount(value, isError);
          continue;
        }
        if (!context) {
          const row: SelectedRow = {
            sheet,
            row: sheetRow,
            statusCell: cellRef(sheet, sheetRow, statusColumn),
            statusCellValue: area.besideValues?.[r] ?? null,
            recipientKeys: [],
            rejections: [],
          };
          this.rows.push(row);
          const settings = layout ? readRowSettings(area, r, layout) : NO_SETTINGS;
          context = { row, keys: undefined, settings };
        }
        this.addCell(cellRef(sheet, sheetRow, area.columnIndex + c), value, isError, context);
      }
    }
  }

  private addCell(cell: CellRef, value: CellValue | undefined, isError: boolean, context: RowContext): void {
    const entries = cellEntries(value, isError, this.limits.entriesPerCell);
    if (this.entries + entries.length > this.limits.entriesPerRun) {
      const rejection: Rejection = {
        cell,
        text: displayText(valueText(value)),
        reason: "overLimit",
        message: "",
      };
      this.addRejection(rejection, context);
      this.stop = { from: cell, cells: 1, entries: entryCount(value, isError), rejection };
      return;
    }
    this.entries += entries.length;
    const { settings } = context;
    for (const entry of entries) {
      if (!entry.ok) {
        const rejection: Rejection = {
          cell,
          text: entry.text,
          reason: entry.reason,
          message: `${cell.address}: ${entry.message}`,
        };
        if (entry.entries !== undefined) rejection.entries = entry.entries;
        this.addRejection(rejection, context);
      } else if (settings.problems.length > 0) {
        const text = displayText(entry.value);
        this.addRejection(
          { cell, text, reason: "invalidOverride", message: settings.problems.join(" ") },
          context,
        );
      } else {
        this.accept(entry, cell, context);
      }
    }
  }

  private addRejection(rejection: Rejection, context: RowContext): void {
    this.rejected.push(rejection);
    context.row.rejections.push(rejection);
  }

  private accept(token: ParsedToken & { ok: true }, cell: CellRef, context: RowContext): void {
    const { key } = token;
    const { row, settings } = context;
    const listed = row.recipientKeys;
    if (context.keys) {
      if (!context.keys.has(key)) {
        context.keys.add(key);
        listed.push(key);
      }
    } else if (!listed.includes(key)) {
      listed.push(key);
      if (listed.length > ROW_KEYS_SCAN_LIMIT) context.keys = new Set(listed);
    }
    const first = this.byKey.get(key);
    if (first) {
      first.duplicates.push(cell);
      this.duplicates.push({ cell, key, firstSeen: first.source });
      return;
    }
    const recipient: Recipient = { key, kind: token.kind, value: token.value, source: cell, duplicates: [] };
    if (token.displayName !== undefined) recipient.displayName = token.displayName;
    if (token.warnings) recipient.warnings = token.warnings;
    if (settings.overrides) recipient.overrides = { ...settings.overrides };
    this.byKey.set(key, recipient);
    this.recipients.push(recipient);
  }

  /** The notRead summary; also completes the message of the "overLimit" rejection. */
  private notRead(stop: Stop): NotRead {
    const rest = stop.cells - 1;
    const entries = plural(stop.entries, "entry", "entries");
    const what =
      rest === 0
        ? `this cell (${entries}) was`
        : `this cell and the ${plural(rest, "non-blank cell", "non-blank cells")} after it (${entries}) were`;
    const message =
      `${stop.from.address}: not read. One run reads at most ${formatCount(this.limits.entriesPerRun)} ` +
      `entries (addresses, duplicates and rejected parts); ${what} not read or shared. ` +
      "Select them and share again.";
    stop.rejection.message = message;
    return { from: stop.from, cells: stop.cells, entries: stop.entries, message };
  }

  result(): ParsedSelection {
    const result: ParsedSelection = {
      recipients: this.recipients,
      rejected: this.rejected,
      duplicates: this.duplicates,
      rows: this.rows,
      headers: this.headers,
    };
    if (this.stop) result.notRead = this.notRead(this.stop);
    return result;
  }
}

/** The Role / Message / Expires cells of one data row in header mode. */
function readRowSettings(area: CellArea, r: number, layout: HeaderLayout): RowSettings {
  const overrides: RowOverrides = {};
  const problems: string[] = [];
  const rowValues = area.values[r] ?? [];
  const read = (c: number | undefined, label: string): { value: CellValue; address: string } | undefined => {
    if (c === undefined) return undefined;
    const value = rowValues[c] ?? null;
    const address = cellAddress(area.sheet, area.rowIndex + r, area.columnIndex + c);
    const isError =
      area.valueTypes?.[r]?.[c] === "Error" || (typeof value === "string" && isExcelErrorText(value));
    if (isError) {
      problems.push(
        `${address}: ${label} holds the error value ${displayText(valueText(value)) || "#ERROR"}.`,
      );
      return undefined;
    }
    return isBlank(value) ? undefined : { value, address };
  };

  const role = read(layout.role, "the role");
  if (role) {
    const parsed = typeof role.value === "string" ? normalizeRole(role.value) : undefined;
    if (parsed) overrides.role = parsed;
    else
      problems.push(
        `${role.address}: role "${displayText(valueText(role.value))}" is not Can view or Can edit.`,
      );
  }

  const message = read(layout.message, "the message");
  if (message) {
    const text = valueText(message.value).trim();
    if (text.length > MAX_MESSAGE_LENGTH) {
      problems.push(
        `${message.address}: the message has ${formatCount(text.length)} characters; ` +
          `at most ${formatCount(MAX_MESSAGE_LENGTH)} are allowed.`,
      );
    } else {
      overrides.message = text;
    }
  }

  const expires = read(layout.expires, "the expiry date");
  if (expires) {
    const iso = parseExpiry(expires.value);
    if (iso) overrides.expirationDateTime = iso;
    else {
      problems.push(
        `${expires.address}: expiry "${displayText(valueText(expires.value))}" is not a date; ` +
          "write a date such as 2026-12-31.",
      );
    }
  }

  const settings: RowSettings = { problems };
  if (Object.keys(overrides).length > 0) settings.overrides = overrides;
  return settings;
}

/**
 * Reads the selection: areas in order, rows in order, hidden rows skipped. The first visible row of an
 * area is a header when it names a recipient column (Email, To, UPN, ...) and holds no address; then
 * only that column is read, and Role / Message / Expires columns give per-row settings. At most
 * `limits.entriesPerRun` entries are read; the cells after them are counted in `notRead`.
 */
export function parseRecipients(grid: SelectionGrid, limits: Partial<ParseLimits> = {}): ParsedSelection {
  const builder = new SelectionBuilder({ ...DEFAULT_PARSE_LIMITS, ...limits });
  for (const area of grid.areas) builder.addArea(area);
  return builder.result();
}
