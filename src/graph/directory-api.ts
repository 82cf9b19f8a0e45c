// The directory lookups of the recipient check, over GraphHttp: $batches of `GET /users?$filter=…` (and of
// `GET /groups?$filter=…` where the token allows it). Its token comes from a sign-in that asks for the
// directory scope (User.ReadBasic.All) on its own, so sharing never depends on it (docs/sign-in.md).

import { hasBatchResponses, packBatch, unpackBatch, type BatchRequest } from "../core/batch-json";
import {
  groupLookupUrl,
  readGroupAnswer,
  readHomeDomains,
  readUserAnswer,
  refusalOf,
  userLookupUrl,
} from "../core/directory";
import { parseGraphError } from "../core/graph-json";
import type {
  DirectoryBatchResult,
  DirectoryCallOptions,
  DirectoryHit,
  DirectoryLookup,
} from "../core/ports";
import { GraphHttp, type FetchLike } from "./http";

/** A token with the directory scope; interactive lets it ask the person. Throws directoryTokenRefusal. */
export type DirectoryTokenProvider = (options: {
  interactive: boolean;
  forceRefresh?: boolean;
}) => Promise<string>;

export interface DirectoryApiOptions {
  baseUrl: string;
  getToken: DirectoryTokenProvider;
  fetch?: FetchLike;
  timeoutMs?: number;
}

type Reader = (body: unknown) => DirectoryHit | undefined;

export class DirectoryApi implements DirectoryLookup {
  /** HTTP round trips so far (tests count batches with it). */
  roundTrips = 0;

  constructor(private readonly options: DirectoryApiOptions) {}

  private http(interactive: boolean): GraphHttp {
    const { baseUrl, getToken, fetch, timeoutMs } = this.options;
    return new GraphHttp({
      baseUrl,
      getToken: (o) => getToken({ interactive, ...(o?.forceRefresh ? { forceRefresh: true } : {}) }),
      ...(fetch ? { fetch } : {}),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    });
  }

  async homeDomains(
    options: DirectoryCallOptions,
  ): Promise<{ kind: "ok"; domains: string[] } | DirectoryBatchResult> {
    let domains: string[] | undefined;
    const read: Reader = (body) => {
      domains = readHomeDomains(body);
      return domains === undefined ? undefined : { found: "none" };
    };
    const result = await this.batch(
      [{ id: "me", method: "GET", url: "/me?$select=mail,userPrincipalName" }],
      read,
      options,
    );
    if (result.kind !== "items") return result;
    const hit = result.hits.get("me");
    if (hit?.found === "error")
      return { kind: "failed", status: hit.status, code: hit.code, retryAfter: hit.retryAfter };
    return { kind: "ok", domains: domains ?? [] };
  }

  lookupUsers(addresses: string[], options: DirectoryCallOptions): Promise<DirectoryBatchResult> {
    return this.lookup(addresses, userLookupUrl, readUserAnswer, options);
  }

  lookupGroups(addresses: string[], options: DirectoryCallOptions): Promise<DirectoryBatchResult> {
    return this.lookup(addresses, groupLookupUrl, readGroupAnswer, options);
  }

  private async lookup(
    addresses: string[],
    url: (address: string) => string,
    read: Reader,
    options: DirectoryCallOptions,
  ): Promise<DirectoryBatchResult> {
    // Ids are positions: an address may hold characters a batch id should not.
    const requests = addresses.map((a, i): BatchRequest => ({
      id: String(i + 1),
      method: "GET",
      url: url(a),
    }));
    const result = await this.batch(requests, read, options);
    if (result.kind !== "items") return result;
    const hits = new Map<string, DirectoryHit>();
    addresses.forEach((a, i) => {
      const hit = result.hits.get(String(i + 1));
      if (hit) hits.set(a, hit);
    });
    return { kind: "items", hits };
  }

  private async batch(
    requests: BatchRequest[],
    read: Reader,
    options: DirectoryCallOptions,
  ): Promise<DirectoryBatchResult> {
    const init: { body: unknown; signal?: AbortSignal } = { body: packBatch(requests) };
    if (options.signal) init.signal = options.signal;
    let res;
    try {
      this.roundTrips += 1;
      res = await this.http(options.interactive).send("POST", "/$batch", init);
    } catch (e) {
      const why = refusalOf(e);
      if (why) return { kind: "unavailable", why };
      return { kind: "unavailable", why: "declined" };
    }
    if (!hasBatchResponses(res.body)) {
      const error = parseGraphError(res.status, res.body, res.headers);
      const code = res.status >= 200 && res.status < 300 ? "invalidResponse" : error.code;
      return { kind: "failed", status: res.status, code, retryAfter: res.headers.get("retry-after") };
    }
    const items = unpackBatch(
      res.body,
      requests.map((r) => r.id),
    );
    const hits = new Map<string, DirectoryHit>();
    for (const [id, answer] of items) {
      const hit = answer.status === 200 ? read(answer.body) : undefined;
      if (hit) {
        hits.set(id, hit);
        continue;
      }
      const headers = { get: (n: string) => answer.headers[n.toLowerCase()] ?? null };
      const status = answer.status === 200 ? 502 : answer.status;
      const code =
        answer.status === 200 ? "invalidResponse" : parseGraphError(status, answer.body, headers).code;
      hits.set(id, { found: "error", status, code, retryAfter: answer.headers["retry-after"] ?? null });
    }
    return { kind: "items", hits };
  }
}
