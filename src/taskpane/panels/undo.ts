// The Undo a run card: pick a run (or use the selected row of the Permissions sheet), confirm with the
// list of people, remove exactly what that run granted; the same for access past its recorded expiry
// date; and, after a share, what the check against the access list found. The card keeps its own small
// state; pane.ts hands it share summaries and asks whether it is busy. Texts come from the catalogue.

import { expiredInLog, planExpired } from "../../app/expiry-sweep";
import type { AccessDeps, RevokeResult } from "../../app/manage-access";
import type { ShareSummary } from "../../app/share-flow";
import { listRuns, planUndo, removeGrants, selectedRun, type GrantRemovalPlan } from "../../app/undo-run";
import type { LoggedRun } from "../../core/run-log";
import { t } from "../i18n";
import { toErrorInfo, type Tone } from "./common";

export type UndoPurpose = "undo" | "expired";

export type UndoStep =
  | { kind: "idle" }
  | { kind: "loading" }
  | { kind: "confirming"; purpose: UndoPurpose; runId?: string; plan: GrantRemovalPlan }
  | { kind: "removing"; done: number; total: number }
  | { kind: "done"; result: RevokeResult }
  | { kind: "message"; text: string; tone: Tone; details: string[] };

export interface UndoState {
  step: UndoStep;
  runs: LoggedRun[];
  /** The run picked in the list; "" means the run of the selected Permissions row. */
  picked: string;
  /** Grants the log says are past their date (the offer when the pane opens). */
  expired: number;
  /** What the check after the last share found. */
  check?: { notVisible: number; error?: string };
}

export interface UndoView {
  status: string;
  tone: Tone;
  details: string[];
  runs: Array<{ value: string; label: string }>;
  picked: string;
  canAct: boolean;
  /** The confirmation: its question and the people, when one is open. */
  confirm?: { question: string; people: string[]; notes: string[] };
  offer?: string;
  check: string[];
}

export function initialUndo(): UndoState {
  return { step: { kind: "idle" }, runs: [], picked: "", expired: 0 };
}

function confirmView(step: Extract<UndoStep, { kind: "confirming" }>): NonNullable<UndoView["confirm"]> {
  const { plan } = step;
  const count = plan.remove.length;
  const question =
    step.purpose === "undo"
      ? t("undo.confirmUndo", { count, run: step.runId ?? "" })
      : t("undo.confirmExpired", { count });
  const notes = plan.kept.map((k) => t("undo.kept", { who: k.grant.label, reason: k.reason }));
  if (plan.gone.length > 0) notes.unshift(t("undo.gone", { count: plan.gone.length }));
  return { question, people: plan.remove.map((r) => r.grant.label), notes };
}

function statusOf(step: UndoStep): { status: string; tone: Tone; details: string[] } {
  switch (step.kind) {
    case "loading":
      return { status: t("undo.loading"), tone: "neutral", details: [] };
    case "removing":
      return {
        status: t("undo.removing", { done: step.done, total: step.total }),
        tone: "neutral",
        details: [],
      };
    case "done": {
      const { removed, failed } = step.result;
      const parts = [t("undo.removed", { count: removed.length })];
      if (failed.length > 0) parts.push(t("undo.failed", { count: failed.length }));
      const details = failed.map((f) => t("undo.failedLine", { who: f.line.who, message: f.message }));
      return { status: parts.join(" "), tone: failed.length > 0 ? "warning" : "success", details };
    }
    case "message":
      return { status: step.text, tone: step.tone, details: step.details };
    default:
      return { status: "", tone: "neutral", details: [] };
  }
}

