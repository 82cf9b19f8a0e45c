// The task pane: composition root and view. It wires the Office adapters, the Graph client and the
// token provider into the share flow, renders its progress and never decides anything itself.
// Every string from a cell or from Graph reaches the page through textContent, never innerHTML.

import {
  failedRecipients,
  readRecipients,
  runShare,
  type ShareProgress,
  type ShareSummary,
} from "../app/share-flow";
import { systemClock } from "../app/system-clock";
import { isShareError } from "../core/errors";
import type { ParsedSelection, ShareOptions } from "../core/types";
import { GraphApi } from "../graph/graph-api";
import { GraphHttp } from "../graph/http";
import { createExcelWorkbookPort } from "../office/excel-workbook";
import { staticTokenProvider, unconfiguredTokenProvider } from "../auth/token-provider";
import { readConfig } from "./config";

function el<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`missing #${id}`);
  return found as T;
}

function setList(list: HTMLElement, lines: string[], max = 50): void {
  list.replaceChildren(
    ...lines.slice(0, max).map((line) => {
      const li = document.createElement("li");
      li.textContent = line;
      return li;
    }),
  );
  if (lines.length > max) {
    const li = document.createElement("li");
    li.textContent = `… and ${lines.length - max} more (see the Permissions sheet).`;
    list.append(li);
  }
}

function describePreview(p: ParsedSelection): string {
  const n = p.recipients.length;
  const parts = [`${n} ${n === 1 ? "recipient" : "recipients"}`];
  if (p.rejected.length) parts.push(`${p.rejected.length} rejected`);
  if (p.duplicates.length)
    parts.push(`${p.duplicates.length} duplicate${p.duplicates.length === 1 ? "" : "s"} merged`);
  return parts.join(", ") + ".";
}

function describeProgress(p: ShareProgress): string {
  const phase: Record<ShareProgress["phase"], string> = {
    reading: "Reading the selection…",
    resolving: "Finding this workbook in OneDrive or SharePoint…",
    checking: "Checking who already has access…",
    sharing: "Sharing…",
    finishing: "Writing the results…",
    done: "Done.",
  };
  if (p.phase !== "sharing") return phase[p.phase];
  const eta = p.etaMs !== undefined ? `, about ${Math.max(1, Math.round(p.etaMs / 1000))} s left` : "";
  return `Sharing: ${p.granted} granted, ${p.failed} failed, ${p.skipped} skipped, ${p.remaining} remaining${eta}.`;
}

export function describeSummary(s: ShareSummary): string[] {
  const head = s.dryRun
    ? `Dry run: ${s.skipped} would be shared or already have access; nothing was sent.`
    : `${s.granted} granted, ${s.failed} failed, ${s.skipped} skipped${s.cancelled ? " (cancelled)" : ""}.`;
  const lines = [head];
  if (s.rejected.length) lines.push(`${s.rejected.length} cells were not addresses (see the status column).`);
  if (s.duplicates) lines.push(`${s.duplicates} duplicates were merged and sent once.`);
  if (s.sessionNote) lines.push(s.sessionNote);
  if (s.statusesSkipped)
    lines.push(`${s.statusesSkipped} statuses were not written: the cells beside them hold your data.`);
  lines.push(`Details are in the "${s.logSheet}" sheet.`);
  return lines;
}

async function main(): Promise<void> {
  const config = readConfig(window.location.search);
  const getToken = config.devToken ? staticTokenProvider(config.devToken) : unconfiguredTokenProvider();
  const workbook = createExcelWorkbookPort();
  const http = new GraphHttp({ baseUrl: config.graphBaseUrl, getToken });
  const graph = new GraphApi(http, { route: config.route, clock: systemClock, timeScale: config.timeScale });

  const status = el<HTMLParagraphElement>("status");
  const details = el<HTMLUListElement>("details");
  const progressBar = el<HTMLProgressElement>("progress");
  const shareButton = el<HTMLButtonElement>("share");
  const cancelButton = el<HTMLButtonElement>("cancel");
  const retryButton = el<HTMLButtonElement>("retry-failed");
  const message = el<HTMLTextAreaElement>("message");
  const messageCount = el<HTMLParagraphElement>("message-count");
  let controller: AbortController | undefined;

  const showError = (e: unknown) => {
    status.classList.add("error");
    if (isShareError(e)) {
      status.textContent = e.message;
      setList(details, e.details);
    } else {
      status.textContent =
        "Something went wrong. Nothing more was sent; the Permissions sheet shows what was done.";
      setList(details, [e instanceof Error ? e.message : String(e)]);
    }
  };

  const preview = async () => {
    try {
      const parsed = await readRecipients(workbook);
      el("preview-summary").textContent = describePreview(parsed);
      setList(
        el("rejected-list"),
        parsed.rejected.map((r) => r.message),
      );
      retryButton.hidden = failedRecipients(parsed).size === 0;
    } catch (e) {
      showError(e);
    }
  };

  const options = (): ShareOptions => {
    const o: ShareOptions = {
      role: el<HTMLSelectElement>("role").value === "write" ? "write" : "read",
      requireSignIn: el<HTMLInputElement>("require-sign-in").checked,
      sendInvitation: el<HTMLInputElement>("send-invitation").checked,
    };
    if (message.value.trim()) o.message = message.value;
    return o;
  };

  const share = async (only: "all" | "failed") => {
    controller = new AbortController();
    shareButton.disabled = true;
    retryButton.hidden = true;
    cancelButton.hidden = false;
    progressBar.hidden = false;
    status.classList.remove("error");
    details.replaceChildren();
    try {
      const summary = await runShare(
        { workbook, graph, clock: systemClock, tuning: { timeScale: config.timeScale } },
        {
          options: options(),
          dryRun: el<HTMLInputElement>("dry-run").checked,
          only,
          signal: controller.signal,
        },
        {
          onProgress: (p) => {
            status.textContent = describeProgress(p);
            progressBar.max = Math.max(1, p.total);
            progressBar.value = p.total - p.remaining;
          },
        },
      );
      const [head = "", ...rest] = describeSummary(summary);
      status.textContent = head;
      setList(details, rest);
    } catch (e) {
      showError(e);
    } finally {
      shareButton.disabled = false;
      cancelButton.hidden = true;
      progressBar.hidden = true;
      controller = undefined;
      await preview();
    }
  };

  el("share-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    void share("all");
  });
  retryButton.addEventListener("click", () => void share("failed"));
  cancelButton.addEventListener("click", () => {
    controller?.abort();
    status.textContent = "Cancelling: finishing what was already sent…";
  });
  el("refresh").addEventListener("click", () => void preview());
  message.addEventListener("input", () => {
    messageCount.textContent = `${message.value.length.toLocaleString("en-US")} / 2,000`;
  });
  Office.context.document.addHandlerAsync(Office.EventType.DocumentSelectionChanged, () => void preview());
  await preview();
}

Office.onReady(() => {
  void main();
});
