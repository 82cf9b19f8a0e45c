// The page's Selection card: counts, the recipients, the cells that are not addresses.

import { h, setList, setText, show, type PaneHandlers, type PanelDom } from "../dom";
import { currentLocale, t } from "../i18n";
import type { PaneView } from "../state";
import { directoryDom, kindBadge } from "./directory-dom";

export function selectionDom(on: PaneHandlers): PanelDom {
  const previewSummary = h("p", { id: "preview-summary" });
  const countValid = h("span", { id: "count-valid", class: "count-value" });
  const countRejected = h("span", { id: "count-rejected", class: "count-value" });
  const countDuplicates = h("span", { id: "count-duplicates", class: "count-value" });
  const counts = h(
    "dl",
    { class: "counts", "aria-label": t("selection.countsLabel") },
    h("div", { class: "count ok" }, h("dt", {}, t("selection.valid")), h("dd", {}, countValid)),
    h("div", { class: "count bad" }, h("dt", {}, t("selection.rejected")), h("dd", {}, countRejected)),
    h("div", { class: "count" }, h("dt", {}, t("selection.duplicates")), h("dd", {}, countDuplicates)),
  );
  const refresh = h("button", { id: "refresh", type: "button", class: "subtle" }, t("selection.refresh"));
  refresh.addEventListener("click", () => on.refresh());
  const ownSettings = h("p", { id: "own-settings", class: "note", hidden: true });
  const previewError = h("div", {
    id: "preview-error",
    class: "message-bar",
    "data-tone": "error",
    hidden: true,
  });
  const recipientList = h("ul", {
    id: "recipient-list",
    class: "list",
    "aria-labelledby": "recipients-title",
    // Scrollable lists are reachable by keyboard (axe: scrollable-region-focusable).
    tabindex: "0",
  });
  const recipientsTitle = h("span", { id: "recipients-title" }, t("selection.recipients", { count: 0 }));
  const recipients = h(
    "details",
    { id: "recipients", class: "disclosure", open: true },
    h("summary", {}, recipientsTitle),
    recipientList,
  );
  const rejectedTitle = h("h3", { id: "rejected-title" }, t("selection.rejectedTitle"));
  const rejectedList = h("ul", {
    id: "rejected-list",
    class: "list rejects",
    "aria-labelledby": "rejected-title",
    tabindex: "0",
  });
  const rejectedBlock = h("div", { id: "rejected", hidden: true }, rejectedTitle, rejectedList);
  const directory = directoryDom(on);
  const element = h(
    "section",
    { class: "card", "aria-labelledby": "preview-title", "aria-busy": "false" },
    h("div", { class: "card-head" }, h("h2", { id: "preview-title" }, t("selection.title")), refresh),
    previewSummary,
    counts,
    directory.element,
    previewError,
    ownSettings,
    recipients,
    rejectedBlock,
  );

  function update(view: PaneView): void {
    const p = view.preview;
    element.setAttribute("aria-busy", String(p.busy));
    setText(previewSummary, p.summary);
    setText(countValid, p.counts.valid.toLocaleString(currentLocale()));
    setText(countRejected, p.counts.rejected.toLocaleString(currentLocale()));
    setText(countDuplicates, p.counts.duplicates.toLocaleString(currentLocale()));
    directory.update(view.directory);
    show(previewError, p.error !== undefined);
    if (p.error)
      previewError.replaceChildren(
        h("p", {}, p.error.text),
        ...p.error.details.map((d) => h("p", { class: "note" }, d)),
      );
    show(ownSettings, p.ownSettingsNote !== undefined);
    setText(ownSettings, p.ownSettingsNote ?? "");
    setText(recipientsTitle, t("selection.recipients", { count: p.counts.valid }));
    show(recipients, p.recipients.items.length > 0);
    setList(
      recipientList,
      p.recipients,
      (r) =>
        h(
          "li",
          {},
          h("span", { class: "primary-text" }, r.text),
          h("span", { class: "cell" }, r.cell),
          r.own !== undefined && h("span", { class: "own" }, r.own),
          kindBadge(view.directory.tags[r.cell]),
        ),
      (count) => t("selection.moreRecipients", { count }),
    );
    show(rejectedBlock, p.rejected.items.length > 0);
    setList(
      rejectedList,
      p.rejected,
      (r) =>
        h(
          "li",
          {},
          h("span", { class: "cell" }, r.cell),
          h("span", { class: "primary-text" }, r.text),
          h("span", { class: "reason" }, r.reason),
        ),
      (count) => t("selection.moreRejected", { count }),
    );
  }
  return { element, update };
}
