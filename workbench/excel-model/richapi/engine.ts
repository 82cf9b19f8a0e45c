// A RichApi engine: runs the body of each office.js context.sync() (the JSON office.js 1.1.110 posts
// as "ProcessQuery") over the simulated workbook model and answers as Excel on the web would, so the
// REAL office.js client can run against the workbench. Encodings were read from
// node_modules/@microsoft/office-js/dist/excel-web-16.00.debug.js; see docs/richapi-engine.md.

import { ExcelSimError } from "../errors";
import { boxCells, formatAddress, jsonBytes, utf8Length, type WorkbookModel } from "../model";
import { camel, pascal } from "./class-def";
import { classOf } from "./members";
import {
  type RequestState,
  type EngineState,
  methodArguments,
  reportUnknown,
  resolvePath,
} from "./object-paths";
import {
  type ActionInfo,
  type ActionResult,
  ActionType,
  httpStatusOf,
  parseRequestBody,
  type ResponseBody,
} from "./protocol";
import { queryTarget, recursiveQuery } from "./query";
import { NotImplementedError, type Target } from "./targets";

export interface RichApiEngine {
  /**
   * Executes one request body (the parsed JSON, or the JSON text, of the ProcessQuery body) and
   * returns the response body: {Results:[{ActionId, Value}], TraceIds:[]} or
   * {Error:{Code, Message, Location, ActionIndex, HttpStatusCode}, TraceIds:[]}.
   */
  execute(body: unknown): ResponseBody;
  /** Every Excel member run so far, e.g. "Range.values(get)", "Range.values(set)", "Workbook.getSelectedRanges". */
  executedMembers(): Set<string>;
}

export interface RichApiEngineOptions {
  /** Called with the raw JSON of an action or object path the engine does not implement. */
  onUnknown?: (rawJson: string, what: string) => void;
}

const NO_RESULT = Symbol("no result");

/** What the Instantiate of an object answers: office.js re-addresses the object by this (ObjectPath.updateUsingObjectData). */
function instantiateResult(req: RequestState, pathId: number, target: Target): Record<string, unknown> {
  const referenceId = req.kept.get(pathId);
  if (referenceId !== undefined) return { _ReferenceId: referenceId };
  if (target.kind === "Worksheet") return { Id: target.sheet.id };
  if (target.kind === "Table") return { Id: target.table.id };
  return {};
}

/** Where an operation applied, for the operation log (ranges and areas only, as the simulator logs). */
function placeOf(target: Target): { address?: string; cells?: number } {
  if (target.kind === "Range" || target.kind === "RangeFormat") {
    return { address: formatAddress(target.sheet.name, target.box), cells: boxCells(target.box) };
  }
  if (target.kind === "RangeAreas") {
    return {
      address: target.boxes.map((b) => formatAddress(target.sheet.name, b)).join(","),
      cells: target.boxes.reduce((n, b) => n + boxCells(b), 0),
    };
  }
  return {};
}

/** The operation log the workbench shows (WorkbookModel.operations). */
function record(
  model: WorkbookModel,
  target: Target,
  kind: "set" | "call" | "load",
  member: string,
  properties?: string[],
): void {
  model.record({ kind, member, ...placeOf(target), ...(properties ? { properties } : {}) });
}

function setProperty(req: RequestState, target: Target, name: string, value: unknown): void {
  const def = classOf(target);
  const set = def.props?.[name]?.set;
  if (!set) throw new NotImplementedError(`setting ${def.name}.${camel(name)}`);
  req.engine.executed.add(`${def.name}.${camel(name)}(set)`);
  set(target, value, req.engine.model);
  record(req.engine.model, target, "set", `${def.name}.${camel(name)}`);
}

function keepReference(req: RequestState, action: ActionInfo, target: Target): null {
  const referenceId = `sim-ref-${req.engine.nextReference++}`;
  req.engine.references.set(referenceId, target);
  req.kept.set(action.ObjectPathId, referenceId);
  return null;
}

