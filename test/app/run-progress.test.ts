// The progress the flow reports while Graph throttles: over real HTTP against the emulator's
// throttling (429 with Retry-After), the countdown until sending resumes and the time left.
import type { ShareProgress } from "../../src/app/share-flow";
import type { ShareOptions } from "../../src/core/types";
import { DEMO_WORKBOOK_URL } from "../../workbench/graph-emulator";
import { newRecipients, newWorkbook, share, TIME_SCALE } from "../helpers/flow-harness";
import { useEmulator } from "../helpers/use-emulator";

jest.setTimeout(60_000);

const emulator = useEmulator();
const options: ShareOptions = { role: "read", requireSignIn: true, sendInvitation: true };

it("while a Retry-After is waited out the progress counts down to it; the finished run reports no wait and no time left", async () => {
  const emu = emulator();
  const retryAfterSeconds = 4;
  emu.setFaults({
    seed: 11,
    timeScale: TIME_SCALE,
    rules: [{ fault: "throttle", rate: 0.2, target: "invite", retryAfterSeconds }],
  });
  const N = 120;
  const model = newWorkbook(DEMO_WORKBOOK_URL);
  model.setValues("Roster", "A1", [["Email"], ...newRecipients(N).map((a) => [a])]);
  model.select("Roster", `A1:A${N + 1}`);
  const seen: ShareProgress[] = [];
  const summary = await share(emu, model, { options }, { events: { onProgress: (p) => seen.push(p) } });

  expect(summary.granted).toBe(N);
  expect(emu.ledger.requests.some((r) => r.status === 429)).toBe(true);
  const waits = seen.map((p) => p.resumeInMs).filter((ms): ms is number => ms !== undefined);
  expect(waits.length).toBeGreaterThan(0);
  // Never longer than what Graph asked for (in this test's time scale), never zero or negative.
  for (const ms of waits) {
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThanOrEqual(retryAfterSeconds * 1000 * TIME_SCALE);
  }
  // A time left was shown during the run, and it accounts for what is left.
  expect(seen.some((p) => p.phase === "sharing" && p.etaMs !== undefined)).toBe(true);
  const last = seen.at(-1);
  expect(last?.phase).toBe("done");
  expect(last?.resumeInMs).toBeUndefined();
  expect(last?.etaMs).toBeUndefined();
});
