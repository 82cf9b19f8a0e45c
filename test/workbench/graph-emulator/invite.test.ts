import {
  DEMO_DRIVE_ID,
  DEMO_ITEM_ID,
  DEMO_PERSONAL_DRIVE_ID,
  DEMO_PERSONAL_ITEM_ID,
  DEMO_PERSONAL_OWNER,
  DEMO_ROOT_ITEM_ID,
  DEMO_USERS,
  demoSeed,
  emailsPerRecipient,
  grantsPerRecipient,
  startEmulator,
  type Emulator,
} from "../../../workbench/graph-emulator/index";
import {
  call,
  errorCode,
  errorMessage,
  invite,
  inviteBody,
  ITEM_PATH,
  obj,
  SEEDED_PERMISSIONS,
  values,
} from "../../../workbench/graph-emulator/helpers";

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => {
  emu.setFaults({});
  emu.reset(demoSeed());
});

const ZOE = DEMO_USERS.find((u) => u.email === "zoe.ng@contoso.com");
const SEAN = DEMO_USERS.find((u) => u.displayName === "Seán O'Brien");
const PERSONAL_PATH = `/drives/${DEMO_PERSONAL_DRIVE_ID}/items/${encodeURIComponent(DEMO_PERSONAL_ITEM_ID)}`;

function post(body: unknown, path = `${ITEM_PATH}/invite`): ReturnType<typeof call> {
  return call(emu, "POST", path, { body });
}

describe("invite validation", () => {
  const valid = {
    recipients: [{ email: "zoe.ng@contoso.com" }],
    roles: ["read"],
    requireSignIn: true,
    sendInvitation: true,
  };
  const cases: Array<[string, unknown, RegExp]> = [
    ["body not an object", [1, 2], /JSON object/],
    ["recipients missing", { ...valid, recipients: undefined }, /recipients/],
    ["recipients empty", { ...valid, recipients: [] }, /recipients/],
    [
      "recipient with two identifiers",
      { ...valid, recipients: [{ email: "a@contoso.com", alias: "a" }] },
      /exactly one/,
    ],
    ["recipient with none", { ...valid, recipients: [{}] }, /exactly one/],
    ["recipient email not an address", { ...valid, recipients: [{ email: "not-an-address" }] }, /e-mail/],
    ["roles missing", { ...valid, roles: undefined }, /roles/],
    ["roles empty", { ...valid, roles: [] }, /roles/],
    ["unknown role", { ...valid, roles: ["edit"] }, /Invalid role 'edit'/],
    ["message too long", { ...valid, message: "x".repeat(2001) }, /2000/],
    ["message not a string", { ...valid, message: 5 }, /message/],
    ["both flags false", { ...valid, requireSignIn: false, sendInvitation: false }, /cannot both be false/],
    [
      "both flags omitted (they default to false)",
      { recipients: valid.recipients, roles: ["read"] },
      /cannot both be false/,
    ],
    ["flag not boolean", { ...valid, sendInvitation: "yes" }, /boolean/],
    [
      "expirationDateTime on business",
      { ...valid, expirationDateTime: "2099-01-01T00:00:00Z" },
      /expirationDateTime/,
    ],
    ["password on business", { ...valid, password: "secret" }, /password/],
    ["unknown parameter", { ...valid, notify: true }, /notify/],
  ];
  it.each(cases)("rejects %s with 400 invalidRequest", async (_label, body, message) => {
    const reply = await post(body);
    expect(reply.status).toBe(400);
    expect(errorCode(reply)).toBe("invalidRequest");
    expect(errorMessage(reply)).toMatch(message);
    expect(emu.ledger.invites).toHaveLength(0);
  });

  it("accepts a message of exactly 2000 characters", async () => {
    expect((await post({ ...valid, message: "x".repeat(2000) })).status).toBe(200);
  });

  it("rejects a body that is not JSON, or sent without a JSON Content-Type", async () => {
    const broken = await call(emu, "POST", `${ITEM_PATH}/invite`, {
      raw: "{recipients:",
      headers: { "Content-Type": "application/json" },
    });
    expect(broken.status).toBe(400);
    expect(errorMessage(broken)).toMatch(/Unable to read JSON/);
    const plain = await call(emu, "POST", `${ITEM_PATH}/invite`, {
      raw: JSON.stringify(valid),
      headers: { "Content-Type": "text/plain" },
    });
    expect(plain.status).toBe(400);
  });

  it("allows 'owner' only on business drives; personal drives take expiration and password", async () => {
    expect((await post({ ...valid, roles: ["owner"] })).status).toBe(200);
    const personalOwner = await post({ ...valid, roles: ["owner"] }, `${PERSONAL_PATH}/invite`);
    expect(personalOwner.status).toBe(400);
    const personal = await post(
      { ...valid, expirationDateTime: "2099-01-01T00:00:00Z", password: "pw" },
      `${PERSONAL_PATH}/invite`,
    );
    expect(personal.status).toBe(200);
    expect(values(personal)[0]).toMatchObject({
      expirationDateTime: "2099-01-01T00:00:00Z",
      hasPassword: true,
    });
  });
});

