// getToken() for Graph. A development build may use a token from configuration (for the emulator);
// otherwise sign-in is required, which this build does not configure yet.

import { ShareError } from "../core/errors";
import type { TokenProvider } from "../graph/http";

export function staticTokenProvider(token: string): TokenProvider {
  return async () => token;
}

export function unconfiguredTokenProvider(): TokenProvider {
  return async () => {
    throw new ShareError("notSignedIn", ["Sign-in is not configured in this build."]);
  };
}
