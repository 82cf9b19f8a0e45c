// The shape of one Excel class as the engine implements it. Names are the PascalCase names office.js
// puts on the wire (ObjectPath/Action "Name", Query results); the engine logs them camelCased, as the
// add-in's code spells them ("Range.values", "Workbook.getSelectedRanges").

import type { WorkbookModel } from "../model";
import type { Target } from "./targets";

export interface PropertyDef<T> {
  get?: (target: T, model: WorkbookModel) => unknown;
  set?: (target: T, value: unknown, model: WorkbookModel) => void;
}

/** A method argument: a plain JSON value, or the target of an object path (ReferencedObjectPathIds). */
export type MethodArgs = readonly unknown[];

export interface ClassDef<T> {
  readonly name: string;
  /** Scalar properties. */
  readonly props?: Readonly<Record<string, PropertyDef<T>>>;
  /** Navigation properties (ObjectPathType 4): child objects, e.g. Workbook.Worksheets, Range.Format. */
  readonly nav?: Readonly<Record<string, (target: T, model: WorkbookModel) => Target | null>>;
  /** Methods that return an object (ObjectPathType 3), e.g. Worksheet.GetRange; null for a null object. */
  readonly paths?: Readonly<
    Record<string, (target: T, args: MethodArgs, model: WorkbookModel) => Target | null>
  >;
  /** Methods run by a Method action (ActionType 3), e.g. Worksheet.Activate; returns the result value. */
  readonly actions?: Readonly<Record<string, (target: T, args: MethodArgs, model: WorkbookModel) => unknown>>;
  /** Collections: the items, in order (Query results `_Items`, GetItemAt). */
  readonly items?: (target: T, model: WorkbookModel) => Target[];
  /** Collections addressed by key (ObjectPathType 5, what collection.getItem(key) sends). */
  readonly indexer?: (target: T, key: unknown, model: WorkbookModel) => Target;
}

export function camel(pascal: string): string {
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}

export function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
