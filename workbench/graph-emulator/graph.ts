// The Graph side of the emulator: routing, handlers, fault application and $batch. No sockets here: the HTTP
// layer (server.ts) turns an OpRequest into an OpOutcome and writes it (or destroys the socket).
import { randomUUID } from "node:crypto";
import { BEFORE_FAULTS, FaultEngine, type RequestTarget } from "./faults";
import { shuffled } from "./prng";
import {
  errorBody,
  errorResponse,
  GraphError,
  isRecord,
  jsonResponse,
  type OpRequest,
  type OpResponse,
} from "./http-types";
import {
  grant,
  grantViaLink,
  mailError,
  parseJsonBody,
  recipientKeys,
  resolveRecipients,
  revokeFromLink,
  validateInvite,
} from "./invite";
import { answerDirectory, directoryCollection } from "./directory";
import { scopeError } from "./jwt-check";
import type { ItemState, SessionState, World } from "./state";
import type { FaultKind, FaultRule, GraphBehaviour, Ledger } from "./types";

export type SocketAction = "resetBefore" | "resetAfter";

export interface OpOutcome {
  response: OpResponse;
  fault?: FaultKind | "budget";
  socket?: SocketAction;
}

interface RunContext {
  op: OpRequest;
  partialMail: boolean;
  partialMailApplied: boolean;
  /** Fault grantedNotListed: the invite is answered, but its direct grant is not kept. */
  notListed?: boolean;
  now: number;
}

interface Route {
  target: RequestTarget;
  cost: number;
  run: (ctx: RunContext) => OpResponse;
}

const MAX_BATCH = 20;
/** Users report ~30 recipients per call working and 200 timing out with 504 (onedrive-api-docs#1481). */
const RECIPIENTS_BEFORE_TIMEOUT = 100;

/** What a proxy or captive portal answers instead of Graph (fault htmlOk). */
const HTML_PAGE =
  "<!DOCTYPE html><html><head><title>Sign in to continue</title></head><body><h1>Network login required</h1></body></html>";

