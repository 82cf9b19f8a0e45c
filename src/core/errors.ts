// One error type with a stable code; the sentence a person reads is looked up from one table, so
// every code has a message and a test can walk them all.

export const SHARE_ERROR_MESSAGES = {
  notInCloud: "This workbook isn't saved to OneDrive or SharePoint yet. Save it there, then try again.",
  unsupportedLocation:
    "This workbook's location isn't a OneDrive or SharePoint address, so it can't be shared from here.",
  workbookNotFound:
    "OneDrive or SharePoint couldn't find this workbook. If it was just moved or renamed, reopen it and try again.",
  noRecipients:
    "The selection holds no e-mail addresses. Select the cells with the addresses, then try again.",
  invalidOptions: "Some sharing options need attention before anything can be sent.",
  notSignedIn: "You're not signed in. Sign in with your work or school account, then try again.",
  accessDenied:
    "You don't have permission to share this workbook. Ask its owner to share it with edit rights.",
  throttled: "Microsoft 365 is limiting requests right now. Wait a few minutes, then retry the failed rows.",
  network: "Microsoft 365 couldn't be reached. Check your connection, then retry the failed rows.",
  workbookWrite:
    "The results couldn't be written to the workbook. If it is read-only or being edited elsewhere, try again.",
  graph: "Microsoft 365 answered with an error. The code and request ID are in the Permissions sheet.",
  cancelled: "Sharing was cancelled. Rows that were not sent are marked; share again to finish them.",
} as const;

export type ShareErrorCode = keyof typeof SHARE_ERROR_MESSAGES;

export class ShareError extends Error {
  readonly code: ShareErrorCode;
  /** Extra lines for the person (e.g. which option is wrong). Never holds tokens. */
  readonly details: string[];

  constructor(code: ShareErrorCode, details: string[] = [], options?: { cause?: unknown }) {
    super(SHARE_ERROR_MESSAGES[code], options);
    this.name = "ShareError";
    this.code = code;
    this.details = details;
  }
}

export function isShareError(e: unknown): e is ShareError {
  return e instanceof ShareError;
}

/**
 * A plain sentence for a Graph failure that every invite of a run met (the pause after identical
 * failures). `withExpiry`: the invites carried an expiration date. Work or school drives refuse it on
 * invitations (microsoft-graph-docs#8820, #17383), so the share flow never sends it there; a personal
 * OneDrive without a premium account refuses it too.
 */
export function failureSentence(
  e: { status: number; code: string; message: string },
  withExpiry: boolean,
): string {
  if (e.code === "invalidRequest" && withExpiry)
    return "Microsoft 365 refused them as invalid. This OneDrive doesn't accept an expiration date on invitations (it needs a premium account): clear the expiration date.";
  if (e.status === 401 || e.status === 403 || e.code === "accessDenied" || e.code === "notAllowed")
    return "Microsoft 365 doesn't allow you to share this workbook with these people (your permissions, or your organization's sharing settings).";
  if (e.code === "invalidRequest")
    return "Microsoft 365 refused them as invalid (for example, addresses in your organization that don't exist).";
  if (e.status === 404) return "Microsoft 365 couldn't find this workbook any more.";
  if (e.status === 0 || e.status >= 500) return "Microsoft 365 isn't answering properly right now.";
  return `Microsoft 365 answered: ${e.message || e.code}`;
}
