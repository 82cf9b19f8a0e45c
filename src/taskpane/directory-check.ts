// The pane's side of the recipient check: after every preview it looks the new addresses up (silently:
// only the person's click may show the consent), keeps what the directory said for this session, and
// aborts a check when the selection moves on, so its late answers never reach the pane.

import { checkRecipients, type DirectoryVerdict, type RecipientCheckDeps } from "../app/recipient-check";
import type { DirectoryLookup } from "../core/ports";
import type { Recipient } from "../core/types";
import type { PaneEvent } from "./state";

export interface DirectoryCheckDeps extends Omit<RecipientCheckDeps, "directory"> {
  directory?: DirectoryLookup | undefined;
}

export interface DirectoryCheck {
  /** A new preview: check its recipients (after it was shown: never before the first paint). */
  onPreview(recipients: readonly Recipient[]): void;
  /** The selection is being read again: the running check is stale. */
  abort(): void;
  /** The person's "Check who they are": may ask for the scope. */
  ask(): void;
}

export function createDirectoryCheck(
  deps: DirectoryCheckDeps,
  dispatch: (event: PaneEvent) => void,
  track: <T>(p: Promise<T>) => Promise<T>,
): DirectoryCheck {
  const known = new Map<string, DirectoryVerdict>();
  let last: readonly Recipient[] = [];
  let controller: AbortController | undefined;
  let seq = 0;
  let refused = false;

  const run = (interactive: boolean) => {
    controller?.abort();
    const emails = last.filter((r) => r.kind === "email");
    const directory = deps.directory;
    if (!directory || emails.length === 0) return dispatch({ type: "directoryIdle" });
    const mine = ++seq;
    // A tenant that refused stays refused for this session: no 403 on every selection.
    if (refused) return dispatch({ type: "directoryUnavailable", seq: mine, why: "refused" });
    const cached = emails.filter((r) => known.has(r.key));
    const missing = emails.filter((r) => !known.has(r.key));
    const fromCache = cached.map((r): [string, DirectoryVerdict] => [
      r.key,
      known.get(r.key) as DirectoryVerdict,
    ]);
    dispatch({ type: "directoryStarted", seq: mine, total: emails.length, known: fromCache });
    if (missing.length === 0) return dispatch({ type: "directoryFinished", seq: mine });
    const ctl = new AbortController();
    controller = ctl;
    const onVerdicts = (verdicts: Map<string, DirectoryVerdict>) => {
      if (ctl.signal.aborted) return;
      for (const [k, v] of verdicts) if (v.kind !== "unchecked") known.set(k, v);
      dispatch({ type: "directoryVerdicts", seq: mine, verdicts: [...verdicts] });
    };
    void track(
      checkRecipients({ ...deps, directory }, missing, { interactive, signal: ctl.signal, onVerdicts }).then(
        (outcome) => {
          if (ctl.signal.aborted || outcome.kind === "stale") return;
          if (outcome.kind === "unavailable") {
            refused ||= outcome.why === "refused";
            dispatch({ type: "directoryUnavailable", seq: mine, why: outcome.why });
          } else dispatch({ type: "directoryFinished", seq: mine });
        },
        // The check is an extra: whatever goes wrong, sharing is not affected.
        () => dispatch({ type: "directoryFinished", seq: mine }),
      ),
    );
  };

  return {
    onPreview(recipients) {
      last = recipients;
      run(false);
    },
    abort() {
      controller?.abort();
      controller = undefined;
    },
    ask() {
      run(true);
    },
  };
}
