/**
 * @jest-environment ./test/workbench/identity/jsdom-msal.env.js
 */
// The bridge across origins (naa-relay.ts): the pane's relay and the host page's server, over a
// postMessage channel that behaves like the browser's (target origin enforced, event.origin/source set,
// asynchronous, structured-cloned), with the real msal-browser in the pane.
import { createNestablePublicClientApplication } from "@azure/msal-browser";
import { msalConfiguration } from "../../../src/auth/msal-config";
import { LocalIdentityProvider } from "../../../workbench/identity/identity-provider";
import { decodeJwtClaims } from "../../../workbench/identity/jwt";
import {
  installNaaRelay,
  RELAY_TAG,
  serveNaaRelay,
  type MessageEventLike,
  type MessageWindow,
} from "../../../workbench/identity/naa-relay";

const HOST = "https://localhost:3000";
const PANE = "https://localhost:3001";

/** A window in a two-window world: whatever is posted to it comes from `peer`. */
class FakeWindow implements MessageWindow {
  peer!: FakeWindow;
  parent!: FakeWindow;
  private readonly listeners = new Set<(event: MessageEventLike) => void>();
  constructor(readonly origin: string) {}
  addEventListener(_type: "message", listener: (event: MessageEventLike) => void) {
    this.listeners.add(listener);
  }
  removeEventListener(_type: "message", listener: (event: MessageEventLike) => void) {
    this.listeners.delete(listener);
  }
  postMessage(message: unknown, targetOrigin: string) {
    if (targetOrigin !== "*" && targetOrigin !== this.origin) return; // the browser drops it
    this.deliver(message, this.peer);
  }
  deliver(message: unknown, source: FakeWindow) {
    const event = { data: structuredClone(message), origin: source.origin, source };
    setTimeout(() => this.listeners.forEach((l) => l(event)), 0);
  }
}

function world() {
  const host = new FakeWindow(HOST);
  const pane = new FakeWindow(PANE);
  host.peer = pane;
  pane.peer = host;
  pane.parent = host;
  return { host, pane };
}

afterEach(() => {
  delete (window as unknown as { nestedAppAuthBridge?: unknown }).nestedAppAuthBridge;
});

test("MSAL in the pane gets a token from the host page's identity provider through the relay", async () => {
  const { host, pane } = world();
  const idp = new LocalIdentityProvider();
  const served = serveNaaRelay(host, () => pane, PANE, idp);
  installNaaRelay(pane, HOST);
  // MSAL reads the bridge from its own window: hand it the relay the pane script defined.
  (window as unknown as { nestedAppAuthBridge: unknown }).nestedAppAuthBridge = (
    pane as unknown as { nestedAppAuthBridge: unknown }
  ).nestedAppAuthBridge;
  const pca = await createNestablePublicClientApplication(
    msalConfiguration(
      {
        clientId: "11111111-2222-4333-8444-555555555555",
        authority: "https://login.microsoftonline.com/organizations",
      },
      `${PANE}/taskpane.html`,
    ),
  );
  const result = await pca.acquireTokenSilent({ scopes: ["Files.ReadWrite.All"] });
  expect(decodeJwtClaims(result.accessToken)).toMatchObject({ scp: "Files.ReadWrite.All" });
  expect(served.bridge.log.map((e) => e.method)).toEqual(["GetInitContext", "GetToken"]);
  served.stop();
});

test("the host page ignores requests from another origin or window", async () => {
  const { host, pane } = world();
  const served = serveNaaRelay(host, () => pane, PANE, new LocalIdentityProvider());
  const request = {
    [RELAY_TAG]: "request",
    message: JSON.stringify({
      messageType: "NestedAppAuthRequest",
      method: "GetInitContext",
      requestId: "1",
    }),
  };
  const stranger = new FakeWindow("https://evil.example");
  host.deliver(request, stranger);
  const impostor = new FakeWindow(PANE); // right origin, wrong window
  host.deliver(request, impostor);
  await new Promise((r) => setTimeout(r, 10));
  expect(served.bridge.log).toEqual([]);
  host.deliver(request, pane);
  await new Promise((r) => setTimeout(r, 10));
  expect(served.bridge.log).toHaveLength(1);
});
