/** @jest-environment ./test/taskpane/jsdom-with-fetch.env.js */
// The whole pane in a DOM: the simulated Excel host as Office/Excel globals, the real Office adapters,
// the real Graph client over HTTP against the emulator, and clicks on the page.
import type { InviteRoute } from "../../src/core/ports";
import { systemClock } from "../../src/app/system-clock";
import { SHARE_ERROR_MESSAGES } from "../../src/core/errors";
import { ACCESS_TABLE } from "../../src/core/results";
import { GraphApi } from "../../src/graph/graph-api";
import { GraphHttp } from "../../src/graph/http";
import { createExcelWorkbookPort } from "../../src/office/excel-workbook";
import { developmentAccount, type AccountSource } from "../../src/taskpane/account";
import { mountPane, type PaneController } from "../../src/taskpane/pane";
import {
  DEMO_DRIVE_ID,
  DEMO_ITEM_ID,
  DEMO_USERS,
  DEMO_WORKBOOK_URL,
  type Emulator,
} from "../../workbench/graph-emulator";
import { useEmulator } from "../helpers/use-emulator";
import { installExcelSimulator } from "../excel-sim/install";
import type { WorkbookModel } from "../../workbench/excel-model/model";
import { logRows, newWorkbook, TIME_SCALE } from "../helpers/flow-harness";

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

