// The fallback dialog end to end at its two edges: the dialog page (MSAL redirect flow, faked at the MSAL
// boundary) sends one message; the pane's opener (Office dialog API, faked) turns it, or a closed dialog,
// into the outcome the provider acts on.

import { BrowserAuthError, ServerError } from "@azure/msal-browser";
import {
  buildDialogUrl,
  encodeDialogMessage,
  parseDialogMessage,
  readDialogRequest,
  type DialogResult,
} from "../../src/auth/dialog-protocol";
import type { TokenResultLike } from "../../src/auth/msal-token-provider";
import { createDialogOpener, type DialogApi, type DialogHandle } from "../../src/auth/office-dialog";
import { runDialogFlow, type RedirectClientLike } from "../../src/dialog/dialog-flow";
import { ADA, CORRELATION, FakeClock, HOUR, tokenText } from "./fakes";

const PANE_ORIGIN = "https://addin.contoso.com";

/** An Office dialog whose page and person are scripted by the test. */
class FakeOfficeDialog implements DialogHandle {
  closed = 0;
  private messageListener: ((message: string, origin: string | undefined) => void) | undefined;
  private eventListener: ((code: number) => void) | undefined;
  onMessage(listener: (message: string, origin: string | undefined) => void) {
    this.messageListener = listener;
  }
  onEvent(listener: (code: number) => void) {
    this.eventListener = listener;
  }
  close() {
    this.closed += 1;
  }
  pageSends(message: string, origin: string | undefined = PANE_ORIGIN) {
    this.messageListener?.(message, origin);
  }
  /** As an Office without DialogOrigin 1.1 reports a message: no origin at all. */
  pageSendsWithoutOrigin(message: string) {
    this.messageListener?.(message, undefined);
  }
  personCloses() {
    this.eventListener?.(12006);
  }
}

function officeUi(outcome: { ok: true; dialog: FakeOfficeDialog } | { ok: false; code: number }) {
  const opened: string[] = [];
  const api: DialogApi = {
    display(url, done) {
      opened.push(url);
      done(outcome);
    },
  };
  return { api, opened };
}

const tokenMessage = (n: number, expiresOn = Date.UTC(2025, 0, 6, 10)) =>
  encodeDialogMessage({
    kind: "token",
    accessToken: tokenText(n),
    expiresOn,
    account: { name: "Ada Lovelace", username: "ada@contoso.com" },
  });

describe("the pane's dialog opener", () => {
  test("the page's token message becomes the result and the dialog is closed", async () => {
    const dialog = new FakeOfficeDialog();
    const { api, opened } = officeUi({ ok: true, dialog });
    const result = createDialogOpener(
      api,
      PANE_ORIGIN,
    )(`${PANE_ORIGIN}/dialog.html?loginHint=ada%40contoso.com`);
    dialog.pageSends(tokenMessage(7));
    await expect(result).resolves.toEqual({
      kind: "token",
      accessToken: tokenText(7),
      expiresOn: Date.UTC(2025, 0, 6, 10),
      account: { name: "Ada Lovelace", username: "ada@contoso.com" },
    });
    expect(opened).toEqual([`${PANE_ORIGIN}/dialog.html?loginHint=ada%40contoso.com`]);
    expect(dialog.closed).toBe(1);
  });

  test("the person closing the dialog (12006) is a cancel", async () => {
    const dialog = new FakeOfficeDialog();
    const result = createDialogOpener(officeUi({ ok: true, dialog }).api, PANE_ORIGIN)("x");
    dialog.personCloses();
    await expect(result).resolves.toEqual({ kind: "cancelled" });
  });

  test.each([
    [12009, { kind: "cancelled" }],
    [12011, { kind: "failed", errorCode: "office_dialog_12011" }],
    [12007, { kind: "failed", errorCode: "office_dialog_12007" }],
  ])("a dialog that does not open (%i) resolves as %j", async (code, expected) => {
    const result = createDialogOpener(officeUi({ ok: false, code }).api, PANE_ORIGIN)("x");
    await expect(result).resolves.toEqual(expected);
  });

  test("a message from another origin is refused, not taken as a token", async () => {
    const dialog = new FakeOfficeDialog();
    const result = createDialogOpener(officeUi({ ok: true, dialog }).api, PANE_ORIGIN)("x");
    dialog.pageSends(tokenMessage(7), "https://evil.example");
    await expect(result).resolves.toEqual({ kind: "failed", errorCode: "dialog_origin_mismatch" });
    expect(dialog.closed).toBe(1);
  });

  test("a message whose origin Office does not report is refused, not taken as a token", async () => {
    const dialog = new FakeOfficeDialog();
    const result = createDialogOpener(officeUi({ ok: true, dialog }).api, PANE_ORIGIN)("x");
    dialog.pageSendsWithoutOrigin(tokenMessage(7));
    await expect(result).resolves.toEqual({ kind: "failed", errorCode: "dialog_origin_unknown" });
    expect(dialog.closed).toBe(1);
  });

  test("an Office without the dialog API fails plainly instead of hanging", async () => {
    const api: DialogApi = {
      display() {
        throw new TypeError("Cannot read properties of undefined (reading 'displayDialogAsync')");
      },
    };
    await expect(createDialogOpener(api, PANE_ORIGIN)("x")).resolves.toEqual({
      kind: "failed",
      errorCode: "office_dialog_unavailable",
    });
  });
});

