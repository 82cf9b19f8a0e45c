// The NAA bridge's protocol edges: MSAL has no timeout, so every request with a requestId gets an
// answer, even one the bridge cannot serve; tokens are unsigned JWTs with the claims Graph reads.
import { decodeJwtClaims } from "../../../workbench/identity/jwt";
import { GRAPH_APP_ID, LocalIdentityProvider } from "../../../workbench/identity/identity-provider";
import { createNaaBridge } from "../../../workbench/identity/naa-bridge";

function connect(idp = new LocalIdentityProvider()) {
  const answers: Record<string, unknown>[] = [];
  const bridge = createNaaBridge(idp, { schedule: (deliver) => deliver() });
  const listener = (m: string | { data: string }) =>
    answers.push(JSON.parse(typeof m === "string" ? m : m.data) as Record<string, unknown>);
  bridge.addEventListener("message", listener);
  return { bridge, answers, listener, idp };
}

const request = (method: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ messageType: "NestedAppAuthRequest", method, requestId: `r-${method}`, ...extra });

test("every request with a requestId is answered, including ones the bridge cannot serve", () => {
  const { bridge, answers } = connect();
  bridge.postMessage(request("GetAccounts"));
  bridge.postMessage(request("GetToken", { tokenParams: { scope: "Files.ReadWrite.All" } }));
  bridge.postMessage(JSON.stringify({ requestId: "r-bare" }));
  expect(answers).toEqual([
    expect.objectContaining({
      requestId: "r-GetAccounts",
      success: false,
      error: expect.objectContaining({ status: "PERSISTENT_ERROR", code: "unsupported_method" }),
    }),
    expect.objectContaining({
      requestId: "r-GetToken",
      success: false,
      error: expect.objectContaining({ status: "PERSISTENT_ERROR", code: "invalid_request" }),
    }),
    expect.objectContaining({ requestId: "r-bare", success: false }),
  ]);
  expect(answers.every((a) => a["messageType"] === "NestedAppAuthResponse")).toBe(true);
});

test("a token answer carries MSAL's fields and the account's environment", () => {
  const { bridge, answers, idp } = connect();
  bridge.postMessage(
    request("GetToken", {
      tokenParams: { clientId: "app-1", scope: "https://graph.microsoft.com/.default openid profile" },
    }),
  );
  const [answer] = answers;
  expect(answer).toMatchObject({
    success: true,
    token: { expires_in: 3600, scope: "Files.ReadWrite.All", properties: null },
    account: {
      environment: "login.microsoftonline.com",
      username: "ada@contoso.com",
      homeAccountId: `${idp.user.oid}.${idp.user.tid}`,
    },
  });
  const token = answer!["token"] as { access_token: string; id_token: string };
  const access = decodeJwtClaims(token.access_token)!;
  expect(access).toMatchObject({ aud: GRAPH_APP_ID, scp: "Files.ReadWrite.All", upn: "ada@contoso.com" });
  expect(access["exp"]).toBe((access["iat"] as number) + 3600);
  expect(access["nbf"]).toBe(access["iat"]);
  expect(decodeJwtClaims(token.id_token)).toMatchObject({
    aud: "app-1",
    preferred_username: "ada@contoso.com",
  });
  // Unsigned: alg none, empty signature.
  expect(token.access_token.endsWith(".")).toBe(true);
});

test("a removed listener hears nothing more", () => {
  const { bridge, answers, listener } = connect();
  bridge.removeEventListener("message", listener);
  bridge.postMessage(request("GetInitContext"));
  expect(answers).toEqual([]);
  expect(bridge.log).toEqual([{ method: "GetInitContext", requestId: "r-GetInitContext", success: true }]);
});
