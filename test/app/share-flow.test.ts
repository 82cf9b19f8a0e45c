// The whole flow, end to end: simulated Excel + real Office adapters + real Graph client over HTTP
// against the emulator.
import { ShareError } from "../../src/core/errors";
import type { ShareOptions } from "../../src/core/types";
import {
  DEMO_DRIVE_ID,
  DEMO_ITEM_ID,
  DEMO_PERSONAL_DRIVE_ID,
  DEMO_PERSONAL_ITEM_ID,
  DEMO_PERSONAL_WORKBOOK_URL,
  DEMO_USERS,
  DEMO_WORKBOOK_URL,
  unclosedSessions,
  type Emulator,
} from "../../workbench/graph-emulator";
import { useEmulator } from "../helpers/use-emulator";
import type { WorkbookPort } from "../../src/core/ports";
import { runShare } from "../../src/app/share-flow";
import { systemClock } from "../../src/app/system-clock";
import { GraphApi } from "../../src/graph/graph-api";
import { GraphHttp } from "../../src/graph/http";
import { createExcelWorkbookPort } from "../../src/office/excel-workbook";
import { installExcelSimulator } from "../excel-sim/install";
import { logRows, newWorkbook, share } from "../helpers/flow-harness";

const emulator = useEmulator();
let emu: Emulator;
beforeEach(() => {
  emu = emulator();
});

const options: ShareOptions = {
  role: "read",
  requireSignIn: true,
  sendInvitation: true,
  message: "Here is the roster.",
};
// Direct grants to people: the seed also holds the owner, the site groups and a specific-people link.
const granted = (driveId = DEMO_DRIVE_ID, itemId = DEMO_ITEM_ID) =>
  emu
    .permissionsOf(driveId, itemId)
    .filter(
      (p) => !p.roles.includes("owner") && !p.link && !p.grantedToV2?.siteGroup && !p.grantedToV2?.group,
    );

/** 50 rows under an "Email" header: 42 distinct valid people, 5 invalid cells, 3 repeats in other case. */
function fiftyRowSheet() {
  const people = [
    ...DEMO_USERS.slice(1, 26).map((u) => u.email),
    ...Array.from({ length: 17 }, (_, i) => `guest${i + 1}@fabrikam.com`),
  ];
  expect(new Set(people.map((p) => p.toLowerCase())).size).toBe(42);
  const invalid = ["not an address", "bob@", "#N/A", "12345", "jane@@contoso.com"];
  const repeats = [people[0]!.toUpperCase(), people[5]!.toUpperCase(), people[30]!.toUpperCase()];
  const column: string[] = [
    ...people.slice(0, 20),
    invalid[0]!,
    repeats[0]!,
    ...people.slice(20, 30),
    invalid[1]!,
    invalid[2]!,
  ];
  column.push(
    repeats[1]!,
    ...people.slice(30, 40),
    invalid[3]!,
    repeats[2]!,
    invalid[4]!,
    ...people.slice(40),
  );
  expect(column).toHaveLength(50);
  const model = newWorkbook(DEMO_WORKBOOK_URL);
  model.setValues("Roster", "A1", [["Name", "Email"], ...column.map((c, i) => [`Person ${i + 1}`, c])]);
  model.select("Roster", "B1:B51");
  return model;
}

