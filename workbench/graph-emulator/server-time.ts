// The server-time model (FaultConfig.serverTime): Graph carrying out an invite takes time on the server,
// so a $batch of 20 invites is not answered at once. Each invite carried out takes `inviteMs`; the
// invites of one $batch run at most `parallelPerBatch` at a time, and, when `parallelTotal` is set, the
// whole tenant runs at most that many at a time (invites of other batches wait for a free slot, so the
// answers get slower as more is sent at once). The effect (grant, ledger, budget) happens when the
// request arrives; only the answer waits. Real milliseconds, not scaled (like latencyMs); only invites
// carried out (status below 300) take time: a 429 or an invalid invite is refused at once.
import { isRecord } from "./http-types";
import type { ServerTimeConfig } from "./types";

export function validateServerTime(value: unknown): string | undefined {
  if (!isRecord(value)) return "serverTime must be an object";
  const positive = (k: string) => typeof value[k] === "number" && Number.isFinite(value[k]) && value[k] > 0;
  if (!(typeof value["inviteMs"] === "number" && value["inviteMs"] >= 0))
    return "serverTime.inviteMs must be a non-negative number";
  if (!positive("parallelPerBatch") || !Number.isInteger(value["parallelPerBatch"]))
    return "serverTime.parallelPerBatch must be a positive integer";
  if (
    value["parallelTotal"] !== undefined &&
    (!positive("parallelTotal") || !Number.isInteger(value["parallelTotal"]))
  )
    return "serverTime.parallelTotal must be a positive integer";
  return undefined;
}

export class ServerTimeModel {
  /** When each of the tenant's slots is free again (parallelTotal of them; empty: no tenant limit). */
  private readonly slots: number[];

  constructor(private readonly config: ServerTimeConfig | undefined) {
    this.slots = new Array<number>(config?.parallelTotal ?? 0).fill(0);
  }

  /** Milliseconds until the answer to a request carrying `invites` invites, arriving at `now`, may leave. */
  delay(invites: number, now: number): number {
    const c = this.config;
    if (c === undefined || invites <= 0 || c.inviteMs <= 0) return 0;
    const lanes = new Array<number>(Math.min(c.parallelPerBatch, invites)).fill(now);
    let done = now;
    for (let i = 0; i < invites; i++) {
      const lane = indexOfMin(lanes);
      const slot = this.slots.length > 0 ? indexOfMin(this.slots) : -1;
      const start = Math.max(lanes[lane] ?? now, slot >= 0 ? (this.slots[slot] ?? now) : now);
      const end = start + c.inviteMs;
      lanes[lane] = end;
      if (slot >= 0) this.slots[slot] = end;
      done = Math.max(done, end);
    }
    return done - now;
  }
}

function indexOfMin(values: number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] ?? 0) < (values[best] ?? 0)) best = i;
  return best;
}

/** Invites carried out by one HTTP request: a top-level invite, or the invite items of a $batch. */
export function invitesCarriedOut(
  path: string,
  body: string | undefined,
  response: unknown,
  status: number,
): number {
  const isInvite = (url: string) => /\/invite$/i.test(url.split("?")[0] ?? "");
  if (path.toLowerCase() !== "/$batch") return isInvite(path) && status < 300 ? 1 : 0;
  let requests: unknown;
  try {
    requests = body === undefined ? undefined : (JSON.parse(body) as unknown);
  } catch {
    return 0;
  }
  if (!isRecord(requests) || !Array.isArray(requests["requests"]) || !isRecord(response)) return 0;
  const answers = Array.isArray(response["responses"]) ? response["responses"] : [];
  const statusOf = new Map<string, number>();
  for (const a of answers) {
    if (isRecord(a) && typeof a["id"] === "string" && typeof a["status"] === "number")
      statusOf.set(a["id"].toLowerCase(), a["status"]);
  }
  return requests["requests"].filter(
    (r) =>
      isRecord(r) &&
      typeof r["url"] === "string" &&
      typeof r["id"] === "string" &&
      isInvite(r["url"]) &&
      (statusOf.get(r["id"].toLowerCase()) ?? 999) < 300,
  ).length;
}