describe("dialog messages", () => {
  test.each([
    ["not JSON", "hello"],
    ["another protocol", JSON.stringify({ kind: "cancelled" })],
    [
      "a token without expiry",
      JSON.stringify({ protocol: "bulk-share-sign-in/1", kind: "token", accessToken: "a" }),
    ],
    ["an unknown kind", JSON.stringify({ protocol: "bulk-share-sign-in/1", kind: "maybe" })],
    ["null", "null"],
  ])("%s is a failed sign-in, never a token", (_what, message) => {
    expect(parseDialogMessage(message)).toEqual({ kind: "failed", errorCode: "bad_dialog_message" });
  });

  test("a failure code that is not a plain code is not passed on", () => {
    const message = JSON.stringify({
      protocol: "bulk-share-sign-in/1",
      kind: "failed",
      errorCode: "<img src=x>",
    });
    expect(parseDialogMessage(message)).toEqual({ kind: "failed", errorCode: "unknown_error" });
  });

  test("the pane's request survives the trip through the dialog address", () => {
    const url = buildDialogUrl("https://addin.contoso.com/app/dialog.html?old=1#x", {
      loginHint: "ada+test@contoso.com",
      selectAccount: true,
    });
    expect(url.startsWith("https://addin.contoso.com/app/dialog.html?")).toBe(true);
    expect(readDialogRequest(new URL(url).search)).toEqual({
      loginHint: "ada+test@contoso.com",
      selectAccount: true,
    });
    expect(readDialogRequest("")).toEqual({});
  });
});

/** MSAL's standard client on the dialog page: either no redirect answer yet, an answer, or an error. */
class FakeRedirectClient implements RedirectClientLike {
  logins: unknown[] = [];
  handleOptions: unknown[] = [];
  constructor(private readonly answer: TokenResultLike | null | Error) {}
  async handleRedirectPromise(options?: { navigateToLoginRequestUrl?: boolean }) {
    this.handleOptions.push(options);
    if (this.answer instanceof Error) throw this.answer;
    return this.answer;
  }
  async loginRedirect(request: { scopes: string[]; loginHint?: string; prompt?: string }) {
    this.logins.push(request);
  }
}

describe("the dialog page", () => {
  const clock = new FakeClock();
  const run = (client: RedirectClientLike, request = {}) => {
    const sent: string[] = [];
    const done = runDialogFlow({
      client,
      request,
      scopes: ["Files.ReadWrite.All"],
      send: (m) => sent.push(m),
      clock,
    });
    return { done, sent };
  };

  test("first load sends the person to the sign-in page with the pane's hint and nothing to the pane", async () => {
    const client = new FakeRedirectClient(null);
    const { done, sent } = run(client, { loginHint: "ada@contoso.com", selectAccount: true });
    await expect(done).resolves.toBe("redirecting");
    expect(client.logins).toEqual([
      { scopes: ["Files.ReadWrite.All"], loginHint: "ada@contoso.com", prompt: "select_account" },
    ]);
    expect(sent).toEqual([]);
  });

  test("back from the sign-in page, the token, expiry and account go to the pane", async () => {
    const expiresOn = new Date(clock.now() + HOUR);
    const client = new FakeRedirectClient({ accessToken: tokenText(5), expiresOn, account: ADA });
    const { done, sent } = run(client);
    await expect(done).resolves.toBe("sent");
    expect(client.handleOptions).toEqual([{ navigateToLoginRequestUrl: false }]);
    expect(sent).toHaveLength(1);
    const result: DialogResult = parseDialogMessage(sent[0]!);
    expect(result).toEqual({
      kind: "token",
      accessToken: tokenText(5),
      expiresOn: expiresOn.getTime(),
      account: { name: "Ada Lovelace", username: "ada@contoso.com" },
    });
  });

  test.each([
    [
      "declined on the sign-in page",
      new ServerError("access_denied", CORRELATION, "AADSTS65004: User declined"),
    ],
    ["cancelled", new BrowserAuthError("user_cancelled", CORRELATION)],
  ])("%s: the pane hears a cancel", async (_what, error) => {
    const { sent } = run(new FakeRedirectClient(error));
    await new Promise((r) => setTimeout(r, 0));
    expect(sent.map(parseDialogMessage)).toEqual([{ kind: "cancelled" }]);
  });

  test("any other error reaches the pane as its code alone", async () => {
    const error = new ServerError(
      "invalid_request",
      CORRELATION,
      `AADSTS50011: redirect mismatch ${tokenText(6)}`,
    );
    const { sent } = run(new FakeRedirectClient(error));
    await new Promise((r) => setTimeout(r, 0));
    expect(sent).toHaveLength(1);
    expect(parseDialogMessage(sent[0]!)).toEqual({ kind: "failed", errorCode: "invalid_request" });
    expect(sent[0]).not.toContain(tokenText(6));
  });
});
