// What the workbench server tells the workbench page at /workbench/config.json.

export interface WorkbenchConfig {
  /** The Graph emulator's base URL, e.g. "http://127.0.0.1:3001/v1.0". */
  graphBaseUrl: string;
  documentUrl: string;
  users: Array<{ displayName: string; email: string }>;
}
