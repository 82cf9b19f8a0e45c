// Workbook sessions mid-run (issue #11, defect 4): when a session lapses, no invite goes out without
// Workbook-Session-Id while the new one is being created, and every invite names a session that was open
// at that moment. The emulator's idle expiry runs on a short clock (timeScale).
import type { ShareOptions } from "../../src/core/types";
import {
  DEMO_USERS,
  DEMO_WORKBOOK_URL,
  unclosedSessions,
  type Emulator,
  type Ledger,
} from "../../workbench/graph-emulator";
import { useEmulator } from "../helpers/use-emulator";
import { newWorkbook, share, TIME_SCALE } from "../helpers/flow-harness";

jest.setTimeout(60_000);

const emulator = useEmulator();
let emu: Emulator;
beforeEach(() => {
  emu = emulator();
});

const options: ShareOptions = { role: "read", requireSignIn: true, sendInvitation: false };

function sheet(n: number) {
  const addresses = [
    ...DEMO_USERS.slice(1).map((u) => u.email),
    ...Array.from({ length: n }, (_, i) => `partner${i + 1}@fabrikam.com`),
  ].slice(0, n);
  const model = newWorkbook(DEMO_WORKBOOK_URL);
  model.setValues("Roster", "A1", [["Email"], ...addresses.map((a) => [a])]);
  model.select("Roster", `A1:A${n + 1}`);
  return model;
}

/** Invites carried out without a session id, or naming one that was not open when they ran. */
function invitesWithoutLiveSession(ledger: Ledger): string[] {
  return ledger.invites
    .filter((i) => {
      const s = ledger.sessions.find((row) => row.id === i.sessionId);
      if (!s) return true;
      const end = Math.min(s.closedAt ?? Infinity, s.expiredAt ?? Infinity);
      return !(s.openedAt <= i.at && i.at < end);
    })
    .map((i) => `${i.recipient}: ${i.sessionId ?? "no Workbook-Session-Id"}`);
}

describe("workbook session lapsing mid-run", () => {
  it("no invite goes out without a live Workbook-Session-Id while the session is replaced", async () => {
    // Sessions idle out after 30 emulator seconds (150 ms here) and the flow first plans to refresh
    // after 2 minutes of its own time, so the session lapses during the run and must be replaced.
    emu.setFaults({ timeScale: TIME_SCALE, sessionIdleSeconds: 30, latencyMs: 20 });
    const model = sheet(300);
    const summary = await share(emu, model, { options });
    expect(summary.granted).toBe(300);
    expect(summary.sessionNote).toBeUndefined();
    expect(summary.sessionUsed).toBe(true);
    // The session really lapsed and was replaced during the run.
    expect(emu.ledger.sessions.length).toBeGreaterThan(1);
    expect(emu.ledger.invites).toHaveLength(300);
    expect(invitesWithoutLiveSession(emu.ledger)).toEqual([]);
    expect(unclosedSessions(emu.ledger)).toEqual([]);
  });
});