export function undoView(state: UndoState, paneBusy: boolean): UndoView {
  const step = state.step;
  const view: UndoView = {
    ...statusOf(step),
    runs: [
      { value: "", label: t("undo.selectedRow") },
      ...state.runs.map((r) => ({
        value: r.runId,
        label: t("undo.runOption", { run: r.runId, at: r.at, count: r.grants }),
      })),
    ],
    picked: state.picked,
    canAct: !paneBusy && !undoBusy(state) && step.kind !== "confirming",
    check: [],
  };
  if (step.kind === "confirming") view.confirm = confirmView(step);
  if (state.expired > 0 && step.kind !== "confirming")
    view.offer = t("undo.expiredOffer", { count: state.expired });
  if (state.check?.notVisible) view.check.push(t("undo.notVisible", { count: state.check.notVisible }));
  if (state.check?.error) view.check.push(t("undo.notVerified", { reason: state.check.error }));
  return view;
}

export function undoBusy(state: UndoState): boolean {
  return state.step.kind === "loading" || state.step.kind === "removing";
}

/** What the card's actions need from the pane. */
export interface UndoHost {
  deps(): AccessDeps;
  /** Counts the promise as the pane's work in progress. */
  track<T>(p: Promise<T>): Promise<T>;
  paneBusy(): boolean;
  /** Tells the card's DOM the state changed. */
  changed(state: UndoState): void;
}

function failed(e: unknown): UndoStep {
  const info = toErrorInfo(e);
  return { kind: "message", text: info.message, tone: "error", details: info.details };
}

/** The card's actions: each reads fresh, changes the state, and tells the DOM. */
export function undoActions(host: UndoHost) {
  let state = initialUndo();
  const set = (patch: Partial<UndoState>) => {
    state = { ...state, ...patch };
    host.changed(state);
  };
  const refresh = async () => {
    const deps = host.deps();
    const [runs, expired] = await Promise.all([listRuns(deps).catch(() => state.runs), expiredInLog(deps)]);
    set({ runs, expired, picked: runs.some((r) => r.runId === state.picked) ? state.picked : "" });
  };
  const plan = (purpose: UndoPurpose) => {
    if (host.paneBusy() || undoBusy(state)) return;
    set({ step: { kind: "loading" } });
    void host.track(
      (async () => {
        const deps = host.deps();
        const runId = purpose === "undo" ? state.picked || (await selectedRun(deps)) : undefined;
        if (purpose === "undo" && !runId) return set({ step: message(t("undo.noRun"), "warning") });
        const p = runId ? await planUndo(deps, runId) : await planExpired(deps);
        if (p.remove.length === 0) {
          const text = runId ? t("undo.nothingToUndo", { run: runId }) : t("undo.nothingExpired");
          return set({ step: message(text, "neutral") });
        }
        set({ step: { kind: "confirming", purpose, plan: p, ...(runId ? { runId } : {}) } });
      })().catch((e: unknown) => set({ step: failed(e) })),
    );
  };
  const confirm = () => {
    const step = state.step;
    if (step.kind !== "confirming") return;
    set({ step: { kind: "removing", done: 0, total: step.plan.remove.length } });
    void host.track(
      removeGrants(host.deps(), step.plan, {
        onProgress: (done, total) => set({ step: { kind: "removing", done, total } }),
      })
        .then((result) => set({ step: { kind: "done", result } }))
        .catch((e: unknown) => set({ step: failed(e) }))
        .then(refresh),
    );
  };
  return {
    state: () => state,
    busy: () => undoBusy(state),
    start: () => void host.track(refresh().catch(() => undefined)),
    pick: (runId: string) => set({ picked: runId }),
    undoRun: () => plan("undo"),
    removeExpired: () => plan("expired"),
    confirm,
    cancel: () => set({ step: { kind: "idle" } }),
    /** After a share: what the check against the access list found, and the new run in the list. */
    afterShare: (summary: ShareSummary) => {
      const v = summary.verification;
      set({ check: { notVisible: summary.notVisible ?? 0, ...(v?.error ? { error: v.error } : {}) } });
      void host.track(refresh().catch(() => undefined));
    },
  };
}

function message(text: string, tone: Tone): UndoStep {
  return { kind: "message", text, tone, details: [] };
}

export type UndoActions = ReturnType<typeof undoActions>;
