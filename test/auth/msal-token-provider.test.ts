// Sign-in as the person sees it: when a popup or a dialog appears, which token Graph gets, what a cancel
// says, and that nothing is asked before Share. MSAL is faked at its boundary (fakes.ts).

import { ClientAuthError, ServerError } from "@azure/msal-browser";
import { ShareError } from "../../src/core/errors";
import { createMsalTokenProvider, EXPIRY_MARGIN_MS } from "../../src/auth/msal-token-provider";
import { ADA, CORRELATION, deferred, DIALOG_PAGE, HOUR, setup, tokenText } from "./fakes";

async function failure(promise: Promise<unknown>): Promise<ShareError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(ShareError);
    return e as ShareError;
  }
  throw new Error("expected the sign-in to fail");
}

describe("nested app authentication", () => {
  test("nothing happens until a token is asked for (the Share click)", async () => {
    const t = setup();
    const contextAsked = jest.fn(async () => ({ loginHint: "ada@contoso.com" }));
    t.office.getAuthContext = contextAsked;
    const signIn = createMsalTokenProvider(t.deps);
    await Promise.resolve();
    expect(t.naaCreated()).toBe(0);
    expect(contextAsked).not.toHaveBeenCalled();
    expect(t.client.calls).toEqual([]);
    expect(t.dialog.urls).toEqual([]);
    expect(signIn.status().state).toBe("signedOut");
  });

  test("an existing session gives a token silently: no popup, no dialog, and the pane shows who", async () => {
    const t = setup();
    t.client.session = true;
    const signIn = createMsalTokenProvider(t.deps);
    const changes = jest.fn();
    signIn.onChange(changes);

    await expect(signIn.getToken()).resolves.toBe(tokenText(1));
    expect(t.client.count("acquireTokenPopup")).toBe(0);
    expect(t.dialog.urls).toHaveLength(0);
    expect(t.client.calls[0]?.request).toMatchObject({ scopes: ["Files.ReadWrite.All"] });
    expect(signIn.currentAccount()).toEqual({ name: "Ada Lovelace", username: "ada@contoso.com" });
    expect(signIn.status()).toMatchObject({
      state: "signedIn",
      text: "Signed in as Ada Lovelace (ada@contoso.com).",
    });
    expect(changes).toHaveBeenCalledTimes(1);

    // The next Graph request reuses the token without asking MSAL again.
    await expect(signIn.getToken()).resolves.toBe(tokenText(1));
    expect(t.client.calls).toHaveLength(1);
  });

  test("when interaction is required, one popup signs in; later calls are silent with that account", async () => {
    const t = setup();
    const signIn = createMsalTokenProvider(t.deps);

    await expect(signIn.getToken()).resolves.toBe(tokenText(1));
    expect(t.client.calls.map((c) => c.method)).toEqual(["acquireTokenSilent", "acquireTokenPopup"]);

    t.clock.advance(HOUR); // the token expired
    await expect(signIn.getToken()).resolves.toBe(tokenText(2));
    expect(t.client.count("acquireTokenPopup")).toBe(1);
    expect(t.client.calls.at(-1)).toEqual({
      method: "acquireTokenSilent",
      request: { scopes: ["Files.ReadWrite.All"], account: ADA, forceRefresh: false },
    });
  });

  test("a token about to expire is renewed before it is handed out", async () => {
    const t = setup();
    t.client.session = true;
    const signIn = createMsalTokenProvider(t.deps);
    await signIn.getToken();
    t.clock.advance(HOUR - EXPIRY_MARGIN_MS - 1);
    await expect(signIn.getToken()).resolves.toBe(tokenText(1));
    expect(t.client.calls).toHaveLength(1);
    t.clock.advance(2);
    await expect(signIn.getToken()).resolves.toBe(tokenText(2));
    expect(t.client.count("acquireTokenPopup")).toBe(0);
  });

  test("concurrent requests share one sign-in: a single popup, every caller gets its token", async () => {
    const t = setup();
    const gate = deferred();
    t.client.popupGate = gate.promise;
    const signIn = createMsalTokenProvider(t.deps);

    const calls = Array.from({ length: 5 }, () => signIn.getToken());
    await new Promise((r) => setTimeout(r, 0));
    expect(t.client.count("acquireTokenPopup")).toBe(1);
    gate.resolve();
    await expect(Promise.all(calls)).resolves.toEqual(Array(5).fill(tokenText(1)));
    expect(t.client.count("acquireTokenPopup")).toBe(1);
    expect(t.naaCreated()).toBe(1);
  });

  test("a 401 mid-run: forceRefresh gets one new token, shared by every request that hit it", async () => {
    const t = setup();
    t.client.session = true;
    const signIn = createMsalTokenProvider(t.deps);
    await expect(signIn.getToken()).resolves.toBe(tokenText(1));

    const retries = [1, 2, 3].map(() => signIn.getToken({ forceRefresh: true }));
    await expect(Promise.all(retries)).resolves.toEqual(Array(3).fill(tokenText(2)));
    const refreshes = t.client.calls.filter(
      (c) => c.method === "acquireTokenSilent" && (c.request as { forceRefresh?: boolean }).forceRefresh,
    );
    expect(refreshes).toHaveLength(1);

    await expect(signIn.getToken()).resolves.toBe(tokenText(2));
    expect(t.client.calls).toHaveLength(2);
  });

  test("forceRefresh when the session is gone falls back to the popup", async () => {
    const t = setup();
    t.client.session = true;
    const signIn = createMsalTokenProvider(t.deps);
    await signIn.getToken();
    t.client.session = false; // e.g. password changed
    await expect(signIn.getToken({ forceRefresh: true })).resolves.toBe(tokenText(2));
    expect(t.client.count("acquireTokenPopup")).toBe(1);
  });
});

