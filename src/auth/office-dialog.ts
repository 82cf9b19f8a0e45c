// The Office side of sign-in: the NAA capability check, the login hint, and the fallback dialog
// (Office.context.ui.displayDialogAsync). The dialog logic works on a small DialogApi so tests can drive
// it; officeDialogApi() and officeAuthHost() adapt the Office.js globals to it.

import { dialogErrorCode, dialogErrorIsCancel } from "./auth-errors";
import { parseDialogMessage, type DialogResult } from "./dialog-protocol";
import type { OfficeAuthHost } from "./msal-token-provider";

export interface DialogHandle {
  /**
   * DialogMessageReceived: the page called messageParent. origin is the sending page's origin; Office
   * leaves it undefined where it lacks the DialogOrigin 1.1 requirement set.
   */
  onMessage(listener: (message: string, origin: string | undefined) => void): void;
  /** DialogEventReceived: e.g. 12006 when the person closed the dialog. */
  onEvent(listener: (code: number) => void): void;
  close(): void;
}

export interface DialogApi {
  display(
    url: string,
    done: (outcome: { ok: true; dialog: DialogHandle } | { ok: false; code: number }) => void,
  ): void;
}

/**
 * Opens the dialog and resolves with its one outcome: the token message, a cancel (closed or ignored),
 * or a failure code. Only a message that Office reports as coming from the pane's own origin is read:
 * one from another origin (the dialog navigated elsewhere) or of unknown origin (an Office without
 * DialogOrigin 1.1, which cannot tell us) is refused, so a token is never taken from a page we did not
 * serve (https://learn.microsoft.com/javascript/api/office/office.dialogmessagereceivedeventargs#office-office-dialogmessagereceivedeventargs-origin-member).
 */
export function createDialogOpener(
  api: DialogApi,
  paneOrigin: string,
): (url: string) => Promise<DialogResult> {
  return (url) =>
    new Promise<DialogResult>((resolve) => {
      let settled = false;
      const finish = (result: DialogResult, closeDialog?: DialogHandle) => {
        if (settled) return;
        settled = true;
        if (closeDialog) {
          try {
            closeDialog.close();
          } catch {
            // Already closed: nothing left to do.
          }
        }
        resolve(result);
      };
      const fromCode = (code: number): DialogResult =>
        dialogErrorIsCancel(code)
          ? { kind: "cancelled" }
          : { kind: "failed", errorCode: dialogErrorCode(code) };

      try {
        api.display(url, (outcome) => {
          if (!outcome.ok) return finish(fromCode(outcome.code));
          const dialog = outcome.dialog;
          dialog.onMessage((message, origin) => {
            if (origin !== paneOrigin) {
              const errorCode = origin === undefined ? "dialog_origin_unknown" : "dialog_origin_mismatch";
              finish({ kind: "failed", errorCode }, dialog);
              return;
            }
            finish(parseDialogMessage(message), dialog);
          });
          dialog.onEvent((code) => finish(fromCode(code), code === 12006 ? undefined : dialog));
        });
      } catch {
        finish({ kind: "failed", errorCode: "office_dialog_unavailable" });
      }
    });
}

/** DialogApi over Office.context.ui.displayDialogAsync. */
export function officeDialogApi(): DialogApi {
  return {
    display(url, done) {
      // Percentages of the screen; enough for the Microsoft sign-in page.
      Office.context.ui.displayDialogAsync(url, { height: 60, width: 30 }, (result) => {
        if (result.status !== Office.AsyncResultStatus.Succeeded) {
          done({ ok: false, code: result.error.code });
          return;
        }
        const dialog = result.value;
        done({
          ok: true,
          dialog: {
            onMessage(listener) {
              dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
                if ("message" in arg) listener(arg.message, arg.origin);
              });
            },
            onEvent(listener) {
              dialog.addEventHandler(Office.EventType.DialogEventReceived, (arg) => {
                if ("error" in arg) listener(arg.error);
              });
            },
            close: () => dialog.close(),
          },
        });
      });
    },
  };
}

/** OfficeAuthHost over the Office.js globals. getAuthContext is left out where this Office lacks it. */
export function officeAuthHost(): OfficeAuthHost {
  const host: OfficeAuthHost = {
    nestedAppAuthSupported: () => Office.context.requirements.isSetSupported("NestedAppAuth", "1.1"),
  };
  const auth = typeof Office !== "undefined" ? (Office.auth as Partial<Office.Auth> | undefined) : undefined;
  if (auth && typeof auth.getAuthContext === "function") {
    host.getAuthContext = () => Office.auth.getAuthContext();
  }
  return host;
}
