// FaultConfig.serverTime over real HTTP: Graph slow rather than the network. An answer waits for the invites
// it carried out (inviteMs each, parallelPerBatch at a time inside one $batch, parallelTotal across the
// tenant). Only lower bounds are asserted: a loaded machine may be slower, never faster.
// Also the budget's prices: an invite and a permission read both cost 5 resource units.
import type { Emulator } from "../../../workbench/graph-emulator/index";
import { useEmulator } from "../../helpers/use-emulator";
import { batch, call, ITEM_PATH, inviteItem } from "../../../workbench/graph-emulator/helpers";

const emulator = useEmulator();
let emu: Emulator;
beforeEach(() => {
  emu = emulator();
});

const guests = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => inviteItem(String(i + 1), `guest${from + i}@fabrikam.com`));

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

describe("serverTime", () => {
  it("a $batch of invites answers only after its invites ran, parallelPerBatch at a time", async () => {
    emu.setFaults({ serverTime: { inviteMs: 60, parallelPerBatch: 2 } });
    const { ms, value } = await timed(() => batch(emu, guests(6)));
    expect(value.items.map((i) => i.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(ms).toBeGreaterThanOrEqual(3 * 60 - 5); // 6 invites, 2 at a time: 3 rounds
    expect(emu.ledger.invites).toHaveLength(6);
  });

  it("a top-level invite takes one invite's time; reads and refused invites take none", async () => {
    emu.setFaults({ serverTime: { inviteMs: 300, parallelPerBatch: 4 } });
    const invite = await timed(() =>
      call(emu, "POST", `${ITEM_PATH}/invite`, {
        body: {
          recipients: [{ email: "solo@fabrikam.com" }],
          roles: ["read"],
          requireSignIn: true,
          sendInvitation: true,
        },
      }),
    );
    expect(invite.value.status).toBe(200);
    expect(invite.ms).toBeGreaterThanOrEqual(295);
    const bad = await timed(() =>
      call(emu, "POST", `${ITEM_PATH}/invite`, { body: { recipients: [], roles: ["read"] } }),
    );
    expect(bad.value.status).toBe(400);
    const read = await timed(() => call(emu, "GET", `${ITEM_PATH}/permissions`));
    expect(read.value.status).toBe(200);
    // Neither waited for an invite's server time (300 ms): both answered before one invite could run.
    expect(Math.max(bad.ms, read.ms)).toBeLessThan(invite.ms);
  });

  it("parallelTotal: batches sent together share the tenant's slots, so the later answers wait", async () => {
    emu.setFaults({ serverTime: { inviteMs: 150, parallelPerBatch: 4, parallelTotal: 4 } });
    const { ms } = await timed(() => Promise.all([batch(emu, guests(4, 0)), batch(emu, guests(4, 10))]));
    expect(ms).toBeGreaterThanOrEqual(2 * 150 - 5); // 8 invites, 4 slots: two rounds
    emu.setFaults({ serverTime: { inviteMs: 150, parallelPerBatch: 4 } }); // no tenant limit
    const free = await timed(() => Promise.all([batch(emu, guests(4, 20)), batch(emu, guests(4, 30))]));
    expect(free.ms).toBeLessThan(ms);
  });

  it("is refused by the control API when malformed", async () => {
    for (const serverTime of [
      { inviteMs: -1, parallelPerBatch: 2 },
      { inviteMs: 10, parallelPerBatch: 0 },
      { inviteMs: 10, parallelPerBatch: 2, parallelTotal: 1.5 },
    ]) {
      const res = await fetch(`${emu.baseUrl.replace(/\/v1\.0$/, "")}/_emulator/faults`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ serverTime }),
      });
      expect(res.status).toBe(400);
      expect(JSON.stringify(await res.json())).toContain("serverTime");
    }
  });
});

describe("budget prices (SharePoint: 5 resource units per permission operation)", () => {
  it("an invite and a permission read cost 5 units each", async () => {
    emu.setFaults({
      timeScale: 0.02,
      budget: {
        costPerInvite: 5,
        costPerRead: 1,
        unitsPerWindow: 15,
        windowSeconds: 60,
        retryAfterSeconds: 2,
      },
    });
    const statuses = [
      (await batch(emu, guests(1))).items[0]?.status, // 5 units
      (await call(emu, "GET", `${ITEM_PATH}/permissions`)).status, // 10
      (await batch(emu, guests(1, 5))).items[0]?.status, // 15: the window is full
      (await call(emu, "GET", `${ITEM_PATH}/permissions`)).status, // 20: over
    ];
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});
