// The page: builds the pane's DOM once with createElement/textContent (never innerHTML: strings from
// cells and from Graph are data) and then updates it from a PaneView. It decides nothing; every text
// comes from state.ts. Element ids are stable: the browser tests use them. Each card is built and
// updated by its panel in panels/*-dom.ts.

import { h, type PaneHandlers } from "./dom";
import { t } from "./i18n";
import { accessDom, confirmDom } from "./panels/access-dom";
import { accountDom } from "./panels/account-dom";
import { optionsDom } from "./panels/options-dom";
import { runDom } from "./panels/run-dom";
import { selectionDom } from "./panels/selection-dom";
import type { PaneView } from "./state";
import { themeVariables, type OfficeThemeLike } from "./theme";

export type { PaneHandlers } from "./dom";

export interface PaneDom {
  root: HTMLElement;
  update(view: PaneView): void;
  applyTheme(theme: OfficeThemeLike | undefined): void;
}

function applyTheme(theme: OfficeThemeLike | undefined): void {
  const { dark, vars } = themeVariables(theme);
  const style = document.documentElement.style;
  for (const [name, value] of Object.entries(vars)) style.setProperty(name, value);
  if (dark !== undefined) document.documentElement.dataset["theme"] = dark ? "dark" : "light";
}

interface Panel {
  update(view: PaneView): void;
}

/** A panel that shows only `part` of the view: its update is skipped while that part is unchanged. */
function unlessSame(panel: Panel, part: (view: PaneView) => unknown): Panel {
  let last: string | undefined;
  return {
    update(view) {
      const key = JSON.stringify(part(view));
      if (key === last) return;
      last = key;
      panel.update(view);
    },
  };
}

export function createPaneDom(root: HTMLElement, on: PaneHandlers): PaneDom {
  const account = accountDom(on);
  const selection = selectionDom(on);
  const options = optionsDom(on);
  const run = runDom(on);
  const access = accessDom(on);
  const main = h(
    "main",
    { id: "pane", "aria-labelledby": "title" },
    h("header", { class: "pane-head" }, h("h1", { id: "title" }, t("pane.title")), account.account),
    account.blocker,
    selection.element,
    options.element,
    run.element,
    access.element,
  );
  const confirm = confirmDom(on, main, access.revoke, access.status);
  root.replaceChildren(main, confirm.element);
  // taskpane.html's static <title>, in the pane's language.
  document.title = t("pane.documentTitle");

  // In page order: the pause prompt and the dialog each take the focus when they open. The recipient
  // and access lists are drawn again only when what they show changed, not on every progress step.
  const panels = [
    account,
    unlessSame(selection, (view) => [view.preview, view.directory]),
    options,
    run,
    unlessSame(access, (view) => [view.access, view.confirm]),
    confirm,
  ];
  return {
    root,
    update: (view) => {
      for (const panel of panels) panel.update(view);
    },
    applyTheme,
  };
}