function callMethod(req: RequestState, action: ActionInfo): unknown {
  const target = resolvePath(req, action.ObjectPathId);
  if (target === null) return null; // methods of a null object do nothing
  if (action.Name === "_KeepReference") return keepReference(req, action, target);
  const args = methodArguments(req, action.ArgumentInfo);
  if (action.Name === "_RemoveReference" && target.kind === "Workbook") {
    req.engine.references.delete(String(args[0]));
    return null;
  }
  const def = classOf(target);
  const method = def.actions?.[action.Name];
  if (!method) throw new NotImplementedError(`the method ${def.name}.${camel(action.Name)}`);
  req.engine.executed.add(`${def.name}.${camel(action.Name)}`);
  const value = method(target, args, req.engine.model);
  record(req.engine.model, target, "call", `${def.name}.${camel(action.Name)}`);
  return value ?? null;
}

function query(req: RequestState, action: ActionInfo, json: boolean): unknown {
  const target = resolvePath(req, action.ObjectPathId);
  if (target === null) return null; // office.js reads a null Value as isNullObject = true
  const log = (member: string): void => void req.engine.executed.add(member);
  const result = queryTarget({ model: req.engine.model, json, log }, target, action.QueryInfo ?? {});
  record(
    req.engine.model,
    target,
    "load",
    `${classOf(target).name}.load`,
    action.QueryInfo?.Select ?? undefined,
  );
  return result;
}

function runRecursiveQuery(req: RequestState, action: ActionInfo): unknown {
  const target = resolvePath(req, action.ObjectPathId);
  if (target === null) return null;
  const log = (member: string): void => void req.engine.executed.add(member);
  return recursiveQuery(
    { model: req.engine.model, json: false, log },
    target,
    action.RecursiveQueryInfo ?? {},
  );
}

function ensureUnchanged(req: RequestState, action: ActionInfo): void {
  const target = resolvePath(req, action.ObjectPathId);
  if (target === null) return;
  const def = classOf(target);
  for (const [name, expected] of Object.entries(action.ObjectState ?? {})) {
    const get = def.props?.[pascal(name)]?.get;
    if (!get) throw new NotImplementedError(`the property ${def.name}.${camel(name)}`);
    if (JSON.stringify(get(target, req.engine.model)) !== JSON.stringify(expected)) {
      throw new ExcelSimError("InvalidOperation", `${def.name}.${camel(name)} has changed.`);
    }
  }
}

function update(req: RequestState, action: ActionInfo): void {
  const target = resolvePath(req, action.ObjectPathId);
  if (target === null) return;
  for (const [name, value] of Object.entries(action.ObjectState ?? {}))
    setProperty(req, target, pascal(name), value);
}

/** Runs one action; returns its result value, or NO_RESULT for actions office.js expects none from. */
function runAction(req: RequestState, action: ActionInfo, traceIds: number[]): unknown {
  switch (action.ActionType) {
    case ActionType.Instantiate: {
      const target = resolvePath(req, action.ObjectPathId);
      return target === null ? null : instantiateResult(req, action.ObjectPathId, target);
    }
    case ActionType.Query:
      return query(req, action, false);
    case ActionType.QueryAsJson:
      return query(req, action, true);
    case ActionType.RecursiveQuery:
      return runRecursiveQuery(req, action);
    case ActionType.Method:
      return callMethod(req, action);
    case ActionType.SetProperty: {
      const target = resolvePath(req, action.ObjectPathId);
      if (target !== null) setProperty(req, target, action.Name, action.ArgumentInfo?.Arguments?.[0]);
      return NO_RESULT;
    }
    case ActionType.Update:
      update(req, action);
      return NO_RESULT;
    case ActionType.EnsureUnchanged:
      ensureUnchanged(req, action);
      return NO_RESULT;
    case ActionType.Trace:
      // Echoed in TraceIds, and answered with a result: office.js runs a trace marker's callback from
      // its result (createTraceMarkerForCallback), which is how an event handler's add() takes effect.
      traceIds.push(action.Id);
      return null;
    default:
      throw new NotImplementedError(`ActionType ${action.ActionType}`);
  }
}

