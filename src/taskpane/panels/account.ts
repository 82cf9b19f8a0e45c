// The account line and the blocker above everything: who is signed in, and why sharing can't start here.

import { SHARE_ERROR_MESSAGES, type ShareErrorCode } from "../../core/errors";
import { eventGuard, type Banner, type Tone } from "./common";

export type AccountState = "signedIn" | "signedOut" | "notConfigured" | "development";

export interface AccountStatus {
  state: AccountState;
  name?: string;
}

export type Location = "cloud" | "notInCloud" | "unsupported";

export type AccountEvent = { type: "account"; status: AccountStatus };

export const isAccountEvent = eventGuard<AccountEvent>(["account"]);

export function reduceAccount(_account: AccountStatus, event: AccountEvent): AccountStatus {
  return event.status;
}

export interface AccountView {
  text: string;
  canSignOut: boolean;
  tone: Tone;
}

export function accountView(a: AccountStatus): AccountView {
  switch (a.state) {
    case "signedIn":
      return { text: `Signed in as ${a.name ?? "you"}`, canSignOut: true, tone: "neutral" };
    case "signedOut":
      return {
        text: "Not signed in. You'll be asked to sign in when you share.",
        canSignOut: false,
        tone: "warning",
      };
    case "notConfigured":
      return { text: "Sign-in is not configured in this build.", canSignOut: false, tone: "warning" };
    case "development":
      return {
        text: `Development sign-in${a.name ? `: ${a.name}` : ""}`,
        canSignOut: false,
        tone: "neutral",
      };
  }
}

const LOCATION_TEXT: Record<Exclude<Location, "cloud">, ShareErrorCode> = {
  notInCloud: "notInCloud",
  unsupported: "unsupportedLocation",
};

/** Why sharing can't start here (a file not in the cloud, no sign-in in this build), or undefined. */
export function blockerOf(location: Location, account: AccountStatus): Banner | undefined {
  if (location !== "cloud")
    return { tone: "error", text: SHARE_ERROR_MESSAGES[LOCATION_TEXT[location]], details: [] };
  if (account.state === "notConfigured")
    return {
      tone: "warning",
      text: "Sign-in is not configured in this build, so nothing can be shared from here.",
      details: ["Ask whoever deployed the add-in to build it with the app registration's client ID."],
    };
  return undefined;
}