async function mount(
  model: WorkbookModel,
  options: { account?: AccountSource; token?: string; batchSize?: number } = {},
): Promise<PaneController> {
  cleanup.push(installExcelSimulator(model));
  const root = document.createElement("div");
  document.body.append(root);
  const http = new GraphHttp({
    baseUrl: emu.baseUrl,
    getToken: async () => options.token ?? "dev-token",
    timeoutMs: 5000,
  });
  const graphFor = (route: InviteRoute) =>
    new GraphApi(http, { route, clock: systemClock, timeScale: TIME_SCALE });
  const pane = mountPane(root, {
    workbook: createExcelWorkbookPort(),
    graphFor,
    clock: systemClock,
    account: options.account ?? developmentAccount(),
    tuning: { timeScale: TIME_SCALE, ...(options.batchSize ? { batchSize: options.batchSize } : {}) },
    debounceMs: 5,
    theme: () => Office.context.officeTheme,
    onSelectionChanged(listener) {
      const handler = () => listener();
      Office.context.document.addHandlerAsync(Office.EventType.DocumentSelectionChanged, handler);
      return () =>
        Office.context.document.removeHandlerAsync(Office.EventType.DocumentSelectionChanged, { handler });
    },
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
  [...document.querySelectorAll(`${selector} li`)].map((li) => li.textContent ?? "");

async function click(pane: PaneController, selector: string) {
  $(selector).click();
  await pane.idle();
}

function roster(values: string[][], url: string | undefined = DEMO_WORKBOOK_URL) {
  const model = newWorkbook(url);
  model.setValues("Roster", "A1", values);
  return model;
}

const people = DEMO_USERS.slice(1, 4).map((u) => u.email);

test("the preview follows the selection: counts, recipients and each rejected cell with its reason", async () => {
  const model = roster([
    ["Email"],
    [people[0]!],
    ["bob@"],
    [people[0]!.toUpperCase()],
    ["<img src=x onerror=alert(1)>"],
  ]);
  model.select("Roster", "A1");
  const pane = await mount(model);
  expect(text("#preview-summary")).toMatch(/Select the cells with e-mail addresses/);
  expect(($("#share") as HTMLButtonElement).disabled).toBe(true);

  model.select("Roster", "A1:A5");
  await pane.idle();
  expect([text("#count-valid"), text("#count-rejected"), text("#count-duplicates")]).toEqual(["1", "2", "1"]);
  expect(items("#recipient-list")).toEqual([`${people[0]}Roster!A2`]);
  const rejects = items("#rejected-list");
  expect(rejects).toHaveLength(2);
  expect(rejects[0]).toMatch(/^Roster!A3bob@/);
  // A cell's text is data: it shows as text and never becomes markup.
  expect(rejects[1]).toContain("<img src=x onerror=alert(1)>");
  expect(document.querySelector("img")).toBeNull();
  expect(($("#share") as HTMLButtonElement).disabled).toBe(false);
});

test("Share: progress while running, a result line with 'granted', statuses in the sheet, and Show the Permissions sheet", async () => {
  const model = roster([["Email"], ...people.map((p) => [p]), ["nobody@contoso.com"]]);
  model.select("Roster", "A1:A5");
  const pane = await mount(model);
  ($("#role") as HTMLSelectElement).value = "write";
  $("#role").dispatchEvent(new Event("change"));
  const message = $("#message") as HTMLTextAreaElement;
  message.value = "Here is the roster.";
  message.dispatchEvent(new Event("input"));
  expect(text("#message-count")).toBe("19 / 2,000");

  const seen: string[] = [];
  // The phases and quarters go to the visually hidden live region, not to the visible status line.
  const observer = new MutationObserver(() => seen.push(text("#announce")));
  observer.observe($("#announce"), { childList: true, characterData: true, subtree: true });
  $("#share").click();
  expect($("#cancel").hidden).toBe(false);
  expect($("#progress-area").hidden).toBe(false);
  await pane.idle();
  observer.disconnect();

  expect(seen.some((s) => /Checking who already has access/.test(s))).toBe(true);
  expect(seen.some((s) => /% done/.test(s))).toBe(true);
  expect(text("#status")).toBe("Done: 3 granted, 1 failed.");
  expect(items("#failures")).toHaveLength(1);
  expect(items("#failures")[0]).toMatch(/^nobody@contoso\.com: /);
  expect($("#cancel").hidden).toBe(true);
  expect($("#progress-area").hidden).toBe(true);
  expect(model.getValues("Roster", "B2:B5").map((r) => r[0])).toEqual([
    "Granted: can edit",
    "Granted: can edit",
    "Granted: can edit",
    expect.stringMatching(/^Failed: /),
  ]);
  // Direct grants only: the seed's Members site group also has "write".
  expect(
    emu
      .permissionsOf(DEMO_DRIVE_ID, DEMO_ITEM_ID)
      .filter((p) => p.roles.includes("write") && p.invitation !== undefined),
  ).toHaveLength(3);

  // The failed row is offered again, and only it is retried.
  expect($("#retry-failed").hidden).toBe(false);
  const inviteRequests = () =>
    emu.ledger.requests.filter((r) => r.inBatch && r.path.endsWith("/invite")).length;
  const before = inviteRequests();
  await click(pane, "#retry-failed");
  expect(text("#status")).toBe("Done: 0 granted, 1 failed.");
  expect(inviteRequests() - before).toBe(1);

  model.select("Roster", "D9");
  await pane.idle();
  await click(pane, "#open-log");
  expect(model.activeSheet.name).toBe("Permissions");
});

test("Cancel stops sending: what was not sent is marked, and the result says cancelled", async () => {
  const many = Array.from({ length: 60 }, (_, i) => [`guest${i}@fabrikam.com`]);
  const model = roster([["Email"], ...many]);
  model.select("Roster", "A1:A61");
  const pane = await mount(model);
  emu.setFaults({ latencyMs: 30 });
  $("#share").click();
  await new Promise((r) => setTimeout(r, 5));
  $("#cancel").click();
  expect(text("#status")).toMatch(/^Cancelling/);
  await pane.idle();
  // Not "skipped" (which means "already has access"): the rest were not sent, and the button says so.
  const result = /^Cancelled: (\d+) granted, 0 failed, (\d+) not sent\.$/.exec(text("#status"));
  expect(result).not.toBeNull();
  expect(Number(result![1]) + Number(result![2])).toBe(60);
  expect(text("#retry-failed")).toBe(`Share the remaining ${result![2]}`);
  const cancelled = logRows(model).filter((r) => r["Status"] === "cancelled").length;
  expect(cancelled).toBeGreaterThan(0);
});

test("a dry run sends nothing and records what would happen", async () => {
  const model = roster([["Email"], ...people.map((p) => [p])]);
  model.select("Roster", "A1:A4");
  const pane = await mount(model);
  const dry = $("#dry-run") as HTMLInputElement;
  dry.click();
  expect(dry.checked).toBe(true);
  expect(text("#share-hint")).toMatch(/nothing is sent/);
  await click(pane, "#share");
  expect(text("#status")).toBe("Dry run, nothing was sent: 3 would be shared.");
  expect(emu.ledger.invites).toHaveLength(0);
  expect(logRows(model).map((r) => r["Status"])).toEqual(["would share", "would share", "would share"]);
});

test("a workbook not saved to the cloud: the pane says so up front and Share is off", async () => {
  const model = roster([[people[0]!]], "C:\\Users\\adele\\Documents\\Roster.xlsx");
  model.select("Roster", "A1");
  await mount(model);
  expect($("#blocker").hidden).toBe(false);
  expect(text("#blocker")).toBe(SHARE_ERROR_MESSAGES.notInCloud);
  expect(($("#share") as HTMLButtonElement).disabled).toBe(true);
  expect(($("#list-access") as HTMLButtonElement).disabled).toBe(true);
  expect(text("#count-valid")).toBe("1");
});

test("not signed in: the account spot says so, and a refused token reads as a sentence with the code for the admin", async () => {
  const model = roster([[people[0]!]]);
  model.select("Roster", "A1");
  let signedOut = true;
  const pane = await mount(model, {
    token: "",
    account: {
      status: () => (signedOut ? { state: "signedOut" } : { state: "signedIn", name: "Adele Vance" }),
      signOut: async () => {
        signedOut = true;
      },
    },
  });
  expect(text("#account-text")).toBe("Not signed in. You'll be asked to sign in when you share.");
  expect($("#sign-out").hidden).toBe(true);
  $("#share").click();
  // Meanwhile the person signs in elsewhere (the sign-in spot reads the account again after a run).
  signedOut = false;
  await pane.idle();
  expect(text("#status")).toBe(SHARE_ERROR_MESSAGES.notSignedIn);
  expect(items("#details")[0]).toMatch(/InvalidAuthenticationToken/);
  expect(text("#status")).not.toMatch(/Error:|at .*\.ts/);
  // After the run the account spot is read again.
  expect(text("#account-text")).toBe("Signed in as Adele Vance");
  expect($("#sign-out").hidden).toBe(false);
  // The admin's code lands in the Permissions log.
  expect(logRows(model).map((r) => [r["Status"], r["Error code"]])).toEqual([
    ["run failed", "notSignedIn/InvalidAuthenticationToken"],
  ]);
});

test("manage access: list into the Current access sheet, select rows, confirm in the pane, revoke and log", async () => {
  const model = roster([["Email"], ...people.map((p) => [p])]);
  model.select("Roster", "A1:A4");
  const pane = await mount(model);
  await click(pane, "#share");
  expect(text("#status")).toBe("Done: 3 granted, 0 failed.");

  await click(pane, "#list-access");
  // The seed's workbook also lists three site groups and a specific-people link with two people on it:
  // owner + 3 groups + 3 people + link + 2 people on the link.
  expect(text("#access-status")).toBe(
    '10 permissions listed in "Current access". Select rows there, then Remove access.',
  );
  const rows = model.tableRows(ACCESS_TABLE);
  expect(rows).toHaveLength(10);
  expect(rows[0]?.[2]).toBe("Owner");
  expect(items("#access-list")[0]).toMatch(/the owner's access can't be removed/);

  // Select the owner's row and the first person's (sheet rows 3-5 are the site groups): the owner is
  // kept, with the reason.
  await click(pane, "#open-access");
  expect(model.activeSheet.name).toBe("Current access");
  model.select("Current access", "A2:B2,A6:B6");
  await pane.idle();
  await click(pane, "#revoke");
  const dialog = $("#confirm");
  expect(dialog.hidden).toBe(false);
  expect(dialog.getAttribute("role")).toBe("dialog");
  expect(document.activeElement?.id).toBe("confirm-cancel");
  expect($("#pane").hasAttribute("inert")).toBe(true);
  expect(text("#confirm-title")).toBe("Remove access for 1 permission?");
  expect(items("#confirm-kept")[0]).toMatch(/owner's access can't be removed/);

  // Escape keeps everything.
  dialog.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
  await pane.idle();
  expect(dialog.hidden).toBe(true);
  expect(emu.permissionsOf(DEMO_DRIVE_ID, DEMO_ITEM_ID)).toHaveLength(8);

  await click(pane, "#revoke");
  await click(pane, "#confirm-ok");
  expect(text("#access-status")).toBe('1 permission removed. The "Current access" sheet is up to date.');
  expect(emu.permissionsOf(DEMO_DRIVE_ID, DEMO_ITEM_ID)).toHaveLength(7);
  expect(model.tableRows(ACCESS_TABLE)).toHaveLength(9);
  const revoked = logRows(model).filter((r) => r["Status"] === "revoked");
  expect(revoked).toHaveLength(1);
  expect(revoked[0]?.["Permission ID"]).toBe(rows[4]?.[6]);
});

test("every control has a name and the live region is polite", async () => {
  const model = roster([[people[0]!]]);
  model.select("Roster", "A1");
  await mount(model);
  for (const el of document.querySelectorAll<HTMLElement>("input, select, textarea")) {
    const label = document.querySelector(`label[for="${el.id}"]`);
    expect([el.id, label?.textContent?.trim() || el.getAttribute("aria-label")]).toEqual([
      el.id,
      expect.any(String),
    ]);
  }
  for (const b of document.querySelectorAll("button")) expect((b.textContent ?? "").trim()).not.toBe("");
  expect($("#status").getAttribute("aria-live")).toBe("polite");
  expect(($("#role") as HTMLSelectElement).tagName).toBe("SELECT");
  expect([...($("#role") as HTMLSelectElement).options].map((o) => o.value)).toEqual(["read", "write"]);
  expect(($("#share") as HTMLButtonElement).textContent).toBe("Share");
  // Focus order is the document order: no positive tabindex anywhere (scrollable lists use 0).
  expect(document.querySelectorAll('[tabindex]:not([tabindex="0"]):not([tabindex="-1"])')).toHaveLength(0);
});

test("progress drawn once per frame still ends at 100 % with the final counts", async () => {
  const guests = Array.from({ length: 30 }, (_, i) => `guest${i + 1}@fabrikam.com`);
  const model = roster([["Email"], ...guests.map((g) => [g])]);
  model.select("Roster", "A1:A31");
  // 2 per batch: 15 batches, each reported as progress.
  const pane = await mount(model, { batchSize: 2 });
  const drawn: string[] = [];
  const watch = new MutationObserver(() => drawn.push(text("#progress-granted")));
  watch.observe($("#progress-area"), { subtree: true, childList: true, characterData: true });
  await click(pane, "#share");
  watch.disconnect();
  const bar = $<HTMLProgressElement>("#progress");
  expect(bar.value).toBe(bar.max);
  expect(text("#progress-granted")).toBe("30");
  expect(text("#progress-remaining")).toBe("0");
  expect(text("#status")).toMatch(/\b30 granted\b/);
  // Drawn as the run went and at its end, never past the total.
  expect(drawn.at(-1)).toBe("30");
  expect(drawn.every((d) => d === "" || Number(d) <= 30)).toBe(true);
});
