// Every text a person reads in the pane comes from here: t("key", { values }) in the pane's language.
// The language follows Office.context.displayLanguage (set once at start by taskpane.ts); English
// is the fallback for any language without a catalogue.

import { de } from "./de";
import { en, type MessageKey } from "./en";
import { formatMessage, type Catalogue, type Params } from "./format";

export type { MessageKey } from "./en";
export type Language = "en" | "de";

export const CATALOGUES: Readonly<Record<Language, Catalogue>> = { en, de };
const LOCALES: Readonly<Record<Language, string>> = { en: "en-US", de: "de-DE" };

let current: Language = "en";

/** The catalogue for an Office display language such as "de-DE", "de-at" or "en-GB". */
export function languageFor(displayLanguage: string | undefined): Language {
  const primary = (displayLanguage ?? "").toLowerCase().split(/[-_]/)[0];
  return primary === "de" ? "de" : "en";
}

export function setLanguage(language: Language): void {
  current = language;
}

export function currentLanguage(): Language {
  return current;
}

/** The locale numbers and dates are written in, for the current language. */
export function currentLocale(): string {
  return LOCALES[current];
}

export function t(key: MessageKey, params: Params = {}): string {
  const message = CATALOGUES[current][key] ?? en[key];
  return formatMessage(message, params, LOCALES[current]);
}
