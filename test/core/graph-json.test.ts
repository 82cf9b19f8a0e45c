import { accessIndex, classifyInviteAnswer, satisfies } from "../../src/core/access";
import { packBatch, unpackBatch } from "../../src/core/batch-json";
import {
  expiryText,
  parseGraphError,
  parsePermission,
  parsePermissionPage,
  permissionKeys,
} from "../../src/core/graph-json";

describe("parsePermission", () => {
  it("reads a documented direct grant (grantedToV2.user, invitation)", () => {
    const p = parsePermission({
      id: "aTowIy5mfG1lbWJlcnNoaXB8",
      roles: ["write"],
      grantedToV2: { user: { id: "u-1", displayName: "Megan Bowen", email: "MeganB@contoso.com" } },
      invitation: { email: "MeganB@contoso.com", signInRequired: true },
    });
    expect(p).toEqual({
      id: "aTowIy5mfG1lbWJlcnNoaXB8",
      roles: ["write"],
      kind: "person",
      grantedTo: "Megan Bowen",
      grantedToId: "u-1",
      grantedToEmail: "MeganB@contoso.com",
      invitationEmail: "MeganB@contoso.com",
      signInRequired: true,
    });
    expect(permissionKeys(p!)).toEqual(["meganb@contoso.com", "u-1"]);
  });
  it("reads SharePoint's undocumented grantedTo.user.email and a guest's siteUser loginName", () => {
    const legacy = parsePermission({
      id: "1",
      roles: ["read"],
      grantedTo: { user: { displayName: "A", email: "a@x.com" } },
    });
    expect(legacy?.grantedToEmail).toBe("a@x.com");
    const guest = parsePermission({
      id: "2",
      roles: ["read"],
      grantedToV2: {
        siteUser: { id: "17", displayName: "g@fabrikam.com", loginName: "i:0#.f|membership|g@fabrikam.com" },
      },
    });
    expect(guest?.grantedToEmail).toBe("g@fabrikam.com");
  });
  it("marks a permission inherited from a parent folder", () => {
    const p = parsePermission({
      id: "9",
      roles: ["read"],
      inheritedFrom: { driveId: "d", id: "parent", path: "/drive/root:/Team" },
    });
    expect(p?.inheritedFrom).toBe("/drive/root:/Team");
    expect(parsePermission({ id: "8", roles: ["read"] })?.inheritedFrom).toBeUndefined();
  });
  it("ignores what is not a permission", () => {
    expect(parsePermission(null)).toBeUndefined();
    expect(parsePermission({ roles: ["read"] })).toBeUndefined();
    expect(parsePermission("x")).toBeUndefined();
  });
});

describe("parseGraphError", () => {
  it("keeps the code, inner code and request-id", () => {
    const e = parseGraphError(400, {
      error: {
        code: "invalidRequest",
        message: "One or more users could not be resolved.",
        innerError: { code: "invalidRecipients", "request-id": "r-1", date: "2026-11-26T15:00:00" },
      },
    });
    expect(e).toEqual({
      status: 400,
      code: "invalidRequest",
      message: "One or more users could not be resolved.",
      innerCode: "invalidRecipients",
      requestId: "r-1",
      date: "2026-11-26T15:00:00",
    });
  });
  it("falls back to the request-id header and an http code for bodies that are not Graph's", () => {
    const e = parseGraphError(502, "<html>Bad gateway</html>", {
      get: (n) => (n === "request-id" ? "h-1" : null),
    });
    expect(e.code).toBe("http502");
    expect(e.requestId).toBe("h-1");
  });
});

describe("classifyInviteAnswer", () => {
  const granted = { value: [{ id: "p1", roles: ["read"], invitation: { email: "a@contoso.com" } }] };
  it.each([
    [200, {}, granted, "granted"],
    [
      207,
      {},
      { value: [{ id: "p1", roles: ["read"], error: { code: "notAllowed", message: "mail failed" } }] },
      "granted",
    ],
    [207, {}, { value: [{ error: { code: "generalException", message: "x" } }] }, "failed"],
    [400, {}, { error: { code: "invalidRequest", message: "bad" } }, "failed"],
    [403, {}, { error: { code: "accessDenied", message: "no" } }, "failed"],
    [429, { "retry-after": "3" }, { error: { code: "activityLimitReached", message: "slow" } }, "again"],
    [
      404,
      {},
      { error: { code: "itemNotFound", message: "s", innerError: { code: "invalidSessionNotFound" } } },
      "again",
    ],
    [500, {}, { error: { code: "generalException", message: "x" } }, "ambiguous"],
    [503, {}, { error: { code: "serviceNotAvailable", message: "x" } }, "ambiguous"],
    [504, {}, undefined, "ambiguous"],
    [0, {}, undefined, "ambiguous"],
  ])("%s → %s", (status, headers, body, kind) => {
    expect(classifyInviteAnswer(status, headers, body).kind).toBe(kind);
  });
  it("keeps the e-mail failure of a 207 as a warning on the grant", () => {
    const a = classifyInviteAnswer(
      207,
      {},
      {
        value: [
          {
            id: "p1",
            roles: ["read"],
            error: {
              code: "notAllowed",
              message: "mail failed",
              innererror: { code: "exchangeInvalidUser" },
            },
          },
        ],
      },
    );
    expect(a).toMatchObject({ kind: "granted", warning: { innerCode: "exchangeInvalidUser" } });
  });
});

