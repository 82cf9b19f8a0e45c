// The only code that speaks HTTP. fetch and the token provider are passed in, so tests run it against
// the local Graph emulator over real HTTP and the task pane against Microsoft Graph.

import { parseGraphError } from "../core/graph-json";
import type { GraphErrorInfo } from "../core/types";

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** Returns a bearer token for Graph. forceRefresh asks for a new one after a 401. */
export type TokenProvider = (options?: { forceRefresh?: boolean }) => Promise<string>;

export interface GraphHttpOptions {
  /** e.g. "https://graph.microsoft.com/v1.0" (no trailing slash). */
  baseUrl: string;
  getToken: TokenProvider;
  fetch?: FetchLike;
  /** A request with no answer after this long counts as lost (status 0). */
  timeoutMs?: number;
}

export interface GraphResponse {
  /** 0 when no answer came (network failure, reset, timeout). */
  status: number;
  headers: { get(name: string): string | null };
  body: unknown;
  /** Set when status is 0. */
  failure?: "network" | "timeout" | "aborted";
}

/** A Graph call that did not succeed, carrying Graph's code and request-id. */
export class GraphError extends Error {
  readonly info: GraphErrorInfo;
  readonly retryAfter: string | null;

  constructor(info: GraphErrorInfo, retryAfter: string | null = null, options?: { cause?: unknown }) {
    super(`${info.code}: ${info.message || `HTTP ${info.status}`}`, options);
    this.name = "GraphError";
    this.info = info;
    this.retryAfter = retryAfter;
  }

  static from(res: GraphResponse): GraphError {
    const info = parseGraphError(res.status, res.body, res.headers);
    if (res.status === 0) {
      info.code = res.failure === "timeout" ? "timeout" : "networkError";
      info.message ||= res.failure === "timeout" ? "No answer in time." : "The connection failed.";
    }
    return new GraphError(info, res.headers.get("retry-after"));
  }
}

const NO_HEADERS = { get: () => null };

export class GraphHttp {
  readonly baseUrl: string;
  private readonly getToken: TokenProvider;
  private readonly fetchImpl: FetchLike;
  private readonly timeoutMs: number;
  /** Counts HTTP round trips, for progress and the benchmark. */
  roundTrips = 0;

  constructor(options: GraphHttpOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.getToken = options.getToken;
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  /** Absolute URL for a path relative to the version root ("/drives/..."), or an absolute nextLink. */
  url(path: string): string {
    return /^https?:\/\//i.test(path) ? path : `${this.baseUrl}${path.startsWith("/") ? "" : "/"}${path}`;
  }

  /**
   * Sends one request. A 401 gets one fresh token and one retry (a 401 is answered before anything is
   * carried out, so resending is safe). Never throws for HTTP or network failures: the status says.
   */
  async send(
    method: string,
    path: string,
    init: { body?: unknown; headers?: Record<string, string>; signal?: AbortSignal } = {},
  ): Promise<GraphResponse> {
    let res = await this.once(method, path, init, false);
    if (res.status === 401) res = await this.once(method, path, init, true);
    return res;
  }

  private async once(
    method: string,
    path: string,
    init: { body?: unknown; headers?: Record<string, string>; signal?: AbortSignal },
    forceRefresh: boolean,
  ): Promise<GraphResponse> {
    const token = await this.getToken(forceRefresh ? { forceRefresh: true } : undefined);
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, ...(init.headers ?? {}) };
    let body: string | undefined;
    if (init.body !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(init.body);
    }
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.timeoutMs);
    const onOuterAbort = () => timeout.abort();
    init.signal?.addEventListener("abort", onOuterAbort);
    this.roundTrips += 1;
    try {
      const requestInit: RequestInit = { method, headers, signal: timeout.signal };
      if (body !== undefined) requestInit.body = body;
      const response = await this.fetchImpl(this.url(path), requestInit);
      const text = await response.text();
      let parsed: unknown = undefined;
      if (text) {
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = { error: { code: `http${response.status}`, message: text.slice(0, 300) } };
        }
      }
      return { status: response.status, headers: response.headers, body: parsed };
    } catch {
      // The error object may quote the request; only its kind is kept, never its text.
      const failure = init.signal?.aborted ? "aborted" : timeout.signal.aborted ? "timeout" : "network";
      return { status: 0, headers: NO_HEADERS, body: undefined, failure };
    } finally {
      clearTimeout(timer);
      init.signal?.removeEventListener("abort", onOuterAbort);
    }
  }
}
