// The HTTP face of the emulator: real sockets on 127.0.0.1, auth, CORS, latency, the control API, and the
// socket-level faults (a reset is a destroyed socket, not a status code).
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { FaultEngine, validateBehaviour, validateFaultConfig } from "./faults";
import { invitesCarriedOut } from "./server-time";
import { GraphCore, type OpOutcome } from "./graph";
import {
  errorBody,
  GraphError,
  errorResponse,
  isRecord,
  type OpRequest,
  type OpResponse,
} from "./http-types";
import { UNREADABLE_JSON } from "./invite";
import { tokenError } from "./jwt-check";
import { clearLedger, emptyLedger, summarizeLedger } from "./ledger";
import { demoSeed } from "./seed";
import { World } from "./state";
import type { FaultConfig, GraphBehaviour, GraphPermission, Ledger, Seed } from "./types";

export interface EmulatorOptions {
  /** 0 = a random free port (default). */
  port?: number;
  /** Default demoSeed(). */
  seed?: Seed;
  /** Default: no faults. */
  faults?: FaultConfig;
  /** Optional request log, one line per HTTP request; never includes headers. */
  log?: (line: string) => void;
  /**
   * The clock behind session idle, token lifetime, budget windows, Retry-After tracking and ledger times
   * (default Date.now). Tests pass a fake clock to move time without sleeping.
   */
  clock?: () => number;
  /**
   * Where real Graph's behaviour is unknown or depends on the caller (README.md, "Choices"). reset() without
   * a behaviour goes back to this one.
   */
  behaviour?: GraphBehaviour;
}

export interface ItemSnapshot {
  driveId: string;
  driveType: "business" | "personal";
  itemId: string;
  name: string;
  webUrl: string;
  isRoot: boolean;
  permissions: GraphPermission[];
}

