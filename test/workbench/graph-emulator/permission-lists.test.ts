// The business workbook's permission list looks like SharePoint's: site groups, a specific-people link,
// the owner, no inheritedFrom; revokeGrants removes one person from the link; invites can land on a link.
import {
  DEMO_DRIVE_ID,
  DEMO_ITEM_ID,
  DEMO_LINK_PEOPLE,
  DEMO_LINK_PERMISSION_ID,
  DEMO_OWNER,
  DEMO_SITE_GROUPS,
  DEMO_USERS,
  demoSeed,
  type Emulator,
  type GraphPermission,
} from "../../../workbench/graph-emulator/index";
import { useEmulator } from "../../helpers/use-emulator";
import {
  call,
  errorCode,
  invite,
  inviteBody,
  ITEM_PATH,
  obj,
  SEEDED_PERMISSIONS,
  values,
} from "../../../workbench/graph-emulator/helpers";

const emulator = useEmulator();
let emu: Emulator;
beforeEach(() => {
  emu = emulator();
});

const LINK_PATH = `${ITEM_PATH}/permissions/${DEMO_LINK_PERMISSION_ID}`;

function linkEmails(p: GraphPermission | Record<string, unknown> | undefined): string[] {
  const list = (p?.["grantedToIdentitiesV2" as keyof typeof p] ?? []) as Array<{ user?: { email?: string } }>;
  return list.map((i) => i.user?.email ?? "?");
}

function seededLink(): GraphPermission | undefined {
  return emu.permissionsOf(DEMO_DRIVE_ID, DEMO_ITEM_ID).find((p) => p.id === DEMO_LINK_PERMISSION_ID);
}

describe("the demo workbook's permission list (ODB / SharePoint shapes)", () => {
  it("lists the owner, the site groups (siteGroup and group shapes) and a specific-people link", async () => {
    const list = values(await call(emu, "GET", `${ITEM_PATH}/permissions`));
    expect(list).toHaveLength(SEEDED_PERMISSIONS);
    expect(list[0]).toMatchObject({ roles: ["owner"], grantedToV2: { user: { email: DEMO_OWNER.email } } });
    const siteGroups = list.filter((p) => obj(p["grantedToV2"] ?? {})["siteGroup"] !== undefined);
    const groups = list.filter((p) => obj(p["grantedToV2"] ?? {})["group"] !== undefined);
    expect(siteGroups.length).toBeGreaterThanOrEqual(1);
    expect(groups.length).toBeGreaterThanOrEqual(1);
    expect(siteGroups.length + groups.length).toBe(DEMO_SITE_GROUPS.length);
    for (const g of siteGroups) {
      const sg = obj(obj(g["grantedToV2"])["siteGroup"]);
      expect(Object.keys(sg).sort()).toEqual(["displayName", "id", "loginName"]);
      expect(g["grantedTo"]).toBeUndefined();
      expect(g["invitation"]).toBeUndefined();
    }
    expect(list.map((p) => obj(p["grantedToV2"] ?? {})).flatMap((v) => [v["siteGroup"], v["group"]])).toEqual(
      expect.arrayContaining([expect.objectContaining({ displayName: expect.stringMatching(/Owners$/) })]),
    );
    const link = list.find((p) => p["id"] === DEMO_LINK_PERMISSION_ID);
    expect(link).toMatchObject({
      roles: ["read"],
      link: { type: "view", scope: "users" },
      expirationDateTime: "0001-01-01T00:00:00Z",
    });
    expect(link?.["grantedToV2"]).toBeUndefined(); // people on a link are not in grantedToV2
    expect(linkEmails(link)).toEqual([...DEMO_LINK_PEOPLE]);
    const legacy = (link?.["grantedToIdentities"] ?? []) as Array<{ user: { email: string } }>;
    expect(legacy.map((i) => i.user.email)).toEqual([...DEMO_LINK_PEOPLE]);
    expect(list.every((p) => p["inheritedFrom"] === undefined)).toBe(true);
  });

  it("the link's people are tenant users nobody shares with by default; linkPeople puts others there", () => {
    for (const email of DEMO_LINK_PEOPLE) {
      expect(DEMO_USERS.findIndex((u) => u.email === email)).toBeGreaterThan(25);
    }
    const custom = demoSeed({ linkPeople: [DEMO_USERS[1]!.email, "kim.akers@fabrikam.com"] });
    emu.reset(custom);
    try {
      const link = seededLink();
      expect(linkEmails(link)).toEqual([DEMO_USERS[1]!.email, "?"]);
      expect(link?.grantedToIdentitiesV2?.[1]?.siteUser?.loginName).toContain("kim.akers@fabrikam.com");
    } finally {
      emu.reset(demoSeed()); // reset() keeps the last seed: give the next tests the default one back
    }
  });
});

