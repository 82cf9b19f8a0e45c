/** @jest-environment jsdom */
// Tokens never reach the console, an error, the page or browser storage. Every flow runs with console
// captured; each thrown error (message, details, stack, cause) and the status the pane would render are
// put into a jsdom document the way taskpane.ts renders them (textContent); then everything is searched
// for any token that was issued, including ones MSAL errors quoted in their messages.

import { ServerError } from "@azure/msal-browser";
import { createMsalTokenProvider, type SignIn } from "../../src/auth/msal-token-provider";
import { createDialogOpener, type DialogApi } from "../../src/auth/office-dialog";
import { encodeDialogMessage } from "../../src/auth/dialog-protocol";
import { runDialogFlow } from "../../src/dialog/dialog-flow";
import { CORRELATION, FakeClock, setup, tokenText } from "./fakes";

const issuedTokens = [
  ...Array.from({ length: 20 }, (_, i) => tokenText(i + 1)),
  tokenText(101),
  tokenText(102),
];

const consoleOutput: string[] = [];
const spies: jest.SpyInstance[] = [];

beforeEach(() => {
  consoleOutput.length = 0;
  for (const method of ["log", "info", "warn", "error", "debug", "trace"] as const) {
    spies.push(
      jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        consoleOutput.push(
          args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : String(a))).join(" "),
        );
      }),
    );
  }
  document.body.replaceChildren();
  sessionStorage.clear();
  localStorage.clear();
});

afterEach(() => {
  for (const spy of spies.splice(0)) spy.mockRestore();
});

function describeError(e: unknown): string {
  const parts: string[] = [];
  let current: unknown = e;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth += 1) {
    if (current instanceof Error) {
      parts.push(current.message, String(current.stack), JSON.stringify(current));
      const details = (current as { details?: unknown }).details;
      if (details) parts.push(JSON.stringify(details));
      current = current.cause;
    } else {
      parts.push(JSON.stringify(current));
      current = undefined;
    }
  }
  return parts.join("\n");
}

/** What the pane does with a status and an error: textContent into the page. */
function render(signIn: SignIn, error?: unknown) {
  const status = document.createElement("p");
  status.textContent = signIn.status().text;
  document.body.append(status);
  if (error !== undefined) {
    const p = document.createElement("p");
    p.textContent = error instanceof Error ? error.message : String(error);
    const list = document.createElement("ul");
    for (const line of (error as { details?: string[] }).details ?? []) {
      const li = document.createElement("li");
      li.textContent = line;
      list.append(li);
    }
    document.body.append(p, list);
  }
}

function expectNoTokenAnywhere(errors: string[]) {
  const storage = [sessionStorage, localStorage].flatMap((s) =>
    Array.from({ length: s.length }, (_, i) => `${s.key(i)}=${s.getItem(s.key(i) ?? "")}`),
  );
  const haystacks = {
    console: consoleOutput.join("\n"),
    errors: errors.join("\n"),
    document: document.documentElement.outerHTML,
    storage: storage.join("\n"),
  };
  for (const [where, text] of Object.entries(haystacks)) {
    for (const token of issuedTokens) {
      // The signature part alone would be enough to misuse a leaked token.
      const signature = token.split(".")[2]!;
      expect({ where, found: text.includes(token) || text.includes(signature) }).toEqual({
        where,
        found: false,
      });
    }
  }
}

test("the search itself works: a token put on the page is found", () => {
  const p = document.createElement("p");
  p.textContent = `oops ${tokenText(3)}`;
  document.body.append(p);
  expect(() => expectNoTokenAnywhere([])).toThrow();
});

test("no token leaks through sign-in, refresh, fallback, cancel, failure or sign-out", async () => {
  const errors: string[] = [];
  const attempt = async (signIn: SignIn, options?: { forceRefresh?: boolean }) => {
    try {
      const token = await signIn.getToken(options);
      expect(issuedTokens).toContain(token);
      render(signIn);
    } catch (e) {
      errors.push(describeError(e));
      render(signIn, e);
    }
  };

  // NAA: popup, silent, 401 refresh, expiry.
  const naa = setup();
  const a = createMsalTokenProvider(naa.deps);
  await attempt(a);
  await attempt(a);
  await attempt(a, { forceRefresh: true });
  naa.clock.advance(2 * 60 * 60_000);
  await attempt(a);
  a.signOut();
  render(a);

  // MSAL errors that quote a token in their message.
  naa.client.silentErrors = [
    new ServerError("invalid_grant", CORRELATION, `AADSTS50173: bad grant ${tokenText(1)}`),
    new ServerError("post_request_failed", CORRELATION, `network down while sending ${tokenText(2)}`),
  ];
  await attempt(a, { forceRefresh: true });
  await attempt(a, { forceRefresh: true });
  naa.client.session = false;
  naa.client.popupAnswers = [
    new ServerError("server_error", CORRELATION, `failed for ${tokenText(3)}`),
    "cancel",
  ];
  await attempt(a);
  await attempt(a);

  // Popup blocked → dialog; dialog cancelled; dialog failure.
  const blocked = setup();
  blocked.client.popupAnswers = ["blocked", "blocked", "blocked", "emptyWindow"];
  const b = createMsalTokenProvider(blocked.deps);
  await attempt(b);
  blocked.dialog.answers = [{ kind: "cancelled" }, { kind: "failed", errorCode: "office_dialog_12011" }];
  await attempt(b, { forceRefresh: true });
  await attempt(b, { forceRefresh: true });
  await attempt(b, { forceRefresh: true });
  b.signOut();
  render(b);

  expect(errors.length).toBeGreaterThanOrEqual(6);
  expectNoTokenAnywhere(errors);
});

test("the dialog round trip leaks nothing but the one message to the pane", async () => {
  const clock = new FakeClock();
  const sent: string[] = [];
  await runDialogFlow({
    client: {
      handleRedirectPromise: async () => {
        throw new ServerError("invalid_request", CORRELATION, `AADSTS50011 ${tokenText(4)}`);
      },
      loginRedirect: async () => undefined,
    },
    request: {},
    scopes: ["Files.ReadWrite.All"],
    send: (m) => sent.push(m),
    clock,
  });
  // The pane receives a token message from the dialog: it goes nowhere but getToken's answer.
  const api: DialogApi = {
    display(_url, done) {
      done({
        ok: true,
        dialog: {
          onMessage: (listener) =>
            listener(
              encodeDialogMessage({
                kind: "token",
                accessToken: tokenText(5),
                expiresOn: clock.now() + 3_600_000,
                account: { name: "Ada", username: "ada@contoso.com" },
              }),
              window.location.origin,
            ),
          onEvent: () => undefined,
          close: () => undefined,
        },
      });
    },
  };
  const t = setup();
  t.office.naaSupported = false;
  const signIn = createMsalTokenProvider({
    ...t.deps,
    openDialog: createDialogOpener(api, window.location.origin),
  });
  await expect(signIn.getToken()).resolves.toBe(tokenText(5));
  render(signIn);
  expect(document.body.textContent).toContain("Signed in as Ada (ada@contoso.com).");
  expectNoTokenAnywhere(sent);
});
