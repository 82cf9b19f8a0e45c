// Query (ActionType 2) and QueryAsJson (7): the loaded properties of an object, as office.js reads
// them back. Query answers use the PascalCase names the generated _handleResult methods read
// (obj["Address"], obj["Areas"], collections as {_Items:[...]}); QueryAsJson answers use the camelCase
// names and "items" that Utility.processRetrieveResult reads (excel-web-16.00.debug.js).

import type { WorkbookModel } from "../model";
import { camel, pascal } from "./class-def";
import { classOf } from "./members";
import type { QueryInfo, RecursiveQueryInfo } from "./protocol";
import { NotImplementedError, type Target } from "./targets";

export interface QueryContext {
  model: WorkbookModel;
  /** true for QueryAsJson. */
  json: boolean;
  /** Called with "Range.values(get)", "RangeAreas.areas", ... for each member read. */
  log: (member: string) => void;
}

type Json = Record<string, unknown>;

/** "areas/rowIndex" → ["Areas", "rowIndex"]; a path of one segment has rest "". */
function groupByFirst(paths: readonly string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const path of paths) {
    const cut = path.indexOf("/");
    const first = pascal(cut < 0 ? path : path.slice(0, cut));
    const rest = cut < 0 ? "" : path.slice(cut + 1);
    groups.set(first, [...(groups.get(first) ?? []), rest]);
  }
  return groups;
}

function clean(list: readonly string[] | null | undefined): string[] {
  return (list ?? []).map((s) => s.trim()).filter((s) => s !== "");
}

function keyOf(ctx: QueryContext, name: string): string {
  return ctx.json ? camel(name) : name;
}

function readScalar(ctx: QueryContext, target: Target, name: string): unknown {
  const def = classOf(target);
  const get = def.props?.[name]?.get;
  if (!get) throw new NotImplementedError(`the property ${def.name}.${camel(name)}`);
  ctx.log(`${def.name}.${camel(name)}(get)`);
  return get(target, ctx.model);
}

function readNavigation(
  ctx: QueryContext,
  target: Target,
  name: string,
  select: string[] | undefined,
  expand: string[],
): unknown {
  const def = classOf(target);
  const nav = def.nav?.[name];
  if (!nav) throw new NotImplementedError(`the navigation property ${def.name}.${camel(name)}`);
  ctx.log(`${def.name}.${camel(name)}`);
  const child = nav(target, ctx.model);
  return child === null ? null : queryTarget(ctx, child, { Select: select ?? null, Expand: expand });
}

function queryObject(
  ctx: QueryContext,
  target: Target,
  select: string[] | undefined,
  expand: string[],
): Json {
  const def = classOf(target);
  const out: Json = {};
  const navSelect = new Map<string, string[] | undefined>();
  if (select === undefined) {
    for (const [name, prop] of Object.entries(def.props ?? {})) {
      if (prop.get) out[keyOf(ctx, name)] = readScalar(ctx, target, name);
    }
  } else {
    for (const [name, rests] of groupByFirst(select)) {
      const deeper = rests.filter((r) => r !== "");
      if (deeper.length === 0 && !def.nav?.[name]) out[keyOf(ctx, name)] = readScalar(ctx, target, name);
      else navSelect.set(name, deeper.length > 0 ? deeper : undefined);
    }
  }
  const navExpand = groupByFirst(expand);
  for (const name of new Set([...navSelect.keys(), ...navExpand.keys()])) {
    const subExpand = (navExpand.get(name) ?? []).filter((r) => r !== "");
    out[keyOf(ctx, name)] = readNavigation(ctx, target, name, navSelect.get(name), subExpand);
  }
  return out;
}

function stripItems(paths: string[]): string[] {
  return paths
    .map((p) => (p === "items" ? "" : p.startsWith("items/") ? p.slice(6) : p))
    .filter((p) => p !== "");
}

function queryCollection(ctx: QueryContext, target: Target, query: QueryInfo): Json {
  const def = classOf(target);
  const items = def.items?.(target, ctx.model) ?? [];
  const select = query.Select ? stripItems(clean(query.Select)) : undefined;
  const expand = stripItems(clean(query.Expand));
  const isOwn = (path: string): boolean => !path.includes("/") && def.props?.[pascal(path)] !== undefined;
  const own = select === undefined ? Object.keys(def.props ?? {}).map(camel) : select.filter(isOwn);
  const itemSelect = select?.filter((p) => !isOwn(p));
  const out: Json = queryObject(ctx, target, own, []);
  if (
    select === undefined ||
    (itemSelect?.length ?? 0) > 0 ||
    expand.length > 0 ||
    query.Select?.includes("items")
  ) {
    const skip = query.Skip ?? 0;
    const page = items.slice(
      skip,
      query.Top === null || query.Top === undefined ? undefined : skip + query.Top,
    );
    const itemsKey = ctx.json ? "items" : "_Items";
    out[itemsKey] = page.map((item) =>
      queryTarget(ctx, item, {
        Select: itemSelect && itemSelect.length > 0 ? itemSelect : null,
        Expand: expand,
      }),
    );
  }
  return out;
}

/** The answer to a Query of `target` with office.js's Select/Expand/Top/Skip. */
export function queryTarget(ctx: QueryContext, target: Target, query: QueryInfo): Json {
  if (classOf(target).items) return queryCollection(ctx, target, query);
  const select = query.Select ? clean(query.Select) : undefined;
  return queryObject(ctx, target, select, clean(query.Expand));
}

function hasQuery(target: Target, queries: Record<string, QueryInfo>): boolean {
  const def = classOf(target);
  return queries[def.name] !== undefined || def.items !== undefined;
}

/**
 * RecursiveQuery (ActionType 6, context.loadRecursive): each object reached through navigation
 * properties, down to MaxDepth, answers the query given for its class; office.js hands the answer to
 * the same _handleResult as a Query. The exact server semantics are not in office.js: this follows it.
 */
export function recursiveQuery(ctx: QueryContext, target: Target, info: RecursiveQueryInfo, depth = 0): Json {
  const queries = info.Queries ?? {};
  const def = classOf(target);
  const own = queries[def.name];
  const out: Json = own ? queryTarget(ctx, target, { ...own, Expand: null }) : {};
  if (depth >= (info.MaxDepth ?? 1)) return out;
  if (def.items) {
    const items = def.items(target, ctx.model).filter((item) => hasQuery(item, queries));
    out[ctx.json ? "items" : "_Items"] = items.map((item) => recursiveQuery(ctx, item, info, depth + 1));
  }
  for (const [name, nav] of Object.entries(def.nav ?? {})) {
    const child = nav(target, ctx.model);
    if (child === null || !hasQuery(child, queries)) continue;
    ctx.log(`${def.name}.${camel(name)}`);
    out[keyOf(ctx, name)] = recursiveQuery(ctx, child, info, depth + 1);
  }
  return out;
}
