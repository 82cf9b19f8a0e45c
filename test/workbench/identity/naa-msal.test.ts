/**
 * @jest-environment ./test/workbench/identity/jsdom-msal.env.js
 */
// The real msal-browser (createNestablePublicClientApplication, as src/auth uses it) against the local
// NAA bridge and identity provider, driven through the add-in's own sign-in (src/auth/default-provider.ts)
// with only the Office globals faked: what the task pane would get in the workbench.
import { createNestablePublicClientApplication, type IPublicClientApplication } from "@azure/msal-browser";
import { createDefaultTokenProvider } from "../../../src/auth/default-provider";
import { msalConfiguration } from "../../../src/auth/msal-config";
import { decodeJwtClaims } from "../../../workbench/identity/jwt";
import { GRAPH_APP_ID, LocalIdentityProvider } from "../../../workbench/identity/identity-provider";
import { installNaaBridge, type LocalNaaBridge } from "../../../workbench/identity/naa-bridge";

const SETTINGS = {
  clientId: "11111111-2222-4333-8444-555555555555",
  authority: "https://login.microsoftonline.com/organizations",
};

interface FakeOffice {
  naaSupported: boolean;
  dialogs: string[];
}

/** Office.js as the add-in's sign-in reads it: the NAA requirement set and the dialog API. */
function installOffice(state: FakeOffice): void {
  (globalThis as unknown as { Office: unknown }).Office = {
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    EventType: { DialogMessageReceived: "dialogMessageReceived", DialogEventReceived: "dialogEventReceived" },
    context: {
      requirements: {
        isSetSupported: (name: string, version: string) =>
          state.naaSupported && name === "NestedAppAuth" && version === "1.1",
      },
      ui: {
        displayDialogAsync(
          url: string,
          _options: unknown,
          callback: (r: { status: string; error: { code: number } }) => void,
        ) {
          state.dialogs.push(url);
          // The person closes the dialog at once: enough to see which path sign-in took.
          callback({ status: "failed", error: { code: 12006 } });
        },
      },
    },
  };
}

function setUp(
  idp: LocalIdentityProvider,
  naaSupported = true,
): { bridge: LocalNaaBridge; office: FakeOffice } {
  const office: FakeOffice = { naaSupported, dialogs: [] };
  installOffice(office);
  const bridge = installNaaBridge(window, idp);
  return { bridge, office };
}

afterEach(() => {
  jest.restoreAllMocks();
  delete (window as unknown as { nestedAppAuthBridge?: unknown }).nestedAppAuthBridge;
});

const CANCELLED = "Sign-in was cancelled, so nothing was sent. Share again to sign in.";
const claims = (token: string) => decodeJwtClaims(token) ?? {};
const methods = (bridge: LocalNaaBridge) =>
  bridge.log.map((e) => `${e.method}:${e.success ? "ok" : e.status}`);

test("MSAL's nestable client gets a Graph token silently through the bridge", async () => {
  const idp = new LocalIdentityProvider();
  const { bridge } = setUp(idp);
  const pca: IPublicClientApplication = await createNestablePublicClientApplication(
    msalConfiguration(SETTINGS, "http://localhost/taskpane.html"),
  );
  const result = await pca.acquireTokenSilent({ scopes: ["Files.ReadWrite.All"] });
  expect(claims(result.accessToken)).toMatchObject({
    aud: GRAPH_APP_ID,
    scp: "Files.ReadWrite.All",
    upn: "ada@contoso.com",
    oid: idp.user.oid,
    tid: idp.user.tid,
  });
  expect(result.account?.username).toBe("ada@contoso.com");
  expect(result.account?.environment).toBe("login.microsoftonline.com");
  expect(claims(result.idToken)).toMatchObject({ aud: SETTINGS.clientId });
  // A second call is answered from MSAL's cache: the host is not asked again.
  const again = await pca.acquireTokenSilent({ scopes: ["Files.ReadWrite.All"], account: result.account! });
  expect(again.accessToken).toBe(result.accessToken);
  expect(methods(bridge)).toEqual(["GetInitContext:ok", "GetToken:ok"]);
});

