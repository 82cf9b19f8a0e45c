// The workbench server: builds the development task pane and the workbench page, starts the Graph
// emulator, and serves both on loopback over https (office.js talks only to an https host page: tls.ts).
// `npm start` (start.ts) and the browser tests (test/browser) call startWorkbench().
//
// The task pane is the development build made with `--env officeJs=local`: its office.js <script> points at
// office-js/office.js, which this server answers from node_modules/@microsoft/office-js/dist (the pinned
// package), together with the files office.js loads next to itself (excel-web-16.00.js, en-us/…). It is
// built with the workbench's client ID, so it signs in through MSAL's nested app authentication; the
// server adds one <script> to it, the pane's end of the NAA relay (pane-naa.ts).

import { promises as fs } from "node:fs";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";
import webpack from "webpack";
import { DEMO_USERS, DEMO_WORKBOOK_URL, startEmulator, type Emulator } from "../graph-emulator";
import type { WorkbenchConfig } from "./bridge";
import { ensureCertificate } from "./tls";

const ROOT = path.resolve(__dirname, "..", "..");
/** Where office.js and its companions are served from (taskpane.html says office-js/office.js). */
export const OFFICE_JS_PREFIX = "/office-js/";
const OFFICE_JS_DIST = path.join(ROOT, "node_modules", "@microsoft", "office-js", "dist");
const LOCAL_OFFICE_JS_TAG = /<script\b[^>]*\bsrc\s*=\s*["']office-js\/office\.js["'][^>]*>\s*<\/script>/i;
/** The pane's end of the NAA relay, added to taskpane.html ahead of office.js (pane-naa.ts). */
export const PANE_NAA_SCRIPT = "/workbench/pane-naa.js";
/**
 * The application (client) ID the workbench's task pane is built with: any GUID makes src/auth sign in
 * with MSAL, and the workbench's identity provider accepts it (no app registration is involved).
 */
export const WORKBENCH_CLIENT_ID = "11111111-2222-4333-8444-555555555555";
/** The cached https certificate (gitignored). */
const TLS_DIR = path.join(ROOT, ".workbench-tls");
/** How many ports above the requested one to try when it is taken. */
const PORT_ATTEMPTS = 20;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".xml": "application/xml; charset=utf-8",
};

export interface WorkbenchOptions {
  /** Port for the page server; 0 = any free port. Default 3000, or the next free one. */
  port?: number;
  /** Port for the Graph emulator; 0 = any free port. Default 3001, or the next free one. */
  emulatorPort?: number;
  /** Build the task pane (development) and the workbench first. Default true. */
  build?: boolean;
  /** Where the bundles are (and are built to). Default dist/ (the task pane) with dist/workbench/. */
  outDir?: string;
  /** Progress lines (build, listening). */
  log?: (line: string) => void;
  /** One line per emulator HTTP request. */
  emulatorLog?: (line: string) => void;
}

export interface Workbench {
  /** The workbench page, e.g. "https://localhost:3000/workbench/". */
  url: string;
  /** The page server's origin. */
  origin: string;
  emulator: Emulator;
  /** Milliseconds spent building (0 when build is false). */
  buildMs: number;
  close(): Promise<void>;
}

type ConfigFactory = (env: unknown, argv: { mode: string }) => webpack.Configuration;

function loadConfig(file: string): ConfigFactory {
  // The webpack configs are CommonJS files at the project root, shared with the webpack CLI.

  return require(path.join(ROOT, file)) as ConfigFactory;
}

/** Runs `make` with AAD_CLIENT_ID set to the workbench's (webpack.config.js reads it when called). */
function withClientId<T>(make: () => T): T {
  const before = process.env["AAD_CLIENT_ID"];
  process.env["AAD_CLIENT_ID"] = WORKBENCH_CLIENT_ID;
  try {
    return make();
  } finally {
    if (before === undefined) delete process.env["AAD_CLIENT_ID"];
    else process.env["AAD_CLIENT_ID"] = before;
  }
}

/** Builds the development task pane into outDir and the workbench into outDir/workbench, in parallel. */
export async function buildBundles(outDir: string): Promise<void> {
  const taskpane = withClientId(() =>
    loadConfig("webpack.config.js")({ officeJs: "local" }, { mode: "development" }),
  );
  const bench = loadConfig("webpack.workbench.config.js")(undefined, { mode: "development" });
  // Both compilers clean their output; the task pane's must leave the workbench's folder alone.
  taskpane.output = { ...taskpane.output, path: outDir, clean: { keep: /^workbench([\\/]|$)/ } };
  bench.output = { ...bench.output, path: path.join(outDir, "workbench") };
  for (const config of [taskpane, bench]) {
    config.context = ROOT;
    config.infrastructureLogging = { level: "error" };
  }
  const compiler = webpack([taskpane, bench]);
  await new Promise<void>((resolve, reject) => {
    compiler.run((err, stats) => {
      compiler.close(() => {
        if (err) return reject(err);
        if (stats?.hasErrors()) {
          return reject(new Error(`webpack failed:\n${stats.toString({ all: false, errors: true })}`));
        }
        resolve();
      });
    });
  });
}

