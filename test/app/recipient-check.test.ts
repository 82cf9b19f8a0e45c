// The recipient check over real HTTP against the emulator: each kind, $batches of 20, a refused
// directory (and sharing still works), a declined consent, and answers dropped after the selection moved.
import { checkRecipients, type DirectoryVerdict } from "../../src/app/recipient-check";
import { systemClock } from "../../src/app/system-clock";
import { directoryTokenRefusal } from "../../src/core/directory";
import { parseRecipients } from "../../src/core/recipients";
import type { Recipient } from "../../src/core/types";
import { DirectoryApi, type DirectoryTokenProvider } from "../../src/graph/directory-api";
import { DIRECTORY_GROUPS, DIRECTORY_GUESTS } from "../../workbench/graph-emulator/directory";
import { DEMO_USERS, DEMO_WORKBOOK_URL, type Emulator } from "../../workbench/graph-emulator";
import { LocalIdentityProvider } from "../../workbench/identity";
import { newWorkbook, share } from "../helpers/flow-harness";
import { useEmulator } from "../helpers/use-emulator";

const emulator = useEmulator();
let emu: Emulator;
beforeEach(() => {
  emu = emulator();
});

const idp = new LocalIdentityProvider({ consented: ["Files.ReadWrite.All", "User.ReadBasic.All"] });
const directoryToken = idp.mintAccessToken();
const groupToken = idp.mintAccessToken({
  scp: "Files.ReadWrite.All User.ReadBasic.All GroupMember.Read.All",
});
const filesOnlyToken = idp.mintAccessToken({ scp: "Files.ReadWrite.All" });

function recipients(addresses: string[]): Recipient[] {
  const values = [["Email"], ...addresses.map((a) => [a])];
  return parseRecipients({ areas: [{ sheet: "Roster", rowIndex: 0, columnIndex: 0, values }] }).recipients;
}

function directory(token: string | DirectoryTokenProvider = directoryToken): DirectoryApi {
  const getToken: DirectoryTokenProvider = typeof token === "string" ? async () => token : token;
  return new DirectoryApi({ baseUrl: emu.baseUrl, getToken });
}

async function check(list: Recipient[], api = directory(), signal = new AbortController().signal) {
  const seen: Array<Map<string, DirectoryVerdict>> = [];
  const outcome = await checkRecipients({ directory: api, clock: systemClock, timeScale: 0.001 }, list, {
    interactive: false,
    signal,
    onVerdicts: (v) => seen.push(v),
  });
  return { outcome, seen };
}

const kindsOf = (verdicts: Map<string, DirectoryVerdict>) =>
  Object.fromEntries([...verdicts].map(([k, v]) => [k, v.groupsUnknown ? `${v.kind}?` : v.kind]));

const member = DEMO_USERS[2]!.email;
const guest = DIRECTORY_GUESTS[0]!.mail;
const group = DIRECTORY_GROUPS[0]!.mail;
const sample = [member, guest, "new.partner@northwind.example", "former.employee@contoso.com", group];

