// The page's Manage access card, and the confirmation dialog (in the pane, not window.confirm).

import { h, lines, setList, setText, setTone, sheetButton, type PaneHandlers, type PanelDom } from "../dom";
import { t } from "../i18n";
import type { PaneView } from "../state";

export function accessDom(on: PaneHandlers): PanelDom & { revoke: HTMLButtonElement; status: HTMLElement } {
  const listAccess = h("button", { id: "list-access", type: "button" }, t("access.list"));
  listAccess.addEventListener("click", () => on.listAccess());
  // Disabled until rows of the Current access sheet are selected; the status line says so.
  const revoke = h(
    "button",
    { id: "revoke", type: "button", "aria-describedby": "access-status", disabled: true },
    t("access.revoke"),
  );
  revoke.addEventListener("click", () => on.revoke());
  const { button: openAccess, point: pointAccess } = sheetButton("open-access", t("access.showSheet"), (n) =>
    on.openSheet(n),
  );
  // tabindex -1: a finished removal moves the focus here, to what happened.
  const accessStatus = h("p", {
    id: "access-status",
    role: "status",
    "aria-live": "polite",
    tabindex: "-1",
  });
  const accessDetails = h("ul", {
    id: "access-details",
    class: "list details",
    tabindex: "0",
    "aria-label": t("access.detailsLabel"),
  });
  const accessList = h("ul", {
    id: "access-list",
    class: "list access",
    "aria-label": t("access.listLabel"),
    tabindex: "0",
  });
  const element = h(
    "section",
    { class: "card", "aria-labelledby": "access-title" },
    h("h2", { id: "access-title" }, t("access.title")),
    accessStatus,
    h("div", { class: "actions" }, listAccess, revoke, openAccess),
    accessDetails,
    accessList,
    h("p", { class: "note" }, t("access.note")),
  );

  let lastPhase = "";
  function update(view: PaneView): void {
    const a = view.access;
    const removalEnded = lastPhase === "revoking" && a.phase !== "revoking";
    lastPhase = a.phase;
    setText(accessStatus, a.text);
    setTone(accessStatus, a.tone);
    listAccess.disabled = !a.canList;
    setText(listAccess, t(a.openSheet ? "access.refreshList" : "access.list"));
    revoke.disabled = !a.canRevoke;
    pointAccess(a.openSheet);
    lines(accessDetails, a.details);
    setList(
      accessList,
      a.lines,
      (l) =>
        h(
          "li",
          {},
          h("span", { class: "primary-text" }, l.who),
          h("span", { class: "cell" }, l.access),
          l.kept !== undefined && h("span", { class: "reason" }, l.kept),
        ),
      (count) => t("access.more", { count, sheet: a.openSheet ?? "" }),
    );
    // After a removal the focus goes to its result (the button it came from may now be disabled).
    if (removalEnded) accessStatus.focus();
  }
  return { element, update, revoke, status: accessStatus };
}

/**
 * The removal's confirmation: modal over `main` (inert while open), focus kept inside, Escape cancels;
 * on closing, the focus goes back where it was (or to `fallback`); when the removal starts, to `status`,
 * which reports its progress and result.
 */
export function confirmDom(
  on: PaneHandlers,
  main: HTMLElement,
  fallback: HTMLElement,
  status: HTMLElement,
): PanelDom {
  const confirmTitle = h("h2", { id: "confirm-title" });
  const confirmRemove = h("ul", {
    id: "confirm-remove",
    class: "list",
    tabindex: "0",
    "aria-label": t("access.confirm.removeLabel"),
  });
  const confirmKept = h("ul", {
    id: "confirm-kept",
    class: "list rejects",
    tabindex: "0",
    "aria-label": t("access.confirm.keptLabel"),
  });
  const confirmNote = h("p", { id: "confirm-note", class: "note" });
  const confirmOk = h(
    "button",
    { id: "confirm-ok", type: "button", class: "danger" },
    t("access.confirm.ok"),
  );
  const confirmCancel = h("button", { id: "confirm-cancel", type: "button" }, t("access.confirm.cancel"));
  confirmOk.addEventListener("click", () => on.confirmRevoke());
  confirmCancel.addEventListener("click", () => on.dismissRevoke());
  const dialog = h(
    "div",
    {
      id: "confirm",
      class: "dialog",
      role: "dialog",
      "aria-modal": "true",
      "aria-labelledby": "confirm-title",
      "aria-describedby": "confirm-note",
      hidden: true,
    },
    h(
      "div",
      { class: "dialog-surface" },
      confirmTitle,
      confirmRemove,
      confirmKept,
      confirmNote,
      h("div", { class: "actions" }, confirmOk, confirmCancel),
    ),
  );
  dialog.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape") {
      ev.preventDefault();
      on.dismissRevoke();
    } else if (ev.key === "Tab") {
      // Focus stays inside the dialog while it is open.
      const first = confirmOk.hidden ? confirmCancel : confirmOk;
      if (ev.shiftKey && document.activeElement === first) {
        ev.preventDefault();
        confirmCancel.focus();
      } else if (!ev.shiftKey && document.activeElement === confirmCancel) {
        ev.preventDefault();
        first.focus();
      }
    }
  });

  let dialogOpen = false;
  let focusBeforeDialog: HTMLElement | null = null;
  function update(view: PaneView): void {
    const c = view.confirm;
    if (c) {
      setText(confirmTitle, c.title);
      lines(confirmRemove, c.remove);
      lines(confirmKept, c.kept);
      setText(confirmNote, c.note ?? "");
      setText(confirmOk, c.confirmLabel);
      confirmOk.hidden = c.remove.length === 0;
      setText(confirmCancel, t(c.remove.length === 0 ? "access.confirm.close" : "access.confirm.cancel"));
    }
    if (c && !dialogOpen) {
      dialogOpen = true;
      focusBeforeDialog = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.hidden = false;
      main.setAttribute("inert", "");
      main.setAttribute("aria-hidden", "true");
      // The safe choice has the focus: Enter on a destructive dialog should not destroy.
      confirmCancel.focus();
    } else if (!c && dialogOpen) {
      dialogOpen = false;
      dialog.hidden = true;
      main.removeAttribute("inert");
      main.removeAttribute("aria-hidden");
      const back = focusBeforeDialog && document.contains(focusBeforeDialog) ? focusBeforeDialog : fallback;
      const usable = !(back instanceof HTMLButtonElement && back.disabled);
      (view.access.phase === "revoking" || !usable ? status : back).focus();
    }
  }
  return { element: dialog, update };
}
