// The selection panel: the preview of the recipients in the selected cells, the cells that are not
// addresses, duplicates, and the rows with their own settings.

import { recipientLabel } from "../../core/email-address";
import type { ParsedSelection, RejectReason, Role } from "../../core/types";
import { t, type MessageKey } from "../i18n";
import { eventGuard, limited, toErrorInfo, type Banner, type ErrorInfo, type ListView } from "./common";

export interface RecipientLine {
  text: string;
  cell: string;
  /** "Can edit, own message, expires 2030-01-31" when the row has its own settings. */
  own?: string;
}

export interface RejectLine {
  cell: string;
  text: string;
  reason: string;
}

export interface PreviewData {
  recipients: RecipientLine[];
  rejected: RejectLine[];
  duplicates: number;
  /** Rows whose last status says failed, cancelled or partly done. */
  failedRows: number;
  /** Recipients with their own Role / Message / Expires. */
  withOwnSettings: number;
  /** Each listed recipient's key, by its cell (the directory check's answers are by key). */
  keyByCell: Record<string, string>;
}

export type PreviewState =
  | { kind: "loading"; last?: PreviewData }
  | { kind: "ready"; data: PreviewData }
  | { kind: "error"; error: ErrorInfo };

export type PreviewEvent =
  | { type: "previewStarted" }
  | { type: "previewLoaded"; parsed: ParsedSelection; failedRows: number }
  | { type: "previewFailed"; error: unknown };

export const isPreviewEvent = eventGuard<PreviewEvent>(["previewStarted", "previewLoaded", "previewFailed"]);

const ROLE_KEY: Record<Role, MessageKey> = { read: "selection.own.read", write: "selection.own.write" };

/** Why a cell is not a recipient, by the parser's reason; the status beside the row has the details. */
function rejectReason(reason: RejectReason): string {
  return t(`selection.reject.${reason}` satisfies MessageKey);
}

export function previewData(parsed: ParsedSelection, failedRows: number): PreviewData {
  let withOwnSettings = 0;
  const recipients = parsed.recipients.map((r): RecipientLine => {
    const line: RecipientLine = {
      text: recipientLabel(r),
      cell: r.source.address,
    };
    const o = r.overrides;
    if (o && (o.role !== undefined || o.message !== undefined || o.expirationDateTime !== undefined)) {
      withOwnSettings += 1;
      const parts: string[] = [];
      if (o.role) parts.push(t(ROLE_KEY[o.role]));
      if (o.message !== undefined) parts.push(t("selection.own.message"));
      if (o.expirationDateTime)
        parts.push(t("selection.own.expires", { date: o.expirationDateTime.slice(0, 10) }));
      line.own = parts.join(", ");
    }
    return line;
  });
  return {
    recipients,
    rejected: parsed.rejected.map((r) => ({
      cell: r.cell.address,
      text: r.text,
      reason: rejectReason(r.reason),
    })),
    keyByCell: Object.fromEntries(parsed.recipients.map((r) => [r.source.address, r.key])),
    duplicates: parsed.duplicates.length,
    failedRows,
    withOwnSettings,
  };
}

export function reducePreview(preview: PreviewState, event: PreviewEvent): PreviewState {
  switch (event.type) {
    case "previewStarted": {
      const last = preview.kind === "ready" ? preview.data : undefined;
      return last ? { kind: "loading", last } : { kind: "loading" };
    }
    case "previewLoaded":
      return { kind: "ready", data: previewData(event.parsed, event.failedRows) };
    case "previewFailed":
      return { kind: "error", error: toErrorInfo(event.error) };
  }
}

export interface PreviewView {
  busy: boolean;
  summary: string;
  counts: { valid: number; rejected: number; duplicates: number };
  recipients: ListView<RecipientLine>;
  rejected: ListView<RejectLine>;
  ownSettingsNote?: string;
  error?: Banner;
}

/** The data on show: the last good preview stays while the next one loads. */
export function shownPreview(preview: PreviewState): PreviewData | undefined {
  return preview.kind === "ready" ? preview.data : preview.kind === "loading" ? preview.last : undefined;
}

function previewSummary(preview: PreviewState, data: PreviewData | undefined): string {
  if (preview.kind === "error") return t("selection.readFailed");
  if (!data) return t("selection.reading");
  const valid = data.recipients.length;
  const rejected = data.rejected.length;
  if (valid === 0 && rejected === 0) return t("selection.empty");
  return t("selection.summary", {
    recipients: t("selection.summary.recipients", { count: valid }),
    rejected: t("selection.summary.rejected", { count: rejected }),
    duplicates: t("selection.summary.duplicates", { count: data.duplicates }),
  });
}

export function previewView(preview: PreviewState): PreviewView {
  const data = shownPreview(preview);
  const view: PreviewView = {
    busy: preview.kind === "loading",
    summary: previewSummary(preview, data),
    counts: {
      valid: data?.recipients.length ?? 0,
      rejected: data?.rejected.length ?? 0,
      duplicates: data?.duplicates ?? 0,
    },
    recipients: limited(data?.recipients ?? []),
    rejected: limited(data?.rejected ?? []),
  };
  if (data && data.withOwnSettings > 0) {
    view.ownSettingsNote = t("selection.ownSettings", { count: data.withOwnSettings });
  }
  if (preview.kind === "error")
    view.error = { tone: "error", text: preview.error.message, details: preview.error.details };
  return view;
}
