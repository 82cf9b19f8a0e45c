// What the flow may know about a failed Graph request, without knowing the Graph client: the parsed
// error (status, code, innerCode, requestId, date) and Graph's Retry-After. src/graph's GraphError
// implements it; src/app tests errors with isGraphFailure, never with the adapter's class, so the layers
// point one way (docs/architecture.md).

import type { GraphErrorInfo } from "./types";

export interface GraphFailure extends Error {
  /** Brand: set by every GraphFailure, so the guard needs no class from another layer. */
  readonly graphFailure: true;
  readonly info: GraphErrorInfo;
  /** Graph's Retry-After header as sent, or null. */
  readonly retryAfter: string | null;
}

export function isGraphFailure(e: unknown): e is GraphFailure {
  return e instanceof Error && (e as Partial<GraphFailure>).graphFailure === true;
}

/** A GraphFailure for an answer the flow received as data (a whole $batch refused), to throw as one. */
export function graphFailure(info: GraphErrorInfo, retryAfter: string | null = null): GraphFailure {
  const e = new Error(`${info.code}: ${info.message || `HTTP ${info.status}`}`);
  e.name = "GraphError";
  return Object.assign(e, { graphFailure: true as const, info, retryAfter });
}