async function listen(server: Server, port: number): Promise<number> {
  const attempts = port === 0 ? 1 : PORT_ATTEMPTS;
  for (let i = 0; i < attempts; i++) {
    try {
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port === 0 ? 0 : port + i, "127.0.0.1", () => {
          server.off("error", reject);
          resolve();
        });
      });
      return (server.address() as AddressInfo).port;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EADDRINUSE" || i === attempts - 1) throw e;
    }
  }
  throw new Error("unreachable");
}

async function startEmulatorNear(port: number, log?: (line: string) => void): Promise<Emulator> {
  const attempts = port === 0 ? 1 : PORT_ATTEMPTS;
  for (let i = 0; ; i++) {
    try {
      return await startEmulator({ port: port === 0 ? 0 : port + i, ...(log ? { log } : {}) });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EADDRINUSE" || i >= attempts - 1) throw e;
    }
  }
}

/** Fails unless the built task pane loads the local office.js (a stale or production build would not). */
async function checkTaskpane(outDir: string): Promise<void> {
  const file = path.join(outDir, "taskpane.html");
  const html = await fs.readFile(file, "utf8").catch(() => {
    throw new Error(`${file} is missing: build first (startWorkbench({ build: true }))`);
  });
  if (!LOCAL_OFFICE_JS_TAG.test(html)) {
    throw new Error(`${file} does not load office-js/office.js: build it with --env officeJs=local`);
  }
}

/** taskpane.html with the NAA relay's <script> ahead of office.js, so the bridge exists before MSAL runs. */
export function withNaaRelay(html: string): string {
  const tag = LOCAL_OFFICE_JS_TAG.exec(html);
  if (!tag) throw new Error("taskpane.html does not load office-js/office.js");
  return html.replace(tag[0], `<script src="${PANE_NAA_SCRIPT}"></script>\n    ${tag[0]}`);
}

/** The file under `root` for a URL path, or undefined when the path leaves it. */
function within(root: string, relative: string): string | undefined {
  const file = path.resolve(root, `.${relative}`);
  return file !== root && file.startsWith(root + path.sep) ? file : undefined;
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    "Content-Type": type,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  });
  res.end(body);
}

export async function startWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  const outDir = path.resolve(options.outDir ?? path.join(ROOT, "dist"));
  let buildMs = 0;
  if (options.build ?? true) {
    const started = Date.now();
    options.log?.("Building the task pane (development) and the workbench…");
    await buildBundles(outDir);
    buildMs = Date.now() - started;
    options.log?.(`Built in ${(buildMs / 1000).toFixed(1)} s.`);
  }
  await checkTaskpane(outDir);
  const tls = await ensureCertificate(TLS_DIR);

  const emulator = await startEmulatorNear(options.emulatorPort ?? 3001, options.emulatorLog);
  const config: WorkbenchConfig = {
    graphBaseUrl: emulator.baseUrl,
    documentUrl: DEMO_WORKBOOK_URL,
    users: DEMO_USERS.map((u) => ({ displayName: u.displayName, email: u.email })),
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== "GET" && req.method !== "HEAD") {
      send(res, 405, "text/plain; charset=utf-8", "Method not allowed");
      return;
    }
    const url = new URL(req.url ?? "/", "https://localhost");
    const pathname = decodeURIComponent(url.pathname);
    if (pathname === "/" || pathname === "/workbench") {
      res.writeHead(302, { Location: "/workbench/" });
      res.end();
      return;
    }
    if (pathname === "/favicon.ico") {
      res.writeHead(204);
      res.end();
      return;
    }
    if (pathname === "/workbench/config.json") {
      send(res, 200, CONTENT_TYPES[".json"] ?? "", JSON.stringify(config));
      return;
    }
    const relative = pathname.endsWith("/") ? `${pathname}index.html` : pathname;
    const file = relative.startsWith(OFFICE_JS_PREFIX)
      ? within(OFFICE_JS_DIST, relative.slice(OFFICE_JS_PREFIX.length - 1))
      : within(outDir, relative);
    if (!file) {
      send(res, 404, "text/plain; charset=utf-8", "Not found");
      return;
    }
    let body: Buffer;
    try {
      body = await fs.readFile(file);
    } catch {
      send(res, 404, "text/plain; charset=utf-8", `Not found: ${pathname}`);
      return;
    }
    const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
    send(res, 200, type, relative === "/taskpane.html" ? withNaaRelay(body.toString("utf8")) : body);
  }

  const server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent)
        send(res, 500, "text/plain; charset=utf-8", e instanceof Error ? e.message : String(e));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 2000;
  let port: number;
  try {
    port = await listen(server, options.port ?? 3000);
  } catch (e) {
    await emulator.close();
    throw e;
  }
  const origin = `https://localhost:${port}`;
  options.log?.(`Workbench server on ${origin}, Graph emulator on ${emulator.origin}`);

  let closing: Promise<void> | undefined;
  return {
    url: `${origin}/workbench/`,
    origin,
    emulator,
    buildMs,
    close(): Promise<void> {
      closing ??= Promise.all([
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
        emulator.close(),
      ]).then(() => undefined);
      return closing;
    },
  };
}