describe("revokeGrants (api-reference/v1.0/api/permission-revokegrants.md)", () => {
  it("removes one person from the link and answers the updated permission; the ledger records it", async () => {
    const [first, second] = DEMO_LINK_PEOPLE;
    const reply = await call(emu, "POST", `${LINK_PATH}/revokeGrants`, {
      body: { grantees: [{ email: first }] },
    });
    expect(reply.status).toBe(200);
    expect(obj(reply.body)).toMatchObject({ id: DEMO_LINK_PERMISSION_ID, link: { scope: "users" } });
    expect(linkEmails(obj(reply.body))).toEqual([second]);
    expect(linkEmails(seededLink())).toEqual([second]);
    expect(seededLink()?.grantedToIdentities?.map((i) => i.user.email)).toEqual([second]);
    expect(emu.ledger.revocations).toMatchObject([
      { itemId: DEMO_ITEM_ID, permissionId: DEMO_LINK_PERMISSION_ID, removed: [first] },
    ]);
    expect(emu.permissionsOf(DEMO_DRIVE_ID, DEMO_ITEM_ID)).toHaveLength(SEEDED_PERMISSIONS);
  });

  it("accepts an objectId grantee and works inside $batch", async () => {
    const person = DEMO_USERS.find((u) => u.email === DEMO_LINK_PEOPLE[1]);
    const reply = await call(emu, "POST", "/$batch", {
      body: {
        requests: [
          {
            id: "1",
            method: "POST",
            url: `drives/${DEMO_DRIVE_ID}/items/${DEMO_ITEM_ID}/permissions/${DEMO_LINK_PERMISSION_ID}/revokeGrants`,
            headers: { "Content-Type": "application/json" },
            body: { grantees: [{ objectId: person?.id }] },
          },
        ],
      },
    });
    expect(reply.status).toBe(200);
    const [item] = (obj(reply.body)["responses"] as Array<Record<string, unknown>>) ?? [];
    expect(item).toMatchObject({ id: "1", status: 200 });
    expect(linkEmails(obj(item?.["body"]))).toEqual([DEMO_LINK_PEOPLE[0]]);
    expect(emu.ledger.revocations).toHaveLength(1);
  });

  it("refuses a permission that is not a specific-people link, and an empty grantees list", async () => {
    const owner = emu.permissionsOf(DEMO_DRIVE_ID, DEMO_ITEM_ID)[0];
    const notLink = await call(emu, "POST", `${ITEM_PATH}/permissions/${owner?.id ?? ""}/revokeGrants`, {
      body: { grantees: [{ email: DEMO_OWNER.email }] },
    });
    expect(notLink.status).toBe(400);
    expect(errorCode(notLink)).toBe("invalidRequest");
    const empty = await call(emu, "POST", `${LINK_PATH}/revokeGrants`, { body: { grantees: [] } });
    expect(empty.status).toBe(400);
    const missing = await call(emu, "POST", `${ITEM_PATH}/permissions/nope/revokeGrants`, {
      body: { grantees: [{ email: "x@contoso.com" }] },
    });
    expect(missing.status).toBe(404);
    expect(linkEmails(seededLink())).toEqual([...DEMO_LINK_PEOPLE]);
    expect(emu.ledger.revocations).toHaveLength(0);
  });
});

describe("behaviour.inviteCreates", () => {
  it("directGrant (default): a person gets their own permission, the link is untouched", async () => {
    const reply = await invite(emu, [{ email: "lee@contoso.com" }]);
    expect(values(reply)[0]).toMatchObject({ grantedToV2: { user: { email: "lee@contoso.com" } } });
    expect(linkEmails(seededLink())).toEqual([...DEMO_LINK_PEOPLE]);
  });

  it("specificPeopleLink: read invites join the view link, write invites a new edit link", async () => {
    emu.setBehaviour({ inviteCreates: "specificPeopleLink" });
    const read = await invite(emu, [{ email: "lee@contoso.com" }]);
    expect(read.status).toBe(200);
    const [p] = values(read);
    expect(p).toMatchObject({
      id: DEMO_LINK_PERMISSION_ID,
      roles: ["read"],
      link: { scope: "users", type: "view" },
    });
    expect(p?.["grantedToV2"]).toBeUndefined();
    expect(linkEmails(p)).toEqual([...DEMO_LINK_PEOPLE, "lee@contoso.com"]);
    expect(emu.ledger.invites).toMatchObject([
      { recipient: "lee@contoso.com", permissionId: DEMO_LINK_PERMISSION_ID },
    ]);

    const again = await invite(emu, [{ email: "lee@contoso.com" }]);
    expect(linkEmails(values(again)[0])).toEqual([...DEMO_LINK_PEOPLE, "lee@contoso.com"]);

    const write = await invite(emu, [{ email: "joni@contoso.com" }], { roles: ["write"] });
    const [edit] = values(write);
    expect(edit).toMatchObject({ roles: ["write"], link: { scope: "users", type: "edit" } });
    expect(edit?.["id"]).not.toBe(DEMO_LINK_PERMISSION_ID);
    expect(linkEmails(edit)).toEqual(["joni@contoso.com"]);
    expect(emu.permissionsOf(DEMO_DRIVE_ID, DEMO_ITEM_ID)).toHaveLength(SEEDED_PERMISSIONS + 1);
  });

  it("specificPeopleLink in $batch, then revokeGrants takes the person off again", async () => {
    emu.setBehaviour({ inviteCreates: "specificPeopleLink" });
    await call(emu, "POST", "/$batch", {
      body: {
        requests: [
          {
            id: "a",
            method: "POST",
            url: `drives/${DEMO_DRIVE_ID}/items/${DEMO_ITEM_ID}/invite`,
            headers: { "Content-Type": "application/json" },
            body: inviteBody([{ email: "kim.akers@fabrikam.com" }]),
          },
        ],
      },
    });
    expect(seededLink()?.grantedToIdentitiesV2).toHaveLength(DEMO_LINK_PEOPLE.length + 1);
    const revoked = await call(emu, "POST", `${LINK_PATH}/revokeGrants`, {
      body: { grantees: [{ email: "Kim.Akers@fabrikam.com" }] },
    });
    expect(revoked.status).toBe(200);
    expect(linkEmails(seededLink())).toEqual([...DEMO_LINK_PEOPLE]);
  });
});
