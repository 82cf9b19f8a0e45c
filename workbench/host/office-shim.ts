// Stands in for https://appsforoffice.microsoft.com/lib/1/hosted/office.js inside the task pane frame.
// The workbench server rewrites the task pane's office.js <script> to this file, so it runs before the
// task pane's (deferred) bundle: it takes Office, Excel and OfficeExtension from the workbench page that
// hosts the frame (same origin) and defines them as the globals office.js would.

import { BRIDGE_KEY, type ExcelSimulatorBridge } from "./bridge";

function findBridge(): ExcelSimulatorBridge | undefined {
  if (window.parent === window) return undefined;
  try {
    const host = window.parent as unknown as Record<string, unknown>;
    const bridge = host[BRIDGE_KEY] as ExcelSimulatorBridge | undefined;
    return typeof bridge?.connect === "function" ? bridge : undefined;
  } catch {
    return undefined; // another origin
  }
}

const bridge = findBridge();
if (bridge) {
  const globals = bridge.connect(window);
  const scope = window as unknown as Record<string, unknown>;
  scope.Office = globals.Office;
  scope.Excel = globals.Excel;
  scope.OfficeExtension = globals.OfficeExtension;
} else {
  window.addEventListener("DOMContentLoaded", () => {
    const note = document.createElement("p");
    note.setAttribute("role", "alert");
    note.textContent =
      "This task pane runs inside Excel, or inside the workbench: open /workbench/ instead of this page.";
    document.body.prepend(note);
  });
}
