/** @jest-environment ./test/taskpane/jsdom-with-fetch.env.js */
// The Undo card in the real pane: the offer when the pane opens on a workbook with grants past their
// recorded expiry, the confirmation with the people, and the removal; and what the check after a run
// found. The simulated Excel host, the real Graph client over HTTP against the emulator, clicks on the page.
import type { Clock, InviteRoute } from "../../src/core/ports";
import { systemClock } from "../../src/app/system-clock";
import { GraphApi } from "../../src/graph/graph-api";
import { GraphHttp } from "../../src/graph/http";
import { createExcelWorkbookPort } from "../../src/office/excel-workbook";
import { developmentAccount } from "../../src/taskpane/account";
import { mountPane, type PaneController } from "../../src/taskpane/pane";
import {
  DEMO_DRIVE_ID,
  DEMO_ITEM_ID,
  DEMO_WORKBOOK_URL,
  type Emulator,
} from "../../workbench/graph-emulator";
import type { WorkbookModel } from "../../workbench/excel-model/model";
import { installExcelSimulator } from "../excel-sim/install";
import { newRecipients, newWorkbook, share, TIME_SCALE } from "../helpers/flow-harness";
import { useEmulator } from "../helpers/use-emulator";

jest.setTimeout(30_000);

const emulator = useEmulator();
let emu: Emulator;
beforeEach(() => {
  emu = emulator();
});

let cleanup: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanup.splice(0).reverse()) c();
  document.body.replaceChildren();
});

const DAY = 24 * 60 * 60 * 1000;

async function mount(model: WorkbookModel): Promise<PaneController> {
  cleanup.push(installExcelSimulator(model));
  const root = document.createElement("div");
  document.body.append(root);
  const http = new GraphHttp({ baseUrl: emu.baseUrl, getToken: async () => "dev-token", timeoutMs: 5000 });
  // The pane's clock follows the emulator's, so moving one moves both.
  const clock: Clock = { now: () => emu.now(), sleep: (ms, signal) => systemClock.sleep(ms, signal) };
  const pane = mountPane(root, {
    workbook: createExcelWorkbookPort(),
    graphFor: (route: InviteRoute) =>
      new GraphApi(http, { route, clock: systemClock, timeScale: TIME_SCALE }),
    clock,
    account: developmentAccount(),
    tuning: { timeScale: TIME_SCALE },
    debounceMs: 5,
  });
  cleanup.push(() => pane.dispose());
  await pane.idle();
  return pane;
}

function $<T extends HTMLElement = HTMLElement>(selector: string): T {
  const el = document.querySelector<T>(selector);
  if (!el) throw new Error(`missing ${selector}`);
  return el;
}
const text = (selector: string) => $(selector).textContent ?? "";
const items = (selector: string) =>
  [...document.querySelectorAll(`${selector} li`)].map((li) => li.textContent);

function granted(people: string[]): string[] {
  const emails = emu
    .permissionsOf(DEMO_DRIVE_ID, DEMO_ITEM_ID)
    .map((p) => (p.invitation?.email ?? p.grantedToV2?.user?.email ?? "").toLowerCase());
  return people.filter((p) => emails.includes(p));
}

test("opening the pane after the recorded expiry offers Remove expired access; it confirms with the people, then removes", async () => {
  const people = newRecipients(2);
  const model = newWorkbook(DEMO_WORKBOOK_URL);
  model.setValues("Roster", "A1", [["Email"], ...people.map((p) => [p])]);
  model.select("Roster", "A1:A3");
  const date = new Date(emu.now() + DAY).toISOString();
  const options = {
    role: "read" as const,
    requireSignIn: true,
    sendInvitation: true,
    expirationDateTime: date,
  };
  expect((await share(emu, model, { options })).granted).toBe(2);

  // Before the date, nothing is offered.
  let pane = await mount(model);
  expect($("#expired-offer").hidden).toBe(true);
  pane.dispose();
  document.body.replaceChildren();

  emu.advanceClock(2 * DAY);
  pane = await mount(model);
  expect($("#expired-offer").hidden).toBe(false);
  expect(text("#expired-offer")).toBe(
    "2 grants in the Permissions sheet are past their expiry date. Remove expired access?",
  );
  $("#remove-expired").click();
  await pane.idle();
  expect(text("#undo-question")).toBe("Remove the access of 2 people whose expiry date has passed?");
  expect(items("#undo-people").sort()).toEqual([...people].sort());
  // Nothing is removed before the confirmation.
  expect(granted(people)).toHaveLength(2);

  $("#undo-confirm").click();
  await pane.idle();
  expect(text("#undo-status")).toBe("Removed 2 people's access. Each removal is in the Permissions sheet.");
  expect(granted(people)).toEqual([]);
  expect($("#expired-offer").hidden).toBe(true);
});

test("after a share, the card says how many grants the access list does not show", async () => {
  const people = newRecipients(2);
  const model = newWorkbook(DEMO_WORKBOOK_URL);
  model.setValues("Roster", "A1", [["Email"], ...people.map((p) => [p])]);
  model.select("Roster", "A1:A3");
  const pane = await mount(model);
  emu.setFaults({ rules: [{ fault: "grantedNotListed", rate: 1, target: "invite" }] });
  $("#share").click();
  await pane.idle();
  expect(items("#undo-check")).toEqual([
    "2 recipients were granted by Graph but are not visible in the access list — check with your admin.",
  ]);
  expect(text("#status")).toMatch(/\b0 granted\b/);
});
