// Checks the person's choices before anything is sent, and builds invite request bodies
// (api-reference/v1.0/api/driveitem-invite.md).

import type { Recipient, Role, ShareOptions } from "./types";

export const MAX_MESSAGE_LENGTH = 2000;

/**
 * The seed API's POST /workbooks/{id}/invite exists only in the 2015 beta stub: v1.0 has no `workbooks`
 * entity set (schemas/v1.0-Prod.csdl in microsoftgraph/msgraph-metadata) and answers 400 "Resource not
 * found for the segment 'workbooks'". It is offered only when the Graph base is a /beta root.
 */
export function workbooksRouteOffered(graphBaseUrl: string | undefined): boolean {
  return graphBaseUrl !== undefined && /\/beta\/*$/i.test(graphBaseUrl);
}

export const WORKBOOKS_ROUTE_LABEL = "Workbooks: the 2015 API (/workbooks/{id}/invite, beta only)";

export function routeNote(offered: boolean): string {
  return offered
    ? "Leave this on Items unless your administrator asked otherwise. Workbooks is the 2015 beta API; Microsoft Graph v1.0 has no such route."
    : "Workbooks (the 2015 API) is offered only with a beta Graph address: Microsoft Graph v1.0 answers it with 400 \"Resource not found for the segment 'workbooks'\".";
}

export const EXPIRY_IN_PAST = "The expiration date is in the past. Choose a later date, or clear it.";

/**
 * Sentences describing what is wrong with the options; empty when they can be sent. `now` (ms since
 * the epoch, from the caller's clock) lets a past expiration date be refused before anything is sent:
 * Graph would refuse every invite with it.
 */
export function validateShareOptions(options: ShareOptions, now?: number): string[] {
  const problems: string[] = [];
  if (options.role !== "read" && options.role !== "write") {
    problems.push(`The role must be Can view or Can edit.`);
  }
  // Graph refuses this combination ("RequireSignIn and SendInvitation cannot both be false",
  // OneDrive/onedrive-api-docs#627), so it is caught here rather than failing every recipient.
  if (!options.requireSignIn && !options.sendInvitation) {
    problems.push(
      "Turn on 'Require sign-in' or 'Send an invitation e-mail': Microsoft 365 needs at least one.",
    );
  }
  if (options.message !== undefined && options.message.length > MAX_MESSAGE_LENGTH) {
    problems.push(
      `The message is ${options.message.length.toLocaleString("en-US")} characters; the limit is 2,000.`,
    );
  }
  if (options.expirationDateTime !== undefined && !isIsoDateTime(options.expirationDateTime)) {
    problems.push("The expiration date isn't a valid date.");
  } else if (
    options.expirationDateTime !== undefined &&
    now !== undefined &&
    Date.parse(options.expirationDateTime) <= now
  ) {
    problems.push(EXPIRY_IN_PAST);
  }
  return problems;
}

function isIsoDateTime(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(text);
}

/** The JSON body of POST .../invite for ONE recipient (one per request, so each result maps to one row). */
export interface InviteBody {
  recipients: Array<{ email: string } | { objectId: string }>;
  roles: Role[];
  requireSignIn: boolean;
  sendInvitation: boolean;
  message?: string;
  expirationDateTime?: string;
}

/** The options that apply to one recipient: the pane's choice, overridden by the row's own columns. */
export function effectiveOptions(options: ShareOptions, recipient: Recipient): ShareOptions {
  const o = recipient.overrides;
  if (!o) return options;
  const merged: ShareOptions = { ...options };
  if (o.role !== undefined) merged.role = o.role;
  if (o.message !== undefined) merged.message = o.message;
  if (o.expirationDateTime !== undefined) merged.expirationDateTime = o.expirationDateTime;
  return merged;
}

export function buildInviteBody(recipient: Recipient, options: ShareOptions): InviteBody {
  const body: InviteBody = {
    recipients: [recipient.kind === "objectId" ? { objectId: recipient.value } : { email: recipient.value }],
    roles: [options.role],
    requireSignIn: options.requireSignIn,
    sendInvitation: options.sendInvitation,
  };
  // Graph ignores the message when no e-mail is sent; leaving it out keeps the request honest.
  if (options.message && options.sendInvitation) body.message = options.message;
  if (options.expirationDateTime) body.expirationDateTime = options.expirationDateTime;
  return body;
}
