// The Graph calls the add-in makes, over GraphHttp. Idempotent reads retry by the core policy;
// invites are returned raw so the share flow can decide per recipient (see app/share-flow.ts).
// Throttle-prone calls (invites, permission reads and changes) go inside $batch even when alone: a
// browser cannot read Retry-After on a whole Graph response (Graph's CORS answer does not expose it,
// microsoft-graph-docs#17488, microsoft-graph-docs-contrib#2011), but a batch item's headers are JSON.

import {
  hasBatchResponses,
  packBatch,
  unpackBatch,
  type BatchItemResponse,
  type BatchRequest,
} from "../core/batch-json";
import { parseGraphError, parsePermissionPage } from "../core/graph-json";
import {
  decideRetry,
  DEFAULT_RETRY_POLICY,
  isThrottleStatus,
  isTransient,
  unknownRetryAfterMs,
  type RetryPolicy,
} from "../core/retry-policy";
import { encodeSharingUrl } from "../core/sharing-url";
import type { DriveItemRef, GraphErrorInfo, PermissionInfo } from "../core/types";
import type { Clock, GraphPort, InviteBatchResult, InviteCall, InviteRoute } from "../core/ports";
import { GraphError, GraphHttp, isDotSegment, type GraphResponse } from "./http";

export interface GraphApiOptions {
  route?: InviteRoute;
  clock: Clock;
  random?: () => number;
  retry?: RetryPolicy;
  /** Multiplies every wait (tests and the emulator run on a shorter clock). */
  timeScale?: number;
}

export const WORKBOOK_SESSION_HEADER = "Workbook-Session-Id";

/**
 * One path segment from an id. "." and ".." (also %2e-encoded, which encodeURIComponent leaves alone or a
 * server decodes) would be resolved away by URL parsing and address another resource: refused before
 * any request goes out.
 */
export function segment(id: string): string {
  let decoded = id;
  try {
    decoded = decodeURIComponent(id);
  } catch {
    // not percent-encoded text: checked as it is
  }
  if (id === "" || isDotSegment(id) || isDotSegment(decoded)) {
    throw new GraphError({
      status: 400,
      code: "invalidId",
      message: `"${id.slice(0, 40)}" is not a valid id.`,
    });
  }
  return encodeURIComponent(id);
}

function itemPath(item: DriveItemRef): string {
  return `/drives/${segment(item.driveId)}/items/${segment(item.itemId)}`;
}

function invalidResponse(status: number, message: string): GraphError {
  return new GraphError({ status, code: "invalidResponse", message });
}

type StartResult = { sessionId?: string; sessionError?: GraphErrorInfo; permissions: PermissionInfo[] };

export class GraphApi implements GraphPort {
  private readonly route: InviteRoute;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly retry: RetryPolicy;
  private readonly timeScale: number;
  /** After a 429 on any read, no read goes out before this time: Retry-After is for the app, not one call. */
  private readsBlockedUntil = 0;
  /** Top-level invite batches throttled in a row without a readable Retry-After (for the doubling wait). */
  private hiddenThrottles = 0;

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

  private async waitForGate(): Promise<void> {
    const gate = this.readsBlockedUntil - this.clock.now();
    if (gate > 0) await this.clock.sleep(gate);
  }

  /** Waits as the policy says, or returns false when it says stop. Blocks other reads after a throttle. */
  private async backOff(
    status: number,
    retryAfter: string | null,
    attempt: number,
    waited: { ms: number },
    topLevel: boolean,
  ): Promise<boolean> {
    const decision = decideRetry(
      {
        status,
        retryAfter,
        attempt,
        waitedMs: waited.ms,
        now: this.clock.now(),
        random: this.random(),
        idempotent: true,
        topLevel,
      },
      this.retry,
    );
    if (decision.action === "stop") return false;
    const delay = decision.delayMs * this.timeScale;
    if (isThrottleStatus(status) || retryAfter) {
      this.readsBlockedUntil = Math.max(this.readsBlockedUntil, this.clock.now() + delay);
    }
    waited.ms += decision.delayMs;
    await this.clock.sleep(delay);
    return true;
  }

