// The recipient check in the Selection card: who each recipient is (from the directory), how many are
// outside the organisation, or why the check is unavailable. Answers carry the check's number: those
// of an earlier check (the selection moved on) are dropped.

import type { DirectoryKind, DirectoryVerdict } from "../../app/recipient-check";
import { t, type MessageKey } from "../i18n";
import { eventGuard, type Tone } from "./common";

export type DirectoryState =
  /** Nothing to check (no addresses, or no directory in this build). */
  | { kind: "idle" }
  /** The scope was never granted: the person is offered the check. */
  | { kind: "consentNeeded" }
  | { kind: "unavailable"; why: "declined" | "refused" }
  | {
      kind: "checking" | "done";
      seq: number;
      total: number;
      verdicts: Readonly<Record<string, DirectoryVerdict>>;
    };

export type DirectoryEvent =
  | { type: "directoryIdle" }
  | { type: "directoryStarted"; seq: number; total: number; known: Array<[string, DirectoryVerdict]> }
  | { type: "directoryVerdicts"; seq: number; verdicts: Array<[string, DirectoryVerdict]> }
  | { type: "directoryFinished"; seq: number }
  | { type: "directoryUnavailable"; seq: number; why: "consentNeeded" | "declined" | "refused" };

export const isDirectoryEvent = eventGuard<DirectoryEvent>([
  "directoryIdle",
  "directoryStarted",
  "directoryVerdicts",
  "directoryFinished",
  "directoryUnavailable",
]);

/** The check's number, for dropping stale answers; undefined when none is running or shown. */
function seqOf(state: DirectoryState): number | undefined {
  return state.kind === "checking" || state.kind === "done" ? state.seq : undefined;
}

export function reduceDirectory(state: DirectoryState, event: DirectoryEvent): DirectoryState {
  switch (event.type) {
    case "directoryIdle":
      return { kind: "idle" };
    case "directoryStarted":
      return {
        kind: "checking",
        seq: event.seq,
        total: event.total,
        verdicts: Object.fromEntries(event.known),
      };
    case "directoryVerdicts":
      if (state.kind !== "checking" || state.seq !== event.seq) return state; // stale: dropped
      return { ...state, verdicts: { ...state.verdicts, ...Object.fromEntries(event.verdicts) } };
    case "directoryFinished":
      return state.kind === "checking" && state.seq === event.seq ? { ...state, kind: "done" } : state;
    case "directoryUnavailable":
      if (seqOf(state) !== undefined && seqOf(state) !== event.seq) return state;
      return event.why === "consentNeeded"
        ? { kind: "consentNeeded" }
        : { kind: "unavailable", why: event.why };
  }
}

export interface KindTag {
  text: string;
  tone: Tone;
  kind: DirectoryKind | "checking";
}

export interface DirectoryView {
  /** The line under the counts; undefined hides the block. */
  line?: string;
  tone: Tone;
  /** The label of the button that asks for the scope, when asking makes sense. */
  action?: string;
  /** The plain warning about people outside the organisation. */
  external?: string;
  /** Each recipient's kind, by the cell the preview lists it at (absent: not checked). */
  tags: Readonly<Record<string, KindTag>>;
}

const KIND_TONE: Record<DirectoryKind, Tone> = {
  member: "success",
  guest: "neutral",
  newExternal: "warning",
  notFound: "error",
  group: "neutral",
  unchecked: "neutral",
};

const COUNT_KEYS: Array<[DirectoryKind, MessageKey]> = [
  ["member", "directory.member"],
  ["guest", "directory.guest"],
  ["newExternal", "directory.newExternal"],
  ["notFound", "directory.notFound"],
  ["group", "directory.group"],
  ["unchecked", "directory.unchecked"],
];

export function kindTag(verdict: DirectoryVerdict): KindTag {
  const key: MessageKey =
    verdict.kind === "notFound" && verdict.groupsUnknown
      ? "directory.kind.notFoundOrGroup"
      : (`directory.kind.${verdict.kind}` as MessageKey);
  return { text: t(key), tone: KIND_TONE[verdict.kind], kind: verdict.kind };
}

/** What the Selection card shows of the check, for the recipients on show: [cell, recipient key]. */
export function directoryView(state: DirectoryState, shown: ReadonlyArray<[string, string]>): DirectoryView {
  if (state.kind === "idle") return { tone: "neutral", tags: {} };
  if (state.kind === "consentNeeded") {
    return { line: t("directory.consentNeeded"), tone: "neutral", action: t("directory.ask"), tags: {} };
  }
  if (state.kind === "unavailable") {
    const view: DirectoryView = { line: t(`directory.${state.why}`), tone: "warning", tags: {} };
    if (state.why === "declined") view.action = t("directory.ask");
    return view;
  }
  const tags: Record<string, KindTag> = {};
  const counts = new Map<DirectoryKind, number>();
  for (const [cell, key] of shown) {
    const verdict = state.verdicts[key];
    if (verdict) counts.set(verdict.kind, (counts.get(verdict.kind) ?? 0) + 1);
    tags[cell] = verdict
      ? kindTag(verdict)
      : { text: t("directory.kind.checking"), tone: "neutral", kind: "checking" };
  }
  const done = [...counts.values()].reduce((a, b) => a + b, 0);
  const parts = COUNT_KEYS.filter(([kind]) => counts.get(kind)).map(([kind, key]) =>
    t(key, { count: counts.get(kind) ?? 0 }),
  );
  const line =
    state.kind === "checking"
      ? t("directory.checking", { done, total: shown.length })
      : t("directory.summary", { parts: parts.join(", ") });
  const view: DirectoryView = { line, tone: "neutral", tags };
  const outside = (counts.get("guest") ?? 0) + (counts.get("newExternal") ?? 0);
  if (outside > 0) view.external = t("directory.external", { count: outside });
  return view;
}
