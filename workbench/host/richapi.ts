// office.js's Excel requests (the body of each context.sync()) → the RichApi engine over the workbench's
// WorkbookModel (workbench/excel-model/richapi). One engine per model: "Reset" makes a new sample model,
// and the references office.js keeps (Excel.run's _ReferenceId) belong to the engine that issued them.

import { createRichApiEngine, type RichApiEngine } from "../excel-model/richapi/engine";
import type { WorkbookModel } from "../excel-model/model";
import type { RichApiHandler } from "./office-host";

export interface RichApiPort {
  handler: RichApiHandler;
  /** Every Excel member run on this page so far, over all the models it had ("Range.values(get)", ...). */
  executedMembers(): string[];
  /** Milliseconds spent answering requests so far (the benchmark's breakdown, bench/chromium.ts). */
  busyMs(): number;
}

/**
 * `onUnknown` hears of every action or object path the engine does not implement, with its raw JSON:
 * office.js then gets an error answer and the pane's sync fails, so nothing passes silently.
 */
export function createRichApiPort(
  model: () => WorkbookModel,
  onUnknown: (what: string, raw: string) => void,
): RichApiPort {
  const engines = new Map<WorkbookModel, RichApiEngine>();
  const engineFor = (m: WorkbookModel): RichApiEngine => {
    let engine = engines.get(m);
    if (!engine) {
      engine = createRichApiEngine(m, { onUnknown: (raw, what) => onUnknown(what, raw) });
      engines.set(m, engine);
    }
    return engine;
  };
  let busyMs = 0;
  return {
    handler: (requestBody) => {
      const started = performance.now();
      try {
        return JSON.stringify(engineFor(model()).execute(requestBody));
      } finally {
        busyMs += performance.now() - started;
      }
    },
    busyMs: () => busyMs,
    executedMembers: () =>
      [...new Set([...engines.values()].flatMap((e) => [...e.executedMembers()]))].sort(),
  };
}
