// The same failure again and again (issue #11, defect 6): a past expiration date is refused before any
// request; on a OneDrive personal drive without a premium account, where every invite with an expiration
// date fails alike, the run pauses after the first 10 and asks Stop / Go on. (On a work or school drive
// the add-in no longer sends the date: it keeps it in the log, see undo-expiry.test.ts.) Graph is the
// emulator over HTTP.
import type { PauseInfo } from "../../src/app/failure-pause";
import { ShareError } from "../../src/core/errors";
import { EXPIRY_IN_PAST } from "../../src/core/share-options";
import type { ShareOptions } from "../../src/core/types";
import {
  DEMO_PERSONAL_WORKBOOK_URL,
  DEMO_USERS,
  DEMO_WORKBOOK_URL,
  type Emulator,
} from "../../workbench/graph-emulator";
import { useEmulator } from "../helpers/use-emulator";
import { logRows, newRecipients, newWorkbook, share, TIME_SCALE } from "../helpers/flow-harness";

jest.setTimeout(60_000);

const emulator = useEmulator();
let emu: Emulator;
beforeEach(() => {
  emu = emulator();
  emu.setFaults({ timeScale: TIME_SCALE, latencyMs: 5 });
  emu.setBehaviour({ personalExpiry: "refused" });
});

const N = 100;
const options: ShareOptions = { role: "read", requireSignIn: true, sendInvitation: false };
// The personal workbook, without a premium account: Graph refuses expiration dates on invitations there.
const withExpiry: ShareOptions = { ...options, expirationDateTime: "2099-12-31T23:59:59Z" };

function sheet() {
  const addresses = newRecipients(N);
  const model = newWorkbook(DEMO_PERSONAL_WORKBOOK_URL);
  model.setValues("Roster", "A1", [["Email"], ...addresses.map((a) => [a])]);
  model.select("Roster", `A1:A${N + 1}`);
  return model;
}

const inviteRequests = () =>
  emu.ledger.requests.filter((r) => r.inBatch && r.path.endsWith("/invite")).length;

/** Invites Graph carried out and refused (400), each one a recipient's failure. */
const refusedAsInvalid = () =>
  emu.ledger.requests.filter((r) => r.inBatch && r.path.endsWith("/invite") && r.status === 400).length;

/** A person at the prompt: answers after `delayMs`, and what was sent meanwhile is recorded. */
function person(answer: boolean, delayMs = 0) {
  const seen: Array<{ info: PauseInfo; sentAtAsk: number; sentAtAnswer: number }> = [];
  const confirmContinue = async (info: PauseInfo) => {
    const sentAtAsk = inviteRequests();
    await new Promise((r) => setTimeout(r, delayMs));
    seen.push({ info, sentAtAsk, sentAtAnswer: inviteRequests() });
    return answer;
  };
  return { seen, confirmContinue };
}

describe("an expiration date in the past", () => {
  it("is refused before any request, with a sentence the pane can show", async () => {
    const model = sheet();
    const err = await share(emu, model, {
      options: { ...options, expirationDateTime: "2020-01-31T23:59:59Z" },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ShareError);
    expect((err as ShareError).code).toBe("invalidOptions");
    expect((err as ShareError).details).toEqual([EXPIRY_IN_PAST]);
    expect(emu.ledger.requests).toHaveLength(0);
  });
});

describe("the first 10 invitations all fail alike", () => {
  it("Stop: the run asks once, sends nothing more, and the rest are 'Not sent'", async () => {
    const model = sheet();
    const at = person(false, 50);
    const summary = await share(emu, model, { options: withExpiry }, { confirmContinue: at.confirmContinue });

    expect(at.seen).toHaveLength(1);
    const asked = at.seen[0]!;
    expect(asked.info.failed).toBe(10);
    expect(asked.info.code).toBe("invalidRequest");
    expect(asked.info.sentence).toMatch(/expiration date/);
    // Only the batches already in flight when the pause began went out (at most 2 of 20), none after.
    const sent = inviteRequests();
    expect(sent).toBeLessThanOrEqual(40);
    expect(asked.sentAtAnswer).toBeLessThanOrEqual(40);
    expect(summary.stoppedFor).toBe("stopped");
    // (A request refused for a lapsed session on a slow machine was not carried out: it is "not sent".)
    expect(summary.failed).toBe(refusedAsInvalid());
    expect(summary.failed + summary.notSent).toBe(N);
    const statuses = model.getValues("Roster", `B2:B${N + 1}`).map((r) => String(r[0]));
    expect(statuses.filter((t) => t === "Not sent: run stopped")).toHaveLength(summary.notSent);
    expect(logRows(model).filter((r) => r["Status"] === "not sent: run stopped")).toHaveLength(
      summary.notSent,
    );

    // "Retry failed" without the expiration date sends the failed and the not-sent rows.
    const retry = await share(emu, model, { options, only: "failed" });
    expect(retry.total).toBe(N);
    expect(retry.granted).toBe(N);
  });

  it("Go on: nothing is sent while the person decides, then the run completes and does not ask again", async () => {
    const model = sheet();
    const at = person(true, 150);
    const summary = await share(emu, model, { options: withExpiry }, { confirmContinue: at.confirmContinue });
    expect(at.seen).toHaveLength(1);
    // 150 ms is time enough to send the whole list; while paused, only what was in flight arrived.
    expect(at.seen[0]!.sentAtAnswer).toBeLessThanOrEqual(40);
    expect(summary.stoppedFor).toBeUndefined();
    expect(summary.failed).toBe(N);
    expect(refusedAsInvalid()).toBe(N);
  });

  it("with no one to ask (no UI wired), the run stops", async () => {
    const summary = await share(emu, sheet(), { options: withExpiry });
    expect(summary.stoppedFor).toBe("stopped");
    expect(inviteRequests()).toBeLessThanOrEqual(40);
    expect(summary.failed + summary.notSent).toBe(N);
  });

  it("does not pause when the failures differ or some get through", async () => {
    // Unknown people in the tenant's own domain fail; the others are granted.
    const model = newWorkbook(DEMO_WORKBOOK_URL);
    const people = Array.from({ length: 30 }, (_, i) =>
      i % 3 === 0 ? DEMO_USERS[1 + (i % 20)]!.email : `nobody${i}@contoso.com`,
    );
    model.setValues("Roster", "A1", [["Email"], ...people.map((p) => [p])]);
    model.select("Roster", "A1:A31");
    const at = person(false);
    const summary = await share(emu, model, { options }, { confirmContinue: at.confirmContinue });
    expect(at.seen).toHaveLength(0);
    expect(summary.stoppedFor).toBeUndefined();
    expect(summary.granted + summary.failed).toBe(30);
  });
});
