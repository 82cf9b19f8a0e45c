// The Manage access panel: list who has access into the "Current access" sheet, plan the removal of
// the selected rows, confirm it in the pane's own dialog, and report what was removed.

import type { AccessLine, AccessListing, RevokeResult } from "../../app/manage-access";
import { KEPT_REASON } from "../../core/access-rows";
import { t, type MessageKey } from "../i18n";
import { eventGuard, limited, toErrorInfo, type ErrorInfo, type ListView, type Tone } from "./common";

/**
 * `selected`: how many rows of the "Current access" table the selection touches, read after each
 * selection change; "Remove access…" waits for at least one. A listing or a removal rewrites the table,
 * so the rows under the selection are no longer the ones chosen: it starts again at 0.
 */
export type AccessState =
  | { kind: "idle" }
  | { kind: "loading" }
  | { kind: "listed"; listing: AccessListing; selected: number }
  | { kind: "planning"; listing?: AccessListing; selected?: number }
  | {
      kind: "confirming";
      listing?: AccessListing;
      selected?: number;
      remove: AccessLine[];
      kept: AccessLine[];
      gone: number;
    }
  | { kind: "revoking"; done: number; total: number }
  | { kind: "revoked"; result: RevokeResult; selected: number }
  | { kind: "error"; error: ErrorInfo; listing?: AccessListing; selected?: number };

export type AccessEvent =
  | { type: "accessListStarted" }
  | { type: "accessListed"; listing: AccessListing }
  | { type: "revokePlanStarted" }
  | { type: "revokePlanned"; remove: AccessLine[]; kept: AccessLine[]; gone: number }
  | { type: "revokeDismissed" }
  | { type: "revokeStarted"; total: number }
  | { type: "revokeProgress"; done: number; total: number }
  | { type: "revokeFinished"; result: RevokeResult }
  | { type: "accessFailed"; error: unknown }
  | { type: "accessSelected"; count: number };

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
  "accessSelected",
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
      return { kind: "listed", listing: event.listing, selected: 0 };
    case "revokePlanStarted": {
      const listing = listingOf(access);
      return listing ? { kind: "planning", listing, selected: selectedOf(access) } : { kind: "planning" };
    }
    case "revokePlanned": {
      const listing = listingOf(access);
      const confirming: AccessState = {
        kind: "confirming",
        remove: event.remove,
        kept: event.kept,
        gone: event.gone,
      };
      if (listing) Object.assign(confirming, { listing, selected: selectedOf(access) });
      return confirming;
    }
    case "revokeDismissed": {
      const listing = listingOf(access);
      return listing ? { kind: "listed", listing, selected: selectedOf(access) } : { kind: "idle" };
    }
    case "revokeStarted":
      return { kind: "revoking", done: 0, total: event.total };
    case "revokeProgress":
      return { kind: "revoking", done: event.done, total: event.total };
    case "revokeFinished":
      return { kind: "revoked", result: event.result, selected: 0 };
    case "accessFailed": {
      const listing = listingOf(access);
      const error = toErrorInfo(event.error);
      return listing
        ? { kind: "error", error, listing, selected: selectedOf(access) }
        : { kind: "error", error };
    }
    case "accessSelected":
      return listingOf(access) ? ({ ...access, selected: event.count } as AccessState) : access;
  }
}

function selectedOf(access: AccessState): number {
  return ("selected" in access ? access.selected : undefined) ?? 0;
}

/** Whether the pane should read which access rows are selected: a listing is shown and nothing runs. */
export function wantsAccessSelection(access: AccessState): boolean {
  return listingOf(access) !== undefined && !accessBusy(access);
}

/** Listing, planning or removing: the other buttons wait. */
export function accessBusy(access: AccessState): boolean {
  return access.kind === "loading" || access.kind === "planning" || access.kind === "revoking";
}

