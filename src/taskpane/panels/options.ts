// The options panel: role, sign-in, invitation e-mail and its message, expiry, dry run, and the invite
// route under Advanced. Share is disabled, rather than refused, by the same checks runShare makes.

import type { InviteRoute } from "../../core/ports";
import {
  EXPIRY_IN_PAST,
  MAX_MESSAGE_LENGTH,
  validateShareOptions,
  workbooksRouteOffered,
} from "../../core/share-options";
import type { Role, ShareOptions } from "../../core/types";
import { currentLocale, t, type MessageKey } from "../i18n";
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
  /** How many characters the last paste or typing past the limit lost (0: nothing was cut). */
  messageCut: number;
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
      messageCut: 0,
      route: offered ? (init.route ?? "items") : "items",
    },
    workbooksRouteOffered: offered,
  };
}

export type OptionsEvent = { type: "optionsChanged"; patch: Partial<PaneOptions> };

export const isOptionsEvent = eventGuard<OptionsEvent>(["optionsChanged"]);

/** A message past the limit keeps its first 2,000 characters, and the pane says how many it lost. */
export function reduceOptions(current: PaneOptions, event: OptionsEvent): PaneOptions {
  const options = { ...current, ...event.patch };
  if (event.patch.message === undefined) return options;
  options.messageCut = Math.max(0, options.message.length - MAX_MESSAGE_LENGTH);
  if (options.messageCut > 0) options.message = options.message.slice(0, MAX_MESSAGE_LENGTH);
  return options;
}

/** The checks runShare makes (src/core/share-options.ts), in the pane's language. */
const PROBLEM_KEYS: ReadonlyArray<[RegExp, MessageKey]> = [
  [/^The role must be/, "options.problem.role"],
  [/^Turn on 'Require sign-in'/, "options.problem.bothOff"],
  [/^The message is [\d,]+ characters/, "options.problem.messageTooLong"],
  [/^The expiration date isn't a valid date/, "options.problem.invalidDate"],
];

function problemText(problem: string, o: PaneOptions): string {
  if (problem === EXPIRY_IN_PAST) return t("options.problem.pastDate");
  const key = PROBLEM_KEYS.find(([pattern]) => pattern.test(problem))?.[1];
  const locale = currentLocale();
  const length = o.message.length.toLocaleString(locale);
  return key ? t(key, { length, max: MAX_MESSAGE_LENGTH.toLocaleString(locale) }) : problem;
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
  /** Said when a paste was longer than the limit: how much was cut. */
  messageCutNote?: string;
  expiresNote: string;
  problems: string[];
  routeOffered: boolean;
  routeNote: string;
};

export function optionsView(
  options: PaneOptions,
  context: { busy: boolean; routeOffered: boolean; now: number | undefined },
): OptionsView {
  const locale = currentLocale();
  const max = MAX_MESSAGE_LENGTH.toLocaleString(locale);
  const view: OptionsView = {
    ...options,
    disabled: context.busy,
    messageCount: t("options.messageCount", { length: options.message.length.toLocaleString(locale), max }),
    messageNearLimit: options.message.length > MAX_MESSAGE_LENGTH - 100,
    messageIgnored: !options.sendInvitation && options.message.trim() !== "",
    expiresNote: t("options.expiresNote"),
    // The same checks runShare makes, so Share is disabled rather than refused.
    problems: validateShareOptions(shareOptionsOf(options), context.now).map((p) => problemText(p, options)),
    routeOffered: context.routeOffered,
    routeNote: t(context.routeOffered ? "options.routeNote.offered" : "options.routeNote.notOffered"),
  };
  if (options.messageCut > 0)
    view.messageCutNote = t("options.messageCut", { count: options.messageCut, max });
  return view;
}
