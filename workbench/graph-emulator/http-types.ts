// Internal request/response shapes shared by the HTTP layer, the router and $batch.

/** One Graph operation: a top-level HTTP request, or one item of a $batch. */
export interface OpRequest {
  method: string;
  /** Path relative to /v1.0, starting with "/", without the query string (e.g. "/drives/d/items/i/invite"). */
  path: string;
  /** The API version the request came in under (a $batch item inherits its batch's). */
  version: "v1.0" | "beta";
  query: URLSearchParams;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: string | undefined;
  inBatch: boolean;
  requestId: string;
  clientRequestId: string;
  /** Serial number of the HTTP request this operation came in (batch items share their batch's). */
  httpSerial: number;
}

export interface OpResponse {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly innerCode?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "GraphError";
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** "2025-02-13T10:17:05": the innerError date format Graph uses. */
export function graphDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

export function errorBody(
  code: string,
  message: string,
  ids: { requestId: string; clientRequestId: string },
  innerCode?: string,
): { error: Record<string, unknown> } {
  const innerError: Record<string, unknown> = {};
  if (innerCode !== undefined) innerError["code"] = innerCode;
  innerError["date"] = graphDate(Date.now());
  innerError["request-id"] = ids.requestId;
  innerError["client-request-id"] = ids.clientRequestId;
  return { error: { code, message, innerError } };
}

export function errorResponse(
  err: GraphError,
  ids: { requestId: string; clientRequestId: string },
): OpResponse {
  return {
    status: err.status,
    headers: { "Content-Type": "application/json", ...err.headers },
    body: errorBody(err.code, err.message, ids, err.innerCode),
  };
}

export const JSON_ODATA =
  "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

export function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): OpResponse {
  return { status, headers: { "Content-Type": JSON_ODATA, ...headers }, body };
}