describe("access", () => {
  it("knows write covers read but not the other way round", () => {
    expect(satisfies(["write"], "read")).toBe(true);
    expect(satisfies(["read"], "write")).toBe(false);
    expect(satisfies(["owner"], "write")).toBe(true);
    expect(satisfies([], "read")).toBe(false);
  });
  it("indexes by e-mail and id, keeping the strongest grant", () => {
    const idx = accessIndex([
      { id: "1", roles: ["read"], grantedToEmail: "A@x.com" },
      { id: "2", roles: ["write"], invitationEmail: "a@x.com" },
    ]);
    expect(idx.get("a@x.com")?.id).toBe("2");
  });
});

describe("$batch packing", () => {
  it("adds Content-Type to requests with a body and refuses more than 20 or duplicate ids", () => {
    const packed = packBatch([{ id: "1", method: "POST", url: "/x", body: { a: 1 } }]);
    expect(packed.requests[0]?.headers).toEqual({ "Content-Type": "application/json" });
    const many = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: "GET" as const, url: "/x" }));
    expect(() => packBatch(many)).toThrow(/1 to 20/);
    expect(() =>
      packBatch([
        { id: "1", method: "GET", url: "/x" },
        { id: "1", method: "GET", url: "/y" },
      ]),
    ).toThrow(/duplicate/);
  });
  it("maps out-of-order answers by id, lower-cases headers, and marks missing answers as status 0", () => {
    const map = unpackBatch(
      {
        responses: [
          { id: "2", status: 429, headers: { "Retry-After": "5" }, body: {} },
          { id: "1", status: 200, body: { value: [] } },
        ],
      },
      ["1", "2", "3"],
    );
    expect(map.get("1")?.status).toBe(200);
    expect(map.get("2")?.headers["retry-after"]).toBe("5");
    expect(map.get("3")?.status).toBe(0);
  });
});

describe("permissions on a business drive (v1.0 permission, sharePointIdentitySet, sharingLink)", () => {
  const person = (email: string, id: string) => ({
    user: { id, displayName: email, email },
    siteUser: { id: "12", displayName: email, loginName: `i:0#.f|membership|${email}` },
  });

  it("a specific-people link names its people from grantedToIdentitiesV2, and they count as having access", () => {
    const p = parsePermission({
      id: "link-1",
      roles: ["write"],
      link: { type: "edit", scope: "users", webUrl: "https://contoso-my.sharepoint.com/:x:/g/abc" },
      grantedToIdentitiesV2: [person("a@contoso.com", "u-a"), person("b@contoso.com", "u-b")],
      grantedToIdentities: [{ user: { email: "stale@contoso.com" } }],
      expirationDateTime: "0001-01-01T00:00:00Z",
    })!;
    expect(p).toMatchObject({ kind: "link", linkScope: "users", linkType: "edit" });
    expect(p.members?.map((m) => m.email)).toEqual(["a@contoso.com", "b@contoso.com"]);
    expect(permissionKeys(p)).toEqual(["a@contoso.com", "u-a", "b@contoso.com", "u-b"]);
    expect(accessIndex([p]).get("b@contoso.com")?.id).toBe("link-1");
    expect(expiryText(p.expirationDateTime)).toBe("no expiry");
    expect(expiryText("2027-01-31T00:00:00Z")).toBe("2027-01-31T00:00:00Z");
  });

  it("falls back to the deprecated grantedToIdentities when V2 is absent", () => {
    const p = parsePermission({
      id: "link-2",
      roles: ["read"],
      link: { type: "view", scope: "users" },
      grantedToIdentities: [{ user: { id: "u-c", email: "c@contoso.com" } }],
    })!;
    expect(permissionKeys(p)).toEqual(["c@contoso.com", "u-c"]);
  });

  it("site groups, groups, a link without people and an unreadable entry give nobody access by name", () => {
    const entries = [
      { id: "g1", roles: ["owner"], grantedToV2: { siteGroup: { id: "3", displayName: "Team Owners" } } },
      { id: "g2", roles: ["write"], grantedToV2: { group: { id: "gid", displayName: "Team Members" } } },
      // SharePoint lists an Entra group as a siteUser too: the group wins.
      {
        id: "g3",
        roles: ["read"],
        grantedToV2: {
          group: { id: "gid2", displayName: "Sales", email: "sales@contoso.com" },
          siteUser: { id: "9", displayName: "Sales", loginName: "c:0t.c|tenant|gid2" },
        },
      },
      { id: "l1", roles: ["read"], link: { type: "view", scope: "organization" } },
      { id: "x1", roles: ["read"] },
    ].map((e) => parsePermission(e)!);
    expect(entries.map((p) => p.kind)).toEqual(["siteGroup", "group", "group", "link", "unknown"]);
    expect(entries.flatMap(permissionKeys)).toEqual([]);
    expect(accessIndex(entries).size).toBe(0);
  });

  it("a pending invitation with only invitation.email is a person", () => {
    const p = parsePermission({ id: "i1", roles: ["read"], invitation: { email: "Guest@Fabrikam.com" } })!;
    expect(p.kind).toBe("person");
    expect(permissionKeys(p)).toEqual(["guest@fabrikam.com"]);
  });
});

describe("permission pages", () => {
  it("a body that is not a permission list is undefined, not an empty list", () => {
    expect(parsePermissionPage(undefined)).toBeUndefined();
    expect(parsePermissionPage("<html>")).toBeUndefined();
    expect(parsePermissionPage({ error: { code: "x" } })).toBeUndefined();
    expect(parsePermissionPage({ value: [] })).toEqual({ permissions: [] });
    expect(parsePermissionPage({ value: [], "@odata.nextLink": "https://x" })?.nextLink).toBe("https://x");
  });
});
