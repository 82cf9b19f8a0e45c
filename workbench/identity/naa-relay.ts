// The NAA bridge across an origin boundary. Office on the web runs the task pane in an iframe whose
// origin differs from the host page's (same host name, another port), so the host page cannot put an
// object into the pane's window. Instead a small script in the pane (installNaaRelay, loaded before the
// pane's bundle) defines window.nestedAppAuthBridge and forwards MSAL's strings to the host page with
// postMessage; the host page (serveNaaRelay) hands them to the real bridge (naa-bridge.ts) and posts the
// answers back. Both ends check the other's origin and window. Messages are objects tagged RELAY_TAG, so
// office.js's own postMessage channel ignores them (it only reads its JSON string envelopes).

import type { LocalIdentityProvider } from "./identity-provider";
import {
  createNaaBridge,
  type BridgeListener,
  type LocalNaaBridge,
  type NaaBridgeOptions,
} from "./naa-bridge";

export const RELAY_TAG = "__workbenchNaaRelay";

interface RelayMessage {
  [RELAY_TAG]: "request" | "response";
  message: string;
}

/** The part of a window (or a test double) the relay uses. */
export interface MessageWindow {
  postMessage(message: unknown, targetOrigin: string): void;
  addEventListener(type: "message", listener: (event: MessageEventLike) => void): void;
  removeEventListener(type: "message", listener: (event: MessageEventLike) => void): void;
}

export interface MessageEventLike {
  data: unknown;
  origin: string;
  source: unknown;
}

function relayMessage(data: unknown, kind: RelayMessage[typeof RELAY_TAG]): string | undefined {
  if (typeof data !== "object" || data === null) return undefined;
  const m = data as Partial<RelayMessage>;
  return m[RELAY_TAG] === kind && typeof m.message === "string" ? m.message : undefined;
}

/**
 * Pane side: defines paneWindow.nestedAppAuthBridge, talking to the host page at hostOrigin through
 * paneWindow.parent. Run it before MSAL is created (a <script> ahead of the pane's bundle).
 */
export function installNaaRelay(
  paneWindow: MessageWindow & { parent: MessageWindow },
  hostOrigin: string,
): void {
  const listeners = new Set<BridgeListener>();
  paneWindow.addEventListener("message", (event) => {
    if (event.origin !== hostOrigin || event.source !== paneWindow.parent) return;
    const message = relayMessage(event.data, "response");
    if (message === undefined) return;
    for (const listener of [...listeners]) listener(message);
  });
  const bridge = {
    postMessage(message: string) {
      const request: RelayMessage = { [RELAY_TAG]: "request", message };
      paneWindow.parent.postMessage(request, hostOrigin);
    },
    addEventListener(eventName: string, callback: BridgeListener) {
      if (eventName === "message") listeners.add(callback);
    },
    removeEventListener(eventName: string, callback: BridgeListener) {
      if (eventName === "message") listeners.delete(callback);
    },
  };
  Object.defineProperty(paneWindow, "nestedAppAuthBridge", { value: bridge, configurable: true });
}

/**
 * Host side: answers the relay of the pane in paneWindow() (the iframe's contentWindow, read at each
 * message so a reloaded pane keeps working) from paneOrigin. Returns the bridge (its log) and a stop.
 */
export function serveNaaRelay(
  hostWindow: MessageWindow,
  paneWindow: () => MessageWindow | null | undefined,
  paneOrigin: string,
  idp: LocalIdentityProvider,
  options: NaaBridgeOptions = {},
): { bridge: LocalNaaBridge; stop(): void } {
  const bridge = createNaaBridge(idp, options);
  bridge.addEventListener("message", (response) => {
    const message = typeof response === "string" ? response : response.data;
    const reply: RelayMessage = { [RELAY_TAG]: "response", message };
    paneWindow()?.postMessage(reply, paneOrigin);
  });
  const onMessage = (event: MessageEventLike) => {
    const pane = paneWindow();
    if (!pane || event.source !== pane || event.origin !== paneOrigin) return;
    const message = relayMessage(event.data, "request");
    if (message !== undefined) bridge.postMessage(message);
  };
  hostWindow.addEventListener("message", onMessage);
  return { bridge, stop: () => hostWindow.removeEventListener("message", onMessage) };
}
