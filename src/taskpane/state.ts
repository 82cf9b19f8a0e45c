// The task pane's state and every text it shows, as pure functions: reduce(state, event) → state, and
// viewOf(state) → what the page shows. No DOM, no Office, no clock: tests drive it with plain data.
// Each panel keeps its own reducer and view in panels/; this module composes them.

import type { RetryCounts } from "../app/share-flow";
import type { InviteRoute } from "../core/ports";
import { t } from "./i18n";
import {
  accessBusy,
  accessView,
  isAccessEvent,
  reduceAccess,
  type AccessEvent,
  type AccessState,
  type AccessView,
  type ConfirmView,
} from "./panels/access";
import {
  accountView,
  blockerOf,
  isAccountEvent,
  reduceAccount,
  type AccountEvent,
  type AccountStatus,
  type AccountView,
  type Location,
} from "./panels/account";
import type { Banner } from "./panels/common";
import {
  directoryView,
  isDirectoryEvent,
  reduceDirectory,
  type DirectoryEvent,
  type DirectoryState,
  type DirectoryView,
} from "./panels/directory";
import {
  initialOptions,
  isOptionsEvent,
  optionsView,
  reduceOptions,
  type OptionsEvent,
  type OptionsView,
  type PaneOptions,
} from "./panels/options";
import {
  actionsView,
  isRunEvent,
  reduceRun,
  runView,
  type ActionsView,
  type RunEvent,
  type RunState,
  type RunView,
} from "./panels/run";
import {
  isPreviewEvent,
  previewView,
  reducePreview,
  shownPreview,
  type PreviewEvent,
  type PreviewState,
  type PreviewView,
} from "./panels/selection";

export type { AccessState } from "./panels/access";
export type { AccountState, AccountStatus, Location } from "./panels/account";
export { toErrorInfo, type Banner, type ErrorInfo, type ListView, type Tone } from "./panels/common";
export { shareOptionsOf, type PaneOptions } from "./panels/options";
export { announcement, formatEta, summaryLines, type RunState } from "./panels/run";
export {
  previewData,
  type PreviewData,
  type PreviewState,
  type RecipientLine,
  type RejectLine,
} from "./panels/selection";

// ---- state -----------------------------------------------------------------------------------------

export interface PaneState {
  account: AccountStatus;
  location: Location;
  preview: PreviewState;
  /** Who each recipient is, from the directory (panels/directory.ts). */
  directory: DirectoryState;
  options: PaneOptions;
  run: RunState;
  access: AccessState;
  advancedOpen: boolean;
  /** The seed's /workbooks/{id}/invite route is offered only with a beta Graph base (share-options.ts). */
  workbooksRouteOffered: boolean;
  /** What Retry failed would send, from the statuses of the selection's rows (read with the preview). */
  retry: RetryCounts;
  /** The pane's "now" (ms since the epoch), from the controller's clock: dates in the past are refused. */
  now?: number;
}

export function initialState(init: {
  account: AccountStatus;
  location: Location;
  route?: InviteRoute;
  graphBaseUrl?: string;
  now?: number;
}): PaneState {
  const { options, workbooksRouteOffered } = initialOptions(init);
  return {
    ...(init.now !== undefined ? { now: init.now } : {}),
    account: init.account,
    location: init.location,
    preview: { kind: "loading" },
    directory: { kind: "idle" },
    options,
    run: { kind: "idle" },
    retry: { failed: 0, notSent: 0 },
    access: { kind: "idle" },
    advancedOpen: false,
    workbooksRouteOffered,
  };
}

// ---- events ----------------------------------------------------------------------------------------

export type PaneEvent =
  | AccountEvent
  | PreviewEvent
  | DirectoryEvent
  | OptionsEvent
  | { type: "advancedToggled"; open: boolean }
  | { type: "clock"; now: number }
  | { type: "retryCounted"; retry: RetryCounts }
  | RunEvent
  | AccessEvent;

export function reduce(state: PaneState, event: PaneEvent): PaneState {
  if (isAccountEvent(event)) return { ...state, account: reduceAccount(state.account, event) };
  if (isPreviewEvent(event)) return { ...state, preview: reducePreview(state.preview, event) };
  if (isDirectoryEvent(event)) return { ...state, directory: reduceDirectory(state.directory, event) };
  if (isOptionsEvent(event)) return { ...state, options: reduceOptions(state.options, event) };
  if (isRunEvent(event)) {
    const run = reduceRun(state.run, event);
    return run === state.run ? state : { ...state, run };
  }
  if (isAccessEvent(event)) return { ...state, access: reduceAccess(state.access, event) };
  switch (event.type) {
    case "advancedToggled":
      return { ...state, advancedOpen: event.open };
    case "clock":
      return { ...state, now: event.now };
    case "retryCounted":
      return { ...state, retry: event.retry };
  }
}

// ---- the view: every text the page shows ---------------------------------------------------------

export interface PaneView extends ActionsView {
  account: AccountView;
  /** Why sharing can't start here, shown above everything. */
  blocker?: Banner;
  preview: PreviewView;
  directory: DirectoryView;
  options: OptionsView;
  openLog: RunView["openLog"];
  progress?: NonNullable<RunView["progress"]>;
  /** The live region: the one line a screen reader hears. */
  status: RunView["status"];
  details: string[];
  failures: RunView["failures"];
  access: AccessView;
  /** The question after identical failures: Stop (the rest are not sent) or Go on. */
  pause?: NonNullable<RunView["pause"]>;
  confirm?: ConfirmView;
}

export function viewOf(state: PaneState): PaneView {
  const { options, run, access } = state;
  const busy = run.kind === "running" || accessBusy(access);
  const blocker = blockerOf(state.location, state.account);
  const graphUsable = blocker === undefined;
  const preview = previewView(state.preview);
  const optionsShown = optionsView(options, {
    busy,
    routeOffered: state.workbooksRouteOffered,
    now: state.now,
  });
  const actions = actionsView(run, {
    busy,
    graphUsable,
    valid: preview.counts.valid,
    retry: state.retry,
    dryRun: options.dryRun,
    problems: optionsShown.problems.length,
  });
  // After a run, Share's hint speaks of the next run, not the one whose results are on show.
  if (run.kind === "finished" && !options.dryRun && !actions.share.disabled)
    actions.share.hint = t("pane.shareAgain", { count: preview.counts.valid });
  const { progress, pause, ...results } = runView(run);
  const accessShown = accessView(access, { busy, graphUsable });
  const shown = Object.entries(shownPreview(state.preview)?.keyByCell ?? {});
  const view: PaneView = {
    account: accountView(state.account),
    preview,
    directory: directoryView(state.directory, shown),
    options: optionsShown,
    ...actions,
    ...results,
    access: accessShown.access,
  };
  if (blocker) view.blocker = blocker;
  if (progress) view.progress = progress;
  if (accessShown.confirm) view.confirm = accessShown.confirm;
  if (pause) view.pause = pause;
  return view;
}
