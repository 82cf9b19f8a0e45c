// The contract between the workbench page (parent window) and the office.js stand-in that the task pane
// frame loads: the parent owns the workbook model and the simulated Office objects; the frame asks for
// them once, before the task pane's own bundle runs.

/** What office.js would define as globals in a task pane. */
export interface OfficeGlobals {
  Office: unknown;
  Excel: unknown;
  OfficeExtension: unknown;
}

export interface ExcelSimulatorBridge {
  /** Fresh Office/Excel/OfficeExtension objects for a (re)loaded task pane frame. */
  connect(frame: Window): OfficeGlobals;
}

/** The property of the parent window that holds the bridge. */
export const BRIDGE_KEY = "__excelSimulator";

/** What the server tells the page at /workbench/config.json. */
export interface WorkbenchConfig {
  /** The Graph emulator's base URL, e.g. "http://127.0.0.1:3001/v1.0". */
  graphBaseUrl: string;
  devToken: string;
  documentUrl: string;
  users: Array<{ displayName: string; email: string }>;
}
