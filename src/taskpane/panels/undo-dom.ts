// The Undo a run card's DOM: a run picker, Undo run and Remove expired access, the confirmation with
// the list of people (in the card, before anything is removed), progress and the result. Built with
// createElement/textContent only: run ids, names and addresses are data from the workbook and Graph.

import { h, lines, setText, setTone, show } from "../dom";
import { t } from "../i18n";
import { undoActions, undoView, type UndoActions, type UndoHost } from "./undo";

export interface UndoCard {
  element: HTMLElement;
  actions: UndoActions;
  /** Shows the card as its state and the pane's business now say. */
  render(): void;
}

function runPicker(): HTMLSelectElement {
  return h("select", { id: "undo-runs", "aria-labelledby": "undo-runs-label" });
}

function setOptions(
  select: HTMLSelectElement,
  options: Array<{ value: string; label: string }>,
  picked: string,
) {
  const same =
    select.options.length === options.length &&
    options.every((o, i) => select.options[i]?.value === o.value && select.options[i]?.text === o.label);
  if (!same) select.replaceChildren(...options.map((o) => h("option", { value: o.value }, o.label)));
  select.value = picked;
}

export function createUndoCard(host: Omit<UndoHost, "changed">): UndoCard {
  const status = h("p", { id: "undo-status", role: "status", "aria-live": "polite" });
  const details = h("ul", { id: "undo-details", class: "list details" });
  const offer = h("p", { id: "expired-offer", class: "banner", hidden: true });
  const check = h("ul", { id: "undo-check", class: "list details" });
  const runs = runPicker();
  const undoRun = h("button", { id: "undo-run", type: "button" }, t("undo.undoRun"));
  const removeExpired = h("button", { id: "remove-expired", type: "button" }, t("undo.removeExpired"));
  const question = h("p", { id: "undo-question" });
  const people = h("ul", { id: "undo-people", class: "list", tabindex: "0" });
  const notes = h("ul", { id: "undo-notes", class: "list details" });
  const confirm = h("button", { id: "undo-confirm", type: "button", class: "danger" }, t("undo.confirm"));
  const cancel = h("button", { id: "undo-cancel", type: "button", class: "subtle" }, t("undo.cancel"));
  const confirmBox = h(
    "div",
    { id: "undo-confirm-box", role: "group", "aria-labelledby": "undo-question", hidden: true },
    question,
    people,
    notes,
    h("div", { class: "actions" }, confirm, cancel),
  );
  const element = h(
    "section",
    { id: "undo-card", class: "card", "aria-labelledby": "undo-title" },
    h("h2", { id: "undo-title" }, t("undo.title")),
    h("p", { class: "note" }, t("undo.intro")),
    check,
    offer,
    h("label", { id: "undo-runs-label", for: "undo-runs" }, t("undo.runLabel")),
    runs,
    h("div", { class: "actions" }, undoRun, removeExpired),
    status,
    details,
    confirmBox,
  );

  const render = () => {
    const view = undoView(actions.state(), host.paneBusy());
    setOptions(runs, view.runs, view.picked);
    runs.disabled = !view.canAct;
    undoRun.disabled = !view.canAct;
    removeExpired.disabled = !view.canAct;
    setText(status, view.status);
    setTone(status, view.tone);
    lines(details, view.details);
    lines(check, view.check);
    setText(offer, view.offer ?? "");
    show(offer, view.offer !== undefined);
    show(confirmBox, view.confirm !== undefined);
    if (view.confirm) {
      const opened = question.textContent !== view.confirm.question;
      setText(question, view.confirm.question);
      lines(people, view.confirm.people);
      lines(notes, view.confirm.notes);
      if (opened) confirm.focus();
    }
  };
  const actions = undoActions({ ...host, changed: render });
  runs.addEventListener("change", () => actions.pick(runs.value));
  undoRun.addEventListener("click", () => actions.undoRun());
  removeExpired.addEventListener("click", () => actions.removeExpired());
  confirm.addEventListener("click", () => actions.confirm());
  cancel.addEventListener("click", () => actions.cancel());
  return { element, actions, render };
}