describe("the add-in's sign-in over the bridge", () => {
  test("a silent sign-in gives the pane a Graph token and the person's account", async () => {
    const idp = new LocalIdentityProvider();
    setUp(idp);
    const signIn = createDefaultTokenProvider(SETTINGS);
    const token = await signIn.getToken();
    expect(claims(token)).toMatchObject({ aud: GRAPH_APP_ID, scp: "Files.ReadWrite.All" });
    expect(signIn.status()).toMatchObject({
      state: "signedIn",
      text: "Signed in as Ada Lovelace (ada@contoso.com).",
    });
    expect(idp.events.map((e) => `${e.kind}:${e.outcome}`)).toEqual(["silent:issued"]);
  });

  test("without consent the silent call needs interaction, and the popup grants it", async () => {
    const idp = new LocalIdentityProvider({ consented: [] });
    const { bridge } = setUp(idp);
    const signIn = createDefaultTokenProvider(SETTINGS);
    const token = await signIn.getToken();
    expect(claims(token)).toMatchObject({ scp: "Files.ReadWrite.All" });
    expect(methods(bridge)).toEqual([
      "GetInitContext:ok",
      "GetToken:USER_INTERACTION_REQUIRED",
      "GetTokenPopup:ok",
    ]);
    expect([...idp.consented]).toEqual(["Files.ReadWrite.All"]);
  });

  test("a cancelled popup is a cancelled sign-in, not a failure, and no dialog opens", async () => {
    const idp = new LocalIdentityProvider({ consented: [], popup: "cancel" });
    const { office } = setUp(idp);
    const signIn = createDefaultTokenProvider(SETTINGS);
    await expect(signIn.getToken()).rejects.toMatchObject({
      code: "notSignedIn",
      details: [CANCELLED],
    });
    expect(office.dialogs).toEqual([]);
    expect(signIn.status().state).toBe("signedOut");
  });

  test("a token about to expire is replaced by a new one from the host", async () => {
    // Shorter than the add-in's (and MSAL's) five-minute renewal margin: every use renews it.
    const idp = new LocalIdentityProvider({ tokenLifetimeSeconds: 120 });
    const { bridge } = setUp(idp);
    const signIn = createDefaultTokenProvider(SETTINGS);
    const first = await signIn.getToken();
    const second = await signIn.getToken();
    expect(second).not.toBe(first);
    expect(claims(second)["exp"]).toBeGreaterThanOrEqual(claims(first)["exp"] as number);
    expect(methods(bridge)).toEqual(["GetInitContext:ok", "GetToken:ok", "GetToken:ok"]);
  });

  test("a token with time left is reused without asking the host", async () => {
    const idp = new LocalIdentityProvider({ tokenLifetimeSeconds: 3600 });
    const { bridge } = setUp(idp);
    const signIn = createDefaultTokenProvider(SETTINGS);
    expect(await signIn.getToken()).toBe(await signIn.getToken());
    expect(methods(bridge)).toEqual(["GetInitContext:ok", "GetToken:ok"]);
  });

  test.each([
    ["the host answers that NAA is unavailable", true],
    ["Office lacks the NestedAppAuth requirement set", false],
  ])("%s: sign-in goes to the Office dialog", async (_what, naaSupported) => {
    const idp = new LocalIdentityProvider({ naaAvailable: false });
    const { office } = setUp(idp, naaSupported);
    // MSAL's BridgeProxy prints the bridge's refusal with console.log before falling back.
    jest.spyOn(console, "log").mockImplementation(() => undefined);
    const signIn = createDefaultTokenProvider(SETTINGS);
    // The fake person closes the dialog: a cancel, reached through the dialog path.
    await expect(signIn.getToken()).rejects.toMatchObject({ code: "notSignedIn", details: [CANCELLED] });
    expect(office.dialogs).toHaveLength(1);
    expect(office.dialogs[0]).toMatch(/^http:\/\/localhost\/dialog\.html/);
    expect(idp.events).toEqual([]);
  });
});