const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function mimeTypeOf(name: string): string {
  const lower = name.toLowerCase();
  if (lower.endsWith(".xlsx")) return XLSX_MIME;
  if (lower.endsWith(".xlsm")) return "application/vnd.ms-excel.sheet.macroEnabled.12";
  if (lower.endsWith(".xlsb")) return "application/vnd.ms-excel.sheet.binary.macroEnabled.12";
  return "application/octet-stream";
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function comparableUrl(url: string): string {
  return safeDecode(url.trim()).replace(/\/+$/, "").toLowerCase();
}

function segmentError(segment: string): GraphError {
  return new GraphError(400, "BadRequest", `Resource not found for the segment '${segment}'.`);
}

function methodError(): GraphError {
  return new GraphError(405, "BadRequest", "Specified HTTP method is not allowed for the request target.");
}

export class GraphCore {
  /** Where real Graph's behaviour is unknown or caller-dependent (EmulatorOptions.behaviour). */
  behaviour: GraphBehaviour = {};

  constructor(
    public world: World,
    readonly faults: FaultEngine,
    readonly ledger: Ledger,
    private readonly origin: string,
    private readonly apiRoot: string,
    /** The emulator's clock (ms); tests may pass a fake one. */
    readonly clock: () => number = Date.now,
  ) {}

  // ---------------------------------------------------------------- sessions

  idleMs(session: SessionState): number {
    const seconds = this.faults.config.sessionIdleSeconds ?? (session.persistChanges ? 300 : 420);
    return this.faults.scaledMs(seconds);
  }

  sweep(now: number): void {
    this.world.sweepSessions(now, (s) => this.idleMs(s), this.ledger);
  }

  openSessions(): string[] {
    this.sweep(this.clock());
    return [...this.world.sessions.values()].filter((s) => !s.closed && !s.expired).map((s) => s.id);
  }

  /** Workbook-error-codes: invalidSessionNotFound / invalidSessionReCreatable as inner codes of a 404. */
  private session(id: string | undefined, item: ItemState, touch: boolean, now: number): SessionState {
    if (id === undefined || id === "") {
      throw new GraphError(
        400,
        "invalidRequest",
        "The Workbook-Session-Id header is required for this operation.",
      );
    }
    const s = this.world.sessions.get(id);
    if (s === undefined || s.closed || s.driveId !== item.driveId || s.itemId !== item.id) {
      throw new GraphError(
        404,
        "notFound",
        "The session specified in the request is invalid because the workbook can't be found.",
        "invalidSessionNotFound",
      );
    }
    if (s.expired || now - s.lastUsed > this.idleMs(s)) {
      this.sweep(now);
      throw new GraphError(
        404,
        "notFound",
        "The session specified in the request does not exist or is invalid due to a transient error.",
        "invalidSessionReCreatable",
      );
    }
    if (touch) s.lastUsed = now;
    return s;
  }

  // ---------------------------------------------------------------- routing

  /** Which drive a path names, and the segments after it. `undefined` drive id: any drive (sites/groups). */
  private drivePrefix(segs: string[]): { driveId: () => string | undefined; tail: string[] } | undefined {
    const w = this.world;
    const [a, b, c] = segs.map((s) => s.toLowerCase());
    const s1 = segs[1] ?? "";
    if (a === "drives" && segs.length >= 2) return { driveId: () => w.drive(s1).id, tail: segs.slice(2) };
    if (a === "me" && b === "drive") return { driveId: () => w.seed.meDriveId, tail: segs.slice(2) };
    if (a === "drive") return { driveId: () => w.seed.meDriveId, tail: segs.slice(1) };
    if (a === "users" && c === "drive") return { driveId: () => w.userDrive(s1).id, tail: segs.slice(3) };
    if ((a === "sites" || a === "groups") && c === "drive")
      return { driveId: () => undefined, tail: segs.slice(3) };
    return undefined;
  }

  private address(
    segs: string[],
    version: OpRequest["version"],
  ): { item: () => ItemState; rest: string[] } | "drive" | undefined {
    const w = this.world;
    // The seed's /workbooks/{id} exists only in the 2015 beta stub: v1.0 has no `workbooks` entity set in
    // its CSDL (schemas/v1.0-Prod.csdl), so v1.0 answers 400 "Resource not found for the segment".
    if (segs[0]?.toLowerCase() === "workbooks" && version === "v1.0") throw segmentError(segs[0]);
    if (segs[0]?.toLowerCase() === "workbooks" && segs.length >= 2) {
      const id = segs[1] ?? "";
      return { item: () => w.itemAnywhere(id), rest: segs.slice(2) };
    }
    const prefix = this.drivePrefix(segs);
    if (prefix === undefined) return undefined;
    const { driveId, tail } = prefix;
    const kind = tail[0]?.toLowerCase();
    const id = tail[1] ?? "";
    const rootOf = (): ItemState => {
      const d = driveId();
      return d === undefined ? w.root(w.seed.meDriveId) : w.root(d);
    };
    if (tail.length === 0) return "drive";
    if (kind === "items" && tail.length >= 2) {
      if (id.toLowerCase() === "root") return { item: rootOf, rest: tail.slice(2) };
      return {
        item: () => {
          const d = driveId();
          return d === undefined ? w.itemAnywhere(id) : w.item(d, id);
        },
        rest: tail.slice(2),
      };
    }
    if (kind === "root") return { item: rootOf, rest: tail.slice(1) };
    throw segmentError(tail[0] ?? "");
  }

  private driveJson(segs: string[]): OpResponse {
    const prefix = this.drivePrefix(segs);
    const id = prefix?.driveId() ?? this.world.seed.meDriveId;
    const drive = this.world.drive(id);
    const owner = { id: drive.owner.id, displayName: drive.owner.displayName, email: drive.owner.email };
    return jsonResponse(200, {
      "@odata.context": `${this.apiRoot}/$metadata#drives/$entity`,
      id: drive.id,
      driveType: drive.driveType,
      name: "OneDrive",
      owner: { user: owner },
      webUrl: this.world.root(drive.id).webUrl,
    });
  }

  private match(op: OpRequest): Route {
    const segs = op.path
      .split("/")
      .filter((s) => s !== "")
      .map(safeDecode);
    const method = op.method.toUpperCase();
    const budget = this.faults.config.budget;
    const readCost = budget?.costPerRead ?? 1;
    const inviteCost = budget?.costPerInvite ?? 0;
    // "Avoid getting throttled or blocked in SharePoint Online": every permission resource operation, reads
    // included, costs 5 resource units; the budget's costPerInvite is that per-operation cost.
    const permissionCost = inviteCost;
    if (segs.length === 0) throw segmentError("");
    if (directoryCollection(op.path) !== undefined) {
      return {
        target: "other",
        cost: readCost,
        run: (ctx) => answerDirectory(ctx.op, this.world, this.behaviour),
      };
    }

    if (segs[0]?.toLowerCase() === "shares") {
      if (segs.length !== 3 || segs[2]?.toLowerCase() !== "driveitem")
        throw segmentError(segs[2] ?? segs[1] ?? "shares");
      if (method !== "GET") throw methodError();
      const token = segs[1] ?? "";
      return { target: "shares", cost: readCost, run: () => this.sharesDriveItem(token) };
    }

    const addr = this.address(segs, op.version);
    if (addr === undefined) throw segmentError(segs[0] ?? "");
    if (addr === "drive") {
      if (method !== "GET") throw methodError();
      return { target: "other", cost: readCost, run: () => this.driveJson(segs) };
    }
    const rest = addr.rest.map((s) => s);
    const r0 = rest[0]?.toLowerCase();
    const r1 = rest[1];

    if (rest.length === 0) {
      if (method !== "GET") throw methodError();
      return {
        target: "other",
        cost: readCost,
        run: () => jsonResponse(200, this.driveItemJson(addr.item())),
      };
    }
    if (r0 === "invite" && rest.length === 1) {
      if (method !== "POST") throw methodError();
      const n = Math.max(1, recipientKeys(op.body).length);
      return { target: "invite", cost: inviteCost * n, run: (ctx) => this.invite(addr.item(), ctx) };
    }
    if (r0 === "permissions" && rest.length <= 3)
      return this.permissionRoute(addr.item, rest, method, permissionCost);
    if (r0 === "workbook" && rest.length >= 2) {
      const action = (r1 ?? "").toLowerCase();
      if (rest.length === 2 && ["createsession", "refreshsession", "closesession"].includes(action)) {
        if (method !== "POST") throw methodError();
        const run =
          action === "createsession"
            ? (ctx: RunContext) => this.createSession(addr.item(), ctx)
            : action === "refreshsession"
              ? (ctx: RunContext) => this.refreshSession(addr.item(), ctx)
              : (ctx: RunContext) => this.closeSession(addr.item(), ctx);
        return { target: "session", cost: 0, run };
      }
      if (action === "operations" && rest.length === 3) {
        if (method !== "GET") throw methodError();
        const opId = rest[2] ?? "";
        return { target: "session", cost: 0, run: () => this.getOperation(addr.item(), opId) };
      }
      const keyMatch = /^sessionInfoResource\(key='(.*)'\)$/i.exec(r1 ?? "");
      if (keyMatch !== null && rest.length === 2) {
        if (method !== "GET") throw methodError();
        const key = keyMatch[1] ?? "";
        return { target: "session", cost: 0, run: (ctx) => this.sessionInfo(addr.item(), key, ctx.now) };
      }
      throw segmentError(r1 ?? "workbook");
    }
    throw segmentError(rest[0] ?? "");
  }

  /** .../permissions, .../permissions/{id} (GET, DELETE), .../permissions/{id}/revokeGrants (POST). */
  private permissionRoute(item: () => ItemState, rest: string[], method: string, cost: number): Route {
    const id = rest[1] ?? "";
    const route = (run: Route["run"]): Route => ({ target: "permissions", cost, run });
    if (rest.length === 3) {
      if (rest[2]?.toLowerCase() !== "revokegrants") throw segmentError(rest[2] ?? "");
      if (method !== "POST") throw methodError();
      return route((ctx) => this.revokeGrants(item(), id, ctx));
    }
    if (rest.length === 1) {
      if (method !== "GET") throw methodError();
      return route((ctx) => this.listPermissions(item(), ctx));
    }
    if (method === "GET") return route(() => this.getPermission(item(), id));
    if (method === "DELETE") return route((ctx) => this.deletePermission(item(), id, ctx.now));
    throw methodError();
  }

  // ---------------------------------------------------------------- handlers

  private driveItemJson(item: ItemState): Record<string, unknown> {
    const drive = this.world.drive(item.driveId);
    const base: Record<string, unknown> = {
      "@odata.context": `${this.apiRoot}/$metadata#driveItem`,
      id: item.id,
      name: item.name,
      webUrl: item.webUrl,
      parentReference: {
        driveId: drive.id,
        driveType: drive.driveType,
        ...(item.isRoot ? {} : { id: this.world.root(drive.id).id, path: "/drive/root:" }),
      },
      createdBy: {
        user: { id: drive.owner.id, displayName: drive.owner.displayName, email: drive.owner.email },
      },
    };
    if (item.isRoot) return { ...base, root: {}, folder: { childCount: drive.items.length } };
    return { ...base, file: { mimeType: mimeTypeOf(item.name) } };
  }

  private sharesDriveItem(token: string): OpResponse {
    // api-reference/v1.0/api/shares-get.md: "u!" + base64url without padding.
    if (!token.startsWith("u!") || !/^[A-Za-z0-9_-]+=*$/.test(token.slice(2)) || token.length < 4) {
      throw new GraphError(400, "invalidRequest", "The sharing token is malformed.");
    }
    const decoded = Buffer.from(token.slice(2).replace(/=+$/, ""), "base64url").toString("utf8");
    if (!/^https?:\/\//i.test(decoded) || decoded.includes("\uFFFD")) {
      throw new GraphError(400, "invalidRequest", "The sharing token does not encode a URL.");
    }
    const wanted = comparableUrl(decoded);
    const item = this.world.allItems().find((i) => comparableUrl(i.webUrl) === wanted);
    if (item === undefined) throw new GraphError(404, "itemNotFound", "The resource could not be found.");
    return jsonResponse(200, this.driveItemJson(item));
  }

  private invite(item: ItemState, ctx: RunContext): OpResponse {
    const sessionId = ctx.op.headers["workbook-session-id"];
    // Nothing documents invite reading Workbook-Session-Id (the invalidSession* codes are Excel API errors,
    // concepts/workbook-error-codes.md), so by default it is ignored. "refusesStale": the header must name an
    // open session on this item; invite does not refresh its idle timer.
    if (sessionId !== undefined && this.behaviour.inviteReadsSessionHeader === "refusesStale")
      this.session(sessionId, item, false, ctx.now);
    const params = validateInvite(parseJsonBody(ctx.op.body), item.driveType, {
      now: ctx.now,
      personal: this.behaviour.personalExpiry ?? "premium",
    });
    this.pruneExpired(item, ctx.now);
    if (item.isRoot && item.driveType === "personal") {
      // driveitem-invite.md, Remarks: personal drives cannot create permissions on the root.
      throw new GraphError(
        403,
        "notAllowed",
        "Permissions cannot be modified on the root of a personal drive.",
      );
    }
    const resolved = resolveRecipients(this.world, params, this.faults.config.unknownUserStatus ?? 400);
    const mailFails = ctx.partialMail && params.sendInvitation;
    const viaLink = this.behaviour.inviteCreates === "specificPeopleLink" && item.driveType === "business";
    const value = resolved.map((r) => {
      const permission = viaLink
        ? grantViaLink(this.world, item, r, params)
        : grant(this.world, item, r, params, {
            omitInvitation: this.faults.config.omitInvitation === true,
          });
      if (ctx.notListed === true && !viaLink) {
        item.permissions = item.permissions.filter((p) => p.id !== permission.id);
      }
      const emailSent = params.sendInvitation && !mailFails;
      this.ledger.invites.push({
        at: ctx.now,
        driveId: item.driveId,
        itemId: item.id,
        recipient: r.key,
        roles: [...permission.roles],
        permissionId: permission.id,
        emailSent,
        ...(sessionId !== undefined ? { sessionId } : {}),
      });
      const to = r.kind === "member" ? r.user.email.toLowerCase() : r.email;
      if (emailSent) this.ledger.emails.push({ at: ctx.now, to, itemId: item.id });
      return mailFails ? { ...permission, error: mailError(this.faults.pickMailError()) } : permission;
    });
    if (resolved.length > RECIPIENTS_BEFORE_TIMEOUT) {
      throw new GraphError(504, "gatewayTimeout", "The operation has timed out.");
    }
    ctx.partialMailApplied = mailFails;
    const body = {
      "@odata.context": `${this.apiRoot}/$metadata#Collection(microsoft.graph.permission)`,
      value,
    };
    return jsonResponse(mailFails ? 207 : 200, body);
  }

  /**
   * Graph's own expiry: a permission whose expirationDateTime has passed (on the emulator's clock) is gone.
   * SharePoint's 0001-01-01 means "never".
   */
  private pruneExpired(item: ItemState, now: number): void {
    item.permissions = item.permissions.filter((p) => {
      const at = p.expirationDateTime;
      return at === undefined || at.startsWith("0001-01-01") || Date.parse(at) > now;
    });
  }

  private listPermissions(item: ItemState, ctx: RunContext): OpResponse {
    this.pruneExpired(item, ctx.now);
    const all = item.permissions.map((p) => structuredClone(p));
    const context = `${this.apiRoot}/$metadata#drives('${item.driveId}')/items('${item.id}')/permissions`;
    const topRaw = ctx.op.query.get("$top");
    if (topRaw === null) return jsonResponse(200, { "@odata.context": context, value: all });
    const top = Number(topRaw);
    if (!Number.isInteger(top) || top < 1)
      throw new GraphError(400, "invalidRequest", `Invalid $top value '${topRaw}'.`);
    const skipRaw = ctx.op.query.get("$skiptoken");
    let skip = 0;
    if (skipRaw !== null) {
      skip = Number(
        Buffer.from(skipRaw, "base64url")
          .toString("utf8")
          .replace(/^Paged=TRUE&p_ID=/, ""),
      );
      if (!Number.isInteger(skip) || skip < 0)
        throw new GraphError(400, "invalidRequest", "Invalid $skiptoken.");
    }
    const page = all.slice(skip, skip + top);
    const body: Record<string, unknown> = { "@odata.context": context, value: page };
    if (skip + top < all.length) {
      const token = Buffer.from(`Paged=TRUE&p_ID=${skip + top}`, "utf8").toString("base64url");
      const path = ctx.op.path.startsWith("/") ? ctx.op.path : `/${ctx.op.path}`;
      body["@odata.nextLink"] = `${this.apiRoot}${path}?$top=${top}&$skiptoken=${token}`;
    }
    return jsonResponse(200, body);
  }

  private getPermission(item: ItemState, id: string): OpResponse {
    const p = item.permissions.find((x) => x.id === id);
    if (p === undefined) throw new GraphError(404, "itemNotFound", "The resource could not be found.");
    return jsonResponse(200, structuredClone(p));
  }

  private revokeGrants(item: ItemState, id: string, ctx: RunContext): OpResponse {
    const p = item.permissions.find((x) => x.id === id);
    if (p === undefined) throw new GraphError(404, "itemNotFound", "The resource could not be found.");
    const removed = revokeFromLink(this.world, p, parseJsonBody(ctx.op.body));
    this.ledger.revocations.push({ at: ctx.now, itemId: item.id, permissionId: id, removed });
    return jsonResponse(200, {
      "@odata.context": `${this.apiRoot}/$metadata#microsoft.graph.permission`,
      ...structuredClone(p),
    });
  }

  private deletePermission(item: ItemState, id: string, now: number): OpResponse {
    const index = item.permissions.findIndex((x) => x.id === id);
    const p = item.permissions[index];
    if (p === undefined) throw new GraphError(404, "itemNotFound", "The resource could not be found.");
    if (p.roles.includes("owner")) {
      throw new GraphError(403, "accessDenied", "The owner's permission cannot be removed.");
    }
    item.permissions.splice(index, 1);
    this.ledger.deletions.push({ at: now, itemId: item.id, permissionId: id });
    return { status: 204, headers: {} };
  }

  private workbookUrl(item: ItemState): string {
    return `${this.apiRoot}/drives/${encodeURIComponent(item.driveId)}/items/${encodeURIComponent(item.id)}/workbook`;
  }

  private createSession(item: ItemState, ctx: RunContext): OpResponse {
    if (item.driveType === "personal") {
      // Excel APIs support only work or school accounts (api-reference/v1.0/resources/excel.md). Consumer
      // files answer "Could not obtain a WAC access token" (microsoft-graph-explorer-v4#3014).
      throw new GraphError(
        403,
        "accessDenied",
        "Could not obtain a WAC access token.",
        "FileOpenUserUnauthorized",
      );
    }
    if (item.isRoot || mimeTypeOf(item.name) === "application/octet-stream") {
      throw new GraphError(
        400,
        "invalidRequest",
        "The item is not an Excel workbook.",
        "unsupportedWorkbook",
      );
    }
    const raw = parseJsonBody(ctx.op.body);
    if (raw !== undefined && !isRecord(raw))
      throw new GraphError(400, "invalidRequest", "The request body must be an object.");
    const persist = raw?.["persistChanges"];
    if (persist !== undefined && typeof persist !== "boolean") {
      throw new GraphError(400, "invalidRequest", "persistChanges must be a boolean.");
    }
    const session: SessionState = {
      id: this.world.newSessionId(),
      driveId: item.driveId,
      itemId: item.id,
      persistChanges: persist === true,
      lastUsed: ctx.now,
      closed: false,
      expired: false,
    };
    this.world.sessions.set(session.id, session);
    this.ledger.sessions.push({ id: session.id, itemId: item.id, openedAt: ctx.now });
    const prefer = (ctx.op.headers["prefer"] ?? "").toLowerCase();
    if (prefer.split(/[,;]/).some((p) => p.trim() === "respond-async")) {
      // workbook-createsession.md: 202 + Location of a workbookOperation to poll.
      const opId = randomUUID();
      this.world.operations.set(opId, {
        id: opId,
        sessionId: session.id,
        driveId: item.driveId,
        itemId: item.id,
      });
      return { status: 202, headers: { Location: `${this.workbookUrl(item)}/operations/${opId}` } };
    }
    return jsonResponse(201, {
      "@odata.context": `${this.apiRoot}/$metadata#microsoft.graph.workbookSessionInfo`,
      id: session.id,
      persistChanges: session.persistChanges,
    });
  }

  private getOperation(item: ItemState, opId: string): OpResponse {
    const op = this.world.operations.get(opId);
    if (op === undefined || op.itemId !== item.id)
      throw new GraphError(404, "itemNotFound", "The operation could not be found.");
    return jsonResponse(200, {
      "@odata.context": `${this.apiRoot}/$metadata#microsoft.graph.workbookOperation`,
      id: op.id,
      status: "succeeded",
      resourceLocation: `${this.workbookUrl(item)}/sessionInfoResource(key='${encodeURIComponent(op.sessionId)}')`,
    });
  }

  private sessionInfo(item: ItemState, key: string, now: number): OpResponse {
    const s = this.session(key, item, true, now);
    return jsonResponse(200, {
      "@odata.context": `${this.apiRoot}/$metadata#microsoft.graph.workbookSessionInfo`,
      id: s.id,
      persistChanges: s.persistChanges,
    });
  }

  private refreshSession(item: ItemState, ctx: RunContext): OpResponse {
    this.session(ctx.op.headers["workbook-session-id"], item, true, ctx.now);
    return { status: 204, headers: {} };
  }

  private closeSession(item: ItemState, ctx: RunContext): OpResponse {
    const s = this.session(ctx.op.headers["workbook-session-id"], item, false, ctx.now);
    s.closed = true;
    const row = this.ledger.sessions.find((r) => r.id === s.id);
    if (row !== undefined) row.closedAt = ctx.now;
    return { status: 204, headers: {} };
  }

  // ---------------------------------------------------------------- dispatch

  private fingerprint(op: OpRequest): string {
    const keys = recipientKeys(op.body);
    // Decoded and lower-cased, so "/drives/b%21x" top-level and "drives/b!x" in a batch are the same request.
    const path = `/${op.path
      .split("/")
      .filter((s) => s !== "")
      .map(safeDecode)
      .join("/")}`.toLowerCase();
    return `${op.method.toUpperCase()} ${path}${keys.length > 0 ? ` ${keys.join(",")}` : ""}`;
  }

  private faultResponse(kind: FaultKind, retryAfter: number | undefined, ids: OpRequest): OpResponse {
    const headers: Record<string, string> =
      retryAfter !== undefined ? { "Retry-After": String(retryAfter) } : {};
    const err = (status: number, code: string, message: string): OpResponse =>
      errorResponse(new GraphError(status, code, message, undefined, headers), ids);
    switch (kind) {
      case "throttle":
      case "throttleNoRetryAfter":
        return err(429, "activityLimitReached", "The request has been throttled.");
      case "unavailableBefore":
      case "unavailableAfter":
        return err(
          503,
          "serviceNotAvailable",
          "The service is temporarily unavailable. Please try again later.",
        );
      case "gatewayTimeoutAfter":
        return err(504, "gatewayTimeout", "The operation has timed out.");
      case "htmlOk":
        // Something between the browser and Graph (a proxy, a captive portal, a sign-in page) answered.
        return { status: 200, headers: { "Content-Type": "text/html; charset=utf-8" }, body: HTML_PAGE };
      default:
        return err(500, "generalException", "An unspecified error has occurred.");
    }
  }

  /**
   * One Graph operation through routing, early-retry tracking, rule faults, the budget, the handler and
   * after-faults. `preset` carries a rule already drawn (batch items draw before anything runs).
   */
  dispatch(op: OpRequest, preset?: { rule: FaultRule | undefined }): OpOutcome {
    const now = this.clock();
    this.sweep(now);
    const forbidden = scopeError(op.headers["authorization"], op.method, op.path);
    if (forbidden) return this.finish(op, { response: this.toErrorResponse(forbidden, op) }, undefined, now);
    let route: Route;
    try {
      route = this.match(op);
    } catch (e) {
      return this.finish(op, { response: this.toErrorResponse(e, op) }, undefined, now);
    }
    const fingerprint = this.fingerprint(op);
    this.faults.noteArrival(fingerprint, now);
    const rule = preset !== undefined ? preset.rule : this.faults.draw(route.target, { outerBatch: false });

    if (rule !== undefined && BEFORE_FAULTS.has(rule.fault)) {
      if (rule.fault === "resetBefore") {
        return this.finish(
          op,
          { response: { status: 0, headers: {} }, fault: "resetBefore", socket: "resetBefore" },
          fingerprint,
          now,
        );
      }
      const retryAfter = this.faults.ruleRetryAfter(rule);
      const response = this.faultResponse(rule.fault, retryAfter, op);
      if (response.status === 429) this.executeAnyway(route, op, now);
      return this.finish(op, { response, fault: rule.fault }, fingerprint, now, "rule");
    }

    const verdict = this.faults.checkBudget(route.cost, op.httpSerial, now);
    if (verdict !== undefined) {
      const response = errorResponse(
        new GraphError(
          429,
          "activityLimitReached",
          "The request has been throttled: the application's resource budget is used up.",
          undefined,
          {
            "Retry-After": String(verdict.retryAfterSeconds),
          },
        ),
        op,
      );
      this.executeAnyway(route, op, now);
      return this.finish(op, { response, fault: "budget" }, fingerprint, now, "budget");
    }

    const ctx: RunContext = {
      op,
      partialMail: rule?.fault === "partialMail",
      partialMailApplied: false,
      notListed: rule?.fault === "grantedNotListed",
      now,
    };
    let response: OpResponse;
    try {
      response = route.run(ctx);
    } catch (e) {
      response = this.toErrorResponse(e, op);
    }
    this.faults.charge(route.cost);
    const rateLimit = this.faults.rateLimitHeaders(now, this.behaviour.caller === "appOnly");
    if (rateLimit) response = { ...response, headers: { ...response.headers, ...rateLimit } };

    if (rule === undefined) return this.finish(op, { response }, fingerprint, now);
    switch (rule.fault) {
      case "partialMail":
        return this.finish(
          op,
          ctx.partialMailApplied ? { response, fault: "partialMail" } : { response },
          fingerprint,
          now,
        );
      case "grantedNotListed":
        return this.finish(op, { response, fault: "grantedNotListed" }, fingerprint, now);
      case "resetAfter":
        return this.finish(op, { response, fault: "resetAfter", socket: "resetAfter" }, fingerprint, now);
      default:
        return this.finish(
          op,
          { response: this.faultResponse(rule.fault, undefined, op), fault: rule.fault },
          fingerprint,
          now,
        );
    }
  }

  /**
   * behaviour.throttledItemExecuted: an unconfirmed report says a batch item answered 429 can still have been
   * carried out. Only invites inside a $batch; the answer stays the 429.
   */
  private executeAnyway(route: Route, op: OpRequest, now: number): void {
    if (this.behaviour.throttledItemExecuted !== true || !op.inBatch || route.target !== "invite") return;
    try {
      route.run({ op, partialMail: false, partialMailApplied: false, now });
    } catch {
      // A refused invite stays refused; the client sees the 429 either way.
    }
  }

  private toErrorResponse(e: unknown, ids: OpRequest): OpResponse {
    if (e instanceof GraphError) return errorResponse(e, ids);
    const message = e instanceof Error ? e.message : String(e);
    return errorResponse(
      new GraphError(500, "generalException", `An unspecified error has occurred. (${message})`),
      ids,
    );
  }

  private finish(
    op: OpRequest,
    outcome: OpOutcome,
    fingerprint: string | undefined,
    now: number,
    throttleKind?: "budget" | "rule",
  ): OpOutcome {
    const { response } = outcome;
    const retryAfterRaw = response.headers["Retry-After"];
    const retryAfter = retryAfterRaw !== undefined ? Number(retryAfterRaw) : undefined;
    if (fingerprint !== undefined && (response.status === 429 || response.status === 503)) {
      const until = retryAfter !== undefined ? this.faults.noteRetryAfter(fingerprint, retryAfter, now) : now;
      if (response.status === 429) {
        this.ledger.throttles.push({
          at: now,
          until,
          fingerprint,
          retryAfterSeconds: retryAfter ?? null,
          kind: throttleKind ?? "rule",
        });
      }
    }
    const sessionId = op.headers["workbook-session-id"];
    this.ledger.requests.push({
      at: now,
      method: op.method.toUpperCase(),
      path: op.path,
      status: response.status,
      inBatch: op.inBatch,
      requestId: op.requestId,
      ...(sessionId !== undefined ? { sessionId } : {}),
      ...(outcome.fault !== undefined ? { fault: outcome.fault } : {}),
    });
    return outcome;
  }

  // ---------------------------------------------------------------- $batch (concepts/json-batching.md)

  /** The outer $batch answer: item answers in any order (as Graph allows) unless told otherwise. */
  private batchEnvelope(items: BatchItem[], responses: Array<Record<string, unknown>>): OpResponse {
    const ordered =
      this.faults.config.shuffleBatchResponses === false
        ? [...responses].sort(
            (a, b) => items.findIndex((i) => i.id === a["id"]) - items.findIndex((i) => i.id === b["id"]),
          )
        : shuffled(responses, this.faults.shuffleRng);
    // concepts/throttling.md says a batch with a throttled item may answer 424 outside, while
    // concepts/json-batching.md says 200; the per-item answers are in the body either way.
    const throttled = responses.some((r) => r["status"] === 429);
    const outerStatus = this.behaviour.batch424 === true && throttled ? 424 : 200;
    return jsonResponse(outerStatus, { responses: ordered });
  }

  batch(op: OpRequest): OpOutcome {
    const now = this.clock();
    let fingerprint: string | undefined;
    const outerFinish = (outcome: OpOutcome): OpOutcome => this.finish(op, outcome, fingerprint, now);
    let items: BatchItem[];
    try {
      items = parseBatch(op.body);
    } catch (e) {
      return outerFinish({ response: this.toErrorResponse(e, op) });
    }
    // A throttled batch re-sent too early is an early retry too: fingerprint = every item's recipients.
    const everyone = items.flatMap((i) =>
      recipientKeys(i.body === undefined ? undefined : JSON.stringify(i.body)),
    );
    fingerprint = `POST /$batch ${everyone.sort().join(",")}`;
    this.faults.noteArrival(fingerprint, now);
    const outerRule = this.faults.draw("batch", { outerBatch: true });
    if (outerRule !== undefined && BEFORE_FAULTS.has(outerRule.fault)) {
      if (outerRule.fault === "resetBefore") {
        return outerFinish({
          response: { status: 0, headers: {} },
          fault: "resetBefore",
          socket: "resetBefore",
        });
      }
      const response = this.faultResponse(outerRule.fault, this.faults.ruleRetryAfter(outerRule), op);
      return outerFinish({ response, fault: outerRule.fault });
    }

    // Draw every item's fault before running any: a reset of one item is a reset of the whole HTTP request.
    const requests = items.map((item) => toItemRequest(item, op));
    const presets = requests.map((req) => {
      let target: RequestTarget | undefined;
      try {
        target = this.match(req).target;
      } catch {
        target = undefined;
      }
      return {
        rule:
          target === undefined ? undefined : this.faults.draw(target, { outerBatch: false, batchItem: true }),
      };
    });
    if (presets.some((p) => p.rule?.fault === "resetBefore")) {
      return outerFinish({
        response: { status: 0, headers: {} },
        fault: "resetBefore",
        socket: "resetBefore",
      });
    }

    const statuses = new Map<string, number>();
    const responses: Array<Record<string, unknown>> = [];
    let resetAfter = false;
    const pending = items.map((item, index) => ({ item, index }));
    while (pending.length > 0) {
      const nextIndex = pending.findIndex(({ item }) =>
        item.dependsOn.every((d) => statuses.has(d.toLowerCase())),
      );
      const next = pending.splice(nextIndex < 0 ? 0 : nextIndex, 1)[0];
      if (next === undefined) break;
      const { item, index } = next;
      const req = requests[index] as OpRequest;
      const failedDep = item.dependsOn.find((d) => (statuses.get(d.toLowerCase()) ?? 0) >= 400);
      let outcome: OpOutcome;
      if (failedDep !== undefined) {
        const response: OpResponse = {
          status: 424,
          headers: { "Content-Type": "application/json" },
          body: errorBody(
            "failedDependency",
            `Request ${item.id} depends on request ${failedDep}, which failed.`,
            req,
          ),
        };
        outcome = this.finish(req, { response }, undefined, this.clock());
      } else {
        outcome = this.dispatch(req, presets[index] ?? { rule: undefined });
      }
      if (outcome.socket === "resetAfter") resetAfter = true;
      statuses.set(item.id.toLowerCase(), outcome.response.status);
      const entry: Record<string, unknown> = {
        id: item.id,
        status: outcome.response.status,
        headers: outcome.response.headers,
      };
      if (outcome.response.body !== undefined) entry["body"] = outcome.response.body;
      responses.push(entry);
    }
    const response = this.batchEnvelope(items, responses);

    if (outerRule !== undefined) {
      if (outerRule.fault === "resetAfter")
        return outerFinish({ response, fault: "resetAfter", socket: "resetAfter" });
      if (outerRule.fault !== "partialMail" && outerRule.fault !== "grantedNotListed") {
        return outerFinish({
          response: this.faultResponse(outerRule.fault, undefined, op),
          fault: outerRule.fault,
        });
      }
    }
    if (resetAfter) return outerFinish({ response, fault: "resetAfter", socket: "resetAfter" });
    return outerFinish({ response });
  }
}

interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  dependsOn: string[];
}

