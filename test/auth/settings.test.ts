// Build-time configuration: a build without a client ID still runs and says plainly that sign-in is not
// configured; a configured build's settings are read exactly as given.

import { ShareError } from "../../src/core/errors";
import {
  authConfigured,
  createDefaultTokenProvider,
  NOT_CONFIGURED_TEXT,
  unconfiguredTokenProvider,
} from "../../src/auth/token-provider";
import { buildTimeAuthSettings, DEFAULT_AUTHORITY, resolveAuthSettings } from "../../src/auth/settings";
import { signInFailed } from "../../src/auth/auth-errors";

const CLIENT_ID = "4b5f3c2e-8f0a-4d1b-9c7e-2a6b1d3e5f70";

describe("not configured", () => {
  test("a build without __AAD_CLIENT_ID__ is not configured", () => {
    expect(authConfigured()).toBe(false);
    expect(buildTimeAuthSettings()).toBeUndefined();
  });

  test("its sign-in fails with a clear notSignedIn, and the pane can say why", async () => {
    const signIn = createDefaultTokenProvider();
    const error = await signIn.getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShareError);
    expect(error).toMatchObject({ code: "notSignedIn", details: [NOT_CONFIGURED_TEXT] });
    expect(signIn.status()).toEqual({ state: "notConfigured", text: NOT_CONFIGURED_TEXT, canSignOut: false });
    expect(NOT_CONFIGURED_TEXT).toBe("Sign-in is not configured in this build.");
    expect(signIn.currentAccount()).toBeUndefined();
  });

  test("the older unconfigured provider says the same", async () => {
    await expect(unconfiguredTokenProvider()()).rejects.toMatchObject({
      code: "notSignedIn",
      details: [NOT_CONFIGURED_TEXT],
    });
  });
});

describe("resolveAuthSettings", () => {
  test("a client ID alone signs in to work or school accounts of any tenant", () => {
    expect(resolveAuthSettings(CLIENT_ID, "")).toEqual({ clientId: CLIENT_ID, authority: DEFAULT_AUTHORITY });
    expect(DEFAULT_AUTHORITY).toBe("https://login.microsoftonline.com/organizations");
  });

  test("a tenant authority is kept (without a trailing slash)", () => {
    expect(
      resolveAuthSettings(` ${CLIENT_ID} `, "https://login.microsoftonline.com/contoso.onmicrosoft.com/"),
    ).toEqual({
      clientId: CLIENT_ID,
      authority: "https://login.microsoftonline.com/contoso.onmicrosoft.com",
    });
  });

  test.each([
    ["empty", "", ""],
    ["a placeholder", "changeme", ""],
    ["not a string", undefined, ""],
    ["an http authority", CLIENT_ID, "http://login.microsoftonline.com/common"],
    ["an authority without a tenant path", CLIENT_ID, "https://login.microsoftonline.com"],
  ])("%s counts as not configured", (_what, clientId, authority) => {
    expect(resolveAuthSettings(clientId, authority)).toBeUndefined();
  });
});

describe("error sentences", () => {
  test.each([
    ["popup_window_error", "notSignedIn", "Sign-in failed (popup_window_error)."],
    ["post_request_failed", "network", "Sign-in couldn't reach Microsoft (post_request_failed)."],
    ["office_dialog_12007", "notSignedIn", "A sign-in window is already open."],
    ["office_dialog_12002", "notSignedIn", "The sign-in page could not be loaded."],
    ["consent_required", "notSignedIn", "Ask your administrator to grant consent"],
    ["bad code with spaces", "notSignedIn", "Sign-in failed (unknown_error)."],
  ])("%s → %s", (errorCode, code, sentence) => {
    const e = signInFailed({ errorCode });
    expect(e.code).toBe(code);
    expect(e.details.join(" ")).toContain(sentence);
  });
});
