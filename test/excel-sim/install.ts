// Installs a simulated host as the globals Excel, Office and OfficeExtension (what office.js defines
// in a task pane), for jest tests and the workbench page.

import type { WorkbookModel } from "../../workbench/excel-model/model";
import { createExcelApi, type ExcelApiOptions } from "./office-js";

const GLOBAL_NAMES = ["Excel", "Office", "OfficeExtension"] as const;

/** Sets globalThis.Excel/Office/OfficeExtension over `model`; returns the function that restores them. */
export function installExcelSimulator(model: WorkbookModel, options: ExcelApiOptions = {}): () => void {
  const api = createExcelApi(model, options);
  const scope = globalThis as unknown as Record<string, unknown>;
  const previous = GLOBAL_NAMES.map((name) => [name, scope[name], name in scope] as const);
  scope.Excel = api.Excel;
  scope.Office = api.Office;
  scope.OfficeExtension = api.OfficeExtension;
  return () => {
    api.dispose();
    for (const [name, value, existed] of previous) {
      if (existed) scope[name] = value;
      else delete scope[name];
    }
  };
}