describe("login hint from Office", () => {
  test("getAuthContext's hint is used for the silent sign-in", async () => {
    const t = setup();
    t.client.session = true;
    t.office.getAuthContext = async () => ({
      loginHint: "ada@contoso.com",
      userPrincipalName: "ada@contoso.com",
    });
    const signIn = createMsalTokenProvider(t.deps);
    await expect(signIn.getToken()).resolves.toBe(tokenText(1));
    expect(t.client.calls[0]).toEqual({
      method: "ssoSilent",
      request: { scopes: ["Files.ReadWrite.All"], loginHint: "ada@contoso.com" },
    });
  });

  test.each([
    [
      "throws",
      () => {
        throw new Error("Office.auth is not ready");
      },
    ],
    ["rejects", () => Promise.reject(new Error("NestedAppAuth not supported"))],
    ["answers nothing useful", () => Promise.resolve({})],
  ])("getAuthContext that %s is tolerated: sign-in goes on without a hint", async (_how, impl) => {
    const t = setup();
    t.office.getAuthContext = impl as () => Promise<{ loginHint?: string }>;
    const signIn = createMsalTokenProvider(t.deps);
    await expect(signIn.getToken()).resolves.toBe(tokenText(1));
    expect(t.client.calls[0]?.method).toBe("acquireTokenSilent");
  });

  test("a host without getAuthContext signs in too", async () => {
    const t = setup();
    t.client.session = true;
    const signIn = createMsalTokenProvider(t.deps);
    await expect(signIn.getToken()).resolves.toBe(tokenText(1));
  });
});

