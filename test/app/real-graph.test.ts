// The share flow against what real Graph returns on a business drive, end to end over HTTP: a permission
// list with site groups, a specific-people link, the owner and no inheritedFrom; a $batch answered 424;
// an HTML page answered 200. Simulated Excel + real Office adapters + real Graph client + the emulator.
import { ShareError } from "../../src/core/errors";
import type { ShareOptions } from "../../src/core/types";
import {
  DEMO_USERS,
  DEMO_WORKBOOK_URL,
  demoSeed,
  grantsPerRecipient,
  type Emulator,
} from "../../workbench/graph-emulator";
import { useEmulator } from "../helpers/use-emulator";
import { logRows, newWorkbook, share, TIME_SCALE } from "../helpers/flow-harness";

const emulator = useEmulator();
let emu: Emulator;
beforeEach(() => {
  emu = emulator();
});

const options: ShareOptions = { role: "read", requireSignIn: true, sendInvitation: true };
const people = DEMO_USERS.slice(1, 7).map((u) => u.email);

function roster(addresses: readonly string[]) {
  const model = newWorkbook(DEMO_WORKBOOK_URL);
  model.setValues("Roster", "A1", [["Email"], ...addresses.map((a) => [a])]);
  model.select("Roster", `A1:A${addresses.length + 1}`);
  return model;
}

const invited = () => emu.ledger.invites.map((i) => i.recipient).sort();

describe("who has access, on a business drive", () => {
  it("a rerun where half the recipients are on a specific-people link invites nobody twice", async () => {
    // Three of the six are already on the workbook's specific-people link.
    emu.reset(demoSeed({ linkPeople: people.slice(0, 3) }));
    const model = roster(people);
    const first = await share(emu, model, { options });
    expect(first).toMatchObject({ total: 6, granted: 3, skipped: 3, failed: 0 });
    expect(invited()).toEqual(
      people
        .slice(3)
        .map((p) => p.toLowerCase())
        .sort(),
    );
    const skipped = logRows(model).filter((r) => r["Status"] === "skipped: already has access");
    expect(skipped.map((r) => r["Recipient"]).sort()).toEqual(people.slice(0, 3).sort());

    const rerun = await share(emu, model, { options });
    expect(rerun).toMatchObject({ granted: 0, skipped: 6, failed: 0 });
    expect(emu.ledger.invites).toHaveLength(3);
  });

  it("when invite adds people to a specific-people link, a rerun finds them there and sends nothing", async () => {
    emu.reset(demoSeed({ linkPeople: [] }), { inviteCreates: "specificPeopleLink" });
    const model = roster(people);
    const first = await share(emu, model, { options });
    expect(first.granted).toBe(6);
    const rerun = await share(emu, model, { options });
    expect(rerun).toMatchObject({ granted: 0, skipped: 6 });
    expect(emu.ledger.invites).toHaveLength(6);
  });

  it("site groups and the link itself are never taken for a person: nobody is skipped because of them", async () => {
    // The tenant's groups give access to their members, but the list does not say who they are.
    const model = roster(people);
    const summary = await share(emu, model, { options });
    expect(summary).toMatchObject({ granted: 6, skipped: 0 });
    expect(invited()).toHaveLength(6);
  });
});

describe("$batch answers and bodies that are not Graph's JSON", () => {
  it("a batch answered 424 because some items were throttled: its granted items are recorded as granted, once", async () => {
    emu.reset(undefined, { batch424: true });
    emu.setFaults({
      seed: 3,
      timeScale: TIME_SCALE,
      rules: [{ fault: "throttle", rate: 0.3, target: "invite", retryAfterSeconds: 1 }],
    });
    const model = roster(people);
    const summary = await share(emu, model, { options });
    // The emulator answered at least one $batch of invites with 424 outside.
    const outer424 = emu.ledger.requests.filter(
      (r) => !r.inBatch && r.path.endsWith("$batch") && r.status === 424,
    );
    expect(outer424.length).toBeGreaterThan(0);
    expect(summary).toMatchObject({ granted: 6, failed: 0 });
    expect([...grantsPerRecipient(emu.ledger).values()]).toEqual([1, 1, 1, 1, 1, 1]);
    const granted = logRows(model).filter((r) => r["Status"] === "granted");
    expect(granted).toHaveLength(6);
    // Read from the items, not guessed: no grant needed a second look at the permission list.
    expect(granted.filter((r) => /confirmed after a retry/.test(r["Note"] ?? ""))).toEqual([]);
    // Two reads: who had access before, and the check after the run (verify-after.ts).
    expect(
      emu.ledger.requests.filter((r) => r.method === "GET" && r.path.endsWith("/permissions")),
    ).toHaveLength(2);
  });

  it("an HTML page answered 200 to the permission read stops the run before anything is sent", async () => {
    // The run's permission read is the start-of-run $batch (session + permissions).
    emu.setFaults({ rules: [{ fault: "htmlOk", rate: 1, target: "batch" }] });
    const model = roster(people);
    const error = await share(emu, model, { options }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShareError);
    expect((error as ShareError).details.join(" ")).toMatch(/invalidResponse/);
    expect(emu.ledger.invites).toHaveLength(0);
    expect(emu.ledger.requests.filter((r) => r.path.includes("/invite"))).toEqual([]);
  });
});
