// Text the add-in writes into cells: how long it may be, which strings Excel would read as a formula,
// and how many rows go into one request. Pure: the Office adapter and the write-back use it.

/**
 * Longest text the add-in writes into one cell. Excel refuses more than 32,767 characters in a cell
 * ("Excel specifications and limits", support.microsoft.com); a Graph error message can be longer, and
 * a cell that long makes the log unreadable anyway.
 */
export const MAX_CELL_TEXT = 1000;

const ELLIPSIS = "\u2026";

/** `text` cut to MAX_CELL_TEXT characters, ending with "…" when cut (never splitting a surrogate pair). */
export function capCellText(text: string, max = MAX_CELL_TEXT): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end) + ELLIPSIS;
}

/**
 * Characters that make Excel (or another spreadsheet the log is exported to) read an entry as a formula
 * when they come first: = + - @, a tab or a carriage return (OWASP "CSV injection"), and the full-width
 * forms ＝ ＋ － ＠ that an IME may turn into the ASCII ones.
 */
const FORMULA_TRIGGERS = new Set(["=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20"]);

/** True when `text` starts with a character that could make a cell that is not Text run it as a formula. */
export function startsLikeFormula(text: string): boolean {
  return text.length > 0 && FORMULA_TRIGGERS.has(text.charAt(0));
}

/** Bytes `text` takes as UTF-8 inside a JSON string (quotes and escapes included). */
export function jsonUtf8Length(text: string): number {
  let bytes = 2;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 || c === 0x5c) bytes += 2;
    else if (c < 0x20) bytes += 6;
    else if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

/** Limits of one request to Excel. */
export interface ChunkLimits {
  maxItems: number;
  maxBytes: number;
}

/**
 * Excel on the web refuses a request over 5 MB (RequestPayloadSizeLimitExceeded; "Resource limits and
 * performance optimization for Office Add-ins", learn.microsoft.com/office/dev/add-ins/concepts/
 * resource-limits-and-performance-optimization). A chunk carries a few hundred rows and at most 2 MB
 * of cell text, leaving room for the numberFormat written with it and for the request's own framing.
 */
export const DEFAULT_CHUNK_LIMITS: ChunkLimits = { maxItems: 250, maxBytes: 2_000_000 };

/** Splits `items` in order into chunks within `limits`; an item alone over maxBytes gets its own chunk. */
export function chunkBySize<T>(
  items: readonly T[],
  sizeOf: (item: T) => number,
  limits: ChunkLimits = DEFAULT_CHUNK_LIMITS,
): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (current.length > 0 && (current.length >= limits.maxItems || bytes + size > limits.maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** JSON size of a row of cell texts. */
export function rowPayloadSize(row: readonly string[]): number {
  return row.reduce((sum, text) => sum + jsonUtf8Length(text) + 1, 2);
}
