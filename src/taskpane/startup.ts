// Starting the pane: wait for Office, and when it never comes say what is wrong and what to do,
// instead of "Loading…" forever. Runs before Office is ready, and when office.js failed to load at all
// (Office undefined), so it touches no Office API and takes the language from the browser.

import { languageFor, setLanguage, t, type MessageKey } from "./i18n";

/** How long the pane waits for Excel before saying it has not answered. */
export const DEFAULT_STARTUP_WAIT_MS = 6000;

export type StartupProblem = "notInExcel" | "noOfficeJs" | "waiting";

/** What Office.onReady gives: `host` is null outside an Office application. */
interface ReadyInfo {
  host: unknown;
}

export interface StartupOptions {
  /** The Office namespace, or undefined when office.js did not load. */
  office: { onReady(): Promise<ReadyInfo> } | undefined;
  /** navigator.language: Office cannot be asked yet. */
  browserLanguage: string | undefined;
  waitMs: number;
  /** Mounts the pane once Excel is ready. */
  main(): void;
}

/** `?startupWait=<ms>` (100 to 60,000) shortens or lengthens the wait, for tests; else the default. */
export function startupWaitMs(search: string): number {
  const value = Number(new URLSearchParams(search).get("startupWait"));
  return Number.isInteger(value) && value >= 100 && value <= 60_000 ? value : DEFAULT_STARTUP_WAIT_MS;
}

const TEXTS: Readonly<Record<StartupProblem, readonly MessageKey[]>> = {
  notInExcel: ["startup.notInExcel.title", "startup.notInExcel.body"],
  noOfficeJs: [
    "startup.noOfficeJs.title",
    "startup.noOfficeJs.body",
    "startup.ifInExcel",
    "startup.ifBrowser",
  ],
  waiting: ["startup.waiting.title", "startup.waiting.body", "startup.ifInExcel", "startup.ifBrowser"],
};

/** Replaces the pane's content with what is wrong and what to do (an alert, so it is announced). */
export function showStartupProblem(root: HTMLElement, problem: StartupProblem, waitMs: number): void {
  const [title, ...paragraphs] = TEXTS[problem];
  const box = document.createElement("section");
  box.id = "startup-problem";
  box.className = "startup-problem";
  box.dataset.problem = problem;
  box.setAttribute("role", "alert");
  const heading = document.createElement("h1");
  heading.textContent = title ? t(title) : "";
  box.append(heading);
  for (const key of paragraphs) {
    const p = document.createElement("p");
    p.textContent = t(key, { seconds: Math.round(waitMs / 1000) });
    box.append(p);
  }
  root.replaceChildren(box);
}

/**
 * Shows "Loading…" in the browser's language, then mounts the pane when Office says this is an Office
 * application. Outside one (Office.onReady without a host), without office.js, or when Office has not
 * answered after `waitMs`, the pane says so; should Excel answer after all, the pane still starts.
 */
export function startPane(root: HTMLElement, options: StartupOptions): void {
  const language = languageFor(options.browserLanguage);
  setLanguage(language);
  document.documentElement.lang = language;
  const loading = root.querySelector(".loading");
  if (loading) loading.textContent = t("startup.loading");
  const { office, waitMs } = options;
  if (!office) {
    showStartupProblem(root, "noOfficeJs", waitMs);
    return;
  }
  const timer = setTimeout(() => showStartupProblem(root, "waiting", waitMs), waitMs);
  void office.onReady().then(
    (info) => {
      clearTimeout(timer);
      if (info.host) options.main();
      else showStartupProblem(root, "notInExcel", waitMs);
    },
    () => {
      clearTimeout(timer);
      showStartupProblem(root, "noOfficeJs", waitMs);
    },
  );
}