describe("Office dialog fallback", () => {
  test("a blocked popup falls back to the dialog page, which signs in", async () => {
    for (const answer of ["blocked", "emptyWindow"] as const) {
      const t = setup();
      t.client.popupAnswers = [answer];
      t.office.getAuthContext = async () => ({ userPrincipalName: "ada@contoso.com" });
      const signIn = createMsalTokenProvider(t.deps);

      await expect(signIn.getToken()).resolves.toBe(tokenText(101));
      expect(t.dialog.urls).toHaveLength(1);
      const url = t.dialog.urls[0]!;
      expect(`${url.origin}${url.pathname}`).toBe(DIALOG_PAGE);
      expect(url.searchParams.get("loginHint")).toBe("ada@contoso.com");
      expect(signIn.status()).toMatchObject({ state: "signedIn", canSignOut: true });
    }
  });

  test("without NestedAppAuth 1.1 the dialog is used directly and NAA is never started", async () => {
    const t = setup();
    t.office.naaSupported = false;
    const signIn = createMsalTokenProvider(t.deps);
    await expect(signIn.getToken()).resolves.toBe(tokenText(101));
    expect(t.naaCreated()).toBe(0);
    expect(t.client.calls).toEqual([]);
    // The dialog token is kept in memory until it nears expiry: no second dialog meanwhile.
    t.clock.advance(HOUR - EXPIRY_MARGIN_MS - 1);
    await expect(signIn.getToken()).resolves.toBe(tokenText(101));
    expect(t.dialog.urls).toHaveLength(1);
    t.clock.advance(2);
    await expect(signIn.getToken()).resolves.toBe(tokenText(102));
    expect(t.dialog.urls).toHaveLength(2);
  });

  test("an isSetSupported that throws counts as no NAA", async () => {
    const t = setup();
    t.office.nestedAppAuthSupported = () => {
      throw new Error("Office.context is undefined");
    };
    const signIn = createMsalTokenProvider(t.deps);
    await expect(signIn.getToken()).resolves.toBe(tokenText(101));
    expect(t.naaCreated()).toBe(0);
  });

  test.each(["rejects", "throws"] as const)(
    "when NAA fails to start (%s), the dialog takes over, and NAA is not retried on every request",
    async (naaFails) => {
      const t = setup({ naaFails });
      const signIn = createMsalTokenProvider(t.deps);
      await expect(signIn.getToken()).resolves.toBe(tokenText(101));
      await expect(signIn.getToken({ forceRefresh: true })).resolves.toBe(tokenText(102));
      expect(t.naaCreated()).toBe(1);
    },
  );

  test("a bridge that turns out disabled at the first request falls back to the dialog", async () => {
    const t = setup();
    t.client.silentErrors = [new ClientAuthError("nested_app_auth_bridge_disabled", CORRELATION)];
    const signIn = createMsalTokenProvider(t.deps);
    await expect(signIn.getToken()).resolves.toBe(tokenText(101));
    expect(t.client.count("acquireTokenPopup")).toBe(0);
  });

  test("forceRefresh on the dialog path opens the dialog again (there is no silent renewal there)", async () => {
    const t = setup();
    t.office.naaSupported = false;
    const signIn = createMsalTokenProvider(t.deps);
    await signIn.getToken();
    await expect(signIn.getToken({ forceRefresh: true })).resolves.toBe(tokenText(102));
    expect(t.dialog.urls).toHaveLength(2);
  });

  test("concurrent requests share one dialog", async () => {
    const t = setup();
    t.office.naaSupported = false;
    const gate = deferred();
    t.dialog.gate = gate.promise;
    const signIn = createMsalTokenProvider(t.deps);
    const calls = [signIn.getToken(), signIn.getToken(), signIn.getToken({ forceRefresh: true })];
    await new Promise((r) => setTimeout(r, 0));
    gate.resolve();
    await expect(Promise.all(calls)).resolves.toEqual(Array(3).fill(tokenText(101)));
    expect(t.dialog.urls).toHaveLength(1);
  });
});