function errorResponse(error: unknown, actionIndex: number, traceIds: number[]): ResponseBody {
  const simError =
    error instanceof ExcelSimError
      ? error
      : new ExcelSimError("GeneralException", error instanceof Error ? error.message : String(error));
  const code = simError.code;
  return {
    Error: {
      Code: code,
      Message: simError.message,
      Location: simError.debugInfo.errorLocation ?? "",
      ActionIndex: actionIndex,
      HttpStatusCode: httpStatusOf(code),
    },
    TraceIds: traceIds,
  };
}

function actionLocation(req: RequestState, action: ActionInfo): string {
  const target = req.resolved.get(action.ObjectPathId);
  const owner = target ? `${classOf(target).name}.` : "";
  return action.ActionType === ActionType.Query ? `${owner}load` : `${owner}${camel(action.Name)}`;
}

/**
 * Excel on the web refuses a request or a response over its payload limit as a whole: office.js gets
 * no body, only the code (XDM error 5103 / 5104, which RichApiMessageUtility.buildResponseOnError turns
 * into RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded with HTTP status 400). The
 * engine answers with an Error body carrying that code, status and message and no statement
 * (ActionIndex -1), which office.js surfaces as the same OfficeExtension.Error.
 */
function payloadError(
  code: "RequestPayloadSizeLimitExceeded" | "ResponsePayloadSizeLimitExceeded",
): ResponseBody {
  return errorResponse(new ExcelSimError(code), -1, []);
}

/** Runs `raw` unless it is over the request limit; refuses the answer when it is over the response limit. */
function executeBody(state: EngineState, raw: unknown): ResponseBody {
  const model = state.model;
  const requestBytes = typeof raw === "string" ? utf8Length(raw) : jsonBytes(raw);
  if (requestBytes > model.requestPayloadLimit) {
    model.syncCount++;
    model.recordPayload(requestBytes, 0);
    return payloadError("RequestPayloadSizeLimitExceeded");
  }
  const syncsBefore = model.syncCount;
  const response = runBody(state, raw);
  const responseBytes = jsonBytes(response);
  if (model.syncCount !== syncsBefore) model.recordPayload(requestBytes, responseBytes);
  // The actions have run (Excel does not roll back); only the answer is refused.
  return responseBytes > model.responsePayloadLimit
    ? payloadError("ResponsePayloadSizeLimitExceeded")
    : response;
}

function runBody(state: EngineState, raw: unknown): ResponseBody {
  let body;
  try {
    body = parseRequestBody(raw);
  } catch (e) {
    return errorResponse(e, -1, []);
  }
  const req: RequestState = {
    engine: state,
    body,
    resolved: new Map(),
    kept: new Map(),
    reported: new WeakSet(),
  };
  const results: ActionResult[] = [];
  const traceIds: number[] = [];
  if (body.Actions.length > 0) state.model.syncCount++;
  try {
    for (const [index, action] of body.Actions.entries()) {
      try {
        const value = runAction(req, action, traceIds);
        if (value !== NO_RESULT) results.push({ ActionId: action.Id, Value: value });
      } catch (e) {
        reportUnknown(req, e, action);
        if (e instanceof ExcelSimError) e.at(actionLocation(req, action));
        return errorResponse(e, index, traceIds);
      }
    }
  } finally {
    if (body.Actions.length > 0) state.model.emit({ kind: "sync" });
  }
  return { Results: results, TraceIds: traceIds };
}

export function createRichApiEngine(model: WorkbookModel, options: RichApiEngineOptions = {}): RichApiEngine {
  const state: EngineState = {
    model,
    references: new Map(),
    nextReference: 1,
    executed: new Set(),
    onUnknown: options.onUnknown,
  };
  return {
    execute: (body) => executeBody(state, body),
    executedMembers: () => new Set(state.executed),
  };
}
