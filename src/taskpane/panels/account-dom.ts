// The page's account line (with Sign out) and the blocker banner above everything.

import { h, setText, setTone, show, type PaneHandlers } from "../dom";
import { t } from "../i18n";
import type { PaneView } from "../state";

export function accountDom(on: PaneHandlers): {
  account: HTMLElement;
  blocker: HTMLElement;
  update(view: PaneView): void;
} {
  const accountText = h("span", { id: "account-text" });
  const signOut = h("button", { id: "sign-out", type: "button", class: "link" }, t("account.signOut"));
  signOut.addEventListener("click", () => on.signOut());
  // Sign-in spot (src/auth): "Signed in as … / Sign out / Sign-in is not configured in this build".
  const account = h("div", { id: "account", class: "account" }, accountText, signOut);
  const blocker = h("div", { id: "blocker", class: "message-bar", role: "alert", hidden: true });

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
  }
  return { account, blocker, update };
}