function batchError(message: string): GraphError {
  return new GraphError(400, "invalidRequest", message);
}

function parseBatch(body: string | undefined): BatchItem[] {
  let raw: unknown;
  try {
    raw = body === undefined ? undefined : (JSON.parse(body) as unknown);
  } catch {
    throw batchError("Invalid batch payload format.");
  }
  if (!isRecord(raw) || !Array.isArray(raw["requests"])) throw batchError("Invalid batch payload format.");
  const list = raw["requests"] as unknown[];
  if (list.length === 0) throw batchError("The batch request must contain at least one request.");
  if (list.length > MAX_BATCH)
    throw batchError(`Number of included requests exceeds the maximum of ${MAX_BATCH}.`);
  const seen = new Set<string>();
  const items = list.map((r, index): BatchItem => {
    if (!isRecord(r)) throw batchError(`Request ${index} of the batch is not an object.`);
    const { id, method, url } = r;
    if (typeof id !== "string" || id === "") throw batchError(`Request ${index} of the batch has no id.`);
    if (typeof method !== "string" || method === "")
      throw batchError(`Request ${id} of the batch has no method.`);
    if (typeof url !== "string" || url === "") throw batchError(`Request ${id} of the batch has no url.`);
    // Ids are not case-sensitive and must be unique (concepts/json-batching.md).
    if (seen.has(id.toLowerCase()))
      throw batchError(`Request id '${id}' is used more than once in the batch.`);
    seen.add(id.toLowerCase());
    const headers: Record<string, string> = {};
    if (r["headers"] !== undefined) {
      if (!isRecord(r["headers"])) throw batchError(`The headers of request ${id} must be an object.`);
      for (const [k, v] of Object.entries(r["headers"]))
        headers[k.toLowerCase()] = typeof v === "string" ? v : String(v);
    }
    if (r["body"] !== undefined && headers["content-type"] === undefined) {
      throw batchError(`Write request id : ${id} does not contain Content-Type header or body.`);
    }
    let dependsOn: string[] = [];
    if (r["dependsOn"] !== undefined) {
      const deps = r["dependsOn"];
      if (!Array.isArray(deps) || deps.some((d) => typeof d !== "string")) {
        throw batchError(`dependsOn of request ${id} must be an array of request ids.`);
      }
      dependsOn = deps as string[];
    }
    return { id, method: method.toUpperCase(), url, headers, body: r["body"], dependsOn };
  });
  const ids = new Set(items.map((i) => i.id.toLowerCase()));
  for (const item of items) {
    for (const d of item.dependsOn) {
      if (!ids.has(d.toLowerCase()) || d.toLowerCase() === item.id.toLowerCase()) {
        throw batchError(`Request ${item.id} depends on '${d}', which is not another request of the batch.`);
      }
    }
  }
  assertAcyclic(items);
  return items;
}

