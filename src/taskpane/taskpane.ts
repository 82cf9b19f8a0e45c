// The composition root: builds the real ports (Excel through Office.js, Microsoft Graph over fetch, the
// sign-in) and mounts the pane. Everything the pane shows is decided in state.ts and drawn by render.ts.

import type { InviteRoute } from "../core/ports";
import { systemClock } from "../app/system-clock";
import { createDefaultTokenProvider, DIRECTORY_SCOPES, staticTokenProvider } from "../auth/token-provider";
import { DirectoryApi, type DirectoryTokenProvider } from "../graph/directory-api";
import { GraphApi } from "../graph/graph-api";
import { GraphHttp, type TokenProvider } from "../graph/http";
import { createExcelWorkbookPort } from "../office/excel-workbook";
import { watchRowsHidden } from "../office/row-visibility";
import { accountFromSignIn, developmentAccount, type AccountSource } from "./account";
import { readConfig } from "./config";
import { languageFor, setLanguage, t } from "./i18n";
import { mountPane } from "./pane";
import { startPane, startupWaitMs } from "./startup";

interface PaneSignIn {
  getToken: TokenProvider;
  /** A token that also carries the directory scope (the recipient check); asks only when interactive. */
  directoryToken: DirectoryTokenProvider;
  account: AccountSource;
}

function signInFor(devToken: string | undefined): PaneSignIn {
  // ---- Sign-in (src/auth) -------------------------------------------------------------------------
  // A development build with ?token= talks to the Graph emulator; every other build signs in with MSAL
  // (or says "Sign-in is not configured in this build" when it was built without a client ID).
  if (devToken) {
    const getToken = staticTokenProvider(devToken);
    return { getToken, directoryToken: () => getToken(), account: developmentAccount() };
  }
  const signIn = createDefaultTokenProvider();
  return {
    getToken: signIn.getToken,
    directoryToken: (options) => signIn.scopedToken(DIRECTORY_SCOPES, options),
    account: accountFromSignIn(signIn),
  };
}

/**
 * The add-in reads the selection with ExcelApi 1.9 members (getSelectedRanges, RangeAreas,
 * getSpecialCellsOrNullObject; manifest.xml's <Requirements>). Excel normally does not offer the add-in
 * without 1.9, but where it loads anyway the person gets a plain sentence instead of a failing pane.
 * https://learn.microsoft.com/javascript/api/requirement-sets/excel/excel-api-requirement-sets
 */
function showExcelTooOld(root: HTMLElement): void {
  const note = document.createElement("p");
  note.id = "unsupported-excel";
  note.setAttribute("role", "alert");
  note.textContent = t("pane.excelTooOld");
  root.replaceChildren(note);
}

function main(): void {
  const root = document.getElementById("app");
  if (!root) return;
  setLanguage(languageFor(Office.context.displayLanguage));
  document.documentElement.lang = Office.context.displayLanguage || "en";
  if (!Office.context.requirements.isSetSupported("ExcelApi", "1.9")) {
    showExcelTooOld(root);
    return;
  }
  const config = readConfig(window.location.search);
  const { getToken, directoryToken, account } = signInFor(config.devToken);
  const http = new GraphHttp({ baseUrl: config.graphBaseUrl, getToken });
  const clients = new Map<InviteRoute, GraphApi>();
  const graphFor = (route: InviteRoute) => {
    let client = clients.get(route);
    if (!client) {
      client = new GraphApi(http, { route, clock: systemClock, timeScale: config.timeScale });
      clients.set(route, client);
    }
    return client;
  };
  mountPane(root, {
    workbook: createExcelWorkbookPort(),
    graphFor,
    clock: systemClock,
    account,
    directory: new DirectoryApi({ baseUrl: config.graphBaseUrl, getToken: directoryToken }),
    route: config.route,
    graphBaseUrl: config.graphBaseUrl,
    tuning: { timeScale: config.timeScale },
    theme: () => Office.context.officeTheme,
    onSelectionChanged(listener) {
      const handler = () => listener();
      Office.context.document.addHandlerAsync(Office.EventType.DocumentSelectionChanged, handler);
      return () =>
        Office.context.document.removeHandlerAsync(Office.EventType.DocumentSelectionChanged, { handler });
    },
    onRowsHiddenChanged: watchRowsHidden,
  });
}

// office.js may not have loaded at all (blocked, offline): `Office` is then not even defined.
const app = document.getElementById("app");
if (app) {
  startPane(app, {
    office: typeof Office === "undefined" ? undefined : Office,
    browserLanguage: navigator.language,
    waitMs: startupWaitMs(window.location.search),
    main,
  });
}
