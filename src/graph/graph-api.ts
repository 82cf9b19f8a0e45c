// The Graph calls the add-in makes, over GraphHttp. Idempotent reads retry by the core policy;
// invites are returned raw so the share flow can decide per recipient (see app/share-flow.ts).

import { packBatch, unpackBatch, type BatchRequest } from "../core/batch-json";
import { parseGraphError, parsePermissionCollection } from "../core/graph-json";
import { decideRetry, DEFAULT_RETRY_POLICY, isTransient, type RetryPolicy } from "../core/retry-policy";
import { encodeSharingUrl } from "../core/sharing-url";
import type { DriveItemRef, GraphErrorInfo, PermissionInfo } from "../core/types";
import type { Clock, GraphPort, InviteBatchResult, InviteCall, InviteRoute } from "../app/ports";
import { GraphError, GraphHttp, type GraphResponse } from "./http";

export interface GraphApiOptions {
  route?: InviteRoute;
  clock: Clock;
  random?: () => number;
  retry?: RetryPolicy;
  /** Multiplies every wait (tests and the emulator run on a shorter clock). */
  timeScale?: number;
}

export const WORKBOOK_SESSION_HEADER = "Workbook-Session-Id";

function itemPath(item: DriveItemRef): string {
  return `/drives/${encodeURIComponent(item.driveId)}/items/${encodeURIComponent(item.itemId)}`;
}

export class GraphApi implements GraphPort {
  private readonly route: InviteRoute;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly retry: RetryPolicy;
  private readonly timeScale: number;
  /** After a 429 on any read, no read goes out before this time: Retry-After is for the app, not one call. */
  private readsBlockedUntil = 0;

  constructor(
    readonly http: GraphHttp,
    options: GraphApiOptions,
  ) {
    this.route = options.route ?? "items";
    this.clock = options.clock;
    this.random = options.random ?? Math.random;
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.timeScale = options.timeScale ?? 1;
  }

  roundTrips(): number {
    return this.http.roundTrips;
  }

  /** Sends a request that is safe to repeat, retrying transient failures; throws GraphError otherwise. */
  private async idempotent(
    method: string,
    path: string,
    init: { body?: unknown; headers?: Record<string, string> } = {},
    ok: (status: number) => boolean = (s) => s >= 200 && s < 300,
  ): Promise<GraphResponse> {
    let waited = 0;
    for (let attempt = 1; ; attempt++) {
      const gate = this.readsBlockedUntil - this.clock.now();
      if (gate > 0) await this.clock.sleep(gate);
      const res = await this.http.send(method, path, init);
      if (ok(res.status)) return res;
      const decision = decideRetry(
        {
          status: res.status,
          retryAfter: res.headers.get("retry-after"),
          attempt,
          waitedMs: waited,
          now: this.clock.now(),
          random: this.random(),
          idempotent: true,
        },
        this.retry,
      );
      if (decision.action === "stop") throw GraphError.from(res);
      const delay = decision.delayMs * this.timeScale;
      if (res.status === 429 || res.headers.get("retry-after")) {
        this.readsBlockedUntil = Math.max(this.readsBlockedUntil, this.clock.now() + delay);
      }
      waited += decision.delayMs;
      await this.clock.sleep(delay);
    }
  }

  async resolveWorkbook(documentUrl: string): Promise<DriveItemRef> {
    const token = encodeSharingUrl(documentUrl);
    const res = await this.idempotent(
      "GET",
      `/shares/${token}/driveItem?$select=id,name,webUrl,parentReference`,
    );
    const body = (res.body ?? {}) as Record<string, unknown>;
    const parent = (body["parentReference"] ?? {}) as Record<string, unknown>;
    const itemId = body["id"];
    const driveId = parent["driveId"];
    if (typeof itemId !== "string" || typeof driveId !== "string") {
      throw new GraphError({
        status: res.status,
        code: "invalidResponse",
        message: "No drive item in the answer.",
      });
    }
    const ref: DriveItemRef = { driveId, itemId };
    if (typeof body["name"] === "string") ref.name = body["name"];
    if (typeof body["webUrl"] === "string") ref.webUrl = body["webUrl"];
    return ref;
  }

  async createSession(item: DriveItemRef): Promise<string> {
    // Not idempotent in the strict sense, but a duplicate session only idles out: retrying is harmless.
    const res = await this.idempotent("POST", `${itemPath(item)}/workbook/createSession`, {
      body: { persistChanges: true },
    });
    const id = (res.body as Record<string, unknown> | undefined)?.["id"];
    if (typeof id !== "string") {
      throw new GraphError({
        status: res.status,
        code: "invalidResponse",
        message: "No session id in the answer.",
      });
    }
    return id;
  }

  async refreshSession(item: DriveItemRef, sessionId: string): Promise<void> {
    await this.idempotent("POST", `${itemPath(item)}/workbook/refreshSession`, {
      headers: { [WORKBOOK_SESSION_HEADER]: sessionId },
    });
  }

  async closeSession(item: DriveItemRef, sessionId: string): Promise<void> {
    await this.idempotent("POST", `${itemPath(item)}/workbook/closeSession`, {
      headers: { [WORKBOOK_SESSION_HEADER]: sessionId },
    });
  }

  async listPermissions(item: DriveItemRef): Promise<PermissionInfo[]> {
    return this.listFrom(`${itemPath(item)}/permissions`);
  }

