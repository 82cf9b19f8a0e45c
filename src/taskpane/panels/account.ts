// The account line and the blocker above everything: who is signed in, and why sharing can't start here.

import type { ShareErrorCode } from "../../core/errors";
import { t } from "../i18n";
import { errorText, eventGuard, type Banner, type Tone } from "./common";

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
      return {
        text: a.name ? t("account.signedIn", { name: a.name }) : t("account.signedInNoName"),
        canSignOut: true,
        tone: "neutral",
      };
    case "signedOut":
      return { text: t("account.signedOut"), canSignOut: false, tone: "warning" };
    case "notConfigured":
      return { text: t("account.notConfigured"), canSignOut: false, tone: "warning" };
    case "development":
      return {
        text: a.name ? t("account.developmentAs", { name: a.name }) : t("account.development"),
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
  if (location !== "cloud") return { tone: "error", text: errorText(LOCATION_TEXT[location]), details: [] };
  if (account.state === "notConfigured")
    return {
      tone: "warning",
      text: t("account.blocker.notConfigured"),
      details: [t("account.blocker.notConfiguredDetail")],
    };
  return undefined;
}
