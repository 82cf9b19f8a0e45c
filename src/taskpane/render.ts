// The page: builds the pane's DOM once with createElement/textContent (never innerHTML: strings from
// cells and from Graph are data) and then updates it from a PaneView. It decides nothing; every text
// comes from state.ts. Element ids are stable: the browser tests use them.

import type { InviteRoute } from "../core/ports";
import { WORKBOOKS_ROUTE_LABEL } from "../core/share-options";
import type { Role } from "../core/types";
import type { ListView, PaneOptions, PaneView, Tone } from "./state";
import { themeVariables, type OfficeThemeLike } from "./theme";

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
}

type Child = Node | string | undefined | false;

function h<K extends keyof HTMLElementTagNameMap>(
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

function setText(el: HTMLElement, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

function setTone(el: HTMLElement, tone: Tone): void {
  el.dataset["tone"] = tone;
}

function show(el: HTMLElement, visible: boolean): void {
  el.hidden = !visible;
}

function setList<T>(
  list: HTMLElement,
  view: ListView<T>,
  item: (value: T) => HTMLLIElement,
  moreText: string,
): void {
  const items = view.items.map(item);
  if (view.more > 0)
    items.push(h("li", { class: "more" }, `… and ${view.more.toLocaleString("en-US")} more ${moreText}`));
  list.replaceChildren(...items);
  show(list, items.length > 0);
}

function lines(list: HTMLElement, texts: string[]): void {
  setList(list, { items: texts, more: 0 }, (t) => h("li", {}, t), "");
}

export interface PaneDom {
  root: HTMLElement;
  update(view: PaneView): void;
  applyTheme(theme: OfficeThemeLike | undefined): void;
}

export function createPaneDom(root: HTMLElement, on: PaneHandlers): PaneDom {
  // ---- header and account -------------------------------------------------------------------------
  const accountText = h("span", { id: "account-text" });
  const signOut = h("button", { id: "sign-out", type: "button", class: "link" }, "Sign out");
  signOut.addEventListener("click", () => on.signOut());
  // Sign-in spot (src/auth): "Signed in as … / Sign out / Sign-in is not configured in this build".
  const account = h("div", { id: "account", class: "account" }, accountText, signOut);
  const blocker = h("div", { id: "blocker", class: "message-bar", role: "alert", hidden: true });

  // ---- selection preview ------------------------------------------------------------------------
  const previewSummary = h("p", { id: "preview-summary" });
  const countValid = h("span", { id: "count-valid", class: "count-value" });
  const countRejected = h("span", { id: "count-rejected", class: "count-value" });
  const countDuplicates = h("span", { id: "count-duplicates", class: "count-value" });
  const counts = h(
    "dl",
    { class: "counts", "aria-label": "Selection counts" },
    h("div", { class: "count ok" }, h("dt", {}, "Valid"), h("dd", {}, countValid)),
    h("div", { class: "count bad" }, h("dt", {}, "Rejected"), h("dd", {}, countRejected)),
    h("div", { class: "count" }, h("dt", {}, "Duplicates"), h("dd", {}, countDuplicates)),
  );
  const refresh = h("button", { id: "refresh", type: "button", class: "subtle" }, "Refresh");
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
  const recipientsTitle = h("span", { id: "recipients-title" }, "Recipients");
  const recipients = h(
    "details",
    { id: "recipients", class: "disclosure", open: true },
    h("summary", {}, recipientsTitle),
    recipientList,
  );
  const rejectedTitle = h("h3", { id: "rejected-title" }, "Cells that are not addresses");
  const rejectedList = h("ul", {
    id: "rejected-list",
    class: "list rejects",
    "aria-labelledby": "rejected-title",
    tabindex: "0",
  });
  const rejectedBlock = h("div", { id: "rejected", hidden: true }, rejectedTitle, rejectedList);
  const previewSection = h(
    "section",
    { class: "card", "aria-labelledby": "preview-title", "aria-busy": "false" },
    h("div", { class: "card-head" }, h("h2", { id: "preview-title" }, "Selection"), refresh),
    previewSummary,
    counts,
    previewError,
    ownSettings,
    recipients,
    rejectedBlock,
  );

  // ---- options ------------------------------------------------------------------------------------
  const role = h(
    "select",
    { id: "role", name: "role" },
    h("option", { value: "read" }, "Can view"),
    h("option", { value: "write" }, "Can edit"),
  );
  role.addEventListener("change", () =>
    on.options({ role: role.value === "write" ? "write" : ("read" as Role) }),
  );
  const checkbox = (
    id: string,
    label: string,
    key: "requireSignIn" | "sendInvitation" | "dryRun",
    extra = {},
  ) => {
    const input = h("input", { type: "checkbox", id, name: key, ...extra });
    input.addEventListener("change", () => on.options({ [key]: input.checked }));
    return { input, row: h("div", { class: "check" }, input, h("label", { for: id }, label)) };
  };
  const requireSignIn = checkbox("require-sign-in", "Require sign-in", "requireSignIn");
  const sendInvitation = checkbox("send-invitation", "Send an invitation e-mail", "sendInvitation");
  const messageCount = h("span", { id: "message-count", class: "counter" });
  const messageIgnored = h(
    "p",
    { id: "message-ignored", class: "note", hidden: true },
    "The message is sent only with an invitation e-mail.",
  );
  const message = h("textarea", {
    id: "message",
    name: "message",
    rows: "3",
    maxlength: "2000",
    "aria-describedby": "message-count message-ignored",
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
  const dryRun = checkbox("dry-run", "Dry run: check and record, send nothing", "dryRun", { role: "switch" });
  dryRun.row.classList.add("switch");
  const route = h(
    "select",
    { id: "route", name: "route", "aria-describedby": "route-note" },
    h("option", { value: "items" }, "Items (Microsoft Graph v1.0)"),
    h("option", { value: "workbooks" }, WORKBOOKS_ROUTE_LABEL),
  );
  const workbooksOption = route.querySelector<HTMLOptionElement>('option[value="workbooks"]');
  const routeNoteText = h("p", { id: "route-note", class: "note" });
  route.addEventListener("change", () =>
    on.options({ route: (route.value === "workbooks" ? "workbooks" : "items") as InviteRoute }),
  );
  const advanced = h(
    "details",
    { id: "advanced", class: "disclosure" },
    h("summary", {}, "Advanced"),
    h("label", { for: "route" }, "Invite through"),
    route,
    routeNoteText,
  );
  advanced.addEventListener("toggle", () => on.advanced(advanced.open));
  const problems = h("ul", {
    id: "problems",
    class: "list problems",
    hidden: true,
    tabindex: "0",
    "aria-label": "Problems",
  });

  const share = h(
    "button",
    { id: "share", type: "submit", class: "primary", "aria-describedby": "share-hint" },
    "Share",
  );
  const cancel = h("button", { id: "cancel", type: "button", hidden: true }, "Cancel");
  cancel.addEventListener("click", () => on.cancel());
  const retry = h("button", { id: "retry-failed", type: "button", hidden: true }, "Retry failed");
  retry.addEventListener("click", () => on.retryFailed());
  const shareHint = h("p", { id: "share-hint", class: "note" });
  const form = h(
    "form",
    { id: "share-form", class: "card", "aria-labelledby": "options-title", novalidate: true },
    h("h2", { id: "options-title" }, "Options"),
    h("label", { for: "role" }, "People can"),
    role,
    requireSignIn.row,
    sendInvitation.row,
    h("div", { class: "label-row" }, h("label", { for: "message" }, "Message (optional)"), messageCount),
    message,
    messageIgnored,
    h("label", { for: "expires" }, "Expires (optional)"),
    expires,
    expiresNote,
    dryRun.row,
    advanced,
    problems,
    h("div", { class: "actions" }, share, cancel, retry),
    shareHint,
  );
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (!share.disabled) on.share();
  });

  // ---- progress and result ------------------------------------------------------------------------
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
  const progressArea = h(
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
  const status = h("p", { id: "status", role: "status", "aria-live": "polite", "aria-atomic": "true" });
  const details = h("ul", { id: "details", class: "list details", tabindex: "0", "aria-label": "Details" });
  const failuresTitle = h("h3", { id: "failures-title", hidden: true }, "Not shared");
  const failures = h("ul", {
    id: "failures",
    class: "list rejects",
    "aria-labelledby": "failures-title",
    tabindex: "0",
  });
  const openLog = h(
    "button",
    { id: "open-log", type: "button", class: "subtle", hidden: true },
    "Show the Permissions sheet",
  );
  let logSheet = "";
  openLog.addEventListener("click", () => on.openSheet(logSheet));
  // The pause after identical failures: a question in the pane, both answers plain buttons.
  const pauseText = h("p", { id: "pause-text", role: "alert" });
  const pauseStop = h("button", { id: "pause-stop", type: "button", class: "primary" }, "Stop");
  const pauseGoOn = h("button", { id: "pause-go-on", type: "button" }, "Go on");
  pauseStop.addEventListener("click", () => on.pauseAnswer(false));
  pauseGoOn.addEventListener("click", () => on.pauseAnswer(true));
  const pausePrompt = h(
    "div",
    { id: "pause", role: "group", "aria-labelledby": "pause-text", hidden: true },
    pauseText,
    h("div", { class: "actions" }, pauseStop, pauseGoOn),
  );
  const resultSection = h(
    "section",
    { class: "card", "aria-labelledby": "status-title" },
    h("h2", { id: "status-title" }, "Progress and results"),
    progressArea,
    pausePrompt,
    status,
    details,
    failuresTitle,
    failures,
    openLog,
  );

  // ---- manage access ------------------------------------------------------------------------------
  const listAccess = h("button", { id: "list-access", type: "button" }, "List current access");
  listAccess.addEventListener("click", () => on.listAccess());
  const revoke = h("button", { id: "revoke", type: "button" }, "Remove access…");
  revoke.addEventListener("click", () => on.revoke());
  const openAccess = h(
    "button",
    { id: "open-access", type: "button", class: "subtle", hidden: true },
    "Show the sheet",
  );
  let accessSheet = "";
  openAccess.addEventListener("click", () => on.openSheet(accessSheet));
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
  const accessSection = h(
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

  // ---- the confirmation dialog (in the pane, not window.confirm) ------------------------------------
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

  const main = h(
    "main",
    { id: "pane", "aria-labelledby": "title" },
    h("header", { class: "pane-head" }, h("h1", { id: "title" }, "Share this workbook"), account),
    blocker,
    previewSection,
    form,
    resultSection,
    accessSection,
  );
  root.replaceChildren(main, dialog);

  let dialogOpen = false;
  let focusBeforeDialog: HTMLElement | null = null;

  function update(view: PaneView): void {
    setText(accountText, view.account.text);
    setTone(account, view.account.tone);
    show(signOut, view.account.canSignOut);

    show(blocker, view.blocker !== undefined);
    if (view.blocker) {
      setTone(blocker, view.blocker.tone);
      blocker.replaceChildren(
        h("p", {}, view.blocker.text),
        ...view.blocker.details.map((d) => h("p", { class: "note" }, d)),
      );
    }

    // Preview.
    const p = view.preview;
    previewSection.setAttribute("aria-busy", String(p.busy));
    setText(previewSummary, p.summary);
    setText(countValid, String(p.counts.valid));
    setText(countRejected, String(p.counts.rejected));
    setText(countDuplicates, String(p.counts.duplicates));
    show(previewError, p.error !== undefined);
    if (p.error)
      previewError.replaceChildren(
        h("p", {}, p.error.text),
        ...p.error.details.map((d) => h("p", { class: "note" }, d)),
      );
    show(ownSettings, p.ownSettingsNote !== undefined);
    setText(ownSettings, p.ownSettingsNote ?? "");
    setText(recipientsTitle, `Recipients (${p.counts.valid})`);
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
        ),
      "recipients",
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
      "(see the status column)",
    );

    // Options: only what differs is written, so typing and the caret are never disturbed.
    const o = view.options;
    if (role.value !== o.role) role.value = o.role;
    if (requireSignIn.input.checked !== o.requireSignIn) requireSignIn.input.checked = o.requireSignIn;
    if (sendInvitation.input.checked !== o.sendInvitation) sendInvitation.input.checked = o.sendInvitation;
    if (message.value !== o.message) message.value = o.message;
    if (expires.value !== o.expires) expires.value = o.expires;
    if (dryRun.input.checked !== o.dryRun) dryRun.input.checked = o.dryRun;
    dryRun.input.setAttribute("aria-checked", String(o.dryRun));
    if (workbooksOption) workbooksOption.hidden = workbooksOption.disabled = !o.routeOffered;
    if (route.value !== o.route) route.value = o.route;
    for (const el of [
      role,
      requireSignIn.input,
      sendInvitation.input,
      message,
      expires,
      dryRun.input,
      route,
    ]) {
      el.disabled = o.disabled;
    }
    setText(routeNoteText, o.routeNote);
    setText(messageCount, o.messageCount);
    messageCount.classList.toggle("near-limit", o.messageNearLimit);
    show(messageIgnored, o.messageIgnored);
    setText(expiresNote, o.expiresNote);
    lines(problems, o.problems);

    share.disabled = view.share.disabled;
    setText(shareHint, view.share.hint);
    show(cancel, view.cancel.visible);
    cancel.disabled = view.cancel.disabled;
    setText(cancel, view.cancel.label);
    show(retry, view.retry.visible);
    retry.disabled = view.retry.disabled;
    setText(retry, view.retry.label);

    // Progress and result.
    show(progressArea, view.progress !== undefined);
    if (view.progress) {
      progress.max = view.progress.max;
      progress.value = view.progress.value;
      setText(progressText, view.progress.text);
      setText(eta, view.progress.eta ?? "");
      setText(granted.value, String(view.progress.counts.granted));
      setText(failed.value, String(view.progress.counts.failed));
      setText(skipped.value, String(view.progress.counts.skipped));
      setText(remaining.value, String(view.progress.counts.remaining));
    }
    const pausing = view.pause !== undefined;
    if (view.pause) {
      setText(pauseText, view.pause.text);
      setText(pauseStop, view.pause.stopLabel);
      setText(pauseGoOn, view.pause.goOnLabel);
    }
    if (pausing && pausePrompt.hidden) {
      pausePrompt.hidden = false;
      pauseStop.focus(); // keyboard users answer at once; Stop is the safe choice
    } else if (!pausing) {
      pausePrompt.hidden = true;
    }
    setText(status, view.status.text);
    setTone(status, view.status.tone);
    lines(details, view.details);
    show(failuresTitle, view.failures.items.length > 0);
    setList(failures, view.failures, (t) => h("li", {}, t), "(see the Permissions sheet)");
    logSheet = view.openLog.sheet;
    show(openLog, view.openLog.visible);
    setText(openLog, `Show the "${view.openLog.sheet || "Permissions"}" sheet`);

    // Manage access.
    const a = view.access;
    setText(accessStatus, a.text);
    setTone(accessStatus, a.tone);
    listAccess.disabled = !a.canList;
    setText(listAccess, a.openSheet ? "Refresh the list" : "List current access");
    revoke.disabled = !a.canRevoke;
    accessSheet = a.openSheet ?? "";
    show(openAccess, a.openSheet !== undefined);
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

    // Dialog.
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
      (focusBeforeDialog && document.contains(focusBeforeDialog) ? focusBeforeDialog : revoke).focus();
    }
  }

  function applyTheme(theme: OfficeThemeLike | undefined): void {
    const { dark, vars } = themeVariables(theme);
    const style = document.documentElement.style;
    for (const [name, value] of Object.entries(vars)) style.setProperty(name, value);
    if (dark !== undefined) document.documentElement.dataset["theme"] = dark ? "dark" : "light";
  }

  return { root, update, applyTheme };
}
