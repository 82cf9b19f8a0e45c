// The page's "Progress and results" card: the progress bar and counts, the pause question after
// identical failures, the live status line, the details and the recipients not shared.

import {
  h,
  lines,
  setList,
  setText,
  setTone,
  sheetButton,
  show,
  type PaneHandlers,
  type PanelDom,
} from "../dom";
import type { PaneView } from "../state";

function progressDom() {
  const progress = h("progress", {
    id: "progress",
    max: "1",
    value: "0",
    "aria-labelledby": "progress-text",
  });
  const progressText = h("span", { id: "progress-text" });
  const eta = h("span", { id: "eta", class: "note" });
  const count = (id: string, label: string) => {
    const value = h("dd", { id });
    return { value, item: h("div", { class: "count" }, h("dt", {}, label), value) };
  };
  const granted = count("progress-granted", "Granted");
  const failed = count("progress-failed", "Failed");
  const skipped = count("progress-skipped", "Skipped");
  const remaining = count("progress-remaining", "Remaining");
  const element = h(
    "div",
    { id: "progress-area", hidden: true },
    h("div", { class: "label-row" }, progressText, eta),
    progress,
    h(
      "dl",
      { class: "counts", "aria-label": "Sharing counts" },
      granted.item,
      failed.item,
      skipped.item,
      remaining.item,
    ),
  );
  function update(view: PaneView): void {
    show(element, view.progress !== undefined);
    if (!view.progress) return;
    progress.max = view.progress.max;
    progress.value = view.progress.value;
    setText(progressText, view.progress.text);
    setText(eta, view.progress.eta ?? "");
    setText(granted.value, String(view.progress.counts.granted));
    setText(failed.value, String(view.progress.counts.failed));
    setText(skipped.value, String(view.progress.counts.skipped));
    setText(remaining.value, String(view.progress.counts.remaining));
  }
  return { element, update };
}

/** The pause after identical failures: a question in the pane, both answers plain buttons. */
function pauseDom(on: PaneHandlers) {
  const pauseText = h("p", { id: "pause-text", role: "alert" });
  const pauseStop = h("button", { id: "pause-stop", type: "button", class: "primary" }, "Stop");
  const pauseGoOn = h("button", { id: "pause-go-on", type: "button" }, "Go on");
  pauseStop.addEventListener("click", () => on.pauseAnswer(false));
  pauseGoOn.addEventListener("click", () => on.pauseAnswer(true));
  const element = h(
    "div",
    { id: "pause", role: "group", "aria-labelledby": "pause-text", hidden: true },
    pauseText,
    h("div", { class: "actions" }, pauseStop, pauseGoOn),
  );
  function update(view: PaneView): void {
    const pausing = view.pause !== undefined;
    if (view.pause) {
      setText(pauseText, view.pause.text);
      setText(pauseStop, view.pause.stopLabel);
      setText(pauseGoOn, view.pause.goOnLabel);
    }
    if (pausing && element.hidden) {
      element.hidden = false;
      pauseStop.focus(); // keyboard users answer at once; Stop is the safe choice
    } else if (!pausing) {
      element.hidden = true;
    }
  }
  return { element, update };
}

export function runDom(on: PaneHandlers): PanelDom {
  const progress = progressDom();
  const pause = pauseDom(on);
  const status = h("p", { id: "status", role: "status", "aria-live": "polite", "aria-atomic": "true" });
  const details = h("ul", { id: "details", class: "list details", tabindex: "0", "aria-label": "Details" });
  const failuresTitle = h("h3", { id: "failures-title", hidden: true }, "Not shared");
  const failures = h("ul", {
    id: "failures",
    class: "list rejects",
    "aria-labelledby": "failures-title",
    tabindex: "0",
  });
  const { button: openLog, point: pointLog } = sheetButton("open-log", "Show the Permissions sheet", (n) =>
    on.openSheet(n),
  );
  const element = h(
    "section",
    { class: "card", "aria-labelledby": "status-title" },
    h("h2", { id: "status-title" }, "Progress and results"),
    progress.element,
    pause.element,
    status,
    details,
    failuresTitle,
    failures,
    openLog,
  );

  function update(view: PaneView): void {
    progress.update(view);
    pause.update(view);
    setText(status, view.status.text);
    setTone(status, view.status.tone);
    lines(details, view.details);
    show(failuresTitle, view.failures.items.length > 0);
    setList(failures, view.failures, (t) => h("li", {}, t), "(see the Permissions sheet)");
    pointLog(view.openLog.visible ? view.openLog.sheet : undefined);
    setText(openLog, `Show the "${view.openLog.sheet || "Permissions"}" sheet`);
  }
  return { element, update };
}
