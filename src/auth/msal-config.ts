// MSAL configuration shared by the task pane (NAA) and the fallback dialog page (standard redirects).

import { LogLevel, type Configuration } from "@azure/msal-browser";
import type { AuthSettings } from "./settings";

/**
 * Tokens stay in memory (MSAL keeps only its short-lived request state in sessionStorage), and MSAL logs
 * nothing: its messages may carry personal data.
 */
export function msalConfiguration(settings: AuthSettings, redirectUri: string): Configuration {
  return {
    auth: { clientId: settings.clientId, authority: settings.authority, redirectUri },
    cache: { cacheLocation: "memoryStorage" },
    system: {
      loggerOptions: { logLevel: LogLevel.Error, piiLoggingEnabled: false, loggerCallback: () => undefined },
    },
  };
}

/** A page's address without query or fragment: redirect URIs must match the registration exactly. */
export function pageAddress(location: { origin: string; pathname: string }): string {
  return `${location.origin}${location.pathname}`;
}