  /** Reads permission pages from a path or an absolute @odata.nextLink, following nextLink. */
  private async listFrom(first: string): Promise<PermissionInfo[]> {
    const all: PermissionInfo[] = [];
    let next: string | undefined = first;
    for (let page = 0; next && page < 1000; page++) {
      const res = await this.idempotent("GET", next);
      all.push(...parsePermissionCollection(res.body));
      const link = (res.body as Record<string, unknown> | undefined)?.["@odata.nextLink"];
      next = typeof link === "string" ? link : undefined;
    }
    return all;
  }

  async openSessionAndListPermissions(
    item: DriveItemRef,
  ): Promise<{ sessionId?: string; sessionError?: GraphErrorInfo; permissions: PermissionInfo[] }> {
    const res = await this.http.send("POST", "/$batch", {
      body: packBatch([
        {
          id: "session",
          method: "POST",
          url: `${itemPath(item)}/workbook/createSession`,
          body: { persistChanges: true },
        },
        { id: "permissions", method: "GET", url: `${itemPath(item)}/permissions` },
      ]),
    });
    if (res.status !== 200) {
      // The batch itself failed: take the two calls one by one, each with its own retries.
      this.holdReadsAfter(res.status, res.headers.get("retry-after"));
      return this.separately(item);
    }
    const items = unpackBatch(res.body, ["session", "permissions"]);
    const perms = items.get("permissions");
    // An item refused with 429/503 carries its own Retry-After: the one-by-one fallbacks below wait for it.
    for (const answer of items.values())
      this.holdReadsAfter(answer.status, answer.headers["retry-after"] ?? null);
    const out: { sessionId?: string; sessionError?: GraphErrorInfo; permissions: PermissionInfo[] } = {
      permissions: [],
    };
    const session = items.get("session");
    const sessionBody = session?.body as Record<string, unknown> | undefined;
    if (session && session.status >= 200 && session.status < 300 && typeof sessionBody?.["id"] === "string") {
      out.sessionId = sessionBody["id"];
    } else if (session && isTransient(session.status)) {
      // Throttled or unavailable: worth one more try on its own (a duplicate session only idles out).
      try {
        out.sessionId = await this.createSession(item);
      } catch (e) {
        out.sessionError =
          e instanceof GraphError ? e.info : { status: 0, code: "unexpected", message: String(e) };
      }
    } else if (session) {
      const headers = { get: (n: string) => session.headers[n.toLowerCase()] ?? null };
      out.sessionError = parseGraphError(session.status, session.body, headers);
    }
    if (perms && perms.status === 200) {
      out.permissions = parsePermissionCollection(perms.body);
      const link = (perms.body as Record<string, unknown> | undefined)?.["@odata.nextLink"];
      if (typeof link === "string") out.permissions.push(...(await this.listFrom(link)));
    } else {
      out.permissions = await this.listPermissions(item);
    }
    return out;
  }

  /** After a throttled or unavailable answer, no read goes out before its Retry-After (or a backoff step). */
  private holdReadsAfter(status: number, retryAfter: string | null): void {
    if (status !== 429 && status !== 503) return;
    const d = decideRetry(
      {
        status,
        retryAfter,
        attempt: 1,
        waitedMs: 0,
        now: this.clock.now(),
        random: this.random(),
        idempotent: true,
      },
      this.retry,
    );
    if (d.action === "stop") return;
    this.readsBlockedUntil = Math.max(this.readsBlockedUntil, this.clock.now() + d.delayMs * this.timeScale);
  }

  private async separately(
    item: DriveItemRef,
  ): Promise<{ sessionId?: string; sessionError?: GraphErrorInfo; permissions: PermissionInfo[] }> {
    const out: { sessionId?: string; sessionError?: GraphErrorInfo; permissions: PermissionInfo[] } = {
      permissions: [],
    };
    try {
      out.sessionId = await this.createSession(item);
    } catch (e) {
      out.sessionError =
        e instanceof GraphError ? e.info : { status: 0, code: "unexpected", message: String(e) };
    }
    out.permissions = await this.listPermissions(item);
    return out;
  }

  async deletePermission(item: DriveItemRef, permissionId: string): Promise<void> {
    // A repeated DELETE of a permission already gone answers 404: that is success here.
    await this.idempotent(
      "DELETE",
      `${itemPath(item)}/permissions/${encodeURIComponent(permissionId)}`,
      {},
      (s) => (s >= 200 && s < 300) || s === 404,
    );
  }

  invitePath(item: DriveItemRef): string {
    return this.route === "workbooks"
      ? `/workbooks/${encodeURIComponent(item.itemId)}/invite`
      : `${itemPath(item)}/invite`;
  }

  async inviteBatch(
    item: DriveItemRef,
    calls: InviteCall[],
    sessionId: string | undefined,
    signal?: AbortSignal,
  ): Promise<InviteBatchResult> {
    const url = this.invitePath(item);
    const requests: BatchRequest[] = calls.map((c) => {
      const r: BatchRequest = { id: c.id, method: "POST", url, body: c.body };
      if (sessionId) r.headers = { [WORKBOOK_SESSION_HEADER]: sessionId };
      return r;
    });
    const init: { body: unknown; signal?: AbortSignal } = { body: packBatch(requests) };
    if (signal) init.signal = signal;
    const res = await this.http.send("POST", "/$batch", init);
    if (res.status !== 200) {
      return {
        kind: "failed",
        status: res.status,
        retryAfter: res.headers.get("retry-after"),
        error: GraphError.from(res).info,
      };
    }
    return {
      kind: "items",
      items: unpackBatch(
        res.body,
        calls.map((c) => c.id),
      ),
    };
  }
}
