// Resolving object paths (ObjectPathType 1-7) to targets. Each path is resolved once per request, at
// the first action that uses it (office.js always Instantiates a path before using it), so a method
// with effects such as worksheets.add runs exactly once, at its place in the request.

import { ExcelSimError } from "../errors";
import { camel } from "./class-def";
import { classOf, NEW_OBJECTS } from "./members";
import { type ArgumentInfo, ObjectPathType, type ObjectPathInfo, type RequestBody } from "./protocol";
import { NotImplementedError, type Target } from "./targets";
import type { WorkbookModel } from "../model";

export interface EngineState {
  readonly model: WorkbookModel;
  /** Objects kept across requests by _KeepReference, by the _ReferenceId handed to office.js. */
  readonly references: Map<string, Target>;
  nextReference: number;
  readonly executed: Set<string>;
  readonly onUnknown: ((rawJson: string, what: string) => void) | undefined;
}

export interface RequestState {
  readonly engine: EngineState;
  readonly body: RequestBody;
  readonly resolved: Map<number, Target | null>;
  /** Path ids whose objects were kept in this request, with their reference ids. */
  readonly kept: Map<number, string>;
  /** Errors already passed to onUnknown (a path's error surfaces again through its action). */
  readonly reported: WeakSet<object>;
}

/** Reports a NotImplementedError to onUnknown once, with the JSON of what could not be run. */
export function reportUnknown(req: RequestState, error: unknown, raw: unknown): void {
  if (!(error instanceof NotImplementedError) || req.reported.has(error)) return;
  req.reported.add(error);
  req.engine.onUnknown?.(JSON.stringify(raw), error.what);
}

/** Method arguments, with object-path arguments (ReferencedObjectPathIds) replaced by their targets. */
export function methodArguments(req: RequestState, info: ArgumentInfo | undefined): unknown[] {
  const args = info?.Arguments ?? [];
  const refs = info?.ReferencedObjectPathIds ?? [];
  return args.map((arg, i) => {
    const pathId = refs[i];
    return pathId ? resolvePath(req, pathId) : arg;
  });
}

function child(req: RequestState, info: ObjectPathInfo, parent: Target): Target | null {
  const def = classOf(parent);
  const model = req.engine.model;
  const log = (member: string): void => void req.engine.executed.add(`${def.name}.${member}`);
  if (info.ObjectPathType === ObjectPathType.Property) {
    const nav = def.nav?.[info.Name];
    if (!nav) throw new NotImplementedError(`the navigation property ${def.name}.${camel(info.Name)}`);
    log(camel(info.Name));
    return nav(parent, model);
  }
  if (info.ObjectPathType === ObjectPathType.Indexer) {
    // collection.getItem(key) travels as an indexer; office.js also re-addresses items by their Id.
    if (!def.indexer) throw new NotImplementedError(`an indexer on ${def.name}`);
    log("getItem");
    return def.indexer(parent, info.ArgumentInfo?.Arguments?.[0], model);
  }
  const method = def.paths?.[info.Name];
  if (!method)
    throw new NotImplementedError(`the method ${def.name}.${camel(info.Name)} (returning an object)`);
  log(camel(info.Name));
  return method(parent, methodArguments(req, info.ArgumentInfo), model);
}

/** Where office.js's debugInfo.errorLocation points for a failing path, e.g. "WorksheetCollection.getItem". */
function locationOf(req: RequestState, info: ObjectPathInfo): string {
  const parent =
    info.ParentObjectPathId === undefined ? undefined : req.resolved.get(info.ParentObjectPathId);
  const owner = parent ? classOf(parent).name : "";
  const member = info.ObjectPathType === ObjectPathType.Indexer ? "getItem" : camel(info.Name);
  return owner === "" ? member : `${owner}.${member}`;
}

function resolveInfo(req: RequestState, info: ObjectPathInfo): Target | null {
  switch (info.ObjectPathType) {
    case ObjectPathType.Global:
      return { kind: "Workbook" };
    case ObjectPathType.NullObject:
      return null;
    case ObjectPathType.NewObject: {
      const created = NEW_OBJECTS[info.Name];
      if (!created) throw new NotImplementedError(`the object type ${info.Name}`);
      return created;
    }
    case ObjectPathType.ReferenceId: {
      const kept = req.engine.references.get(info.Name);
      if (!kept) throw new ExcelSimError("InvalidReference", `No object is kept as '${info.Name}'.`);
      return kept;
    }
    case ObjectPathType.Property:
    case ObjectPathType.Indexer:
    case ObjectPathType.Method: {
      if (info.ParentObjectPathId === undefined) throw new ExcelSimError("InvalidObjectPath");
      const parent = resolvePath(req, info.ParentObjectPathId);
      // Everything reached from a null object is a null object.
      return parent === null ? null : child(req, info, parent);
    }
    default:
      throw new NotImplementedError(`ObjectPathType ${info.ObjectPathType}`);
  }
}

/** The target of a path (null for a null object); throws ExcelSimError with its location. */
export function resolvePath(req: RequestState, id: number): Target | null {
  const cached = req.resolved.get(id);
  if (cached !== undefined) return cached;
  const info = req.body.ObjectPaths[String(id)];
  if (!info) throw new ExcelSimError("InvalidObjectPath", `The request has no object path ${id}.`);
  try {
    const target = resolveInfo(req, info);
    req.resolved.set(id, target);
    return target;
  } catch (e) {
    reportUnknown(req, e, info);
    if (e instanceof ExcelSimError) throw e.at(locationOf(req, info));
    throw e;
  }
}
