// What every panel of the pane shares: error sentences, tones, banners and capped lists. Pure: no DOM.

import { isShareError, type ShareErrorCode } from "../../core/errors";
import { t, type MessageKey } from "../i18n";

/** The sentence for a run error's code, in the pane's language. */
export function errorText(code: ShareErrorCode): string {
  return t(`run.error.${code}` satisfies MessageKey);
}

export interface ErrorInfo {
  message: string;
  details: string[];
  code?: ShareErrorCode;
}

/** A sentence a person can act on, never a stack trace; the details carry codes for the admin. */
export function toErrorInfo(e: unknown): ErrorInfo {
  if (isShareError(e)) return { message: errorText(e.code), details: [...e.details], code: e.code };
  return {
    message: t("common.unexpectedError"),
    details: [e instanceof Error ? e.message : String(e)],
  };
}

export type Tone = "neutral" | "success" | "warning" | "error";

export interface Banner {
  tone: Tone;
  text: string;
  details: string[];
}

export interface ListView<T> {
  items: T[];
  /** How many more there are than shown. */
  more: number;
}

const LIST_LIMIT = 50;

export function limited<T>(items: T[], max = LIST_LIMIT): ListView<T> {
  return { items: items.slice(0, max), more: Math.max(0, items.length - max) };
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

/** A guard for a panel's events, from the list of their types. */
export function eventGuard<E extends { type: string }>(
  types: readonly E["type"][],
): (event: { type: string }) => event is E {
  const set: ReadonlySet<string> = new Set(types);
  return (event): event is E => set.has(event.type);
}
