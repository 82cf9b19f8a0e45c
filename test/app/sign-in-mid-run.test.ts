// Sign-in lost mid-run (issue #11, defect 5): the run stops after ONE attempt to get a token, marks the
// rest "Not sent: sign in again" in the sheet and the summary, and "Retry failed" after signing in
// shares them. The token provider port is counted; Graph is the emulator over HTTP.
import { ShareError } from "../../src/core/errors";
import type { ShareOptions } from "../../src/core/types";
import type { TokenProvider } from "../../src/graph/http";
import { DEMO_WORKBOOK_URL, grantsPerRecipient, type Emulator } from "../../workbench/graph-emulator";
import { useEmulator } from "../helpers/use-emulator";
import { logRows, newRecipients, newWorkbook, share, TIME_SCALE } from "../helpers/flow-harness";

jest.setTimeout(60_000);

const emulator = useEmulator();
let emu: Emulator;
beforeEach(() => {
  emu = emulator();
});

const N = 200;
const options: ShareOptions = { role: "read", requireSignIn: true, sendInvitation: false };
const addresses = newRecipients(N);

function sheet() {
  const model = newWorkbook(DEMO_WORKBOOK_URL);
  model.setValues("Roster", "A1", [["Email"], ...addresses.map((a) => [a])]);
  model.select("Roster", `A1:A${N + 1}`);
  return model;
}

/**
 * Like MSAL behind the token provider port: a cached token, until `lose()`; from then on a token
 * can't be had. "interaction": every call tries a popup or dialog that fails (interaction required).
 * "401": the cached token and the fresh one both come back, and Graph refuses both (here: empty tokens,
 * which Graph answers 401).
 */
function signIn(mode: "interaction" | "401") {
  const s = { lost: false, callsAfterLoss: 0, interactions: 0, generation: 0 };
  let pending: Promise<string> | undefined;
  const getToken: TokenProvider = async (o) => {
    if (!s.lost) {
      if (o?.forceRefresh) s.generation += 1;
      return `token-${s.generation}`;
    }
    s.callsAfterLoss += 1;
    if (mode === "401") return "";
    // As MSAL does (msal-token-provider.ts): calls made while a sign-in is on screen share it.
    pending ??= (async () => {
      s.interactions += 1;
      await new Promise((r) => setTimeout(r, 20));
      throw new ShareError("notSignedIn", ["Sign-in failed (interaction_required)."]);
    })().finally(() => (pending = undefined));
    return pending;
  };
  return { state: s, getToken };
}

describe("sign-in lost mid-run", () => {
  it.each(["interaction", "401"] as const)(
    "%s: one token attempt after the loss, the rest 'Not sent: sign in again'; Retry failed after signing in shares them",
    async (mode) => {
      emu.setFaults({ timeScale: TIME_SCALE, latencyMs: 5 });
      const model = sheet();
      const auth = signIn(mode);
      // Sign-in is lost once 60 people were invited: the middle of the run.
      const getToken: TokenProvider = (o) => {
        if (emu.ledger.invites.length >= 60) auth.state.lost = true;
        return auth.getToken(o);
      };
      // A 401 is only known once Graph answered; a batch already in flight then meets it too, so that
      // variant sends one batch at a time to count exactly. A provider that throws fails before any I/O.
      const tuning = mode === "401" ? { pacer: { maxInFlight: 1 } } : {};
      const first = await share(emu, model, { options }, { getToken, tuning });

      // ONE attempt per run, not one popup per batch. ("401": the cached token, then the fresh one.)
      if (mode === "interaction") expect(auth.state.interactions).toBe(1);
      else expect(auth.state.callsAfterLoss).toBe(2);
      const sent = emu.ledger.invites.length;
      expect(sent).toBeGreaterThanOrEqual(60);
      expect(sent).toBeLessThan(N);
      expect(first.stoppedFor).toBe("signIn");
      expect(first.granted).toBe(sent);
      expect(first.failed).toBe(0);
      expect(first.notSent).toBe(N - sent);
      const notSent = first.outcomes.filter((o) => o.status === "skipped" && o.reason === "signInNeeded");
      expect(notSent).toHaveLength(N - sent);
      // The sheet says so beside every row not sent, and the log does too.
      const statuses = model.getValues("Roster", `B2:B${N + 1}`).map((r) => String(r[0]));
      expect(statuses.filter((t) => t === "Not sent: sign in again")).toHaveLength(N - sent);
      expect(statuses.filter((t) => t.startsWith("Granted"))).toHaveLength(sent);
      const log = logRows(model).filter((r) => r["Run ID"] === first.runId);
      expect(log.filter((r) => r["Status"] === "not sent: sign in again")).toHaveLength(N - sent);

      // Signed in again: Retry failed sends exactly the ones not sent.
      auth.state.lost = false;
      auth.state.generation += 1;
      const retry = await share(emu, model, { options, only: "failed" }, { getToken: auth.getToken });
      expect(retry.total).toBe(N - sent);
      expect(retry.granted).toBe(N - sent);
      expect(emu.ledger.invites).toHaveLength(N);
      expect([...grantsPerRecipient(emu.ledger).values()].every((n) => n === 1)).toBe(true);
      const after = model.getValues("Roster", `B2:B${N + 1}`).map((r) => String(r[0]));
      expect(after.every((t) => t.startsWith("Granted"))).toBe(true);
    },
  );
});