describe("cancelling", () => {
  const cancelled = "Sign-in was cancelled, so nothing was sent. Share again to sign in.";

  test.each(["cancel", "cancelNaa"] as const)(
    "closing the popup (%s) is a notSignedIn that says so, and the next Share can sign in",
    async (answer) => {
      const t = setup();
      t.client.popupAnswers = [answer];
      const signIn = createMsalTokenProvider(t.deps);

      const e = await failure(signIn.getToken());
      expect(e.code).toBe("notSignedIn");
      expect(e.details).toEqual([cancelled]);
      expect(signIn.status().state).toBe("signedOut");

      await expect(signIn.getToken()).resolves.toBe(tokenText(1));
      expect(t.client.count("acquireTokenPopup")).toBe(2);
    },
  );

  test("closing the dialog (12006, reported as cancelled) is the same, and the provider is not stuck", async () => {
    const t = setup();
    t.office.naaSupported = false;
    t.dialog.answers = [{ kind: "cancelled" }];
    const signIn = createMsalTokenProvider(t.deps);
    const e = await failure(signIn.getToken());
    expect(e.code).toBe("notSignedIn");
    expect(e.details).toEqual([cancelled]);
    await expect(signIn.getToken()).resolves.toBe(tokenText(101));
  });

  test("declining on the sign-in page (access_denied from the dialog page) is a cancel too", async () => {
    const t = setup();
    t.office.naaSupported = false;
    t.dialog.answers = [{ kind: "failed", errorCode: "access_denied" }];
    const e = await failure(createMsalTokenProvider(t.deps).getToken());
    expect(e.details).toEqual([cancelled]);
  });

  test("every request waiting on a cancelled sign-in gets the cancel, not a hang", async () => {
    const t = setup();
    t.client.popupAnswers = ["cancel"];
    const signIn = createMsalTokenProvider(t.deps);
    const results = await Promise.allSettled([signIn.getToken(), signIn.getToken()]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(t.client.count("acquireTokenPopup")).toBe(1);
  });
});

describe("other failures", () => {
  test("a broken dialog address still fails as a ShareError, not a TypeError", async () => {
    const t = setup();
    t.office.naaSupported = false;
    const e = await failure(createMsalTokenProvider({ ...t.deps, dialogPage: "dialog.html" }).getToken());
    expect(e.code).toBe("notSignedIn");
    expect(e.details).toEqual([expect.stringMatching(/^Sign-in failed \(\w+\)\.$/)]);
  });

  test("an MSAL server error keeps its code and AADSTS number, nothing else", async () => {
    const t = setup();
    t.client.silentErrors = [
      new ServerError(
        "invalid_client",
        CORRELATION,
        `AADSTS700054: response_type 'id_token' is not enabled. Trace ID: 1234 token=${tokenText(9)}`,
      ),
    ];
    const e = await failure(createMsalTokenProvider(t.deps).getToken());
    expect(e.code).toBe("notSignedIn");
    expect(e.details).toEqual(["Sign-in failed (invalid_client, AADSTS700054)."]);
    expect(e.cause).toBeUndefined();
  });

  test("missing consent says what to ask the administrator for", async () => {
    const t = setup();
    t.client.popupAnswers = [
      new ServerError(
        "invalid_grant",
        CORRELATION,
        "AADSTS65001: The user or administrator has not consented",
      ),
    ];
    const e = await failure(createMsalTokenProvider(t.deps).getToken());
    expect(e.details[0]).toContain("Files.ReadWrite.All");
    expect(e.details[0]).toContain("administrator");
  });

  test("no network during sign-in is a network error", async () => {
    const t = setup();
    t.client.silentErrors = [new ServerError("no_network_connectivity", CORRELATION)];
    const e = await failure(createMsalTokenProvider(t.deps).getToken());
    expect(e.code).toBe("network");
  });

  test("a browser that blocks the Office dialog is told so", async () => {
    const t = setup();
    t.office.naaSupported = false;
    t.dialog.answers = [{ kind: "failed", errorCode: "office_dialog_12011" }];
    const e = await failure(createMsalTokenProvider(t.deps).getToken());
    expect(e.code).toBe("notSignedIn");
    expect(e.details[0]).toMatch(/browser blocked the sign-in window/);
  });
});

describe("signing out", () => {
  test("dialog path: the token is forgotten and the next sign-in lets the person pick the account", async () => {
    const t = setup();
    t.office.naaSupported = false;
    const signIn = createMsalTokenProvider(t.deps);
    await signIn.getToken();
    expect(signIn.status().canSignOut).toBe(true);

    signIn.signOut();
    expect(signIn.currentAccount()).toBeUndefined();
    expect(signIn.status().state).toBe("signedOut");

    await expect(signIn.getToken()).resolves.toBe(tokenText(102));
    const url = t.dialog.urls[1]!;
    expect(url.searchParams.get("prompt")).toBe("select_account");
    expect(url.searchParams.has("loginHint")).toBe(false);
    // Signing in again ends the "pick an account" request.
    await signIn.getToken({ forceRefresh: true });
    expect(t.dialog.urls[2]!.searchParams.has("prompt")).toBe(false);
  });

  test("NAA: no sign-out button (Office's account stays signed in), but the account held here is cleared", async () => {
    const t = setup();
    t.client.session = true;
    const signIn = createMsalTokenProvider(t.deps);
    await signIn.getToken();
    expect(signIn.status()).toMatchObject({ state: "signedIn", canSignOut: false });
    signIn.signOut();
    expect(signIn.currentAccount()).toBeUndefined();
    await signIn.getToken();
    expect(t.client.calls.at(-1)?.request).not.toHaveProperty("account");
  });

  test("a sign-in that finishes after sign-out is not remembered as the current account", async () => {
    const t = setup();
    const gate = deferred();
    t.client.popupGate = gate.promise;
    const signIn = createMsalTokenProvider(t.deps);
    const inFlight = signIn.getToken();
    await new Promise((r) => setTimeout(r, 0));
    signIn.signOut();
    gate.resolve();
    await inFlight;
    expect(signIn.currentAccount()).toBeUndefined();
  });
});