export interface Emulator {
  /** "http://127.0.0.1:PORT/v1.0" */
  baseUrl: string;
  /** "http://127.0.0.1:PORT" */
  origin: string;
  /** Live object: emptied in place by reset(). */
  ledger: Ledger;
  /** Replaces the fault configuration; re-seeds the PRNG and clears budget and Retry-After state. */
  setFaults(f: FaultConfig): void;
  /**
   * Fresh state from the given seed (else the current one), empty ledger, fault PRNG re-seeded; behaviour
   * back to the given one, else to EmulatorOptions.behaviour.
   */
  reset(seed?: Seed, behaviour?: GraphBehaviour): void;
  /**
   * Moves the emulator's clock forward (or back, with a negative value) by `ms`: permissions with an
   * expiry that passes are gone, sessions idle out. reset() puts it back.
   */
  advanceClock(ms: number): void;
  /** The emulator's time now (ms since the epoch). */
  now(): number;
  /** Replaces the behaviour switches (state and ledger stay). */
  setBehaviour(b: GraphBehaviour): void;
  readonly behaviour: GraphBehaviour;
  permissionsOf(driveId: string, itemId: string): GraphPermission[];
  openSessions(): string[];
  /** Items with their permissions, plus open sessions (what GET /_emulator/state returns). */
  snapshot(): {
    items: ItemSnapshot[];
    openSessions: string[];
    faults: FaultConfig;
    behaviour: GraphBehaviour;
  };
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 4 * 1024 * 1024;
const ALLOWED_HEADERS = "Authorization, Content-Type, Workbook-Session-Id, Prefer, client-request-id, Accept";
/**
 * The response headers Graph lets a browser read (Access-Control-Expose-Headers). Retry-After is not among
 * them: users report a top-level 429's Retry-After unreadable from a browser (microsoft-graph-docs#17488,
 * microsoft-graph-docs-contrib#2011, msgraph-sdk-design#76). The list is the one Microsoft's own Graph
 * simulator sends (microsoft/dev-proxy, dev-proxy-abstractions/ProxyUtils.cs, BuildGraphResponseHeaders)
 * without the Retry-After it adds; the 2017 docs example shows its first six entries
 * (api-reference/v1.0/api/profilephoto-get.md). RateLimit-* headers are not exposed either. Inside a
 * $batch every item's headers are JSON in the body, so an item's Retry-After stays readable.
 * `behaviour.corsExposesRetryAfter` appends Retry-After, as dev-proxy does and newer captures show.
 */
export const GRAPH_EXPOSED_HEADERS: readonly string[] = [
  "ETag",
  "Location",
  "Preference-Applied",
  "Content-Range",
  "request-id",
  "client-request-id",
  "ReadWriteConsistencyToken",
  "SdkVersion",
  "WWW-Authenticate",
  "x-ms-client-gcc-tenant",
];

function exposedHeaders(behaviour: GraphBehaviour): string {
  const list =
    behaviour.corsExposesRetryAfter === true
      ? [...GRAPH_EXPOSED_HEADERS, "Retry-After"]
      : GRAPH_EXPOSED_HEADERS;
  return list.join(", ");
}
const WWW_AUTHENTICATE =
  'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"';

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new GraphError(413, "requestSizeExceeded", "The request size exceeds the maximum limit."));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(size === 0 ? undefined : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function lowerHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  }
  return out;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const ledger = emptyLedger();
  const faults = new FaultEngine(opts.faults ?? {}, ledger);
  let currentSeed: Seed = opts.seed ?? demoSeed();
  const baseClock = opts.clock ?? Date.now;
  let clockOffset = 0;
  const clock = () => baseClock() + clockOffset;
  let core: GraphCore | undefined;
  let httpSerial = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        const message = e instanceof Error ? e.message : String(e);
        res.writeHead(500, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ error: { code: "generalException", message } }));
      }
    });
  });
  server.keepAliveTimeout = 5000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const graph = core;
    if (graph === undefined) throw new Error("emulator not started");
    const started = Date.now();
    const serial = ++httpSerial;
    const headers = lowerHeaders(req);
    const requestId = randomUUID();
    const clientRequestId = headers["client-request-id"] ?? randomUUID();
    const ids = { requestId, clientRequestId };
    const url = new URL(req.url ?? "/", origin);
    const method = (req.method ?? "GET").toUpperCase();

    res.setHeader("Access-Control-Allow-Origin", "*");
    res.setHeader("Access-Control-Expose-Headers", exposedHeaders(graph.behaviour));
    res.setHeader("request-id", requestId);
    res.setHeader("client-request-id", clientRequestId);

    const write = (response: OpResponse): void => {
      for (const [k, v] of Object.entries(response.headers)) res.setHeader(k, v);
      res.statusCode = response.status;
      if (response.body === undefined || response.status === 204) {
        res.end();
      } else if (typeof response.body === "string") {
        res.end(response.body); // an HTML page (fault htmlOk); every Graph answer is JSON
      } else {
        res.end(JSON.stringify(response.body));
      }
      opts.log?.(`${method} ${url.pathname} ${response.status} ${Date.now() - started}ms`);
    };

    if (method === "OPTIONS") {
      res.setHeader("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
      res.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
      res.setHeader("Access-Control-Max-Age", "600");
      write({ status: 204, headers: {} });
      return;
    }

    let body: string | undefined;
    try {
      body = await readBody(req);
    } catch (e) {
      if (e instanceof GraphError) write(errorResponse(e, ids));
      return;
    }

    if (url.pathname.startsWith("/_emulator/")) {
      write(control(method, url.pathname, body, ids));
      return;
    }

    const versionMatch = /^\/(v1\.0|beta)(\/.*)?$/.exec(url.pathname);
    if (versionMatch === null) {
      write(errorResponse(new GraphError(404, "itemNotFound", `No Graph endpoint at ${url.pathname}.`), ids));
      return;
    }
    const path = versionMatch[2] ?? "/";

    const latency = faults.config.latencyMs ?? 0;
    if (latency > 0) await sleep(latency);

    const record = (status: number): void => {
      ledger.requests.push({ at: clock(), method, path, status, inBatch: false, requestId });
    };

    // Auth: any non-empty bearer token, until it expires (FaultConfig.tokenLifetimeSeconds).
    const auth = /^Bearer\s+(\S.*)$/i.exec(headers["authorization"] ?? "");
    const token = auth?.[1]?.trim();
    if (token === undefined || token === "") {
      const response = errorResponse(
        new GraphError(401, "InvalidAuthenticationToken", "Access token is empty."),
        ids,
      );
      response.headers["WWW-Authenticate"] = WWW_AUTHENTICATE;
      record(401);
      write(response);
      return;
    }
    const now = clock();
    // JWTs (workbench/identity) are checked like Graph checks them: audience, lifetime (jwt-check.ts).
    const invalid = tokenError(headers["authorization"], now);
    if (invalid) {
      const response = errorResponse(invalid, ids);
      response.headers["WWW-Authenticate"] = WWW_AUTHENTICATE;
      record(401);
      write(response);
      return;
    }
    const firstSeen = graph.world.tokens.get(token) ?? now;
    graph.world.tokens.set(token, firstSeen);
    const lifetime = faults.config.tokenLifetimeSeconds;
    if (lifetime !== undefined && now - firstSeen >= faults.scaledMs(lifetime)) {
      const response = errorResponse(
        new GraphError(401, "InvalidAuthenticationToken", "Access token has expired or is not yet valid."),
        ids,
      );
      response.headers["WWW-Authenticate"] = WWW_AUTHENTICATE;
      record(401);
      write(response);
      return;
    }

    if (
      body !== undefined &&
      body.trim() !== "" &&
      !(headers["content-type"] ?? "").toLowerCase().includes("json")
    ) {
      record(400);
      write(errorResponse(new GraphError(400, "invalidRequest", UNREADABLE_JSON), ids));
      return;
    }

    const op: OpRequest = {
      method,
      path,
      version: versionMatch[1] === "beta" ? "beta" : "v1.0",
      query: url.searchParams,
      headers,
      body,
      inBatch: false,
      requestId,
      clientRequestId,
      httpSerial: serial,
    };
    let outcome: OpOutcome;
    if (path.toLowerCase() === "/$batch") {
      if (method !== "POST") {
        record(405);
        write(
          errorResponse(
            new GraphError(405, "BadRequest", "Specified HTTP method is not allowed for the request target."),
            ids,
          ),
        );
        return;
      }
      outcome = graph.batch(op);
    } else {
      outcome = graph.dispatch(op);
    }
    if (outcome.socket !== undefined) {
      opts.log?.(`${method} ${url.pathname} <${outcome.socket}> ${Date.now() - started}ms`);
      const socket = res.socket;
      if (outcome.socket === "resetAfter" && socket) {
        // Carried out, then the connection drops while the answer is on its way: the first bytes of the
        // status line arrive, the rest never does. (A reset before any byte would let an HTTP/1.1 client
        // such as Chromium silently resend the POST on a reused connection, which is a property of
        // keep-alive, not of Graph; see docs/workbench.md.)
        socket.write("HTTP/1.1 200 OK\r\n", () => socket.destroy());
      } else {
        socket?.destroy();
      }
      return;
    }
    // Graph slow, not the network (FaultConfig.serverTime): the answer waits for the invites it carried out.
    const invites =
      faults.config.serverTime === undefined
        ? 0
        : invitesCarriedOut(path, body, outcome.response.body, outcome.response.status);
    const serverMs = faults.serverTime.delay(invites, Date.now());
    if (serverMs > 0) await sleep(serverMs);
    write(outcome.response);
  }

  function control(
    method: string,
    path: string,
    body: string | undefined,
    ids: { requestId: string; clientRequestId: string },
  ): OpResponse {
    const graph = core;
    if (graph === undefined) throw new Error("emulator not started");
    const json = (status: number, value: unknown): OpResponse => ({
      status,
      headers: { "Content-Type": "application/json; charset=utf-8" },
      body: value,
    });
    const parse = (): unknown => {
      if (body === undefined || body.trim() === "") return undefined;
      return JSON.parse(body) as unknown;
    };
    try {
      if (method === "GET" && path === "/_emulator/ledger") {
        graph.sweep(clock());
        return json(200, summarizeLedger(ledger));
      }
      if (method === "GET" && path === "/_emulator/state") return json(200, emulator.snapshot());
      if (method === "POST" && path === "/_emulator/clock") {
        // Body: { "advanceSeconds": n } moves the emulator's clock (the expiry sweep's tests and demo).
        const raw = parse();
        const seconds = isRecord(raw) ? raw["advanceSeconds"] : undefined;
        if (typeof seconds !== "number" || !Number.isFinite(seconds))
          return json(400, errorBody("invalidRequest", "Expected { advanceSeconds: number }", ids));
        emulator.advanceClock(seconds * 1000);
        return json(200, { now: new Date(clock()).toISOString() });
      }
      if (method === "POST" && path === "/_emulator/faults") {
        // Body: a FaultConfig, optionally with a `behaviour` (GraphBehaviour) beside its fields.
        const raw = parse() ?? {};
        if (!isRecord(raw))
          return json(400, errorBody("invalidRequest", "FaultConfig must be an object", ids));
        const { behaviour, ...config } = raw;
        const problem = validateFaultConfig(config) ?? validateBehaviour(behaviour);
        if (problem !== undefined) return json(400, errorBody("invalidRequest", problem, ids));
        emulator.setFaults(config as FaultConfig);
        if (behaviour !== undefined) emulator.setBehaviour(behaviour as GraphBehaviour);
        return json(200, { faults: faults.config, behaviour: emulator.behaviour });
      }
      if (method === "POST" && path === "/_emulator/reset") {
        const raw = parse();
        if (raw !== undefined && !isRecord(raw))
          return json(400, errorBody("invalidRequest", "Expected {seed?, faults?, behaviour?}", ids));
        const problem =
          (raw?.["faults"] !== undefined ? validateFaultConfig(raw["faults"]) : undefined) ??
          validateBehaviour(raw?.["behaviour"]);
        if (problem !== undefined) return json(400, errorBody("invalidRequest", problem, ids));
        if (raw?.["faults"] !== undefined) faults.set(raw["faults"] as FaultConfig);
        emulator.reset(raw?.["seed"] as Seed | undefined, raw?.["behaviour"] as GraphBehaviour | undefined);
        return { status: 204, headers: {} };
      }
    } catch {
      return json(400, errorBody("invalidRequest", "The control request body is not valid JSON.", ids));
    }
    return json(404, errorBody("itemNotFound", `No control endpoint ${method} ${path}.`, ids));
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const baseUrl = `${origin}/v1.0`;
  core = new GraphCore(new World(currentSeed), faults, ledger, origin, baseUrl, clock);
  const startBehaviour: GraphBehaviour = structuredClone(opts.behaviour ?? {});
  core.behaviour = structuredClone(startBehaviour);

  const emulator: Emulator = {
    baseUrl,
    origin,
    ledger,
    setFaults(f: FaultConfig): void {
      faults.set(f);
    },
    reset(seed?: Seed, behaviour?: GraphBehaviour): void {
      if (seed !== undefined) currentSeed = seed;
      clearLedger(ledger);
      faults.resetRuntime();
      clockOffset = 0;
      if (core !== undefined) {
        core.world = new World(currentSeed);
        core.behaviour = structuredClone(behaviour ?? startBehaviour);
      }
    },
    advanceClock(ms: number): void {
      clockOffset += ms;
    },
    now: () => clock(),
    setBehaviour(b: GraphBehaviour): void {
      (core as GraphCore).behaviour = structuredClone(b);
    },
    get behaviour(): GraphBehaviour {
      return structuredClone((core as GraphCore).behaviour);
    },
    permissionsOf(driveId: string, itemId: string): GraphPermission[] {
      const graph = core as GraphCore;
      return structuredClone(graph.world.item(driveId, itemId).permissions);
    },
    openSessions(): string[] {
      return (core as GraphCore).openSessions();
    },
    snapshot() {
      const graph = core as GraphCore;
      return {
        items: graph.world.allItems().map((i) => ({
          driveId: i.driveId,
          driveType: i.driveType,
          itemId: i.id,
          name: i.name,
          webUrl: i.webUrl,
          isRoot: i.isRoot,
          permissions: structuredClone(i.permissions),
        })),
        openSessions: graph.openSessions(),
        faults: structuredClone(faults.config),
        behaviour: structuredClone(graph.behaviour),
      };
    },
    close(): Promise<void> {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return emulator;
}
