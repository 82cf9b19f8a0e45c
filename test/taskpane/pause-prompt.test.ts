/** @jest-environment ./test/taskpane/jsdom-with-fetch.env.js */
// The Stop / Go on question in the real pane (issue #11, defect 6): the simulated Excel host, the real
// Graph client over HTTP against the emulator, and clicks and keys on the page.
import type { InviteRoute } from "../../src/core/ports";
import { systemClock } from "../../src/app/system-clock";
import { GraphApi } from "../../src/graph/graph-api";
import { GraphHttp } from "../../src/graph/http";
import { createExcelWorkbookPort } from "../../src/office/excel-workbook";
import { developmentAccount } from "../../src/taskpane/account";
import { mountPane, type PaneController } from "../../src/taskpane/pane";
import { DEMO_PERSONAL_WORKBOOK_URL, type Emulator } from "../../workbench/graph-emulator";
import { useEmulator } from "../helpers/use-emulator";
import { installExcelSimulator } from "../excel-sim/install";
import type { WorkbookModel } from "../../workbench/excel-model/model";
import { newWorkbook, TIME_SCALE } from "../helpers/flow-harness";

jest.setTimeout(30_000);

const emulator = useEmulator();
let emu: Emulator;
beforeEach(() => {
  emu = emulator();
  emu.setFaults({ timeScale: TIME_SCALE, latencyMs: 5 });
  // A personal OneDrive without a premium account refuses every invite with an expiration date alike.
  // (A work or school drive is never sent one: the add-in keeps the date in the log instead.)
  emu.setBehaviour({ personalExpiry: "refused" });
});

let cleanup: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanup.splice(0).reverse()) c();
  document.body.replaceChildren();
});

async function mount(model: WorkbookModel): Promise<PaneController> {
  cleanup.push(installExcelSimulator(model));
  const root = document.createElement("div");
  document.body.append(root);
  const http = new GraphHttp({ baseUrl: emu.baseUrl, getToken: async () => "dev-token", timeoutMs: 5000 });
  const pane = mountPane(root, {
    workbook: createExcelWorkbookPort(),
    graphFor: (route: InviteRoute) =>
      new GraphApi(http, { route, clock: systemClock, timeScale: TIME_SCALE }),
    clock: systemClock,
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
const inviteRequests = () =>
  emu.ledger.requests.filter((r) => r.inBatch && r.path.endsWith("/invite")).length;

async function until(condition: () => boolean) {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
}

function setExpires(value: string) {
  const expires = $<HTMLInputElement>("#expires");
  expires.value = value;
  expires.dispatchEvent(new Event("change"));
}

const N = 60;
function sheet() {
  const model = newWorkbook(DEMO_PERSONAL_WORKBOOK_URL);
  model.setValues("Roster", "A1", [
    ["Email"],
    ...Array.from({ length: N }, (_, i) => [`guest${i}@fabrikam.com`]),
  ]);
  model.select("Roster", `A1:A${N + 1}`);
  return model;
}

test("a past expiration date is shown as a problem and Share stays off", async () => {
  await mount(sheet());
  setExpires("2020-01-31");
  expect([...document.querySelectorAll("#problems li")].map((li) => li.textContent)).toEqual([
    "The expiration date is in the past. Choose a later date, or clear it.",
  ]);
  expect($<HTMLButtonElement>("#share").disabled).toBe(true);
  expect(emu.ledger.requests).toHaveLength(0);
});

test("identical failures: the pane asks, Stop has the focus, and Stop leaves the rest not sent", async () => {
  const model = sheet();
  const pane = await mount(model);
  setExpires("2099-12-31");
  $("#share").click();
  await until(() => !$("#pause").hidden);
  expect(text("#pause-text")).toMatch(
    /^The first 10 invitations all failed: .*expiration date only with a premium account/,
  );
  expect(document.activeElement).toBe($("#pause-stop"));
  expect(text("#pause-stop")).toBe("Stop");
  expect(text("#pause-go-on")).toBe("Go on");
  expect(text("#status")).toMatch(/^Paused/);
  // While the question is open only the batches already in flight (2 of 20) may land.
  await new Promise((r) => setTimeout(r, 150));
  expect(inviteRequests()).toBeLessThanOrEqual(40);

  $("#pause-stop").click();
  await pane.idle();
  expect($("#pause").hidden).toBe(true);
  expect(inviteRequests()).toBeLessThanOrEqual(40);
  const result = /^Stopped: 0 granted, (\d+) failed, (\d+) not sent\.$/.exec(text("#status"));
  expect(result).not.toBeNull();
  const [failed, notSent] = [Number(result![1]), Number(result![2])];
  expect(failed).toBeGreaterThanOrEqual(10);
  expect(failed + notSent).toBe(N);
  const statuses = model.getValues("Roster", `B2:B${N + 1}`).map((r) => String(r[0]));
  expect(statuses.filter((t) => t === "Not sent: run stopped")).toHaveLength(notSent);
  // Retry failed offers every recipient: the failed ones and the ones not sent, each counted as such.
  expect(text("#retry-failed")).toBe(`Retry failed (${failed}) and share the remaining ${notSent}`);
});

test("Go on: the run completes and does not ask again", async () => {
  const pane = await mount(sheet());
  setExpires("2099-12-31");
  $("#share").click();
  await until(() => !$("#pause").hidden);
  $("#pause-go-on").click();
  await pane.idle();
  expect(text("#status")).toBe(`Done: 0 granted, ${N} failed.`);
  expect(inviteRequests()).toBeGreaterThanOrEqual(N);
});