describe("invite recipients", () => {
  it("grants a known user (by e-mail, case-insensitively) and returns the permission", async () => {
    const reply = await invite(emu, [{ email: "Zoe.NG@Contoso.com" }], { roles: ["write"] });
    expect(reply.status).toBe(200);
    expect(String(obj(reply.body)["@odata.context"])).toContain(
      "$metadata#Collection(microsoft.graph.permission)",
    );
    const [p] = values(reply);
    expect(p).toMatchObject({
      roles: ["write"],
      grantedToV2: { user: { id: ZOE?.id, displayName: "Zoë Ng", email: "zoe.ng@contoso.com" } },
      grantedTo: { user: { id: ZOE?.id } },
      invitation: { email: "zoe.ng@contoso.com", signInRequired: true },
    });
    expect(p?.["link"]).toBeUndefined();
    expect(emu.ledger.invites).toMatchObject([
      {
        driveId: DEMO_DRIVE_ID,
        itemId: DEMO_ITEM_ID,
        recipient: "zoe.ng@contoso.com",
        roles: ["write"],
        emailSent: true,
      },
    ]);
    expect(emu.ledger.emails).toMatchObject([{ to: "zoe.ng@contoso.com", itemId: DEMO_ITEM_ID }]);
    expect(emu.permissionsOf(DEMO_DRIVE_ID, DEMO_ITEM_ID)).toHaveLength(SEEDED_PERMISSIONS + 1);
  });

  it("can leave out `invitation` as ODB often does (omitInvitation), keeping grantedTo.user.email", async () => {
    emu.setFaults({ omitInvitation: true });
    const [p] = values(await invite(emu, [{ email: "lee@contoso.com" }]));
    expect(p?.["invitation"]).toBeUndefined();
    expect(p).toMatchObject({ grantedTo: { user: { email: "lee@contoso.com" } } });
    const again = values(await invite(emu, [{ email: "lee@contoso.com" }]));
    expect(again[0]?.["id"]).toBe(p?.["id"]); // still recognised as the same person
  });

  it("resolves objectId and alias recipients", async () => {
    const byId = await invite(emu, [{ objectId: SEAN?.id ?? "" }]);
    expect(values(byId)[0]).toMatchObject({ grantedToV2: { user: { displayName: "Seán O'Brien" } } });
    const byAlias = await invite(emu, [{ alias: "lee" }]);
    expect(values(byAlias)[0]).toMatchObject({ grantedToV2: { user: { email: "lee@contoso.com" } } });
  });

  it("sends no e-mail when sendInvitation is false", async () => {
    const reply = await invite(emu, [{ email: "lee@contoso.com" }], {
      sendInvitation: false,
      requireSignIn: true,
    });
    expect(reply.status).toBe(200);
    expect(emu.ledger.invites[0]?.emailSent).toBe(false);
    expect(emu.ledger.emails).toHaveLength(0);
  });

  it("invites an external address as a guest when external sharing is on", async () => {
    const reply = await invite(emu, [{ email: "Pat@Fabrikam.example" }]);
    expect(reply.status).toBe(200);
    const [p] = values(reply);
    expect(p).toMatchObject({
      invitation: { email: "pat@fabrikam.example", signInRequired: true },
      grantedToV2: { siteUser: { displayName: "pat@fabrikam.example" } },
    });
    expect(String(obj(obj(p?.["grantedToV2"])["siteUser"])["loginName"])).toContain("urn%3aspo%3aguest");
    expect(emu.ledger.invites[0]?.recipient).toBe("pat@fabrikam.example");
  });

  it("refuses external addresses with 403 when external sharing is off", async () => {
    emu.reset({ ...demoSeed(), externalSharing: false });
    const reply = await invite(emu, [{ email: "pat@fabrikam.example" }]);
    expect(reply.status).toBe(403);
    expect(errorCode(reply)).toBe("accessDenied");
    expect(emu.ledger.invites).toHaveLength(0);
  });

  it("fails the WHOLE call for an unknown tenant address, granting nobody and naming nobody", async () => {
    const reply = await invite(emu, [
      { email: "zoe.ng@contoso.com" },
      { email: "nobody@contoso.com" },
      { email: "pat@fabrikam.example" },
    ]);
    expect(reply.status).toBe(400);
    expect(errorCode(reply)).toBe("invalidRequest");
    expect(errorMessage(reply)).toBe("The request is malformed or incorrect.");
    expect(emu.ledger.invites).toHaveLength(0);
    expect(emu.ledger.emails).toHaveLength(0);
    expect(emu.permissionsOf(DEMO_DRIVE_ID, DEMO_ITEM_ID)).toHaveLength(SEEDED_PERMISSIONS);
  });

  it("can fail unknown users with 500 generalException instead (unknownUserStatus)", async () => {
    emu.setFaults({ unknownUserStatus: 500 });
    const reply = await invite(emu, [{ objectId: "00000000-0000-0000-0000-000000000000" }]);
    expect(reply.status).toBe(500);
    expect(errorCode(reply)).toBe("generalException");
  });

  it("grants several valid recipients in one call", async () => {
    const reply = await invite(emu, [{ email: "zoe.ng@contoso.com" }, { email: "lee@contoso.com" }]);
    expect(values(reply)).toHaveLength(2);
    expect(emu.ledger.invites.map((i) => i.recipient)).toEqual(["zoe.ng@contoso.com", "lee@contoso.com"]);
  });

  it("times out (504) on a very large recipient list after carrying out the grants", async () => {
    const many = Array.from({ length: 101 }, (_, i) => ({ email: `guest${i}@fabrikam.example` }));
    const reply = await invite(emu, many);
    expect(reply.status).toBe(504);
    expect(emu.ledger.invites).toHaveLength(101);
  });

  it("re-invites someone with access: same permission back, role upgraded, and it counts as a second invite", async () => {
    const first = await invite(emu, [{ email: "zoe.ng@contoso.com" }], { roles: ["read"] });
    const second = await invite(emu, [{ email: "zoe.ng@contoso.com" }], { roles: ["write"] });
    const third = await invite(emu, [{ email: "zoe.ng@contoso.com" }], { roles: ["read"] });
    const id = values(first)[0]?.["id"];
    expect(values(second)[0]).toMatchObject({ id, roles: ["write"] });
    expect(values(third)[0]).toMatchObject({ id, roles: ["write"] }); // never downgraded by invite
    expect(emu.permissionsOf(DEMO_DRIVE_ID, DEMO_ITEM_ID)).toHaveLength(SEEDED_PERMISSIONS + 1);
    expect(grantsPerRecipient(emu.ledger).get("zoe.ng@contoso.com")).toBe(3);
    expect(emailsPerRecipient(emu.ledger).get("zoe.ng@contoso.com")).toBe(3);
  });
});

