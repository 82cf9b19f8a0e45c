// The RichApi request as it crosses the XDM channel: office.js's executeRichApiRequestAsync
// (DispatchId 93) sends `ArrayData` = [customData, "POST", "ProcessQuery", headerPairs, bodyJson,
// appPermission, requestFlags, ...] (RichApiMessageUtility.buildRequestMessageSafeArray) and reads
// the reply's `Data` as [statusCode, headerPairs, bodyJson] (getResponseStatusCodeFromSafeArray,
// getResponseHeadersFromSafeArray, getResponseBodyFromSafeArray), all in
// @microsoft/office-js/dist/excel-web-16.00.debug.js.

import type { RichApiEngine } from "./engine";

/** What a host page puts in the reply's `_data.Data`. */
export type RichApiReplyData = [statusCode: number, headerPairs: string[], bodyJson: string];

/**
 * Runs the request carried by `arrayData` and returns the reply's Data. office.js parses the body
 * whatever the status (OfficeJsRequestExecutor.executeAsync), so failures travel as `Error` bodies
 * with status 200, as the engine's own errors do.
 */
export function answerRichApiArrayData(engine: RichApiEngine, arrayData: unknown): RichApiReplyData {
  const array: unknown[] = Array.isArray(arrayData) ? arrayData : [];
  const [, method, path, , body] = array;
  if (method !== "POST" || path !== "ProcessQuery" || typeof body !== "string") {
    const message = `Not a ProcessQuery request: ${JSON.stringify([method, path])}`;
    const error = {
      Code: "InvalidRequest",
      Message: message,
      Location: "",
      ActionIndex: -1,
      HttpStatusCode: 400,
    };
    return [200, [], JSON.stringify({ Error: error, TraceIds: [] })];
  }
  return [200, [], JSON.stringify(engine.execute(body))];
}
