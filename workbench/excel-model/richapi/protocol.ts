// The RichApi request and response bodies as office.js 1.1.110 builds and reads them
// (node_modules/@microsoft/office-js/dist/excel-web-16.00.debug.js: ClientRequest
// buildRequestMessageBodyAndRequestFlags, ActionFactory, ObjectPathFactory,
// ClientRequestContext.processRequestExecutorResponseMessage, ClientRequestBase.processResponse).

import { ExcelSimError } from "../errors";

export const ActionType = {
  Instantiate: 1,
  Query: 2,
  Method: 3,
  SetProperty: 4,
  Trace: 5,
  RecursiveQuery: 6,
  QueryAsJson: 7,
  EnsureUnchanged: 8,
  Update: 9,
} as const;

export const ObjectPathType = {
  Global: 1,
  NewObject: 2,
  Method: 3,
  Property: 4,
  Indexer: 5,
  ReferenceId: 6,
  NullObject: 7,
} as const;

export interface ArgumentInfo {
  Arguments?: unknown[];
  /** Per argument: the id of the object path passed in its place, or 0 for a plain value. */
  ReferencedObjectPathIds?: number[];
}

/** load() options: property paths in camelCase ("areas/rowIndex"), as office.js sends them. */
export interface QueryInfo {
  Select?: string[] | null;
  Expand?: string[] | null;
  Top?: number | null;
  Skip?: number | null;
}

export interface RecursiveQueryInfo {
  /** Query options by class name ("Worksheet", "Range", ...). */
  Queries?: Record<string, QueryInfo> | null;
  MaxDepth?: number | null;
}

export interface ActionInfo {
  Id: number;
  ActionType: number;
  Name: string;
  ObjectPathId: number;
  ArgumentInfo?: ArgumentInfo;
  QueryInfo?: QueryInfo;
  RecursiveQueryInfo?: RecursiveQueryInfo;
  /** EnsureUnchanged / Update: property values by name. */
  ObjectState?: Record<string, unknown>;
}

export interface ObjectPathInfo {
  Id: number;
  ObjectPathType: number;
  Name: string;
  ParentObjectPathId?: number;
  ArgumentInfo?: ArgumentInfo;
}

export interface RequestBody {
  AutoKeepReference?: boolean;
  Actions: ActionInfo[];
  ObjectPaths: Record<string, ObjectPathInfo>;
}

export interface ActionResult {
  ActionId: number;
  Value: unknown;
}

export interface ErrorInfo {
  Code: string;
  Message: string;
  Location: string;
  /** Index into the request's Actions array; office.js prints the failing statement from it. */
  ActionIndex: number;
  HttpStatusCode: number;
}

export type ResponseBody =
  { Results: ActionResult[]; TraceIds: number[] } | { Error: ErrorInfo; TraceIds: number[] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/** Checks the outline of a request body; the engine checks each action and path as it runs it. */
export function parseRequestBody(body: unknown): RequestBody {
  const parsed: unknown = typeof body === "string" ? JSON.parse(body) : body;
  if (!isObject(parsed) || !Array.isArray(parsed.Actions) || !isObject(parsed.ObjectPaths)) {
    throw new ExcelSimError("InvalidRequest", "The request body has no Actions and ObjectPaths.");
  }
  const actionsOk = parsed.Actions.every(
    (a) => isObject(a) && typeof a.Id === "number" && typeof a.ActionType === "number",
  );
  const pathsOk = Object.values(parsed.ObjectPaths).every(
    (p) => isObject(p) && typeof p.Id === "number" && typeof p.ObjectPathType === "number",
  );
  if (!actionsOk || !pathsOk) throw new ExcelSimError("InvalidRequest", "Malformed action or object path.");
  return parsed as unknown as RequestBody;
}

const HTTP_STATUS: Readonly<Record<string, number>> = {
  AccessDenied: 403,
  GeneralException: 500,
  InvalidArgument: 400,
  InvalidObjectPath: 400,
  InvalidOperation: 400,
  InvalidReference: 400,
  InvalidRequest: 400,
  InvalidSelection: 400,
  ItemAlreadyExists: 409,
  ItemNotFound: 404,
  NonBlankCellOffSheet: 400,
  NotImplemented: 501,
  RequestPayloadSizeLimitExceeded: 400,
  ResponsePayloadSizeLimitExceeded: 400,
};

export function httpStatusOf(code: string): number {
  return HTTP_STATUS[code] ?? 400;
}