export interface AccessView {
  /** The state's kind: the page moves the focus to the result when a removal ends. */
  phase: AccessState["kind"];
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

const ACCESS_KEYS: Readonly<Record<string, MessageKey>> = {
  Owner: "access.role.owner",
  "Can edit": "access.role.write",
  "Can view": "access.role.read",
};

const KEPT_KEYS: ReadonlyMap<string, MessageKey> = new Map(
  (Object.entries(KEPT_REASON) as Array<[keyof typeof KEPT_REASON, string]>).map(
    ([kind, text]) => [text, `access.kept.${kind}` satisfies MessageKey] as const,
  ),
);

/** A line of the listing in the pane's language (the sheet keeps the words the add-in writes there). */
function shownLine(line: AccessLine): AccessLine {
  const key = ACCESS_KEYS[line.access];
  const shown: AccessLine = { ...line, access: key ? t(key) : line.access };
  if (line.kept !== undefined) {
    const kept = line.kept === "No" ? "access.kept.no" : KEPT_KEYS.get(line.kept);
    shown.kept = kept ? t(kept) : line.kept;
  }
  return shown;
}

function removeLine(l: AccessLine): string {
  const access = shownLine(l).access;
  return l.email && l.email !== l.who
    ? t("access.confirm.removeLineEmail", { who: l.who, email: l.email, access })
    : t("access.confirm.removeLine", { who: l.who, access });
}

function confirmView(access: Extract<AccessState, { kind: "confirming" }>): ConfirmView {
  const n = access.remove.length;
  const notes: string[] = [];
  if (access.gone) notes.push(t("access.confirm.gone", { count: access.gone }));
  const c: ConfirmView = {
    title: n > 0 ? t("access.confirm.title", { count: n }) : t("access.confirm.nothing"),
    remove: access.remove.map(removeLine),
    kept: access.kept.map((l) =>
      t("access.confirm.keptLine", { who: l.who, reason: shownLine(l).kept ?? t("access.kept.no") }),
    ),
    confirmLabel: n > 0 ? t("access.confirm.ok") : t("access.confirm.okNothing"),
  };
  if (n === 0 && access.kept.length === 0 && !access.gone) notes.push(t("access.confirm.selectFirst"));
  if (n > 0) notes.push(t("access.confirm.atOnce"));
  if (notes.length) c.note = notes.join(" ");
  return c;
}

/** The texts of each access state, on top of the listing's. */
function describe(view: AccessView, access: AccessState): void {
  switch (access.kind) {
    case "loading":
      view.text = t("access.reading");
      break;
    case "planning":
      view.text = t("access.readingSelected");
      break;
    case "revoking":
      view.text = t("access.removing", { done: access.done, total: access.total });
      break;
    case "revoked": {
      const r = access.result;
      const counts = { count: r.removed.length, failed: r.failed.length, sheet: r.listing.sheet };
      view.text = t(r.failed.length ? "access.removedSomeFailed" : "access.removed", counts);
      view.tone = r.failed.length ? "error" : "success";
      view.details = [
        ...r.failed.map((f) => t("access.failure", { who: f.line.who, message: f.message })),
        t("access.logged", { sheet: r.logSheet }),
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
    phase: access.kind,
    busy: accessBusy(access),
    canList: graphUsable && !busy,
    canRevoke: false,
    text: t("access.intro"),
    tone: "neutral",
    lines: limited<AccessLine>([]),
    details: [],
  };
  const listing = listingOf(access);
  if (listing) {
    const selected = selectedOf(access);
    view.lines = limited(listing.lines.map(shownLine));
    view.openSheet = listing.sheet;
    view.canRevoke = graphUsable && !busy && selected > 0;
    view.text =
      selected > 0
        ? t("access.selected", { count: selected, sheet: listing.sheet })
        : t("access.listed", { count: listing.lines.length, sheet: listing.sheet });
  }
  describe(view, access);
  if (!graphUsable) view.text = t("access.unavailable");
  return access.kind === "confirming" ? { access: view, confirm: confirmView(access) } : { access: view };
}