describe("the recipient check", () => {
  it("tells a member, a guest, a new external person, an unknown colleague and a group apart", async () => {
    const { outcome } = await check(recipients(sample), directory(groupToken));
    expect(outcome.kind).toBe("done");
    if (outcome.kind !== "done") return;
    expect(kindsOf(outcome.verdicts)).toEqual({
      [member]: "member",
      [guest]: "guest",
      "new.partner@northwind.example": "newExternal",
      "former.employee@contoso.com": "notFound",
      [group]: "group",
    });
  });

  it("without a group scope, says an unknown in-domain address may be a group", async () => {
    const { outcome } = await check(recipients(sample));
    if (outcome.kind !== "done") throw new Error(outcome.kind);
    expect(outcome.verdicts.get(group)).toEqual({ kind: "notFound", groupsUnknown: true });
    expect(outcome.verdicts.get("former.employee@contoso.com")).toEqual({
      kind: "notFound",
      groupsUnknown: true,
    });
    expect(outcome.verdicts.get(member)).toEqual({ kind: "member" });
  });

  it("looks 45 people up in $batches of at most 20, and hands the answers over as they come", async () => {
    const people = [
      ...DEMO_USERS.slice(0, 30).map((u) => u.email),
      ...Array.from({ length: 15 }, (_, i) => `partner${i}@fabrikam.example`),
    ];
    const api = directory();
    const { outcome, seen } = await check(recipients(people), api);
    if (outcome.kind !== "done") throw new Error(outcome.kind);
    expect([...outcome.verdicts.values()].filter((v) => v.kind === "member")).toHaveLength(30);
    expect([...outcome.verdicts.values()].filter((v) => v.kind === "newExternal")).toHaveLength(15);
    const lookups = emu.ledger.requests.filter((r) => r.inBatch && r.path === "/users");
    expect(lookups).toHaveLength(45);
    const batches = emu.ledger.requests.filter((r) => !r.inBatch && r.path === "/$batch");
    // One for /me, then 20 + 20 + 5.
    expect(batches).toHaveLength(4);
    // Members as each batch answers; the people outside once every batch has answered (until then an
    // address might still turn out to be in one of the organisation's domains).
    // (Two batches may be in flight at once: they may answer in either order.)
    expect(
      seen
        .slice(0, 2)
        .map((m) => m.size)
        .sort((a, b) => a - b),
    ).toEqual([10, 20]);
    expect([...(seen[2]?.values() ?? [])].every((v) => v.kind === "newExternal")).toBe(true);
    expect(seen[2]?.size).toBe(15);
  });

  it("waits out a throttled lookup (429 with Retry-After) and looks it up again: every address answered", async () => {
    emu.setFaults({
      seed: 3,
      timeScale: 0.001,
      rules: [{ fault: "throttle", rate: 0.3, target: "any", retryAfterSeconds: 2 }],
    });
    const people = DEMO_USERS.slice(0, 30).map((u) => u.email);
    const { outcome } = await check(recipients(people));
    if (outcome.kind !== "done") throw new Error(outcome.kind);
    const throttled = emu.ledger.requests.filter((r) => r.inBatch && r.path === "/users" && r.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    expect([...outcome.verdicts.values()].map((v) => v.kind)).toEqual(people.map(() => "member"));
    // Each throttled lookup was sent again, once per 429.
    const lookups = emu.ledger.requests.filter((r) => r.inBatch && r.path === "/users");
    expect(lookups).toHaveLength(people.length + throttled.length);
  });

  it("reports the check unavailable when Graph refuses the directory (403), and sharing still works", async () => {
    emu.setBehaviour({ directoryRefused: true });
    const { outcome, seen } = await check(recipients(sample));
    expect(outcome).toEqual({ kind: "unavailable", why: "refused" });
    expect(seen).toEqual([]);

    const model = newWorkbook(DEMO_WORKBOOK_URL);
    model.setValues("Roster", "A1", [["Email"], [member]]);
    model.select("Roster", "A1:A2");
    const summary = await share(emu, model, {
      options: { role: "read", requireSignIn: true, sendInvitation: false },
    });
    expect(summary.granted).toBe(1);
  });

  it("reports the check unavailable for a token without the directory scope", async () => {
    const { outcome } = await check(recipients(sample), directory(filesOnlyToken));
    expect(outcome).toEqual({ kind: "unavailable", why: "refused" });
  });

  it("sends nothing when the person declined the consent, and says so", async () => {
    const declined: DirectoryTokenProvider = async () => {
      throw directoryTokenRefusal("declined");
    };
    const { outcome } = await check(recipients(sample), directory(declined));
    expect(outcome).toEqual({ kind: "unavailable", why: "declined" });
    expect(emu.ledger.requests).toHaveLength(0);
  });

  it("drops the answers of a check whose selection moved on", async () => {
    emu.setFaults({ latencyMs: 150 });
    const controller = new AbortController();
    const people = Array.from({ length: 30 }, (_, i) => `person${i}@contoso.com`);
    const running = check(recipients(people), directory(), controller.signal);
    setTimeout(() => controller.abort(), 200);
    const { outcome, seen } = await running;
    expect(outcome).toEqual({ kind: "stale" });
    expect(seen).toEqual([]);
  });
});
