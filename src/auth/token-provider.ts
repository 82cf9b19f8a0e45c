// getToken() for Graph, and the one place the task pane imports sign-in from. Production builds sign in
// with MSAL (nested app authentication, Office dialog fallback: msal-token-provider.ts); a development
// build may pass a token from configuration instead (for the Graph emulator). See docs/sign-in.md.

import type { TokenProvider } from "../graph/http";
import { signInNotConfigured } from "./auth-errors";

export { authConfigured, NOT_CONFIGURED_TEXT, GRAPH_SCOPES, DIRECTORY_SCOPES } from "./settings";
export { createDefaultTokenProvider } from "./default-provider";
export { createMsalTokenProvider, createUnconfiguredSignIn, EXPIRY_MARGIN_MS } from "./msal-token-provider";
export type {
  MsalTokenProviderDeps,
  NestableClientLike,
  OfficeAuthHost,
  SignIn,
  SignInStatus,
} from "./msal-token-provider";
export type { AccountSummary, DialogResult } from "./dialog-protocol";

export function staticTokenProvider(token: string): TokenProvider {
  return async () => token;
}

export function unconfiguredTokenProvider(): TokenProvider {
  return async () => {
    throw signInNotConfigured();
  };
}
