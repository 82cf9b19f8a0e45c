// The workbook the workbench opens with: a "Team" sheet of recipients taken from the emulator's demo
// users, with the awkward cells a real roster has (typos, a lookup error, a number, a duplicate in
// another case, an external guest, one per-row role, one row hidden by a filter). Browser-safe: the page
// builds it from the users the server sends, and the browser tests build the same description in Node
// to know what to expect.

import { WorkbookModel } from "../excel-model/model";

export const SAMPLE_SHEET = "Team";
export const SAMPLE_HEADERS = ["Name", "Email", "Role"] as const;
/** The guest: outside the tenant's domains, so Graph invites it as an external user. */
export const SAMPLE_GUEST = { name: "Kim Akers (Fabrikam)", email: "kim.akers@fabrikam.com" };

export type SampleRowKind = "member" | "guest" | "invalid" | "duplicate" | "hidden";

export interface SampleRow {
  /** 1-based sheet row, as Excel's row headers show it. */
  row: number;
  name: string;
  /** What the Email cell holds (a number for the "employee number" typo). */
  email: string | number;
  role: string;
  kind: SampleRowKind;
}

export interface SampleUser {
  displayName: string;
  email: string;
}

export interface Sample {
  rows: SampleRow[];
  /** The area preselected when the page opens: the Email and Role columns with their headers. */
  selection: string;
  /** 1-based row numbers hidden by the filter. */
  hiddenRows: number[];
  /** The column the task pane writes statuses into (right of the selection). */
  statusColumn: string;
}

/** Sizes the workbench offers: at least 20 data rows (every kind of row is among the first 20). */
export const SAMPLE_MIN_ROWS = 20;
export const SAMPLE_MAX_ROWS = 5000;

/** The number of data rows in `text` (20 to 5,000); undefined for anything else. */
export function parseSampleSize(text: string | null | undefined): number | undefined {
  const n = Number((text ?? "").replace(/[,\s]/g, ""));
  return Number.isInteger(n) && n >= SAMPLE_MIN_ROWS && n <= SAMPLE_MAX_ROWS && (text ?? "").trim() !== ""
    ? n
    : undefined;
}

/**
 * The sample's rows. `users` are the emulator's demo users; the tenant owner (first entry) is skipped
 * because sharing with yourself is not a thing a person does. Without `size` the sample is the 25
 * rows below; with it, the first `size` of them, then external partners up to `size` data rows.
 */
export function describeSample(users: readonly SampleUser[], size?: number): Sample {
  const people = users.slice(1, 21);
  if (people.length < 20) throw new Error("the sample needs 20 demo users besides the owner");
  const rows: SampleRow[] = [];
  const add = (name: string, email: string | number, kind: SampleRowKind, role = ""): void => {
    rows.push({ row: rows.length + 2, name, email, role, kind });
  };
  const person = (i: number, kind: SampleRowKind = "member", role = ""): void => {
    const user = people[i];
    if (user) add(user.displayName, user.email, kind, role);
  };
  person(0);
  person(1);
  person(2, "member", "Can edit");
  person(3);
  add("Bob (typo)", "bob@", "invalid");
  person(4);
  person(5);
  person(6);
  person(7, "hidden");
  person(8);
  add("Lookup failed", "#N/A", "invalid");
  person(9);
  person(10);
  add(`${people[0]?.displayName ?? ""} (again)`, (people[0]?.email ?? "").toUpperCase(), "duplicate");
  person(11);
  person(12);
  add("Employee number", 12345, "invalid");
  person(13);
  add(SAMPLE_GUEST.name, SAMPLE_GUEST.email, "guest");
  for (let i = 14; i < 20; i++) person(i);
  if (size !== undefined) {
    rows.splice(size);
    for (let i = 1; rows.length < size; i++)
      add(`Partner ${i} (Fabrikam)`, `partner${i}@fabrikam.com`, "guest");
  }
  const last = rows.length + 1;
  return {
    rows,
    selection: `B1:C${last}`,
    hiddenRows: rows.filter((r) => r.kind === "hidden").map((r) => r.row),
    statusColumn: "D",
  };
}

/** A workbook holding the sample, with the filter applied and the Email and Role columns selected. */
export function createSampleWorkbook(
  users: readonly SampleUser[],
  documentUrl: string,
  size?: number,
): WorkbookModel {
  const sample = describeSample(users, size);
  const model = new WorkbookModel({ sheets: [SAMPLE_SHEET], documentUrl });
  model.setValues(SAMPLE_SHEET, "A1", [
    [...SAMPLE_HEADERS],
    ...sample.rows.map((r) => [r.name, r.email, r.role]),
  ]);
  model.hideRows(SAMPLE_SHEET, sample.hiddenRows);
  // Widths (points) a person would have dragged the columns to; the status column is wide enough to read.
  const widths = model.sheet(SAMPLE_SHEET).columnWidths;
  [130, 170, 64, 260].forEach((points, column) => widths.set(column, points));
  model.select(SAMPLE_SHEET, sample.selection);
  return model;
}