describe("invite routes", () => {
  it("serves /me/drive/items/{id}/invite and, under /beta only, the seed's /workbooks/{id}/invite on the same item", async () => {
    expect(
      (await invite(emu, [{ email: "lee@contoso.com" }], {}, {}, `/me/drive/items/${DEMO_ITEM_ID}/invite`))
        .status,
    ).toBe(200);
    expect(
      (
        await invite(
          emu,
          [{ email: "joni@contoso.com" }],
          {},
          {},
          `${emu.origin}/beta/workbooks/${DEMO_ITEM_ID}/invite`,
        )
      ).status,
    ).toBe(200);
    const workbookPersonal = await invite(
      emu,
      [{ email: "lee@contoso.com" }],
      {},
      {},
      `${emu.origin}/beta/workbooks/${encodeURIComponent(DEMO_PERSONAL_ITEM_ID)}/invite`,
    );
    expect(workbookPersonal.status).toBe(200);
    expect(emu.permissionsOf(DEMO_DRIVE_ID, DEMO_ITEM_ID)).toHaveLength(SEEDED_PERMISSIONS + 2);
  });

  it("v1.0 has no /workbooks segment: 400 'Resource not found for the segment', nobody invited", async () => {
    const reply = await invite(
      emu,
      [{ email: "lee@contoso.com" }],
      {},
      {},
      `/workbooks/${DEMO_ITEM_ID}/invite`,
    );
    expect(reply.status).toBe(400);
    expect(errorMessage(reply)).toBe("Resource not found for the segment 'workbooks'.");
    const batch = await call(emu, "POST", "/$batch", {
      body: {
        requests: [
          {
            id: "1",
            method: "POST",
            url: `/workbooks/${DEMO_ITEM_ID}/invite`,
            headers: { "Content-Type": "application/json" },
            body: inviteBody([{ email: "lee@contoso.com" }]),
          },
        ],
      },
    });
    expect(obj(batch.body)["responses"]).toMatchObject([{ status: 400 }]);
    expect(emu.ledger.invites).toHaveLength(0);
  });

  it("serves the other documented item addressings (/users/{id}/drive, /sites/{id}/drive)", async () => {
    const users = `/users/${encodeURIComponent("adele@contoso.com")}/drive/items/${DEMO_ITEM_ID}/invite`;
    expect((await invite(emu, [{ email: "lee@contoso.com" }], {}, {}, users)).status).toBe(200);
    const sites = `/sites/contoso.sharepoint.com,1,2/drive/items/${DEMO_ITEM_ID}/invite`;
    expect((await invite(emu, [{ email: "joni@contoso.com" }], {}, {}, sites)).status).toBe(200);
    expect(emu.permissionsOf(DEMO_DRIVE_ID, DEMO_ITEM_ID)).toHaveLength(SEEDED_PERMISSIONS + 2);
    const drive = await call(emu, "GET", "/me/drive");
    expect(obj(drive.body)).toMatchObject({ id: DEMO_DRIVE_ID, driveType: "business" });
  });

  it("/me/drive/root/invite and /drive/root/invite share the drive root, a separate item", async () => {
    expect((await invite(emu, [{ email: "lee@contoso.com" }], {}, {}, "/me/drive/root/invite")).status).toBe(
      200,
    );
    expect((await invite(emu, [{ email: "joni@contoso.com" }], {}, {}, "/drive/root/invite")).status).toBe(
      200,
    );
    expect(emu.permissionsOf(DEMO_DRIVE_ID, DEMO_ROOT_ITEM_ID)).toHaveLength(3);
    expect(emu.permissionsOf(DEMO_DRIVE_ID, DEMO_ITEM_ID)).toHaveLength(SEEDED_PERMISSIONS);
    expect(emu.ledger.invites.every((i) => i.itemId === DEMO_ROOT_ITEM_ID)).toBe(true);
  });

  it("a personal drive's root rejects invite", async () => {
    const seed = { ...demoSeed(), meDriveId: DEMO_PERSONAL_DRIVE_ID };
    emu.reset(seed);
    const reply = await invite(emu, [{ email: "lee@contoso.com" }], {}, {}, "/drive/root/invite");
    expect(reply.status).toBe(403);
    expect(errorCode(reply)).toBe("notAllowed");
    expect(emu.ledger.invites).toHaveLength(0);
    const item = await invite(emu, [{ email: "lee@contoso.com" }], {}, {}, `${PERSONAL_PATH}/invite`);
    expect(item.status).toBe(200);
    expect(values(item)[0]?.["id"]).toMatch(new RegExp(`^${DEMO_PERSONAL_OWNER.id.toUpperCase()}!`));
  });
});

describe("the 2015 seed request (POST /drive/root/invite)", () => {
  const verbatim = {
    recipients: [{ email: "email-value", alias: "alias-value", objectId: "objectId-value" }],
    message: "message-value",
    requireSignIn: true,
    sendInvitation: true,
    roles: ["roles-value"],
  };

  it("verbatim, with placeholders: 400 invalidRequest", async () => {
    const reply = await post(verbatim, "/drive/root/invite");
    expect(reply.status).toBe(400);
    expect(errorCode(reply)).toBe("invalidRequest");
    expect(emu.ledger.invites).toHaveLength(0);
  });

  it("with real values: a permission collection", async () => {
    const reply = await post(
      { ...verbatim, recipients: [{ email: "megan@contoso.com" }], roles: ["read"] },
      "/drive/root/invite",
    );
    expect(reply.status).toBe(200);
    expect(values(reply)).toHaveLength(1);
    expect(values(reply)[0]).toMatchObject({ roles: ["read"], invitation: { email: "megan@contoso.com" } });
    expect(emu.ledger.emails).toHaveLength(1);
  });

  it("inviteBody helper produces a valid default request", async () => {
    expect((await post(inviteBody([{ email: "megan@contoso.com" }]))).status).toBe(200);
  });
});
