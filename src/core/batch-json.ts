// JSON batching (concepts/json-batching.md): at most 20 requests, unique ids, a Content-Type header on
// every request with a body; answers carry their own status and may come back in any order.

export const MAX_BATCH_REQUESTS = 20;

export interface BatchRequest {
  id: string;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Relative to the Graph version root, e.g. "/drives/{d}/items/{i}/invite". */
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface BatchItemResponse {
  id: string;
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: unknown;
}

/** Builds the body of POST /$batch; throws on a caller's bug (too many requests, duplicate ids). */
export function packBatch(requests: BatchRequest[]): { requests: BatchRequest[] } {
  if (requests.length === 0 || requests.length > MAX_BATCH_REQUESTS) {
    throw new RangeError(`a batch holds 1 to ${MAX_BATCH_REQUESTS} requests, not ${requests.length}`);
  }
  const ids = new Set<string>();
  return {
    requests: requests.map((r) => {
      if (ids.has(r.id)) throw new RangeError(`duplicate batch request id ${r.id}`);
      ids.add(r.id);
      const packed: BatchRequest = { id: r.id, method: r.method, url: r.url };
      const headers = { ...(r.headers ?? {}) };
      if (r.body !== undefined) {
        if (!Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) {
          headers["Content-Type"] = "application/json";
        }
        packed.body = r.body;
      }
      if (Object.keys(headers).length > 0) packed.headers = headers;
      return packed;
    }),
  };
}

function lowerKeys(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof v !== "object" || v === null) return out;
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
    if (typeof val === "string" || typeof val === "number") out[k.toLowerCase()] = String(val);
  }
  return out;
}

/**
 * Reads a $batch answer into a map by request id. A request the answer does not mention gets
 * status 0 (no answer): the caller treats it like a lost response.
 */
export function unpackBatch(body: unknown, ids: readonly string[]): Map<string, BatchItemResponse> {
  const map = new Map<string, BatchItemResponse>();
  const list =
    typeof body === "object" && body !== null ? (body as Record<string, unknown>)["responses"] : undefined;
  if (Array.isArray(list)) {
    for (const entry of list) {
      if (typeof entry !== "object" || entry === null) continue;
      const e = entry as Record<string, unknown>;
      const id = typeof e["id"] === "string" ? e["id"] : String(e["id"] ?? "");
      if (!ids.includes(id) || map.has(id)) continue;
      map.set(id, {
        id,
        status: typeof e["status"] === "number" ? e["status"] : 0,
        headers: lowerKeys(e["headers"]),
        body: e["body"],
      });
    }
  }
  for (const id of ids) {
    if (!map.has(id)) map.set(id, { id, status: 0, headers: {}, body: undefined });
  }
  return map;
}

/**
 * True when a $batch answer carries per-request answers, whatever its outer status: Graph may answer a
 * batch with 424 when an item was throttled (concepts/throttling.md) although concepts/json-batching.md
 * says 200, and the items are what counts either way.
 */
export function hasBatchResponses(body: unknown): boolean {
  return (
    typeof body === "object" && body !== null && Array.isArray((body as Record<string, unknown>)["responses"])
  );
}
