// The page's "Progress and results" card: the progress bar and counts, the pause question after
// identical failures, the live status line, the details and the recipients not shared.

import { h, lines, setText, setTone, sheetButton, show, type PaneHandlers, type PanelDom } from "../dom";
import { currentLocale, t } from "../i18n";
import type { PaneView } from "../state";

function progressDom() {
  const progress = h("progress", {
    id: "progress",
    max: "1",
    value: "0",
    "aria-labelledby": "progress-text",
  });
  const progressText = h("span", { id: "progress-text" });
  // On its own line: "Microsoft asked us to slow down — resuming in 12 s" does not fit beside the figure.
  const eta = h("p", { id: "eta", class: "note" });
  const count = (id: string, label: string) => {
    const value = h("dd", { id });
    return { value, item: h("div", { class: "count" }, h("dt", {}, label), value) };
  };
  const granted = count("progress-granted", t("run.count.granted"));
  const failed = count("progress-failed", t("run.count.failed"));
  const skipped = count("progress-skipped", t("run.count.skipped"));
  const notSent = count("progress-not-sent", t("run.count.notSent"));
  const remaining = count("progress-remaining", t("run.count.remaining"));
  const element = h(
    "div",
    { id: "progress-area", hidden: true },
    h("div", { class: "label-row" }, progressText),
    progress,
    eta,
    h(
      "dl",
      { class: "counts", "aria-label": t("run.progress.counts") },
      granted.item,
      failed.item,
      skipped.item,
      notSent.item,
      remaining.item,
    ),
  );
  function update(view: PaneView): void {
    show(element, view.progress !== undefined);
    if (!view.progress) return;
    const { counts } = view.progress;
    progress.max = view.progress.max;
    progress.value = view.progress.value;
    setText(progressText, view.progress.text);
    setText(eta, view.progress.eta ?? "");
    setText(granted.value, counts.granted.toLocaleString(currentLocale()));
    setText(failed.value, counts.failed.toLocaleString(currentLocale()));
    setText(skipped.value, counts.skipped.toLocaleString(currentLocale()));
    setText(notSent.value, counts.notSent.toLocaleString(currentLocale()));
    show(notSent.item, counts.notSent > 0);
    setText(remaining.value, counts.remaining.toLocaleString(currentLocale()));
  }
  return { element, update };
}

/** The pause after identical failures: a question in the pane, both answers plain buttons. */
function pauseDom(on: PaneHandlers) {
  const pauseText = h("p", { id: "pause-text", role: "alert" });
  const pauseStop = h("button", { id: "pause-stop", type: "button", class: "primary" }, t("run.pause.stop"));
  const pauseGoOn = h("button", { id: "pause-go-on", type: "button" }, t("run.pause.goOn"));
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

/** The recipients not shared, one line per kind of failure, and how many more the log holds. */
function failuresDom() {
  const title = h("h3", { id: "failures-title", hidden: true }, t("run.failures.title"));
  const list = h("ul", {
    id: "failures",
    class: "list rejects",
    "aria-labelledby": "failures-title",
    tabindex: "0",
  });
  function update(view: PaneView): void {
    const { items, more } = view.failures;
    const rows = items.map((text) => h("li", {}, text));
    if (more > 0) rows.push(h("li", { class: "more" }, t("run.failures.more", { count: more })));
    list.replaceChildren(...rows);
    show(list, rows.length > 0);
    show(title, rows.length > 0);
  }
  return { elements: [title, list], update };
}

export function runDom(on: PaneHandlers): PanelDom {
  const progress = progressDom();
  const pause = pauseDom(on);
  // The heading takes the focus when a run ends, so the result is where keyboard users are.
  const title = h("h2", { id: "status-title", tabindex: "-1" }, t("run.title"));
  // Screen readers hear the progress here (the phase, then every quarter); the screen shows one figure.
  const announce = h("p", {
    id: "announce",
    class: "visually-hidden",
    role: "status",
    "aria-live": "polite",
    "aria-atomic": "true",
  });
  const status = h("p", { id: "status", role: "status", "aria-live": "polite", "aria-atomic": "true" });
  const details = h("ul", {
    id: "details",
    class: "list details",
    tabindex: "0",
    "aria-label": t("run.details"),
  });
  const failures = failuresDom();
  const { button: openLog, point: pointLog } = sheetButton(
    "open-log",
    t("run.openLog", { sheet: "Permissions" }),
    (n) => on.openSheet(n),
  );
  const element = h(
    "section",
    { class: "card", "aria-labelledby": "status-title" },
    title,
    progress.element,
    pause.element,
    announce,
    status,
    details,
    ...failures.elements,
    openLog,
  );

  let running = false;
  function update(view: PaneView): void {
    progress.update(view);
    pause.update(view);
    setText(announce, view.progress?.announce ?? "");
    setText(status, view.status.text);
    setTone(status, view.status.tone);
    lines(details, view.details);
    failures.update(view);
    pointLog(view.openLog.visible ? view.openLog.sheet : undefined);
    setText(openLog, t("run.openLog", { sheet: view.openLog.sheet || "Permissions" }));
    const wasRunning = running;
    running = view.progress !== undefined;
    if (wasRunning && !running) title.focus();
  }
  return { element, update };
}