function assertAcyclic(items: BatchItem[]): void {
  const byId = new Map(items.map((i) => [i.id.toLowerCase(), i]));
  const state = new Map<string, 1 | 2>();
  const visit = (id: string): void => {
    const s = state.get(id);
    if (s === 2) return;
    if (s === 1) throw batchError("The dependsOn references of the batch form a cycle.");
    state.set(id, 1);
    for (const d of byId.get(id)?.dependsOn ?? []) visit(d.toLowerCase());
    state.set(id, 2);
  };
  for (const id of byId.keys()) visit(id);
}

function toItemRequest(item: BatchItem, outer: OpRequest): OpRequest {
  const relative = item.url.startsWith("/") ? item.url : `/${item.url}`;
  const q = relative.indexOf("?");
  const path = q < 0 ? relative : relative.slice(0, q);
  const query = new URLSearchParams(q < 0 ? "" : relative.slice(q + 1));
  const body =
    item.body === undefined
      ? undefined
      : typeof item.body === "string"
        ? item.body
        : JSON.stringify(item.body);
  return {
    method: item.method,
    path,
    query,
    // An item acts with the $batch request's own token.
    headers: { ...item.headers, authorization: outer.headers["authorization"] ?? "" },
    body,
    version: outer.version,
    inBatch: true,
    requestId: randomUUID(),
    clientRequestId: item.headers["client-request-id"] ?? outer.clientRequestId,
    httpSerial: outer.httpSerial,
  };
}
