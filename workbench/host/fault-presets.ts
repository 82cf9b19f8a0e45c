// The emulator fault presets of the workbench's settings panel (posted to /_emulator/faults). Rates are
// higher than the CLI's `--faults mixed` so that a 25-row demo run meets several faults.

import type { FaultConfig } from "../graph-emulator/types";

export const FAULT_PRESETS = {
  none: "None",
  mixed: "Mixed: 429 with Retry-After, 503/504 after the invite ran, connection resets",
  throttling: "Throttling: SharePoint's resource budget (429 with a growing Retry-After)",
  notListed: "Granted but not listed: some invites answer 200 but the grant never shows in the access list",
} as const;

export type FaultPresetName = keyof typeof FAULT_PRESETS;

export function isFaultPresetName(name: string): name is FaultPresetName {
  return Object.prototype.hasOwnProperty.call(FAULT_PRESETS, name);
}

/** The emulator configuration of a preset; `timeScale` shortens the emulator's clocks (1 = real time). */
export function faultPreset(name: FaultPresetName, timeScale = 1, seed = 11): FaultConfig {
  if (name === "mixed") {
    return {
      seed,
      timeScale,
      rules: [
        { fault: "throttle", rate: 0.1, target: "invite", retryAfterSeconds: 2 },
        { fault: "unavailableBefore", rate: 0.04, target: "invite", retryAfterSeconds: 1 },
        { fault: "unavailableAfter", rate: 0.06, target: "invite" },
        { fault: "gatewayTimeoutAfter", rate: 0.03, target: "invite" },
        { fault: "resetBefore", rate: 0.03, target: "invite" },
        { fault: "resetAfter", rate: 0.04, target: "invite" },
        { fault: "partialMail", rate: 0.03, target: "invite" },
        { fault: "throttle", rate: 0.05, target: "permissions", retryAfterSeconds: 1 },
      ],
    };
  }
  if (name === "throttling") {
    return {
      seed,
      timeScale,
      budget: { costPerInvite: 5, unitsPerWindow: 40, windowSeconds: 10, retryAfterSeconds: 3 },
    };
  }
  if (name === "notListed") {
    return { seed, timeScale, rules: [{ fault: "grantedNotListed", rate: 0.2, target: "invite" }] };
  }
  return { timeScale };
}
