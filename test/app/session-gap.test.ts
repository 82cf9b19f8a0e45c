// Workbook sessions mid-run (issue #11, defect 4): when a session lapses, no invite goes out without
// Workbook-Session-Id while the new one is being created, and every invite names a session that was open
// at that moment. The emulator's idle expiry runs on a clock driven by its own traffic.
import type { ShareOptions } from "../../src/core/types";
import {
  DEMO_WORKBOOK_URL,
  unclosedSessions,
  type Emulator,
  type Ledger,
} from "../../workbench/graph-emulator";
import { useEmulator } from "../helpers/use-emulator";
import { newWorkbook, share, newRecipients } from "../helpers/flow-harness";

jest.setTimeout(60_000);

// The emulator's clock moves 3 s per request it sees, whatever the machine's speed: a session left
// alone idles out (300 s) after about 100 requests, five $batches of invites.
let seen: () => number = () => 0;
const emulator = useEmulator({ clock: () => Date.parse("2026-01-01T00:00:00Z") + seen() * 3000 });
let emu: Emulator;
beforeEach(() => {
  emu = emulator();
  seen = () => emu.ledger.requests.length;
});

const options: ShareOptions = { role: "read", requireSignIn: true, sendInvitation: false };

function sheet(n: number) {
  const addresses = newRecipients(n);
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
      // Live from opening until closed, and while idle for no longer than the limit (expiredAt included).
      const live = s.openedAt <= i.at && i.at < (s.closedAt ?? Infinity) && i.at <= (s.expiredAt ?? Infinity);
      return !live;
    })
    .map((i) => `${i.recipient}: ${i.sessionId ?? "no Workbook-Session-Id"}`);
}

describe("workbook session lapsing mid-run", () => {
  it("no invite goes out without a live Workbook-Session-Id while the session is replaced", async () => {
    // The flow plans its first refresh far away, so the session lapses mid-run and must be replaced.
    emu.setFaults({ sessionIdleSeconds: 300, latencyMs: 5 });
    // Only a Graph that refuses a stale session id on invite tells the add-in mid-batch that it lapsed;
    // where Graph ignores the header, the flow's own refresh schedule (disabled here) keeps it alive.
    emu.setBehaviour({ inviteReadsSessionHeader: "refusesStale" });
    const model = sheet(300);
    const summary = await share(emu, model, { options }, { tuning: { sessionRefreshMs: 3_600_000 } });
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
