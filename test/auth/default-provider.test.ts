/**
 * @jest-environment jsdom
 * @jest-environment-options {"url": "https://addin.contoso.com/app/taskpane.html?route=workbooks"}
 */
// The real wiring against a fake Office.js global and the real MSAL library: a configured build opens
// dialog.html next to the pane when the host has no NAA, and also when NestedAppAuth is reported but
// no NAA bridge is there (a plain browser page, as here).

import { webcrypto } from "node:crypto";
import { createDefaultTokenProvider } from "../../src/auth/default-provider";
import { encodeDialogMessage } from "../../src/auth/dialog-protocol";
import { resolveAuthSettings } from "../../src/auth/settings";
import { ShareError } from "../../src/core/errors";
import { tokenText } from "./fakes";

const settings = resolveAuthSettings("4b5f3c2e-8f0a-4d1b-9c7e-2a6b1d3e5f70", "");

type Handler = (arg: { message: string; origin: string | undefined } | { error: number }) => void;

function installOffice(options: { naa: boolean }) {
  const opened: string[] = [];
  const handlers = new Map<string, Handler>();
  let closed = 0;
  const office = {
    context: {
      requirements: {
        isSetSupported: (name: string, version: string) =>
          options.naa && name === "NestedAppAuth" && version === "1.1",
      },
      ui: {
        displayDialogAsync(url: string, _options: unknown, callback: (result: unknown) => void) {
          opened.push(url);
          callback({
            status: "succeeded",
            value: {
              addEventHandler: (type: string, handler: Handler) => handlers.set(type, handler),
              close: () => (closed += 1),
            },
          });
        },
      },
    },
    auth: { getAuthContext: async () => ({ loginHint: "ada@contoso.com" }) },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    EventType: { DialogMessageReceived: "dialogMessageReceived", DialogEventReceived: "dialogEventReceived" },
  };
  (globalThis as unknown as { Office: unknown }).Office = office;
  return {
    opened,
    closed: () => closed,
    async waitForDialog() {
      for (let i = 0; i < 100 && opened.length === 0; i += 1) await new Promise((r) => setTimeout(r, 5));
      expect(opened).toHaveLength(1);
    },
    pageSends: (message: string) =>
      handlers.get("dialogMessageReceived")?.({ message, origin: "https://addin.contoso.com" }),
    personCloses: () => handlers.get("dialogEventReceived")?.({ error: 12006 }),
  };
}

afterEach(() => {
  delete (globalThis as unknown as { Office?: unknown }).Office;
});

test("without NestedAppAuth: dialog.html next to the pane, with the Office login hint; its token is used", async () => {
  const office = installOffice({ naa: false });
  const signIn = createDefaultTokenProvider(settings);
  expect(office.opened).toEqual([]); // nothing at load

  const token = signIn.getToken();
  await office.waitForDialog();
  expect(office.opened[0]).toBe("https://addin.contoso.com/app/dialog.html?loginHint=ada%40contoso.com");
  office.pageSends(
    encodeDialogMessage({
      kind: "token",
      accessToken: tokenText(1),
      expiresOn: Date.now() + 3_600_000,
      account: { name: "Ada Lovelace", username: "ada@contoso.com" },
    }),
  );
  await expect(token).resolves.toBe(tokenText(1));
  expect(office.closed()).toBe(1);
  expect(signIn.status()).toMatchObject({ state: "signedIn", canSignOut: true });
});

test("closing the dialog ends in a cancelled notSignedIn", async () => {
  const office = installOffice({ naa: false });
  const token = createDefaultTokenProvider(settings).getToken();
  await office.waitForDialog();
  office.personCloses();
  const error = await token.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ShareError);
  expect(error).toMatchObject({ code: "notSignedIn", details: [expect.stringContaining("cancelled")] });
});

describe("NestedAppAuth reported but no NAA bridge in the page", () => {
  const original = Object.getOwnPropertyDescriptor(globalThis, "crypto");
  afterEach(() => {
    if (original) Object.defineProperty(globalThis, "crypto", original);
  });

  test("real MSAL returns a standard (not nested) client: the dialog opens instead of its popup", async () => {
    // With Web Crypto, MSAL initializes fully and quietly hands back a standard client.
    Object.defineProperty(globalThis, "crypto", { value: webcrypto, configurable: true });
    const popup = jest.spyOn(window, "open").mockReturnValue(null);
    const office = installOffice({ naa: true });
    const token = createDefaultTokenProvider(settings).getToken();
    await office.waitForDialog();
    office.personCloses();
    await expect(token).rejects.toMatchObject({ code: "notSignedIn" });
    expect(popup).not.toHaveBeenCalled();
    popup.mockRestore();
  });

  test("MSAL failing to start at all (no Web Crypto in this page) also ends in the dialog", async () => {
    const office = installOffice({ naa: true });
    const token = createDefaultTokenProvider(settings).getToken();
    await office.waitForDialog();
    office.personCloses();
    await expect(token).rejects.toMatchObject({ code: "notSignedIn" });
  });
});
