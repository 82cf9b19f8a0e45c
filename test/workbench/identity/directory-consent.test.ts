/**
 * @jest-environment ./test/workbench/identity/jsdom-msal.env.js
 */
// Incremental consent for the recipient check, through the real msal-browser, the NAA bridge and the
// local identity provider: the directory scope is asked for only when the person starts the check, a
// decline leaves sharing's own sign-in as it was.
import { createDefaultTokenProvider } from "../../../src/auth/default-provider";
import { DIRECTORY_SCOPES } from "../../../src/auth/settings";
import { refusalOf } from "../../../src/core/directory";
import { decodeJwtClaims } from "../../../workbench/identity/jwt";
import { LocalIdentityProvider } from "../../../workbench/identity/identity-provider";
import { installNaaBridge } from "../../../workbench/identity/naa-bridge";

const SETTINGS = {
  clientId: "11111111-2222-4333-8444-555555555555",
  authority: "https://login.microsoftonline.com/organizations",
};

function setUp(idp: LocalIdentityProvider): void {
  (globalThis as unknown as { Office: unknown }).Office = {
    context: {
      requirements: {
        isSetSupported: (name: string, version: string) => name === "NestedAppAuth" && version === "1.1",
      },
    },
  };
  installNaaBridge(window, idp);
}

afterEach(() => {
  delete (window as unknown as { nestedAppAuthBridge?: unknown }).nestedAppAuthBridge;
});

const scopesOf = (token: string) => String(decodeJwtClaims(token)?.["scp"] ?? "").split(" ");
const outcomes = (idp: LocalIdentityProvider) => idp.events.map((e) => `${e.kind}:${e.outcome}`);

async function refusal(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    return refusalOf(e) ?? "not a refusal";
  }
}

test("without consent, a silent check asks nobody and says consent is needed", async () => {
  const idp = new LocalIdentityProvider();
  setUp(idp);
  const signIn = createDefaultTokenProvider(SETTINGS);
  expect(await refusal(signIn.scopedToken(DIRECTORY_SCOPES, { interactive: false }))).toBe("consentNeeded");
  expect(outcomes(idp)).toEqual(["silent:USER_INTERACTION_REQUIRED"]);
  expect(idp.consented.has("User.ReadBasic.All")).toBe(false);
});

test("the person's click asks for the scope once; later checks get it silently", async () => {
  const idp = new LocalIdentityProvider();
  setUp(idp);
  const signIn = createDefaultTokenProvider(SETTINGS);
  const token = await signIn.scopedToken(DIRECTORY_SCOPES, { interactive: true });
  expect(scopesOf(token)).toEqual(expect.arrayContaining(["Files.ReadWrite.All", "User.ReadBasic.All"]));
  expect(outcomes(idp)).toEqual(["silent:USER_INTERACTION_REQUIRED", "popup:issued"]);
  expect(await signIn.scopedToken(DIRECTORY_SCOPES, { interactive: false })).toBe(token);
  expect(signIn.status().state).toBe("signedIn");
});

test("a declined consent is reported as declined, and sharing's token is still given", async () => {
  const idp = new LocalIdentityProvider({ declined: ["User.ReadBasic.All"] });
  setUp(idp);
  const signIn = createDefaultTokenProvider(SETTINGS);
  expect(await refusal(signIn.scopedToken(DIRECTORY_SCOPES, { interactive: true }))).toBe("declined");
  expect(idp.consented.has("User.ReadBasic.All")).toBe(false);
  const files = await signIn.getToken();
  expect(scopesOf(files)).toEqual(["Files.ReadWrite.All"]);
});
