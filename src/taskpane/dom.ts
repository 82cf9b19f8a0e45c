// The few DOM helpers the pane's panels share. Elements are built with createElement/textContent, never
// innerHTML: strings from cells and from Graph are data.

import { t } from "./i18n";
import type { ListView, PaneOptions, PaneView, Tone } from "./state";

export interface PaneHandlers {
  options(patch: Partial<PaneOptions>): void;
  advanced(open: boolean): void;
  share(): void;
  retryFailed(): void;
  cancel(): void;
  /** The answer to the pause after identical failures. */
  pauseAnswer(goOn: boolean): void;
  refresh(): void;
  openSheet(name: string): void;
  listAccess(): void;
  revoke(): void;
  confirmRevoke(): void;
  dismissRevoke(): void;
  signOut(): void;
  /** Asks for the directory scope and checks who the recipients are (panels/directory.ts). */
  checkDirectory(): void;
}

/** A panel of the page: its element, and how it follows the view. */
export interface PanelDom {
  element: HTMLElement;
  update(view: PaneView): void;
}

type Child = Node | string | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, string | boolean> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === false) continue;
    if (name === "class") el.className = String(value);
    else el.setAttribute(name, value === true ? "" : value);
  }
  for (const c of children) if (c !== undefined && c !== false) el.append(c);
  return el;
}

export function setText(el: HTMLElement, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

export function setTone(el: HTMLElement, tone: Tone): void {
  el.dataset["tone"] = tone;
}

export function show(el: HTMLElement, visible: boolean): void {
  el.hidden = !visible;
}

/**
 * A hidden "Show the … sheet" button: `point(name)` shows it and names the sheet it opens, `point()`
 * hides it. The sheet's name is data (from the workbook), so it is only ever passed to openSheet.
 */
export function sheetButton(
  id: string,
  label: string,
  openSheet: (name: string) => void,
): { button: HTMLButtonElement; point(name?: string): void } {
  const button = h("button", { id, type: "button", class: "subtle", hidden: true }, label);
  let sheet = "";
  button.addEventListener("click", () => openSheet(sheet));
  return {
    button,
    point(name?: string) {
      sheet = name ?? "";
      show(button, name !== undefined);
    },
  };
}

/**
 * Fills a list; past its limit, a last line says how many more there are: `more(count)` gives that
 * line, or a string is put after "…and N more".
 */
export function setList<T>(
  list: HTMLElement,
  view: ListView<T>,
  item: (value: T) => HTMLLIElement,
  more: string | ((count: number) => string),
): void {
  const items = view.items.map(item);
  if (view.more > 0) {
    const text =
      typeof more === "function" ? more(view.more) : `${t("common.andMore", { count: view.more })} ${more}`;
    items.push(h("li", { class: "more" }, text));
  }
  list.replaceChildren(...items);
  show(list, items.length > 0);
}

export function lines(list: HTMLElement, texts: string[]): void {
  setList(list, { items: texts, more: 0 }, (t) => h("li", {}, t), "");
}