  /** Sends a request that is safe to repeat, retrying transient failures; throws GraphError otherwise. */
  private async idempotent(
    method: string,
    path: string,
    init: { body?: unknown; headers?: Record<string, string> } = {},
    ok: (status: number) => boolean = (s) => s >= 200 && s < 300,
  ): Promise<GraphResponse> {
    const waited = { ms: 0 };
    for (let attempt = 1; ; attempt++) {
      await this.waitForGate();
      const res = await this.http.send(method, path, init);
      if (ok(res.status)) return res;
      if (!(await this.backOff(res.status, res.headers.get("retry-after"), attempt, waited, true))) {
        throw GraphError.from(res);
      }
    }
  }

  /**
   * Sends one request inside a $batch, so that a throttled answer's Retry-After is readable, and retries
   * it while the policy allows (only for requests safe to repeat). Returns the item's answer; throws
   * GraphError when it failed for good, or invalidResponse when the batch answer is not one.
   */
  private async inBatch(request: BatchRequest, ok: (status: number) => boolean): Promise<BatchItemResponse> {
    const waited = { ms: 0 };
    for (let attempt = 1; ; attempt++) {
      await this.waitForGate();
      const res = await this.http.send("POST", "/$batch", { body: packBatch([request]) });
      if (hasBatchResponses(res.body)) {
        const answer = unpackBatch(res.body, [request.id]).get(request.id);
        if (answer && ok(answer.status)) return answer;
        const status = answer?.status ?? 0;
        const retryAfter = answer?.headers["retry-after"] ?? null;
        if (!(await this.backOff(status, retryAfter, attempt, waited, false))) {
          const headers = { get: (n: string) => answer?.headers[n.toLowerCase()] ?? null };
          throw new GraphError(parseGraphError(status, answer?.body, headers), retryAfter);
        }
      } else if (res.status >= 200 && res.status < 300) {
        throw invalidResponse(res.status, "The answer to a $batch held no responses (not Graph's JSON).");
      } else if (!(await this.backOff(res.status, res.headers.get("retry-after"), attempt, waited, true))) {
        throw GraphError.from(res);
      }
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
      throw invalidResponse(res.status, "No drive item in the answer.");
    }
    const ref: DriveItemRef = { driveId, itemId };
    if (typeof body["name"] === "string") ref.name = body["name"];
    if (typeof body["webUrl"] === "string") ref.webUrl = body["webUrl"];
    if (typeof parent["driveType"] === "string") ref.driveType = parent["driveType"];
    return ref;
  }

