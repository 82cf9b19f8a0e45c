// The recipient check's part of the Selection card: a line (progress, counts by kind, or why the check
// is unavailable), the button that asks for the directory scope, the warning about people outside the
// organisation, and the kind beside each recipient.

import { h, setText, setTone, show, type PaneHandlers } from "../dom";
import { t } from "../i18n";
import type { DirectoryView, KindTag } from "./directory";

export function directoryDom(on: PaneHandlers): { element: HTMLElement; update(view: DirectoryView): void } {
  const line = h("p", { id: "directory-line", class: "note" });
  const ask = h(
    "button",
    { id: "directory-ask", type: "button", class: "subtle", hidden: true },
    t("directory.ask"),
  );
  ask.addEventListener("click", () => on.checkDirectory());
  const external = h("div", {
    id: "directory-external",
    class: "message-bar",
    "data-tone": "warning",
    role: "note",
    hidden: true,
  });
  const element = h(
    "div",
    { id: "directory", class: "directory", hidden: true, "aria-live": "polite" },
    line,
    ask,
    external,
  );

  function update(view: DirectoryView): void {
    show(element, view.line !== undefined);
    setText(line, view.line ?? "");
    setTone(line, view.tone);
    show(ask, view.action !== undefined);
    if (view.action !== undefined) setText(ask, view.action);
    show(external, view.external !== undefined);
    setText(external, view.external ?? "");
  }
  return { element, update };
}

/** The kind beside one recipient of the list, or nothing when it was not checked. */
export function kindBadge(tag: KindTag | undefined): HTMLElement | false {
  if (!tag) return false;
  return h("span", { class: "kind", "data-tone": tag.tone, "data-kind": tag.kind }, tag.text);
}
