// The pane's controller: holds the state, runs the effects (read the selection, share, list and remove
// access) through the ports and the app modules, and feeds every outcome back as an event. The state
// module decides what is shown; the render module shows it.

import { accessLine, listAccess, planRevoke, revokeAccess, type RevokePlan } from "../app/manage-access";
import type { Clock, DirectoryLookup, GraphPort, InviteRoute, PaneWorkbookPort } from "../core/ports";
import type { PauseInfo } from "../app/failure-pause";
import { readRecipients, retryCounts, runShare, type FlowTuning } from "../app/share-flow";
import { isShareError, type ShareError } from "../core/errors";
import { logRowForRunError } from "../core/results";
import { classifyDocumentUrl } from "../core/sharing-url";
import { isGraphFailure } from "../core/graph-failure";
import type { AccountSource } from "./account";
import { wantsAccessSelection } from "./panels/access";
import { createDirectoryCheck } from "./directory-check";
import { createPaneDom, type PaneDom, type PaneHandlers } from "./render";
import {
  initialState,
  reduce,
  shareOptionsOf,
  viewOf,
  type Location,
  type PaneEvent,
  type PaneOptions,
  type PaneState,
} from "./state";
import type { OfficeThemeLike } from "./theme";
import { createUndoCard, type UndoCard } from "./panels/undo-dom";

export interface PaneDeps {
  workbook: PaneWorkbookPort;
  /** The Graph client for an invite route (Advanced settings). */
  graphFor(route: InviteRoute): GraphPort;
  clock: Clock;
  account: AccountSource;
  /** Office's DocumentSelectionChanged; returns the function that stops listening. */
  onSelectionChanged?(listener: () => void): () => void;
  /**
   * Rows hidden or shown (a filter, Hide / Unhide): the preview skips hidden rows, so it is read again.
   * Returns the function that stops listening.
   */
  onRowsHiddenChanged?(listener: () => void): () => void;
  theme?: () => OfficeThemeLike | undefined;
  tuning?: Partial<FlowTuning>;
  route?: InviteRoute;
  /** The Graph base URL: the seed's /workbooks route is offered only on a beta one. */
  graphBaseUrl?: string;
  /** Wait after the last selection change before reading it again. */
  debounceMs?: number;
  /** Who each recipient is (directory-check.ts); without it the preview shows no kinds. */
  directory?: DirectoryLookup;
}

export interface PaneController {
  state(): PaneState;
  dom: PaneDom;
  /** Resolves when nothing is running (the preview, a share, a listing or a removal). */
  idle(): Promise<void>;
  dispose(): void;
}

/** Codes worth a row in the Permissions log: ones the admin acts on, not "select some cells". */
const LOGGED_CODES = new Set([
  "workbookNotFound",
  "notSignedIn",
  "accessDenied",
  "throttled",
  "network",
  "graph",
]);

function locationOf(url: string | undefined): Location {
  const kind = classifyDocumentUrl(url).kind;
  return kind === "unsaved" || kind === "local"
    ? "notInCloud"
    : kind === "unsupported"
      ? "unsupported"
      : "cloud";
}

/** What the effects below share with the controller. */
interface PaneCore {
  deps: PaneDeps;
  state(): PaneState;
  dispatch(event: PaneEvent): void;
  /** Counts the promise as work in progress, for idle(). */
  track<T>(p: Promise<T>): Promise<T>;
  busy(): boolean;
}

/** Share, Cancel and the pause question: one run at a time. */
function shareEffects(core: PaneCore, preview: () => Promise<void>) {
  const { deps, dispatch, track } = core;
  let controller: AbortController | undefined;
  /** Answers the pending Stop / Go on question, if the run is asking one. */
  let answerPause: ((goOn: boolean) => void) | undefined;
  const confirmContinue = (info: PauseInfo) =>
    new Promise<boolean>((resolve) => {
      answerPause = (goOn) => {
        answerPause = undefined;
        dispatch({ type: "pauseAnswered" });
        resolve(goOn);
      };
      dispatch({ type: "pauseAsked", info });
    });

  const logRunError = async (error: ShareError, runId: string) => {
    if (!LOGGED_CODES.has(error.code)) return;
    const cause = error.cause;
    const graph = isGraphFailure(cause) ? cause.info : undefined;
    const ctx = { at: new Date(deps.clock.now()).toISOString(), runId };
    try {
      await deps.workbook.ensureLog();
      await deps.workbook.flush({
        logRows: [
          logRowForRunError(graph ? { code: error.code, message: error.message, graph } : error, ctx),
        ],
        statuses: [],
      });
    } catch {
      // The pane already says what went wrong; a workbook that can't be written keeps that sentence.
    }
  };

  const share = (only: "all" | "failed") => {
    if (core.busy()) return;
    const state = core.state();
    const dryRun = state.options.dryRun;
    controller = new AbortController();
    const signal = controller.signal;
    const runId = `run-${deps.clock.now().toString(36)}`;
    dispatch({ type: "shareStarted", only, dryRun });
    void track(
      (async () => {
        try {
          const summary = await runShare(
            {
              workbook: deps.workbook,
              graph: deps.graphFor(core.state().options.route),
              clock: deps.clock,
              newRunId: () => runId,
              confirmContinue,
              ...(deps.tuning ? { tuning: deps.tuning } : {}),
            },
            { options: shareOptionsOf(core.state().options), dryRun, only, signal },
            { onProgress: (progress) => dispatch({ type: "shareProgress", progress }) },
          );
          dispatch({ type: "shareFinished", summary });
        } catch (e) {
          if (isShareError(e)) await logRunError(e, runId);
          dispatch({ type: "shareFailed", error: e });
        } finally {
          answerPause?.(false);
          controller = undefined;
          dispatch({ type: "account", status: deps.account.status() });
        }
        await preview();
      })(),
    );
  };

  return {
    share,
    cancel: () => {
      if (!controller) return;
      dispatch({ type: "cancelRequested" });
      controller.abort();
      answerPause?.(false);
    },
    pauseAnswer: (goOn: boolean) => answerPause?.(goOn),
    abort: () => controller?.abort(),
  };
}

