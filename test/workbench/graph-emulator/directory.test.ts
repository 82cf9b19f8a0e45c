// The emulator's directory over HTTP: /users and /groups with $filter (also inside $batch), /me, the
// scopes Graph asks for, a tenant that refuses, and Graph's 400 for a filter it cannot read.
import { DIRECTORY_GROUPS, DIRECTORY_GUESTS } from "../../../workbench/graph-emulator/directory";
import { DEMO_USERS, type Emulator } from "../../../workbench/graph-emulator";
import { LocalIdentityProvider } from "../../../workbench/identity";
import { useEmulator } from "../../helpers/use-emulator";

const emulator = useEmulator();
let emu: Emulator;
beforeEach(() => {
  emu = emulator();
});

const idp = new LocalIdentityProvider({ consented: ["Files.ReadWrite.All", "User.ReadBasic.All"] });
const withDirectory = idp.mintAccessToken();
const filesOnly = idp.mintAccessToken({ scp: "Files.ReadWrite.All" });
const withGroups = idp.mintAccessToken({
  scp: "Files.ReadWrite.All User.ReadBasic.All GroupMember.Read.All",
});

// Graph's JSON, read loosely: the assertions say what it must hold.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

async function get(path: string, token = withDirectory): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${emu.baseUrl}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json() };
}

const byMailOrUpn = (address: string) =>
  `/users?$filter=${encodeURIComponent(`mail eq '${address.replace(/'/g, "''")}' or userPrincipalName eq '${address.replace(/'/g, "''")}'`)}`;

describe("GET /users with $filter", () => {
  it("finds a member by mail, case-insensitively, and by user principal name", async () => {
    const member = DEMO_USERS[3]!;
    const byMail = await get(byMailOrUpn(member.email.toUpperCase()));
    expect(byMail.status).toBe(200);
    expect(byMail.body.value).toEqual([
      expect.objectContaining({ mail: member.email, userType: "Member", displayName: member.displayName }),
    ]);
    const byUpn = await get(`/users?$filter=${encodeURIComponent(`userPrincipalName eq '${member.email}'`)}`);
    expect(byUpn.body.value).toHaveLength(1);
  });

  it("finds a guest by mail, with an #EXT# user principal name and userType Guest", async () => {
    const kim = DIRECTORY_GUESTS[0]!;
    const { body } = await get(byMailOrUpn(kim.mail));
    expect(body.value).toHaveLength(1);
    expect(body.value[0].userType).toBe("Guest");
    expect(body.value[0].userPrincipalName).toMatch(/#EXT#@/);
    // The #EXT# UPN itself, percent-encoded (# would start the URL's fragment).
    const byUpn = await get(byMailOrUpn(kim.userPrincipalName));
    expect(byUpn.body.value[0].mail).toBe(kim.mail);
  });

  it("answers an empty list for an address the directory lacks, and reads doubled quotes", async () => {
    expect((await get(byMailOrUpn("former.employee@contoso.com"))).body.value).toEqual([]);
    const quoted = await get(byMailOrUpn("sean.o'brien@contoso.com"));
    expect(quoted.status).toBe(200);
    expect(quoted.body.value).toEqual([]);
  });

  it("answers 400 with Graph's error shape for a filter it cannot read", async () => {
    const unterminated = await get(`/users?$filter=${encodeURIComponent("mail eq 'a@contoso.com")}`);
    expect(unterminated.status).toBe(400);
    expect(unterminated.body.error.code).toBe("BadRequest");
    expect(unterminated.body.error.message).toMatch(
      /^Invalid filter clause: There is an unterminated string literal/,
    );
    expect(unterminated.body.error.innerError["request-id"]).toEqual(expect.any(String));
    const unquoted = await get(`/users?$filter=${encodeURIComponent("mail eq a@contoso.com")}`);
    expect(unquoted.status).toBe(400);
    const other = await get(`/users?$filter=${encodeURIComponent("jobTitle eq 'x'")}`);
    expect(other.status).toBe(400);
    expect(other.body.error.code).toBe("Request_UnsupportedQuery");
  });

  it("works inside a $batch, each item answered on its own", async () => {
    const res = await fetch(`${emu.baseUrl}/$batch`, {
      method: "POST",
      headers: { Authorization: `Bearer ${withDirectory}`, "Content-Type": "application/json" },
      body: JSON.stringify({
        requests: [
          { id: "1", method: "GET", url: byMailOrUpn(DEMO_USERS[1]!.email) },
          { id: "2", method: "GET", url: `/users?$filter=${encodeURIComponent("mail eq 'x")}` },
        ],
      }),
    });
    const body = (await res.json()) as { responses: Array<{ id: string; status: number; body: Json }> };
    const answer = (id: string) => body.responses.find((r) => r.id === id)!;
    expect(answer("1").status).toBe(200);
    expect(answer("1").body.value).toHaveLength(1);
    expect(answer("2").status).toBe(400);
  });
});

describe("scopes and refusals", () => {
  it("refuses /users to a token without a directory scope (403 Authorization_RequestDenied)", async () => {
    const { status, body } = await get(byMailOrUpn(DEMO_USERS[1]!.email), filesOnly);
    expect(status).toBe(403);
    expect(body.error.code).toBe("Authorization_RequestDenied");
    expect(body.error.message).toBe("Insufficient privileges to complete the operation.");
  });

  it("refuses /users in a tenant that stops members reading the directory, /me still answers", async () => {
    emu.setBehaviour({ directoryRefused: true });
    expect((await get(byMailOrUpn(DEMO_USERS[1]!.email))).status).toBe(403);
    const me = await get("/me?$select=mail,userPrincipalName");
    expect(me.status).toBe(200);
    expect(me.body.userPrincipalName).toBe(idp.user.upn);
  });

  it("serves /groups only with a group scope", async () => {
    const sales = DIRECTORY_GROUPS[0]!;
    const path = `/groups?$filter=${encodeURIComponent(`mail eq '${sales.mail}'`)}`;
    expect((await get(path)).status).toBe(403);
    const { status, body } = await get(path, withGroups);
    expect(status).toBe(200);
    expect(body.value[0].displayName).toBe(sales.displayName);
  });
});
