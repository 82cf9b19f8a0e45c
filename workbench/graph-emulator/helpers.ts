// Shared helpers for the emulator's own tests (not a test file: jest matches *.test.ts only).
import { DEMO_DRIVE_ID, DEMO_ITEM_ID, DEMO_SITE_GROUPS } from "./seed";
import type { Emulator } from "./server";

export const TOKEN = "test-token";
/** Permissions the demo workbook starts with: the owner, the site groups and the specific-people link. */
export const SEEDED_PERMISSIONS = 1 + DEMO_SITE_GROUPS.length + 1;
export const ITEM_PATH = `/drives/${encodeURIComponent(DEMO_DRIVE_ID)}/items/${DEMO_ITEM_ID}`;

export interface JsonReply {
  status: number;
  headers: Headers;
  body: unknown;
}

export async function call(
  emu: Emulator,
  method: string,
  path: string,
  opts: { body?: unknown; headers?: Record<string, string>; auth?: boolean; raw?: string } = {},
): Promise<JsonReply> {
  const headers: Record<string, string> = {
    ...(opts.auth === false ? {} : { Authorization: `Bearer ${TOKEN}` }),
  };
  let payload: string | undefined;
  if (opts.raw !== undefined) {
    payload = opts.raw;
  } else if (opts.body !== undefined) {
    payload = JSON.stringify(opts.body);
    headers["Content-Type"] = "application/json";
  }
  Object.assign(headers, opts.headers ?? {});
  const url = path.startsWith("http") ? path : `${emu.baseUrl}${path}`;
  const res = await fetch(url, { method, headers, ...(payload !== undefined ? { body: payload } : {}) });
  const text = await res.text();
  let body: unknown = undefined;
  if (text !== "") body = JSON.parse(text) as unknown;
  return { status: res.status, headers: res.headers, body };
}

export function inviteBody(
  recipients: Array<Record<string, string>>,
  extra: Record<string, unknown> = {},
): unknown {
  return { recipients, roles: ["read"], requireSignIn: true, sendInvitation: true, ...extra };
}

export function invite(
  emu: Emulator,
  recipients: Array<Record<string, string>>,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
  path = `${ITEM_PATH}/invite`,
): Promise<JsonReply> {
  return call(emu, "POST", path, { body: inviteBody(recipients, extra), headers });
}

/** Narrowing accessors so tests read JSON without `any`. */
export function obj(value: unknown): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error(`expected an object, got ${JSON.stringify(value)}`);
  }
  return value as Record<string, unknown>;
}

export function arr(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new Error(`expected an array, got ${JSON.stringify(value)}`);
  return value;
}

export function errorCode(reply: JsonReply): string {
  return String(obj(obj(reply.body)["error"])["code"]);
}

export function innerCode(reply: JsonReply): string | undefined {
  const inner = obj(obj(reply.body)["error"])["innerError"];
  const code = obj(inner)["code"];
  return typeof code === "string" ? code : undefined;
}

export function errorMessage(reply: JsonReply): string {
  return String(obj(obj(reply.body)["error"])["message"]);
}

export function values(reply: JsonReply): Array<Record<string, unknown>> {
  return arr(obj(reply.body)["value"]).map(obj);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function createSession(emu: Emulator, path = ITEM_PATH, persistChanges = true): Promise<string> {
  const reply = await call(emu, "POST", `${path}/workbook/createSession`, { body: { persistChanges } });
  if (reply.status !== 201) throw new Error(`createSession: ${reply.status} ${JSON.stringify(reply.body)}`);
  return String(obj(reply.body)["id"]);
}

export interface BatchReplyItem {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

export async function batch(
  emu: Emulator,
  requests: unknown[],
): Promise<{ status: number; items: BatchReplyItem[]; reply: JsonReply }> {
  const reply = await call(emu, "POST", "/$batch", { body: { requests } });
  // Read the per-item answers whenever the body has them: the outer status may be 424 (behaviour.batch424).
  const body = reply.body;
  const hasResponses = typeof body === "object" && body !== null && Array.isArray(obj(body)["responses"]);
  if (!hasResponses) return { status: reply.status, items: [], reply };
  const items = arr(obj(reply.body)["responses"]).map((r) => {
    const o = obj(r);
    const item: BatchReplyItem = {
      id: String(o["id"]),
      status: Number(o["status"]),
      headers: obj(o["headers"]) as Record<string, string>,
    };
    if (o["body"] !== undefined) item.body = o["body"];
    return item;
  });
  return { status: reply.status, items, reply };
}

export function inviteItem(id: string, email: string, headers: Record<string, string> = {}): unknown {
  return {
    id,
    method: "POST",
    url: `${ITEM_PATH}/invite`,
    headers: { "Content-Type": "application/json", ...headers },
    body: inviteBody([{ email }]),
  };
}

/** A clock the test moves by hand (EmulatorOptions.clock), so time-based behaviour needs no sleeping. */
export interface FakeClock {
  now: () => number;
  advance: (ms: number) => void;
}

export function fakeClock(start = Date.UTC(2025, 0, 6, 9, 0, 0)): FakeClock {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}