/** Manage access: list, plan the removal of the selected rows, remove after the confirmation. */
function accessEffects(core: PaneCore) {
  const { deps, dispatch, track } = core;
  let plan: RevokePlan | undefined;
  const accessDeps = () => ({
    workbook: deps.workbook,
    graph: deps.graphFor(core.state().options.route),
    clock: deps.clock,
  });
  return {
    openSheet: (name: string) => {
      if (!name) return;
      void track(
        deps.workbook.activateSheet(name).catch((e: unknown) => dispatch({ type: "accessFailed", error: e })),
      );
    },
    listAccess: () => {
      if (core.busy()) return;
      dispatch({ type: "accessListStarted" });
      void track(
        listAccess(accessDeps()).then(
          (listing) => dispatch({ type: "accessListed", listing }),
          (e: unknown) => dispatch({ type: "accessFailed", error: e }),
        ),
      );
    },
    revoke: () => {
      if (core.busy()) return;
      dispatch({ type: "revokePlanStarted" });
      void track(
        planRevoke(accessDeps()).then(
          (p) => {
            plan = p;
            dispatch({
              type: "revokePlanned",
              remove: p.remove.map(accessLine),
              kept: p.kept,
              gone: p.gone.length,
            });
          },
          (e: unknown) => dispatch({ type: "accessFailed", error: e }),
        ),
      );
    },
    confirmRevoke: () => {
      const chosen = plan;
      plan = undefined;
      if (!chosen || chosen.remove.length === 0) return dispatch({ type: "revokeDismissed" });
      dispatch({ type: "revokeStarted", total: chosen.remove.length });
      void track(
        revokeAccess(accessDeps(), chosen, {
          onProgress: (done, total) => dispatch({ type: "revokeProgress", done, total }),
        }).then(
          (result) => dispatch({ type: "revokeFinished", result }),
          (e: unknown) => dispatch({ type: "accessFailed", error: e }),
        ),
      );
    },
    dismissRevoke: () => {
      plan = undefined;
      dispatch({ type: "revokeDismissed" });
    },
  };
}

/** The next animation frame; a timer where there are none (Node tests without a window). */
function nextFrame(callback: () => void): number {
  if (typeof requestAnimationFrame === "function") return requestAnimationFrame(() => callback());
  return setTimeout(callback, 16) as unknown as number;
}

function cancelFrame(id: number): void {
  if (typeof cancelAnimationFrame === "function") cancelAnimationFrame(id);
  else clearTimeout(id);
}

/**
 * Drawing the pane: at once, or at most once per frame (a fast run reports progress after every batch).
 * `now` also takes a frame still pending.
 */
function frameDrawer(draw: () => void): { now: () => void; soon: () => void; cancel: () => void } {
  let frame: number | undefined;
  const cancel = () => {
    if (frame !== undefined) cancelFrame(frame);
    frame = undefined;
  };
  const now = () => {
    cancel();
    draw();
  };
  return { now, soon: () => void (frame ??= nextFrame(now)), cancel };
}

/** What the pane's controls do. */
function paneHandlers(
  core: PaneCore,
  run: ReturnType<typeof shareEffects>,
  preview: () => Promise<void>,
  directory: ReturnType<typeof createDirectoryCheck>,
): PaneHandlers {
  const { deps, dispatch, track } = core;
  return {
    options: (patch: Partial<PaneOptions>) => {
      // Today moves on while the pane is open: a date checked against a stale "now" could pass.
      dispatch({ type: "clock", now: deps.clock.now() });
      dispatch({ type: "optionsChanged", patch });
    },
    advanced: (open: boolean) => dispatch({ type: "advancedToggled", open }),
    share: () => run.share("all"),
    retryFailed: () => run.share("failed"),
    cancel: run.cancel,
    pauseAnswer: run.pauseAnswer,
    refresh: () => void preview(),
    checkDirectory: () => directory.ask(),
    ...accessEffects(core),
    signOut: () => {
      void track(
        (deps.account.signOut?.() ?? Promise.resolve()).then(() =>
          dispatch({ type: "account", status: deps.account.status() }),
        ),
      );
    },
  };
}

