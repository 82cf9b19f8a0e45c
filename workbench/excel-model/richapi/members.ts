// The registry of Excel classes the engine implements, by target kind.

import { camel, type ClassDef } from "./class-def";
import { rangeAreasClass, rangeClass, rangeCollectionClass, rangeFormatClass } from "./members-range";
import { tableClass, tableCollectionClass, tableRowClass, tableRowCollectionClass } from "./members-table";
import {
  addinInternalServiceClass,
  workbookClass,
  worksheetClass,
  worksheetCollectionClass,
} from "./members-workbook";
import type { Target, TargetKind, TargetOf } from "./targets";

type Registry = { readonly [K in TargetKind]: ClassDef<TargetOf<K>> };

const CLASSES: Registry = {
  Workbook: workbookClass,
  WorksheetCollection: worksheetCollectionClass,
  Worksheet: worksheetClass,
  Range: rangeClass,
  RangeFormat: rangeFormatClass,
  RangeAreas: rangeAreasClass,
  RangeCollection: rangeCollectionClass,
  TableCollection: tableCollectionClass,
  Table: tableClass,
  TableRowCollection: tableRowCollectionClass,
  TableRow: tableRowClass,
  AddinInternalService: addinInternalServiceClass,
};

/** The class of a target; its members take that target (the registry is keyed by kind). */
export function classOf(target: Target): ClassDef<Target> {
  return CLASSES[target.kind] as unknown as ClassDef<Target>;
}

/** NewObject paths (ObjectPathType 2) the engine can create, by the type name office.js sends. */
export const NEW_OBJECTS: Readonly<Record<string, Target>> = {
  "Microsoft.InternalService.AddinInternalService": { kind: "AddinInternalService" },
};

/** The camelCase names of every member the engine implements (properties, navigation, methods). */
export function engineMemberNames(): Set<string> {
  const names = new Set<string>();
  for (const def of Object.values(CLASSES) as Array<ClassDef<never>>) {
    for (const group of [def.props, def.nav, def.paths, def.actions]) {
      for (const name of Object.keys(group ?? {})) names.add(camel(name));
    }
    if (def.indexer) names.add("getItem");
  }
  return names;
}
