// The options panel: role, sign-in, invitation e-mail and its message, expiry, dry run, and the invite
// route under Advanced. Share is disabled, rather than refused, by the same checks runShare makes.

import type { InviteRoute } from "../../core/ports";
import {
  MAX_MESSAGE_LENGTH,
  routeNote,
  validateShareOptions,
  workbooksRouteOffered,
} from "../../core/share-options";
import type { Role, ShareOptions } from "../../core/types";
import { eventGuard } from "./common";

export interface PaneOptions {
  role: Role;
  requireSignIn: boolean;
  sendInvitation: boolean;
  message: string;
  /** yyyy-mm-dd from the date input, or "". */
  expires: string;
  dryRun: boolean;
  route: InviteRoute;
}

/** The options a pane opens with; the /workbooks route only where it is offered. */
export function initialOptions(init: { route?: InviteRoute; graphBaseUrl?: string }): {
  options: PaneOptions;
  workbooksRouteOffered: boolean;
} {
  const offered = workbooksRouteOffered(init.graphBaseUrl);
  return {
    options: {
      role: "read",
      requireSignIn: true,
      sendInvitation: true,
      message: "",
      expires: "",
      dryRun: false,
      route: offered ? (init.route ?? "items") : "items",
    },
    workbooksRouteOffered: offered,
  };
}

export type OptionsEvent = { type: "optionsChanged"; patch: Partial<PaneOptions> };

export const isOptionsEvent = eventGuard<OptionsEvent>(["optionsChanged"]);

export function reduceOptions(current: PaneOptions, event: OptionsEvent): PaneOptions {
  const options = { ...current, ...event.patch };
  if (options.message.length > MAX_MESSAGE_LENGTH)
    options.message = options.message.slice(0, MAX_MESSAGE_LENGTH);
  return options;
}

/** The options runShare gets from the pane. */
export function shareOptionsOf(o: PaneOptions): ShareOptions {
  const options: ShareOptions = {
    role: o.role,
    requireSignIn: o.requireSignIn,
    sendInvitation: o.sendInvitation,
  };
  if (o.message.trim() !== "") options.message = o.message;
  // The end of the chosen day, in UTC: the date input has no time.
  if (/^\d{4}-\d{2}-\d{2}$/.test(o.expires)) options.expirationDateTime = `${o.expires}T23:59:59Z`;
  return options;
}

export type OptionsView = PaneOptions & {
  disabled: boolean;
  messageCount: string;
  messageNearLimit: boolean;
  messageIgnored: boolean;
  expiresNote: string;
  problems: string[];
  routeOffered: boolean;
  routeNote: string;
};

export function optionsView(
  options: PaneOptions,
  context: { busy: boolean; routeOffered: boolean; now: number | undefined },
): OptionsView {
  return {
    ...options,
    disabled: context.busy,
    messageCount: `${options.message.length.toLocaleString("en-US")} / ${MAX_MESSAGE_LENGTH.toLocaleString("en-US")}`,
    messageNearLimit: options.message.length > MAX_MESSAGE_LENGTH - 100,
    messageIgnored: !options.sendInvitation && options.message.trim() !== "",
    expiresNote:
      "On work or school accounts Microsoft applies expiration to sharing links only; an invitation with an expiration date may be refused.",
    // The same checks runShare makes, so Share is disabled rather than refused.
    problems: validateShareOptions(shareOptionsOf(options), context.now),
    routeOffered: context.routeOffered,
    routeNote: routeNote(context.routeOffered),
  };
}
