// How much one context.sync() may carry. Excel on the web refuses a request or a response over 5 MB
// (RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded: "Resource limits and performance
// optimization for Office Add-ins" and "Performance optimization using the Excel JavaScript API",
// learn.microsoft.com/office/dev/add-ins). The adapter sizes every sync from the data it carries so
// that none goes over SYNC_TARGET_BYTES, and uses as few syncs as that allows.

import { chunkBySize, jsonUtf8Length } from "../core/cell-text";

/** No sync over this (a margin of a fifth under Excel on the web's 5 MB). */
export const SYNC_TARGET_BYTES = 4_000_000;

/** What the adapter plans per sync: the target less room for data wider than the estimate. */
export const SYNC_BUDGET_BYTES = 3_500_000;

/**
 * Request bytes office.js spends on one range written by index (its object path, the numberFormat and
 * values actions, the references it keeps), beyond the cell data: about 580 measured with office.js
 * 1.1.110, rounded up.
 */
export const RANGE_WRITE_BYTES = 700;

/**
 * office.js writes an array of more than 1,500 cells in slices of 1,500 (an object path and an action
 * each, about 600 bytes): under half a byte a cell, counted as one.
 */
export const BULK_BYTES_PER_CELL = 1;

/** UTF-8 bytes of the JSON of `value` (strings, numbers, booleans, null and arrays of them). */
export function jsonBytes(value: unknown): number {
  if (typeof value === "string") return jsonUtf8Length(value);
  if (Array.isArray(value)) {
    let bytes = 1 + Math.max(value.length, 1);
    for (const item of value) bytes += jsonBytes(item);
    return bytes;
  }
  if (value === null || value === undefined) return 4;
  return String(value).length;
}

/** Splits `items` in order into syncs of at most `budget` estimated bytes (an item over it alone). */
export function packBySize<T>(
  items: readonly T[],
  sizeOf: (item: T) => number,
  budget = SYNC_BUDGET_BYTES,
): T[][] {
  return chunkBySize(items, sizeOf, { maxItems: Number.MAX_SAFE_INTEGER, maxBytes: budget });
}

/** True when Excel refused a sync for its size (request or response). */
export function isPayloadTooLarge(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "ResponsePayloadSizeLimitExceeded" || code === "RequestPayloadSizeLimitExceeded";
}
