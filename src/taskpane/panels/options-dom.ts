// The page's Options form: the fields, Advanced (the invite route), and the Share / Cancel / Retry
// failed buttons. Only what differs is written back, so typing and the caret are never disturbed.

import type { InviteRoute } from "../../core/ports";
import type { Role } from "../../core/types";
import { h, lines, setText, show, type PaneHandlers, type PanelDom } from "../dom";
import { t } from "../i18n";
import type { PaneView } from "../state";

function checkbox(
  on: PaneHandlers,
  id: string,
  label: string,
  key: "requireSignIn" | "sendInvitation" | "dryRun",
  extra = {},
) {
  const input = h("input", { type: "checkbox", id, name: key, ...extra });
  input.addEventListener("change", () => on.options({ [key]: input.checked }));
  return { input, row: h("div", { class: "check" }, input, h("label", { for: id }, label)) };
}

/** Advanced: which Graph route the invitations go through. */
function advancedDom(on: PaneHandlers) {
  const route = h(
    "select",
    { id: "route", name: "route", "aria-describedby": "route-note" },
    h("option", { value: "items" }, t("options.routeItems")),
    h("option", { value: "workbooks" }, t("options.routeWorkbooks")),
  );
  const workbooksOption = route.querySelector<HTMLOptionElement>('option[value="workbooks"]');
  const routeNoteText = h("p", { id: "route-note", class: "note" });
  route.addEventListener("change", () =>
    on.options({ route: (route.value === "workbooks" ? "workbooks" : "items") as InviteRoute }),
  );
  const advanced = h(
    "details",
    { id: "advanced", class: "disclosure" },
    h("summary", {}, t("options.advanced")),
    h("label", { for: "route" }, t("options.inviteThrough")),
    route,
    routeNoteText,
  );
  advanced.addEventListener("toggle", () => on.advanced(advanced.open));
  return { route, workbooksOption, routeNoteText, advanced };
}

function fieldsDom(on: PaneHandlers) {
  const role = h(
    "select",
    { id: "role", name: "role" },
    h("option", { value: "read" }, t("options.canView")),
    h("option", { value: "write" }, t("options.canEdit")),
  );
  role.addEventListener("change", () =>
    on.options({ role: role.value === "write" ? "write" : ("read" as Role) }),
  );
  const requireSignIn = checkbox(on, "require-sign-in", t("options.requireSignIn"), "requireSignIn");
  const sendInvitation = checkbox(on, "send-invitation", t("options.sendInvitation"), "sendInvitation");
  const messageCount = h("span", { id: "message-count", class: "counter" });
  const messageIgnored = h(
    "p",
    { id: "message-ignored", class: "note", hidden: true },
    t("options.messageIgnored"),
  );
  const messageCut = h("p", { id: "message-cut", class: "note", role: "status", hidden: true });
  const message = h("textarea", {
    id: "message",
    name: "message",
    rows: "3",
    // No maxlength: the browser would cut a paste silently; the pane cuts it and says by how much.
    "aria-describedby": "message-count message-cut message-ignored",
  });
  message.addEventListener("input", () => on.options({ message: message.value }));
  const expires = h("input", {
    id: "expires",
    name: "expires",
    type: "date",
    "aria-describedby": "expires-note",
  });
  expires.addEventListener("change", () => on.options({ expires: expires.value }));
  expires.addEventListener("input", () => on.options({ expires: expires.value }));
  const expiresNote = h("p", { id: "expires-note", class: "note" });
  const dryRun = checkbox(on, "dry-run", t("options.dryRun"), "dryRun", {
    role: "switch",
  });
  dryRun.row.classList.add("switch");
  return {
    role,
    requireSignIn,
    sendInvitation,
    messageCount,
    messageIgnored,
    messageCut,
    message,
    expires,
    expiresNote,
    dryRun,
  };
}

function actionsDom(on: PaneHandlers) {
  const share = h(
    "button",
    { id: "share", type: "submit", class: "primary", "aria-describedby": "share-hint" },
    t("options.share"),
  );
  const cancel = h("button", { id: "cancel", type: "button", hidden: true }, t("options.cancel"));
  cancel.addEventListener("click", () => on.cancel());
  const retry = h("button", { id: "retry-failed", type: "button", hidden: true }, t("options.retryFailed"));
  retry.addEventListener("click", () => on.retryFailed());
  const shareHint = h("p", { id: "share-hint", class: "note" });
  function update(view: PaneView): void {
    share.disabled = view.share.disabled;
    setText(shareHint, view.share.hint);
    show(cancel, view.cancel.visible);
    cancel.disabled = view.cancel.disabled;
    setText(cancel, view.cancel.label);
    show(retry, view.retry.visible);
    retry.disabled = view.retry.disabled;
    setText(retry, view.retry.label);
  }
  return { share, cancel, retry, shareHint, update };
}

export function optionsDom(on: PaneHandlers): PanelDom {
  const f = fieldsDom(on);
  const adv = advancedDom(on);
  const problems = h("ul", {
    id: "problems",
    class: "list problems",
    hidden: true,
    tabindex: "0",
    "aria-label": t("options.problems"),
  });
  const actions = actionsDom(on);
  const element = h(
    "form",
    { id: "share-form", class: "card", "aria-labelledby": "options-title", novalidate: true },
    h("h2", { id: "options-title" }, t("options.title")),
    h("label", { for: "role" }, t("options.role")),
    f.role,
    f.requireSignIn.row,
    f.sendInvitation.row,
    h("div", { class: "label-row" }, h("label", { for: "message" }, t("options.message")), f.messageCount),
    f.message,
    f.messageCut,
    f.messageIgnored,
    h("label", { for: "expires" }, t("options.expires")),
    f.expires,
    f.expiresNote,
    f.dryRun.row,
    adv.advanced,
    problems,
    h("div", { class: "actions" }, actions.share, actions.cancel, actions.retry),
    actions.shareHint,
  );
  element.addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (!actions.share.disabled) on.share();
  });

  function update(view: PaneView): void {
    const o = view.options;
    if (f.role.value !== o.role) f.role.value = o.role;
    if (f.requireSignIn.input.checked !== o.requireSignIn) f.requireSignIn.input.checked = o.requireSignIn;
    if (f.sendInvitation.input.checked !== o.sendInvitation)
      f.sendInvitation.input.checked = o.sendInvitation;
    if (f.message.value !== o.message) f.message.value = o.message;
    if (f.expires.value !== o.expires) f.expires.value = o.expires;
    if (f.dryRun.input.checked !== o.dryRun) f.dryRun.input.checked = o.dryRun;
    f.dryRun.input.setAttribute("aria-checked", String(o.dryRun));
    if (adv.workbooksOption) adv.workbooksOption.hidden = adv.workbooksOption.disabled = !o.routeOffered;
    if (adv.route.value !== o.route) adv.route.value = o.route;
    const inputs = [f.role, f.requireSignIn.input, f.sendInvitation.input, f.message, f.expires];
    for (const el of [...inputs, f.dryRun.input, adv.route]) el.disabled = o.disabled;
    setText(adv.routeNoteText, o.routeNote);
    setText(f.messageCount, o.messageCount);
    f.messageCount.classList.toggle("near-limit", o.messageNearLimit);
    show(f.messageCut, o.messageCutNote !== undefined);
    setText(f.messageCut, o.messageCutNote ?? "");
    show(f.messageIgnored, o.messageIgnored);
    setText(f.expiresNote, o.expiresNote);
    lines(problems, o.problems);
    actions.update(view);
  }
  return { element, update };
}
