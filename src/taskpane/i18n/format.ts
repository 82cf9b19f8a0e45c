// The message catalogue's building blocks: a message is a sentence with {named} placeholders, or a
// pair of sentences chosen by the number in {count} (Intl.PluralRules of the pane's language).
// Values are inserted as text; the result goes to textContent, never innerHTML.

export type PluralMessage = { readonly one: string; readonly other: string };
export type Message = string | PluralMessage;
export type Catalogue = Readonly<Record<string, Message>>;

/** Another language's catalogue: every key of the English one, each of the same kind. */
export type Translation<C extends Catalogue> = {
  readonly [K in keyof C]: C[K] extends string ? string : PluralMessage;
};

export type Params = Readonly<Record<string, string | number>>;

const PLACEHOLDER = /\{(\w+)\}/g;

function valueText(value: string | number, locale: string): string {
  return typeof value === "number" ? value.toLocaleString(locale) : value;
}

/** The sentence for a message and its values; a missing value is left as {name} so tests see it. */
export function formatMessage(message: Message, params: Params, locale: string): string {
  const text = typeof message === "string" ? message : pluralForm(message, params, locale);
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : valueText(value, locale);
  });
}

function pluralForm(message: PluralMessage, params: Params, locale: string): string {
  const count = params.count;
  if (typeof count !== "number") return message.other;
  return new Intl.PluralRules(locale).select(count) === "one" ? message.one : message.other;
}

/** The {names} a message uses, in all its forms: a translation must use the same ones. */
export function placeholdersOf(message: Message): string[] {
  const texts = typeof message === "string" ? [message] : [message.one, message.other];
  const names = new Set<string>();
  for (const text of texts) for (const m of text.matchAll(PLACEHOLDER)) names.add(m[1] ?? "");
  return [...names].sort();
}
