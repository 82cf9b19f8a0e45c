// The page's Manage access card, and the confirmation dialog (in the pane, not window.confirm).

import { h, lines, setList, setText, setTone, sheetButton, type PaneHandlers, type PanelDom } from "../dom";
import type { PaneView } from "../state";

export function accessDom(on: PaneHandlers): PanelDom & { revoke: HTMLButtonElement } {
  const listAccess = h("button", { id: "list-access", type: "button" }, "List current access");
  listAccess.addEventListener("click", () => on.listAccess());
  const revoke = h("button", { id: "revoke", type: "button" }, "Remove access…");
  revoke.addEventListener("click", () => on.revoke());
  const { button: openAccess, point: pointAccess } = sheetButton("open-access", "Show the sheet", (n) =>
    on.openSheet(n),
  );
  const accessStatus = h("p", { id: "access-status", role: "status", "aria-live": "polite" });
  const accessDetails = h("ul", {
    id: "access-details",
    class: "list details",
    tabindex: "0",
    "aria-label": "Access details",
  });
  const accessList = h("ul", {
    id: "access-list",
    class: "list access",
    "aria-label": "Current access",
    tabindex: "0",
  });
  const element = h(
    "section",
    { class: "card", "aria-labelledby": "access-title" },
    h("h2", { id: "access-title" }, "Manage access"),
    accessStatus,
    h("div", { class: "actions" }, listAccess, revoke, openAccess),
    accessDetails,
    accessList,
    h(
      "p",
      { class: "note" },
      "The owner's access and access inherited from a folder or site are never removed here: the owner can't lose their own file, and inherited access is changed where it is set.",
    ),
  );

  function update(view: PaneView): void {
    const a = view.access;
    setText(accessStatus, a.text);
    setTone(accessStatus, a.tone);
    listAccess.disabled = !a.canList;
    setText(listAccess, a.openSheet ? "Refresh the list" : "List current access");
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
      `(see the "${a.openSheet ?? ""}" sheet)`,
    );
  }
  return { element, update, revoke };
}

/**
 * The removal's confirmation: modal over `main` (inert while open), focus kept inside, Escape cancels;
 * on closing, the focus goes back where it was, or to `fallback`.
 */
export function confirmDom(on: PaneHandlers, main: HTMLElement, fallback: HTMLElement): PanelDom {
  const confirmTitle = h("h2", { id: "confirm-title" });
  const confirmRemove = h("ul", {
    id: "confirm-remove",
    class: "list",
    tabindex: "0",
    "aria-label": "Access to remove",
  });
  const confirmKept = h("ul", {
    id: "confirm-kept",
    class: "list rejects",
    tabindex: "0",
    "aria-label": "Access kept",
  });
  const confirmNote = h("p", { id: "confirm-note", class: "note" });
  const confirmOk = h("button", { id: "confirm-ok", type: "button", class: "danger" }, "Remove access");
  const confirmCancel = h("button", { id: "confirm-cancel", type: "button" }, "Cancel");
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
      setText(confirmCancel, c.remove.length === 0 ? "Close" : "Cancel");
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
      (focusBeforeDialog && document.contains(focusBeforeDialog) ? focusBeforeDialog : fallback).focus();
    }
  }
  return { element: dialog, update };
}