describe("Share from selection, end to end", () => {
  it("a 50-row selection with 5 invalid and 3 duplicate addresses gives 42 permissions and a status beside every row", async () => {
    const model = fiftyRowSheet();
    const summary = await share(emu, model, { options });

    expect(summary).toMatchObject({
      total: 42,
      granted: 42,
      failed: 0,
      skipped: 0,
      duplicates: 3,
      sessionUsed: true,
    });
    expect(granted()).toHaveLength(42);

    const log = logRows(model);
    expect(log.filter((r) => r["Status"] === "granted")).toHaveLength(42);
    expect(
      log
        .filter((r) => r["Status"] === "rejected")
        .map((r) => r["Source cell"])
        .sort(),
    ).toEqual(["Roster!B22", "Roster!B34", "Roster!B35", "Roster!B47", "Roster!B49"].sort());
    expect(summary.rejected.map((r) => r.cell.address)).toHaveLength(5);
    for (const row of log.filter((r) => r["Status"] === "granted")) {
      expect(row["Permission ID"]).not.toBe("");
      expect(row["Roles"]).toBe("read");
      expect(row["Shared at"]).toMatch(/^\d{4}-\d\d-\d\dT/);
    }

    expect(model.cell("Roster", "C1").value).toBe("Share status");
    for (let r = 2; r <= 51; r++) expect(String(model.cell("Roster", `C${r}`).value ?? "")).not.toBe("");
    expect(model.cell("Roster", "C2").value).toBe("Granted: can view");
    expect(String(model.cell("Roster", "C22").value)).toMatch(/^Rejected: /);
    expect(String(model.cell("Roster", "C23").value)).toMatch(/^Duplicate of Roster!B2: Granted/);
    // The person's own data in column A was not touched.
    expect(model.cell("Roster", "A2").value).toBe("Person 1");

    // One recipient per invite request, at most 20 per $batch, each with the session header; session closed.
    expect(emu.ledger.invites).toHaveLength(42);
    // Round trips: find the workbook, one $batch opening the session and reading permissions, three
    // $batch of invites (20 + 20 + 2), one $batch reading the permissions to verify the grants, close the
    // session.
    const topLevel = emu.ledger.requests
      .filter((r) => !r.inBatch)
      .map((r) => `${r.method} ${r.path.replace(/\/drives\/.*\/items\/[^/]+/, "/item")}`);
    expect(topLevel).toEqual([
      expect.stringMatching(/^GET \/shares\/u!/),
      "POST /$batch",
      "POST /$batch",
      "POST /$batch",
      "POST /$batch",
      "POST /$batch",
      "POST /item/workbook/closeSession",
    ]);
    expect(emu.ledger.requests.filter((r) => r.inBatch && r.path.endsWith("/invite"))).toHaveLength(42);
    const sessionIds = new Set(emu.ledger.invites.map((i) => i.sessionId));
    expect(sessionIds.size).toBe(1);
    expect([...sessionIds][0]).toBeTruthy();
    expect(unclosedSessions(emu.ledger)).toHaveLength(0);
  });

  it("closes the session even when every invite fails", async () => {
    const model = newWorkbook(DEMO_WORKBOOK_URL);
    model.setValues("Roster", "A1", [
      ["Email"],
      ["nobody1@contoso.com"],
      ["nobody2@contoso.com"],
      ["nobody3@contoso.com"],
    ]);
    model.select("Roster", "A1:A4");
    const summary = await share(emu, model, { options });
    expect(summary).toMatchObject({ granted: 0, failed: 3 });
    expect(emu.ledger.sessions).toHaveLength(1);
    expect(unclosedSessions(emu.ledger)).toHaveLength(0);
    const log = logRows(model);
    expect(log.map((r) => r["Status"])).toEqual(["failed", "failed", "failed"]);
    expect(log[0]?.["Error code"]).toMatch(/^invalidRequest/);
    expect(log[0]?.["Request ID"]).not.toBe("");
    expect(String(model.cell("Roster", "B2").value)).toMatch(/^Failed: /);
  });

  it("shares without a session when none can be opened (a personal OneDrive), and says so", async () => {
    const model = newWorkbook(DEMO_PERSONAL_WORKBOOK_URL);
    model.setValues("Roster", "A1", [["Email"], [DEMO_USERS[3]!.email], ["friend@outlook.com"]]);
    model.select("Roster", "A1:A3");
    const summary = await share(emu, model, { options });
    expect(summary.sessionUsed).toBe(false);
    expect(summary.sessionNote).toMatch(/without one/);
    expect(summary.granted).toBe(2);
    expect(granted(DEMO_PERSONAL_DRIVE_ID, DEMO_PERSONAL_ITEM_ID)).toHaveLength(2);
    expect(emu.ledger.invites.every((i) => i.sessionId === undefined)).toBe(true);
    expect(logRows(model)[0]?.["Note"]).toMatch(/without a workbook session/);
  });

  it.each([
    [undefined, "notInCloud"],
    ["C:\\Users\\adele\\Book1.xlsx", "notInCloud"],
  ])("a workbook at %p gets a plain message and nothing is sent", async (url, code) => {
    const model = newWorkbook(url);
    model.setValues("Roster", "A1", [["a@contoso.com"]]);
    model.select("Roster", "A1");
    const err = await share(emu, model, { options }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ShareError);
    expect((err as ShareError).code).toBe(code);
    expect((err as ShareError).message).toBe(
      "This workbook isn't saved to OneDrive or SharePoint yet. Save it there, then try again.",
    );
    expect(emu.ledger.requests).toHaveLength(0);
  });

  it("refuses both switches off before sending anything", async () => {
    const model = fiftyRowSheet();
    const err = await share(emu, model, {
      options: { ...options, requireSignIn: false, sendInvitation: false },
    }).catch((e: unknown) => e);
    expect((err as ShareError).code).toBe("invalidOptions");
    expect(emu.ledger.requests).toHaveLength(0);
  });

  it("writes strings from cells and from Graph as text, never as formulas", async () => {
    const model = newWorkbook(DEMO_WORKBOOK_URL);
    model.setNumberFormat("Roster", "A2", "@");
    model.setValues("Roster", "A1", [["Email"], [`=HYPERLINK("http://x","y") <${DEMO_USERS[2]!.email}>`]]);
    model.select("Roster", "A1:A2");
    await share(emu, model, { options });
    const log = logRows(model);
    expect(log[0]?.["Recipient"]).toBe(`${DEMO_USERS[2]!.email} (=HYPERLINK("http://x","y"))`);
    const sheet = model.findTable("SharePermissions")!.sheet.name;
    expect(model.cell(sheet, "B2").formula).toBeUndefined();
    expect(model.cell(sheet, "B2").value).toBe(`${DEMO_USERS[2]!.email} (=HYPERLINK("http://x","y"))`);
  });

  it("appends to the Permissions log on a second run and skips people who already have access", async () => {
    const model = fiftyRowSheet();
    await share(emu, model, { options });
    const invitesAfterFirst = emu.ledger.invites.length;
    const second = await share(emu, model, { options });
    expect(second).toMatchObject({ granted: 0, skipped: 42 });
    expect(emu.ledger.invites).toHaveLength(invitesAfterFirst);
    const log = logRows(model);
    expect(log).toHaveLength(2 * (42 + 5));
    expect(log.slice(0, 47).filter((r) => r["Status"] === "granted")).toHaveLength(42);
    expect(log.slice(47).filter((r) => r["Status"] === "skipped: already has access")).toHaveLength(42);
    expect(model.cell("Roster", "C2").value).toBe("Skipped: already has access");
  });

  it("can share through the seed API's /workbooks/{id}/invite route, still with the session header", async () => {
    const model = newWorkbook(DEMO_WORKBOOK_URL);
    model.setValues("Roster", "A1", [[DEMO_USERS[4]!.email], [DEMO_USERS[5]!.email]]);
    model.select("Roster", "A1:A2");
    // The seed's route exists only in the 2015 beta stub: v1.0 has no `workbooks` segment.
    const summary = await share(
      emu,
      model,
      { options },
      { route: "workbooks", baseUrl: `${emu.origin}/beta` },
    );
    expect(summary.granted).toBe(2);
    const invites = emu.ledger.requests.filter((r) => r.inBatch && r.path.includes("/invite"));
    expect(invites.map((r) => r.path)).toEqual([
      `/workbooks/${DEMO_ITEM_ID}/invite`,
      `/workbooks/${DEMO_ITEM_ID}/invite`,
    ]);
    expect(emu.ledger.invites.every((i) => i.sessionId)).toBe(true);
  });

  it("a write-back that fails mid-run is written by the next flush: nothing is lost", async () => {
    const model = fiftyRowSheet();
    let failures = 0;
    const uninstall = installExcelSimulator(model);
    try {
      const excel = createExcelWorkbookPort();
      const workbook: WorkbookPort = {
        readSelection: () => excel.readSelection(),
        documentUrl: () => excel.documentUrl(),
        ensureLog: () => excel.ensureLog(),
        flush: async (u) => {
          // The second and third flushes fail, as when the workbook is busy.
          failures += 1;
          if (failures === 2 || failures === 3) throw new Error("The workbook is busy.");
          await excel.flush(u);
        },
      };
      const graph = new GraphApi(new GraphHttp({ baseUrl: emu.baseUrl, getToken: async () => "t" }), {
        clock: systemClock,
      });
      const summary = await runShare({ workbook, graph, clock: systemClock }, { options });
      expect(summary.granted).toBe(42);
    } finally {
      uninstall();
    }
    expect(failures).toBeGreaterThan(3);
    const log = logRows(model);
    expect(log.filter((r) => r["Status"] === "granted")).toHaveLength(42);
    expect(log).toHaveLength(47);
    for (let r = 2; r <= 51; r++) expect(String(model.cell("Roster", `C${r}`).value ?? "")).not.toBe("");
  });

  it("a fast run writes its statuses a few times, not after every batch, and every row still gets one", async () => {
    const syncsFor = async (writeBackEveryMs: number) => {
      emu.reset();
      const model = fiftyRowSheet();
      const before = model.syncCount;
      // 42 recipients, 2 per batch: 21 batches.
      const summary = await share(emu, model, { options }, { tuning: { batchSize: 2, writeBackEveryMs } });
      expect(summary.granted).toBe(42);
      for (let r = 2; r <= 51; r++) expect(String(model.cell("Roster", `C${r}`).value ?? "")).not.toBe("");
      expect(logRows(model).filter((r) => r["Status"] === "granted")).toHaveLength(42);
      return model.syncCount - before;
    };
    const everyBatch = await syncsFor(0);
    const paced = await syncsFor(60_000);
    // Paced: the selection, the log table, the rows settled before sending, the first batch, the last write.
    expect(paced).toBeLessThanOrEqual(12);
    expect(everyBatch).toBeGreaterThan(paced + 10);
  });

  it("says plainly when the results could not be written at all, after the invitations went out", async () => {
    const model = fiftyRowSheet();
    const uninstall = installExcelSimulator(model);
    try {
      const excel = createExcelWorkbookPort();
      const workbook: WorkbookPort = {
        readSelection: () => excel.readSelection(),
        documentUrl: () => excel.documentUrl(),
        ensureLog: () => excel.ensureLog(),
        flush: async () => {
          throw new Error("The workbook is read-only.");
        },
      };
      const graph = new GraphApi(new GraphHttp({ baseUrl: emu.baseUrl, getToken: async () => "t" }), {
        clock: systemClock,
      });
      const err = await runShare({ workbook, graph, clock: systemClock }, { options }).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ShareError);
      expect((err as ShareError).code).toBe("workbookWrite");
      expect((err as ShareError).details.join(" ")).toMatch(/read-only/);
    } finally {
      uninstall();
    }
  });
});