export function mountPane(root: HTMLElement, deps: PaneDeps): PaneController {
  let state = initialState({
    account: deps.account.status(),
    location: locationOf(deps.workbook.documentUrl()),
    route: deps.route ?? "items",
    ...(deps.graphBaseUrl !== undefined ? { graphBaseUrl: deps.graphBaseUrl } : {}),
    now: deps.clock.now(),
  });
  const work = new Set<Promise<unknown>>();
  let previewSeq = 0;

  const track = <T>(p: Promise<T>): Promise<T> => {
    work.add(p);
    void p.finally(() => work.delete(p)).catch(() => undefined);
    return p;
  };

  // Progress is drawn at most once per frame; a new phase and every other event (the end of a run
  // included) at once.
  let undo: UndoCard | undefined;
  const drawing = frameDrawer(() => {
    dom.update(viewOf(state));
    undo?.render();
  });
  const dispatch = (event: PaneEvent) => {
    const phase = state.run.kind === "running" ? state.run.progress.phase : undefined;
    state = reduce(state, event);
    if (event.type === "shareFinished") undo?.actions.afterShare(event.summary);
    // A new phase is announced at once; counts within a phase wait for the next frame.
    if (event.type === "shareProgress" && event.progress.phase === phase) drawing.soon();
    else drawing.now();
  };

  const paneBusy = () =>
    state.run.kind === "running" || ["loading", "planning", "revoking"].includes(state.access.kind);
  const busy = () => paneBusy() || undo?.actions.busy() === true;

  const directory = createDirectoryCheck(
    { directory: deps.directory, clock: deps.clock, timeScale: deps.tuning?.timeScale ?? 1 },
    (event) => dispatch(event),
    (p) => track(p),
  );

  const preview = () =>
    track(
      (async () => {
        const seq = ++previewSeq;
        directory.abort();
        dispatch({ type: "previewStarted" });
        try {
          const parsed = await readRecipients(deps.workbook);
          // A later read (the selection moved again) wins.
          if (seq !== previewSeq) return;
          const retry = retryCounts(parsed);
          dispatch({ type: "retryCounted", retry });
          dispatch({ type: "previewLoaded", parsed, failedRows: retry.failed + retry.notSent });
          directory.onPreview(parsed.recipients);
        } catch (e) {
          if (seq === previewSeq) dispatch({ type: "previewFailed", error: e });
        }
      })(),
    );

  /** Which rows of the Current access table the selection touches: "Remove access…" waits for some. */
  const readAccessSelection = () => {
    if (!wantsAccessSelection(state.access)) return;
    void track(
      deps.workbook.readSelectedAccessRows().then(
        (ids) => {
          if (wantsAccessSelection(state.access)) dispatch({ type: "accessSelected", count: ids.length });
        },
        () => undefined, // Remove access… stays as it was; planning the removal reads the rows again.
      ),
    );
  };

  const core: PaneCore = { deps, state: () => state, dispatch, track, busy };
  const run = shareEffects(core, preview);
  const handlers = paneHandlers(core, run, preview, directory);

  const dom = createPaneDom(root, handlers);
  // Undo a run / Remove expired access: its own card (panels/undo*.ts), after the others.
  undo = createUndoCard({
    deps: () => ({ workbook: deps.workbook, graph: deps.graphFor(state.options.route), clock: deps.clock }),
    track,
    paneBusy,
  });
  root.querySelector("main")?.append(undo.element);
  undo.render();
  dom.applyTheme(deps.theme?.());
  dom.update(viewOf(state));

  // The preview follows the selection and the rows hidden or shown, once they have settled.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const changed = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      // During a run the selection is read by the run itself; the preview catches up after it.
      if (state.run.kind !== "running") void preview();
      readAccessSelection();
    }, deps.debounceMs ?? 300);
  };
  const stopSelection = deps.onSelectionChanged?.(changed);
  const stopRows = deps.onRowsHiddenChanged?.(changed);
  const stopAccount = deps.account.onChange?.(() =>
    dispatch({ type: "account", status: deps.account.status() }),
  );
  void preview();
  undo.actions.start();

  return {
    state: () => state,
    dom,
    async idle() {
      // Host events (a selection change) arrive on a later tick: let them land first.
      await new Promise((r) => setTimeout(r, 0));
      while (work.size > 0 || timer !== undefined) {
        if (work.size > 0) await Promise.allSettled([...work]);
        else await new Promise((r) => setTimeout(r, 20));
      }
    },
    dispose() {
      drawing.cancel();
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      stopSelection?.();
      stopRows?.();
      stopAccount?.();
      run.abort();
      directory.abort();
    },
  };
}
