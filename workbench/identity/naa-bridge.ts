// What Office gives a task pane for nested app authentication: `window.nestedAppAuthBridge`, answered
// here by the LocalIdentityProvider. msal-browser (src/naa/BridgeProxy.ts, 5.x) looks for it when
// createNestablePublicClientApplication runs, registers one "message" listener, posts JSON strings
// {messageType:"NestedAppAuthRequest", method, requestId, tokenParams} and waits for
// {messageType:"NestedAppAuthResponse", requestId, success, initContext | token + account | error}.
// MSAL has no timeout, so every request that carries a requestId is answered, even a malformed one.
// Browser and Node alike (no Node-only API).

import {
  ENTRA_ENVIRONMENT,
  LocalIdentityProvider,
  type IdentityErrorStatus,
  type IdentityResult,
  type TokenRequestLike,
} from "./identity-provider";

/** msal-browser's AuthBridge (src/naa/AuthBridge.ts). */
export type BridgeListener = (response: string | { data: string }) => void;

export interface NestedAppAuthBridge {
  postMessage(message: string): void;
  addEventListener(eventName: string, callback: BridgeListener): void;
  removeEventListener(eventName: string, callback: BridgeListener): void;
}

export type BridgeMethod = "GetInitContext" | "GetToken" | "GetTokenPopup";

/** One request as the bridge saw it (never the tokens it answered with). */
export interface BridgeLogEntry {
  method: BridgeMethod | "invalid";
  requestId: string | undefined;
  success: boolean;
  status?: IdentityErrorStatus;
}

export interface NaaBridgeOptions {
  /** How answers are delivered; default: on a later task (setTimeout 0), as a host's postMessage would. */
  schedule?: (deliver: () => void) => void;
  /** initContext.sdkName / sdkVersion. */
  sdkName?: string;
  sdkVersion?: string;
}

export interface LocalNaaBridge extends NestedAppAuthBridge {
  readonly log: BridgeLogEntry[];
}

interface BridgeError {
  status: IdentityErrorStatus;
  code: string;
  description: string;
}

type Response =
  | { success: true; initContext: Record<string, unknown> }
  | { success: true; token: Record<string, unknown>; account: Record<string, unknown> }
  | { success: false; error: BridgeError };

function protocolError(code: string, description: string): Response {
  return { success: false, error: { status: "PERSISTENT_ERROR", code, description } };
}

/** The requestId of a message, if it has one, even when the rest of it is unusable. */
function readRequest(message: unknown): { requestId?: string; request?: Record<string, unknown> } {
  if (typeof message !== "string") return {};
  let value: unknown;
  try {
    value = JSON.parse(message);
  } catch {
    return {};
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  const request = value as Record<string, unknown>;
  const requestId = typeof request["requestId"] === "string" ? request["requestId"] : undefined;
  return requestId === undefined ? { request } : { requestId, request };
}

function tokenRequest(params: unknown): TokenRequestLike | undefined {
  if (typeof params !== "object" || params === null) return undefined;
  const p = params as Record<string, unknown>;
  if (typeof p["clientId"] !== "string" || !p["clientId"] || typeof p["scope"] !== "string") return undefined;
  const out: TokenRequestLike = { clientId: p["clientId"], scope: p["scope"] };
  if (typeof p["claims"] === "string") out.claims = p["claims"];
  return out;
}

export function createNaaBridge(idp: LocalIdentityProvider, options: NaaBridgeOptions = {}): LocalNaaBridge {
  const listeners = new Set<BridgeListener>();
  const log: BridgeLogEntry[] = [];
  const schedule = options.schedule ?? ((deliver: () => void) => void setTimeout(deliver, 0));

  const fromIdentity = (result: IdentityResult): Response => {
    if (!result.ok) return { success: false, error: { ...result } satisfies BridgeError };
    const account = idp.account();
    return {
      success: true,
      token: {
        access_token: result.tokens.accessToken,
        id_token: result.tokens.idToken,
        expires_in: result.tokens.expiresIn,
        scope: result.tokens.scope,
        properties: null,
      },
      account: { ...account, environment: ENTRA_ENVIRONMENT },
    };
  };

  const answer = (request: Record<string, unknown>): Response => {
    if (request["messageType"] !== "NestedAppAuthRequest") {
      return protocolError("invalid_request", "messageType must be NestedAppAuthRequest.");
    }
    const method = request["method"];
    if (method === "GetInitContext") {
      if (!idp.naaAvailable) {
        return {
          success: false,
          error: {
            status: "NESTED_APP_AUTH_UNAVAILABLE",
            code: "nested_app_auth_unavailable",
            description: "This host does not offer nested app authentication.",
          },
        };
      }
      const account = idp.account();
      return {
        success: true,
        initContext: {
          sdkName: options.sdkName ?? "workbench-naa-bridge",
          sdkVersion: options.sdkVersion ?? "1.0.0",
          capabilities: { queryAccount: false },
          accountContext: {
            homeAccountId: account.homeAccountId,
            environment: ENTRA_ENVIRONMENT,
            tenantId: account.tenantId,
          },
        },
      };
    }
    if (method !== "GetToken" && method !== "GetTokenPopup") {
      return protocolError("unsupported_method", `The bridge does not know ${String(method)}.`);
    }
    const params = tokenRequest(request["tokenParams"]);
    if (!params) return protocolError("invalid_request", "tokenParams needs clientId and scope.");
    return fromIdentity(method === "GetToken" ? idp.silent(params) : idp.interactive(params));
  };

  const send = (payload: Record<string, unknown>) => {
    const text = JSON.stringify(payload);
    schedule(() => {
      for (const listener of [...listeners]) listener(text);
    });
  };

  return {
    log,
    postMessage(message: string) {
      const { requestId, request } = readRequest(message);
      const method = request?.["method"];
      const known = method === "GetInitContext" || method === "GetToken" || method === "GetTokenPopup";
      let response: Response;
      try {
        response =
          request && requestId !== undefined ? answer(request) : protocolError("invalid_request", "");
      } catch (e) {
        response = protocolError("bridge_error", e instanceof Error ? e.message : "bridge failure");
      }
      log.push({
        method: known ? method : "invalid",
        requestId,
        success: response.success,
        ...(response.success ? {} : { status: response.error.status }),
      });
      // Without a requestId there is nobody to answer: MSAL always sends one.
      if (requestId === undefined) return;
      send({ messageType: "NestedAppAuthResponse", requestId, ...response });
    },
    addEventListener(eventName, callback) {
      if (eventName === "message") listeners.add(callback);
    },
    removeEventListener(eventName, callback) {
      if (eventName === "message") listeners.delete(callback);
    },
  };
}

/**
 * Puts the bridge where MSAL looks for it: `target.nestedAppAuthBridge`. For a task pane in an iframe,
 * call it with the iframe's contentWindow before the pane's scripts run (see docs/workbench-identity.md).
 */
export function installNaaBridge(
  target: object,
  idp: LocalIdentityProvider,
  options: NaaBridgeOptions = {},
): LocalNaaBridge {
  const bridge = createNaaBridge(idp, options);
  Object.defineProperty(target, "nestedAppAuthBridge", {
    value: bridge,
    configurable: true,
    enumerable: false,
    writable: false,
  });
  return bridge;
}
