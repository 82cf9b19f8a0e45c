// What an object path of a RichApi request designates in the simulated workbook. office.js names
// objects by paths (Workbook → Worksheets → GetItem("Sheet1") → GetRange("A1")); the engine resolves
// each path once per request to one of these targets, or to null for a null object (*OrNullObject).

import type { Box, SheetModel, TableModel } from "../model";
import { ExcelSimError, invalidArgument } from "../errors";

export type Target =
  | { kind: "Workbook" }
  | { kind: "WorksheetCollection" }
  | { kind: "Worksheet"; sheet: SheetModel }
  | { kind: "Range"; sheet: SheetModel; box: Box }
  | { kind: "RangeFormat"; sheet: SheetModel; box: Box }
  | { kind: "RangeAreas"; sheet: SheetModel; boxes: Box[] }
  | { kind: "RangeCollection"; sheet: SheetModel; boxes: Box[] }
  /** sheet null: the workbook's tables. */
  | { kind: "TableCollection"; sheet: SheetModel | null }
  | { kind: "Table"; table: TableModel }
  | { kind: "TableRowCollection"; table: TableModel }
  | { kind: "TableRow"; table: TableModel; index: number }
  | { kind: "AddinInternalService" };

export type TargetKind = Target["kind"];
export type TargetOf<K extends TargetKind> = Extract<Target, { kind: K }>;

/** A member the engine does not implement: the engine reports it through onUnknown. */
export class NotImplementedError extends ExcelSimError {
  constructor(readonly what: string) {
    super("NotImplemented", `The workbench's RichApi engine does not implement ${what}.`);
  }
}

// ---- argument readers: RichApi sends method arguments positionally, absent optionals as null ----

export function argString(args: readonly unknown[], i: number, what: string): string {
  const v = args[i];
  if (typeof v !== "string") throw invalidArgument(`${what} must be a string`);
  return v;
}

export function argOptionalString(args: readonly unknown[], i: number, what: string): string | undefined {
  const v = args[i];
  return v === undefined || v === null ? undefined : argString(args, i, what);
}

export function argInt(args: readonly unknown[], i: number, what: string): number {
  const v = args[i];
  if (typeof v !== "number" || !Number.isInteger(v)) throw invalidArgument(`${what} must be an integer`);
  return v;
}

export function argOptionalInt(args: readonly unknown[], i: number, what: string): number | undefined {
  const v = args[i];
  return v === undefined || v === null ? undefined : argInt(args, i, what);
}

export function argBool(args: readonly unknown[], i: number, what: string): boolean | undefined {
  const v = args[i];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "boolean") throw invalidArgument(`${what} must be a boolean`);
  return v;
}
