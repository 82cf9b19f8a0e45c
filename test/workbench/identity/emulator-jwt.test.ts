// The Graph emulator checks JWT access tokens from the local identity provider as Graph does, over real
// HTTP: wrong audience and expired tokens are 401 InvalidAuthenticationToken, a token without a scope
// the operation needs is 403 accessDenied (also inside $batch), a good token works, and the emulator's
// opaque development tokens keep working.
import { startEmulator, type Emulator } from "../../../workbench/graph-emulator/index";
import {
  call,
  errorCode,
  errorMessage,
  fakeClock,
  invite,
  ITEM_PATH,
  obj,
} from "../../../workbench/graph-emulator/helpers";
import { LocalIdentityProvider } from "../../../workbench/identity/identity-provider";
import { encodeUnsignedJwt } from "../../../workbench/identity/jwt";

const clock = fakeClock();
let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ clock: clock.now });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

/** The identity provider on the emulator's clock: both agree what "expired" means. */
const idp = (consented: string[] = ["Files.ReadWrite.All"], lifetime = 3600) =>
  new LocalIdentityProvider({ clock: clock.now, consented, tokenLifetimeSeconds: lifetime });

const bearer = (token: string) => ({ auth: false, headers: { Authorization: `Bearer ${token}` } });

function expectGraphError(
  reply: { status: number; body: unknown; headers: Headers },
  status: number,
  code: string,
) {
  expect(reply.status).toBe(status);
  expect(errorCode(reply)).toBe(code);
  const inner = obj(obj(obj(reply.body)["error"])["innerError"]);
  expect(inner["request-id"]).toBe(reply.headers.get("request-id"));
  expect(typeof inner["client-request-id"]).toBe("string");
  expect(inner["date"]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
}

test("a good token reads the permissions and invites", async () => {
  const token = idp().mintAccessToken();
  expect((await call(emu, "GET", `${ITEM_PATH}/permissions`, bearer(token))).status).toBe(200);
  const reply = await invite(emu, [{ email: "lee@contoso.com" }], {}, { Authorization: `Bearer ${token}` });
  expect(reply.status).toBe(200);
});

test.each([
  ["Graph's URL", "https://graph.microsoft.com"],
  ["Graph's application ID", "00000003-0000-0000-c000-000000000000"],
])("the audience may be %s", async (_what, aud) => {
  const token = idp().mintAccessToken({ aud });
  expect((await call(emu, "GET", `${ITEM_PATH}/permissions`, bearer(token))).status).toBe(200);
});

test("a token for another audience (e.g. an ID token) is 401", async () => {
  const token = idp().mintAccessToken({ aud: "11111111-2222-4333-8444-555555555555" });
  const reply = await call(emu, "GET", `${ITEM_PATH}/permissions`, bearer(token));
  expectGraphError(reply, 401, "InvalidAuthenticationToken");
  expect(errorMessage(reply)).toMatch(/Invalid audience/);
  expect(reply.headers.get("www-authenticate")).toMatch(/^Bearer /);
});

test("a token expires by the emulator's clock (past Graph's five-minute skew)", async () => {
  const token = idp(["Files.ReadWrite.All"], 600).mintAccessToken();
  expect((await call(emu, "GET", `${ITEM_PATH}/permissions`, bearer(token))).status).toBe(200);
  clock.advance((600 + 299) * 1000);
  expect((await call(emu, "GET", `${ITEM_PATH}/permissions`, bearer(token))).status).toBe(200);
  clock.advance(2 * 1000);
  const reply = await call(emu, "GET", `${ITEM_PATH}/permissions`, bearer(token));
  expectGraphError(reply, 401, "InvalidAuthenticationToken");
  expect(errorMessage(reply)).toMatch(/expired/);
  // A new token from the provider works again.
  expect((await call(emu, "GET", `${ITEM_PATH}/permissions`, bearer(idp().mintAccessToken()))).status).toBe(
    200,
  );
});

test("a token that cannot be read is 401", async () => {
  const reply = await call(emu, "GET", `${ITEM_PATH}/permissions`, bearer("eyJhbGciOiJub25lIn0.not-json!.x"));
  expectGraphError(reply, 401, "InvalidAuthenticationToken");
});

test("reading with only Files.Read works; inviting with it is 403 and grants nothing", async () => {
  const token = idp(["Files.Read"]).mintAccessToken();
  expect((await call(emu, "GET", `${ITEM_PATH}/permissions`, bearer(token))).status).toBe(200);
  const before = emu.snapshot().items.flatMap((i) => i.permissions).length;
  const reply = await invite(emu, [{ email: "lee@contoso.com" }], {}, { Authorization: `Bearer ${token}` });
  expectGraphError(reply, 403, "accessDenied");
  expect(errorMessage(reply)).toMatch(/Files\.ReadWrite/);
  expect(emu.snapshot().items.flatMap((i) => i.permissions).length).toBe(before);
});

test("Sites.ReadWrite.All is enough to invite", async () => {
  const token = idp(["Sites.ReadWrite.All"]).mintAccessToken();
  const reply = await invite(emu, [{ email: "lee@contoso.com" }], {}, { Authorization: `Bearer ${token}` });
  expect(reply.status).toBe(200);
});

test("a token without any scope is 403", async () => {
  const token = encodeUnsignedJwt({
    aud: "https://graph.microsoft.com",
    exp: Math.floor(clock.now() / 1000) + 600,
  });
  const reply = await call(emu, "GET", `${ITEM_PATH}/permissions`, bearer(token));
  expectGraphError(reply, 403, "accessDenied");
});

test("inside $batch, each invite is checked with the batch's token", async () => {
  const token = idp(["Files.Read"]).mintAccessToken();
  const reply = await call(emu, "POST", "/$batch", {
    ...bearer(token),
    body: {
      requests: [
        { id: "1", method: "GET", url: `${ITEM_PATH}/permissions` },
        {
          id: "2",
          method: "POST",
          url: `${ITEM_PATH}/invite`,
          headers: { "Content-Type": "application/json" },
          body: {
            recipients: [{ email: "lee@contoso.com" }],
            roles: ["read"],
            requireSignIn: true,
            sendInvitation: true,
          },
        },
      ],
    },
  });
  expect(reply.status).toBe(200);
  const responses = (obj(reply.body)["responses"] as Array<Record<string, unknown>>).sort((a, b) =>
    String(a["id"]).localeCompare(String(b["id"])),
  );
  expect(responses.map((r) => [r["id"], r["status"]])).toEqual([
    ["1", 200],
    ["2", 403],
  ]);
});

test("the emulator's opaque development tokens still work", async () => {
  expect((await call(emu, "GET", `${ITEM_PATH}/permissions`)).status).toBe(200);
  const reply = await invite(emu, [{ email: "lee@contoso.com" }]);
  expect(reply.status).toBe(200);
});