  async createSession(item: DriveItemRef): Promise<string> {
    // Not idempotent in the strict sense, but a duplicate session only idles out: retrying is harmless.
    const res = await this.idempotent("POST", `${itemPath(item)}/workbook/createSession`, {
      body: { persistChanges: true },
    });
    const id = (res.body as Record<string, unknown> | undefined)?.["id"];
    if (typeof id !== "string") throw invalidResponse(res.status, "No session id in the answer.");
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

  /** One page of permissions from a 2xx body; a body that is not a permission list is an error. */
  private page(status: number, body: unknown): { permissions: PermissionInfo[]; next?: string } {
    const page = parsePermissionPage(body);
    if (!page) throw invalidResponse(status, "The permission list could not be read (not Graph's JSON).");
    if (page.nextLink === undefined) return { permissions: page.permissions };
    // nextLink is followed only inside the configured Graph base: the token must not go anywhere else.
    const next = this.http.relativePath(page.nextLink);
    if (next === undefined) {
      throw invalidResponse(status, "The permission list pointed outside Microsoft Graph (@odata.nextLink).");
    }
    return { permissions: page.permissions, next };
  }

  /** Reads permission pages from a path, following @odata.nextLink, each page inside a $batch. */
  private async listFrom(first: string): Promise<PermissionInfo[]> {
    const all: PermissionInfo[] = [];
    let next: string | undefined = first;
    for (let n = 0; next !== undefined; n++) {
      if (n >= 1000) throw invalidResponse(200, "The permission list did not end after 1,000 pages.");
      const answer = await this.inBatch({ id: "permissions", method: "GET", url: next }, (s) => s === 200);
      const page = this.page(answer.status, answer.body);
      all.push(...page.permissions);
      next = page.next;
    }
    return all;
  }

  async openSessionAndListPermissions(item: DriveItemRef): Promise<StartResult> {
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
    if (!hasBatchResponses(res.body)) {
      // An HTML or empty "success" stops the run here, before anything is sent.
      if (res.status >= 200 && res.status < 300) {
        throw invalidResponse(res.status, "The answer to a $batch held no responses (not Graph's JSON).");
      }
      // The batch itself failed: take the two calls one by one, each with its own retries.
      this.holdReadsAfter(res.status, res.headers.get("retry-after"), true);
      return this.separately(item);
    }
    // Read item by item whatever the outer status (a 424 included).
    const items = unpackBatch(res.body, ["session", "permissions"]);
    // An item refused with 429/503 carries its own Retry-After: the one-by-one fallbacks below wait for it.
    for (const answer of items.values())
      this.holdReadsAfter(answer.status, answer.headers["retry-after"] ?? null, false);
    const out: StartResult = { permissions: [] };
    await this.adoptSession(item, items.get("session"), out);
    const perms = items.get("permissions");
    if (perms && perms.status === 200) {
      const page = this.page(perms.status, perms.body);
      out.permissions = page.permissions;
      if (page.next !== undefined) out.permissions.push(...(await this.listFrom(page.next)));
    } else {
      out.permissions = await this.listPermissions(item);
    }
    return out;
  }

  private async adoptSession(
    item: DriveItemRef,
    session: BatchItemResponse | undefined,
    out: StartResult,
  ): Promise<void> {
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
  }

  /** After a throttled or unavailable answer, no read goes out before its Retry-After (or a backoff step). */
  private holdReadsAfter(status: number, retryAfter: string | null, topLevel: boolean): void {
    if (!isThrottleStatus(status)) return;
    const d = decideRetry(
      {
        status,
        retryAfter,
        attempt: 1,
        waitedMs: 0,
        now: this.clock.now(),
        random: this.random(),
        idempotent: true,
        topLevel,
      },
      this.retry,
    );
    if (d.action === "stop") return;
    this.readsBlockedUntil = Math.max(this.readsBlockedUntil, this.clock.now() + d.delayMs * this.timeScale);
  }

  private async separately(item: DriveItemRef): Promise<StartResult> {
    const out: StartResult = { permissions: [] };
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
    const url = `${itemPath(item)}/permissions/${segment(permissionId)}`;
    await this.inBatch({ id: "delete", method: "DELETE", url }, (s) => (s >= 200 && s < 300) || s === 404);
  }

  async revokeGrant(
    item: DriveItemRef,
    permissionId: string,
    grantee: { email: string } | { objectId: string },
  ): Promise<void> {
    // Taking someone off a link twice leaves the same state, so a retry is safe; a link already gone
    // (404) means nobody has access through it any more.
    const url = `${itemPath(item)}/permissions/${segment(permissionId)}/revokeGrants`;
    const body = { grantees: [grantee] };
    await this.inBatch(
      { id: "revoke", method: "POST", url, body },
      (s) => (s >= 200 && s < 300) || s === 404,
    );
  }

  invitePath(item: DriveItemRef): string {
    return this.route === "workbooks"
      ? `/workbooks/${segment(item.itemId)}/invite`
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
    if (hasBatchResponses(res.body)) {
      // Item by item whatever the outer status: a 424 envelope still holds granted invites.
      if (res.status >= 200 && res.status < 300) this.hiddenThrottles = 0;
      const ids = calls.map((c) => c.id);
      return { kind: "items", items: unpackBatch(res.body, ids) };
    }
    if (res.status >= 200 && res.status < 300) {
      const error = {
        status: res.status,
        code: "invalidResponse",
        message: "The batch answer was not Graph's JSON.",
      };
      return { kind: "failed", status: res.status, retryAfter: null, error };
    }
    return this.failedBatch(res);
  }

  /** A batch refused as a whole. A throttle whose Retry-After cannot be read gets a conservative stand-in. */
  private failedBatch(res: GraphResponse): InviteBatchResult {
    const error = GraphError.from(res).info;
    const retryAfter = res.headers.get("retry-after");
    if (retryAfter !== null || !isThrottleStatus(res.status)) {
      return { kind: "failed", status: res.status, retryAfter, error };
    }
    this.hiddenThrottles += 1;
    const waitMs = unknownRetryAfterMs(this.hiddenThrottles, this.retry, this.random());
    const standIn = String(Math.ceil(waitMs / 1000));
    return { kind: "failed", status: res.status, retryAfter: standIn, retryAfterUnknown: true, error };
  }
}
