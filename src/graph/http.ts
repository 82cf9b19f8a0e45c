// The only code that speaks HTTP. fetch and the token provider are passed in, so tests run it against
// the local Graph emulator over real HTTP and the task pane against Microsoft Graph.

import { parseGraphError } from "../core/graph-json";
import type { GraphFailure } from "../core/graph-failure";
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
  /**
   * True when a body came that is not JSON (an HTML page from a proxy or sign-in wall). On an error
   * status `body` then holds a stand-in error; on a success status the caller must not read it as data.
   */
  notJson?: boolean;
}

/** A Graph call that did not succeed, carrying Graph's code and request-id. */
export class GraphError extends Error implements GraphFailure {
  readonly graphFailure = true as const;
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

  /**
   * Absolute URL for a path relative to the version root ("/drives/..."). Absolute URLs are accepted only
   * inside the configured base (see relativePath): a token is never sent anywhere else.
   */
  url(path: string): string {
    if (/^[a-z][a-z0-9+.-]*:/i.test(path)) {
      const relative = this.relativePath(path);
      if (relative === undefined) throw new RangeError("refusing a URL outside the Graph base URL");
      return `${this.baseUrl}${relative}`;
    }
    return `${this.baseUrl}${path.startsWith("/") ? "" : "/"}${path}`;
  }

  /**
   * The path of an absolute URL (an @odata.nextLink) relative to the base URL, or undefined when it is
   * elsewhere: another scheme, host or port, another version root, or dot segments that would climb out.
   */
  relativePath(absolute: string): string | undefined {
    let target: URL;
    let base: URL;
    try {
      target = new URL(absolute);
      base = new URL(`${this.baseUrl}/`);
    } catch {
      return undefined;
    }
    if (target.origin !== base.origin || target.username || target.password) return undefined;
    // The URL parser already resolved "/./" and "/../"; encoded ones (%2e) are refused outright.
    if (hasDotSegment(absolute.replace(/[?#].*$/, ""))) return undefined;
    if (!target.pathname.startsWith(base.pathname)) return undefined;
    return `/${target.pathname.slice(base.pathname.length)}${target.search}`;
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
    const target = this.url(path); // throws before the token is read when the URL is not Graph's
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
      const response = await this.fetchImpl(target, requestInit);
      const text = await response.text();
      let parsed: unknown = undefined;
      let notJson = false;
      if (text) {
        try {
          parsed = JSON.parse(text);
        } catch {
          notJson = true;
          const ok = response.status >= 200 && response.status < 300;
          // An HTML error page becomes a stand-in error; an HTML "success" carries nothing to read.
          parsed = ok
            ? undefined
            : { error: { code: `http${response.status}`, message: text.slice(0, 300) } };
        }
      }
      const res: GraphResponse = { status: response.status, headers: response.headers, body: parsed };
      if (notJson) res.notJson = true;
      return res;
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

/** True when a path has a "." or ".." segment, written plainly or percent-encoded (%2e). */
export function hasDotSegment(path: string): boolean {
  return path.split("/").some((segment) => isDotSegment(segment));
}

/** "." or "..", also as %2e / %2E (RFC 3986 §5.2.4 removes them; a server may decode first). */
export function isDotSegment(segment: string): boolean {
  return /^(?:\.|%2e){1,2}$/i.test(segment);
}
