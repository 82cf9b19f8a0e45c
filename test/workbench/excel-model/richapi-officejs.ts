// Loads the REAL office.js Excel client (@microsoft/office-js 1.1.110, dist/excel-web-16.00.debug.js)
// into a jsdom window and routes every context.sync() through a RichApi engine, so tests exercise the
// request bodies office.js really builds and the way it really reads the answers. The request
// executor is plugged in through OfficeExtension.SessionBase._overrideSession, the hook office.js's
// ClientRequestContext consults before creating its own executor (excel-web-16.00.debug.js).

import { readFileSync } from "fs";
import { JSDOM } from "jsdom";
import type { RichApiEngine } from "../../../workbench/excel-model/richapi/engine";

const OFFICE_JS = require.resolve("@microsoft/office-js/dist/excel-web-16.00.debug.js");

export interface RecordedSync {
  /** The request body office.js sent (what ArrayData[4] of the host message carries, parsed). */
  body: { Actions: Array<Record<string, unknown>>; ObjectPaths: Record<string, Record<string, unknown>> };
  /** requestFlags (ArrayData[6]). */
  flags: number;
  response: unknown;
}

export interface RealOfficeJs {
  Excel: typeof Excel;
  OfficeExtension: typeof OfficeExtension;
  syncs: RecordedSync[];
  close(): void;
}

let source: string | undefined;

/** A fresh window running office.js's Excel client whose syncs go to `engine`. */
export function loadRealOfficeJs(engine: RichApiEngine): RealOfficeJs {
  source ??= readFileSync(OFFICE_JS, "utf8");
  const dom = new JSDOM("<!doctype html><html><head></head><body></body></html>", {
    runScripts: "outside-only",
    url: "https://localhost:3000/taskpane.html",
  });
  const win = dom.window as unknown as Record<string, unknown> & { eval(code: string): unknown };
  win.eval(source);
  const syncs: RecordedSync[] = [];
  const executor = {
    executeAsync(_customData: unknown, flags: number, message: { Body: unknown }) {
      // The host sends the body as JSON text and parses the answer back (RichApiMessageUtility).
      const text = JSON.stringify(message.Body);
      const response = JSON.parse(JSON.stringify(engine.execute(text))) as unknown;
      syncs.push({ body: JSON.parse(text) as RecordedSync["body"], flags, response });
      return Promise.resolve({
        HttpStatusCode: 200,
        ErrorCode: "",
        ErrorMessage: "",
        Headers: {},
        Body: response,
      });
    },
  };
  const extension = win.OfficeExtension as { SessionBase: { _overrideSession: unknown } };
  extension.SessionBase._overrideSession = {
    _resolveRequestUrlAndHeaderInfo: () =>
      Promise.resolve({ url: "https://localhost/workbench", headers: {} }),
    _createRequestExecutorOrNull: () => executor,
  };
  return {
    Excel: win.Excel as typeof Excel,
    OfficeExtension: win.OfficeExtension as typeof OfficeExtension,
    syncs,
    close: () => dom.window.close(),
  };
}
