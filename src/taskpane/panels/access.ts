// The Manage access panel: list who has access into the "Current access" sheet, plan the removal of
// the selected rows, confirm it in the pane's own dialog, and report what was removed.

import type { AccessLine, AccessListing, RevokeResult } from "../../app/manage-access";
import { eventGuard, limited, plural, toErrorInfo, type ErrorInfo, type ListView, type Tone } from "./common";

export type AccessState =
  | { kind: "idle" }
  | { kind: "loading" }
  | { kind: "listed"; listing: AccessListing }
  | { kind: "planning"; listing?: AccessListing }
  | {
      kind: "confirming";
      listing?: AccessListing;
      remove: AccessLine[];
      kept: AccessLine[];
      gone: number;
    }
  | { kind: "revoking"; done: number; total: number }
  | { kind: "revoked"; result: RevokeResult }
  | { kind: "error"; error: ErrorInfo; listing?: AccessListing };

export type AccessEvent =
  | { type: "accessListStarted" }
  | { type: "accessListed"; listing: AccessListing }
  | { type: "revokePlanStarted" }
  | { type: "revokePlanned"; remove: AccessLine[]; kept: AccessLine[]; gone: number }
  | { type: "revokeDismissed" }
  | { type: "revokeStarted"; total: number }
  | { type: "revokeProgress"; done: number; total: number }
  | { type: "revokeFinished"; result: RevokeResult }
  | { type: "accessFailed"; error: unknown };

export const isAccessEvent = eventGuard<AccessEvent>([
  "accessListStarted",
  "accessListed",
  "revokePlanStarted",
  "revokePlanned",
  "revokeDismissed",
  "revokeStarted",
  "revokeProgress",
  "revokeFinished",
  "accessFailed",
]);

function listingOf(access: AccessState): AccessListing | undefined {
  switch (access.kind) {
    case "listed":
      return access.listing;
    case "planning":
    case "confirming":
    case "error":
      return access.listing;
    case "revoked":
      return access.result.listing;
    default:
      return undefined;
  }
}

export function reduceAccess(access: AccessState, event: AccessEvent): AccessState {
  switch (event.type) {
    case "accessListStarted":
      return { kind: "loading" };
    case "accessListed":
      return { kind: "listed", listing: event.listing };
    case "revokePlanStarted": {
      const listing = listingOf(access);
      return listing ? { kind: "planning", listing } : { kind: "planning" };
    }
    case "revokePlanned": {
      const listing = listingOf(access);
      const confirming: AccessState = {
        kind: "confirming",
        remove: event.remove,
        kept: event.kept,
        gone: event.gone,
      };
      if (listing) confirming.listing = listing;
      return confirming;
    }
    case "revokeDismissed": {
      const listing = listingOf(access);
      return listing ? { kind: "listed", listing } : { kind: "idle" };
    }
    case "revokeStarted":
      return { kind: "revoking", done: 0, total: event.total };
    case "revokeProgress":
      return { kind: "revoking", done: event.done, total: event.total };
    case "revokeFinished":
      return { kind: "revoked", result: event.result };
    case "accessFailed": {
      const listing = listingOf(access);
      const error = toErrorInfo(event.error);
      return listing ? { kind: "error", error, listing } : { kind: "error", error };
    }
  }
}

/** Listing, planning or removing: the other buttons wait. */
export function accessBusy(access: AccessState): boolean {
  return access.kind === "loading" || access.kind === "planning" || access.kind === "revoking";
}

export interface AccessView {
  busy: boolean;
  canList: boolean;
  canRevoke: boolean;
  text: string;
  tone: Tone;
  lines: ListView<AccessLine>;
  openSheet?: string;
  details: string[];
}

export interface ConfirmView {
  title: string;
  remove: string[];
  kept: string[];
  note?: string;
  confirmLabel: string;
}

function confirmView(access: Extract<AccessState, { kind: "confirming" }>): ConfirmView {
  const n = access.remove.length;
  const notes: string[] = [];
  if (access.gone)
    notes.push(
      `${plural(access.gone, "selected permission")} no longer exist${access.gone === 1 ? "s" : ""}.`,
    );
  const c: ConfirmView = {
    title: n > 0 ? `Remove access for ${plural(n, "permission")}?` : "Nothing to remove",
    remove: access.remove.map(
      (l) => `${l.who}${l.email && l.email !== l.who ? ` <${l.email}>` : ""} (${l.access})`,
    ),
    kept: access.kept.map((l) => `${l.who}: ${l.kept ?? "kept"}`),
    confirmLabel: n > 0 ? "Remove access" : "OK",
  };
  if (n === 0 && access.kept.length === 0 && !access.gone)
    notes.push('Select rows of the "Current access" table first, then Remove access.');
  if (n > 0) notes.push("They lose access at once. Each removal is recorded in the Permissions sheet.");
  if (notes.length) c.note = notes.join(" ");
  return c;
}

/** The texts of each access state, on top of the listing's. */
function describe(view: AccessView, access: AccessState): void {
  switch (access.kind) {
    case "loading":
      view.text = "Reading who has access…";
      break;
    case "planning":
      view.text = "Reading the selected rows…";
      break;
    case "revoking":
      view.text = `Removing access: ${access.done} of ${access.total} done…`;
      break;
    case "revoked": {
      const r = access.result;
      view.text = `${plural(r.removed.length, "permission")} removed${r.failed.length ? `, ${r.failed.length} failed` : ""}. The "${r.listing.sheet}" sheet is up to date.`;
      view.tone = r.failed.length ? "error" : "success";
      view.details = [
        ...r.failed.map((f) => `${f.line.who}: ${f.message}`),
        `Each removal is recorded in the "${r.logSheet}" sheet.`,
      ];
      break;
    }
    case "error":
      view.text = access.error.message;
      view.tone = "error";
      view.details = access.error.details;
      break;
    default:
      break;
  }
}

export function accessView(
  access: AccessState,
  context: { busy: boolean; graphUsable: boolean },
): { access: AccessView; confirm?: ConfirmView } {
  const { busy, graphUsable } = context;
  const view: AccessView = {
    busy: accessBusy(access),
    canList: graphUsable && !busy,
    canRevoke: false,
    text: 'List who has access now into the "Current access" sheet. Select rows there to remove their access.',
    tone: "neutral",
    lines: limited<AccessLine>([]),
    details: [],
  };
  const listing =
    access.kind === "revoked" ? access.result.listing : "listing" in access ? access.listing : undefined;
  if (listing) {
    view.lines = limited(listing.lines);
    view.openSheet = listing.sheet;
    view.canRevoke = graphUsable && !busy;
    view.text = `${plural(listing.lines.length, "permission")} listed in "${listing.sheet}". Select rows there, then Remove access.`;
  }
  describe(view, access);
  if (!graphUsable) view.text = "Manage access isn't available here (see above).";
  return access.kind === "confirming" ? { access: view, confirm: confirmView(access) } : { access: view };
}
