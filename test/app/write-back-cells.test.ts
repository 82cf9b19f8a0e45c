// The person's own cells beside the selection are never written over; the add-in's own earlier
// statuses are refreshed. End to end: simulated Excel, real adapters, Graph emulator over HTTP.
import type { ShareOptions } from "../../src/core/types";
import { DEMO_USERS, DEMO_WORKBOOK_URL } from "../../workbench/graph-emulator";
import { logRows, newWorkbook, share } from "../helpers/flow-harness";
import { useEmulator } from "../helpers/use-emulator";

const emulator = useEmulator();
const options: ShareOptions = { role: "read", requireSignIn: true, sendInvitation: false };

it("leaves 'Granted by HR', 'Failed background check', 'Cancelled contract' and formula cells alone; refreshes its own statuses", async () => {
  const emu = emulator();
  const model = newWorkbook(DEMO_WORKBOOK_URL);
  const emails = DEMO_USERS.slice(1, 11).map((u) => u.email);
  const beside = [
    "Granted by HR",
    "Failed background check",
    "Cancelled contract",
    '="x"',
    '="Granted: can view"',
    "Granted: yes",
    // The add-in's own statuses from an earlier run: refreshed.
    "Failed: Service unavailable [serviceNotAvailable]",
    "Cancelled: not sent",
    "Duplicate of Roster!A2: Failed: No [accessDenied]",
    null,
  ];
  model.setValues("Roster", "A1", [
    ["Email", "Share status"],
    ...emails.map((e, i) => [e, beside[i] ?? null]),
  ]);
  model.select("Roster", "A1:A11");
  const summary = await share(emu, model, { options });

  expect(summary.granted).toBe(10);
  expect(summary.statusesSkipped).toBe(6);
  expect(model.getValues("Roster", "B2:B4")).toEqual([
    ["Granted by HR"],
    ["Failed background check"],
    ["Cancelled contract"],
  ]);
  expect(model.cell("Roster", "B5")).toMatchObject({ formula: '="x"', value: "x" });
  expect(model.cell("Roster", "B6")).toMatchObject({ formula: '="Granted: can view"' });
  expect(model.cell("Roster", "B7").value).toBe("Granted: yes");
  expect(model.getValues("Roster", "B8:B11")).toEqual([
    ["Granted: can view"],
    ["Granted: can view"],
    ["Granted: can view"],
    ["Granted: can view"],
  ]);
  // Skipped rows still have their outcome in the log (and in the pane's outcomes).
  expect(logRows(model).filter((r) => r["Status"] === "granted")).toHaveLength(10);
  expect(summary.outcomes).toHaveLength(10);
  expect(summary.unwritableRows).toEqual([]);
});

it("'Retry failed' ignores a person's cell that merely starts with Failed", async () => {
  const emu = emulator();
  const model = newWorkbook(DEMO_WORKBOOK_URL);
  const [a, b] = DEMO_USERS.slice(1, 3).map((u) => u.email);
  model.setValues("Roster", "A1", [
    ["Email", "Share status"],
    [a!, "Failed background check"],
    [b!, "Failed: Service unavailable [serviceNotAvailable]"],
  ]);
  model.select("Roster", "A1:A3");
  const summary = await share(emu, model, { options, only: "failed" });
  expect(summary.outcomes.map((o) => o.key)).toEqual([b!.toLowerCase()]);
  expect(model.cell("Roster", "B2").value).toBe("Failed background check");
  expect(model.cell("Roster", "B3").value).toBe("Granted: can view");
});
