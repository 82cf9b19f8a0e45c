// The baselines, written for the benchmark over real HTTP to the same emulator:
// - sequential: one recipient per request, one request at a time (how PnP PowerShell's
//   Add-PnPFileSharingInvite and a Power Automate "apply to each" loop behave);
// - unpaced: 8 $batch requests of 20 in flight at all times, a throttled invite retried once its
//   Retry-After has passed and never earlier, with no pacing otherwise.
import {
  DEMO_DRIVE_ID,
  DEMO_ITEM_ID,
  DEMO_WORKBOOK_URL,
  encodeShareToken,
} from "../workbench/graph-emulator";

const ITEM_PATH = `/drives/${encodeURIComponent(DEMO_DRIVE_ID)}/items/${encodeURIComponent(DEMO_ITEM_ID)}`;
const HEADERS = { Authorization: "Bearer bench-baseline", "Content-Type": "application/json" };

function inviteBody(email: string): unknown {
  return { recipients: [{ email }], roles: ["read"], requireSignIn: true, sendInvitation: true };
}

async function post(baseUrl: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${baseUrl}${path}`, { method: "POST", headers: HEADERS, body: JSON.stringify(body) });
}

function retryAfterMs(value: string | null | undefined): number {
  const seconds = Number(value ?? "");
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 1000;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

export interface BaselineResult {
  wallMs: number;
  granted: number;
  /** True when the run hit its deadline before every recipient was granted. */
  timedOut: boolean;
}

/** Resolves the workbook, then invites each address in its own POST, waiting for each answer. */
export async function runSequential(baseUrl: string, emails: string[]): Promise<BaselineResult> {
  const started = performance.now();
  const resolved = await fetch(`${baseUrl}/shares/${encodeShareToken(DEMO_WORKBOOK_URL)}/driveItem`, {
    headers: HEADERS,
  });
  await resolved.text();
  let granted = 0;
  for (const email of emails) {
    // Bounded: every address is tried until granted or refused for good, at most 10 times.
    for (let attempt = 1; attempt <= 10; attempt++) {
      const res = await post(baseUrl, `${ITEM_PATH}/invite`, inviteBody(email));
      await res.text();
      if (res.status === 200) granted += 1;
      if (res.status !== 429) break;
      await sleep(retryAfterMs(res.headers.get("retry-after")));
    }
  }
  return { wallMs: performance.now() - started, granted, timedOut: false };
}

interface BatchReply {
  responses?: Array<{ id?: string; status?: number; headers?: Record<string, string> }>;
}

/**
 * 8 workers, each sending $batch requests of 20 invites back to back. A 429 item waits its own
 * Retry-After before it may be sent again; nothing else slows the client down. Stops at deadlineMs.
 */
export async function runUnpaced(
  baseUrl: string,
  emails: string[],
  deadlineMs: number,
  workers = 8,
): Promise<BaselineResult> {
  const started = performance.now();
  const queue = emails.map((email) => ({ email, notBefore: 0 }));
  let granted = 0;
  let inFlight = 0;
  let seq = 0;
  const expired = () => performance.now() - started > deadlineMs;

  const worker = async (): Promise<void> => {
    while (!expired() && (queue.length > 0 || inFlight > 0)) {
      const now = performance.now();
      queue.sort((a, b) => a.notBefore - b.notBefore);
      const ready: typeof queue = [];
      while (ready.length < 20 && queue.length > 0 && (queue[0]?.notBefore ?? 0) <= now) {
        const next = queue.shift();
        if (next) ready.push(next);
      }
      if (ready.length === 0) {
        const earliest = queue[0]?.notBefore ?? now + 5;
        await sleep(Math.min(earliest - now, deadlineMs - (now - started)) + 1);
        continue;
      }
      inFlight += 1;
      const ids = ready.map(() => String(++seq));
      try {
        const res = await post(baseUrl, "/$batch", {
          requests: ready.map((r, i) => ({
            id: ids[i],
            method: "POST",
            url: `${ITEM_PATH}/invite`,
            headers: { "Content-Type": "application/json" },
            body: inviteBody(r.email),
          })),
        });
        const reply = (await res.json()) as BatchReply;
        const byId = new Map((reply.responses ?? []).map((r) => [r.id, r] as const));
        ready.forEach((r, i) => {
          const answer = byId.get(ids[i]);
          if (answer?.status === 200) granted += 1;
          else if (answer?.status === 429 || res.status === 429) {
            const headers = answer?.headers ?? {};
            const ra = headers["Retry-After"] ?? headers["retry-after"] ?? res.headers.get("retry-after");
            r.notBefore = performance.now() + retryAfterMs(ra);
            queue.push(r);
          }
        });
      } finally {
        inFlight -= 1;
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, () => worker()));
  return { wallMs: performance.now() - started, granted, timedOut: granted < emails.length };
}
