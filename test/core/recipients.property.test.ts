import fc from "fast-check";
import { cellAddress } from "../../src/core/a1";
import { parseCellText } from "../../src/core/email-address";
import { parseRecipients } from "../../src/core/recipients";
import type { CellArea, CellValue, ParsedSelection, SelectionGrid } from "../../src/core/types";

// Pieces that exercise the splitter, the token forms, the header words and the settings columns.
const PIECES = [
  "a@x.com",
  "A@X.COM",
  "b@y.org",
  "Jane Doe",
  '"Doe, Jane"',
  "<",
  ">",
  '"',
  "(",
  ")",
  ";",
  ",",
  "\n",
  "\r",
  "\r\n",
  " ",
  "\t",
  "@",
  ".",
  "mailto:",
  "MAILTO:",
  "?subject=x",
  "%40",
  "%",
  "{0F8FAD5B-D9CB-469F-A165-70867728950E}",
  "0f8fad5b-d9cb-469f-a165-70867728950e",
  "\u200B",
  "\u202E",
  "\uFEFF",
  "\uD800",
  "é",
  "почта.рф",
  "😀",
  '=HYPERLINK("http://x","y")',
  "<img src=x onerror=alert(1)>",
  "#N/A",
  "Email",
  "To",
  "Role",
  "Message",
  "Expires",
  "Share status",
  "can edit",
  "owner",
  "2026-12-31",
];

const ERROR_TEXTS = [
  "#N/A",
  "#VALUE!",
  "#REF!",
  "#DIV/0!",
  "#NUM!",
  "#NAME?",
  "#NULL!",
  "#SPILL!",
  "#CALC!",
  "#BUSY!",
];

const cellValue: fc.Arbitrary<CellValue> = fc.oneof(
  { arbitrary: fc.constant(null), weight: 3 },
  { arbitrary: fc.constantFrom("", " ", "\t\n"), weight: 1 },
  {
    arbitrary: fc.array(fc.constantFrom(...PIECES), { maxLength: 8 }).map((parts) => parts.join("")),
    weight: 8,
  },
  { arbitrary: fc.string({ unit: "binary", maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: fc.constantFrom(...';,"<>()@. \n\rab'), maxLength: 40 }), weight: 2 },
  { arbitrary: fc.double(), weight: 1 },
  { arbitrary: fc.integer(), weight: 1 },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: fc.constantFrom(...ERROR_TEXTS), weight: 1 },
  {
    arbitrary: fc.constantFrom("a@x.com;".repeat(1001), " ".repeat(9000), `${"<".repeat(9000)}>`),
    weight: 1,
  },
);

const valueType = fc.constantFrom("String", "Double", "Boolean", "Empty", "Error");

interface AreaSpec {
  rowIndex: number;
  columnIndex: number;
  values: CellValue[][];
  valueTypes: string[][] | undefined;
  hiddenRows: boolean[] | undefined;
  besideValues: CellValue[] | undefined;
}

const areaSpec: fc.Arbitrary<AreaSpec> = fc
  .record({ rows: fc.integer({ min: 0, max: 7 }), columns: fc.integer({ min: 1, max: 4 }) })
  .chain(({ rows, columns }) =>
    fc.record({
      rowIndex: fc.integer({ min: 0, max: 1000 }),
      columnIndex: fc.integer({ min: 0, max: 100 }),
      values: fc.array(fc.array(cellValue, { minLength: columns, maxLength: columns }), {
        minLength: rows,
        maxLength: rows,
      }),
      valueTypes: fc.option(
        fc.array(fc.array(valueType, { minLength: columns, maxLength: columns }), {
          minLength: rows,
          maxLength: rows,
        }),
        { nil: undefined },
      ),
      hiddenRows: fc.option(fc.array(fc.boolean(), { minLength: rows, maxLength: rows }), { nil: undefined }),
      // Shorter than the area on purpose: missing entries read as null.
      besideValues: fc.option(fc.array(cellValue, { maxLength: rows }), { nil: undefined }),
    }),
  );

/** Grids whose areas are on sheets S0, S1, ... so every result can be traced to its area. */
const grid: fc.Arbitrary<SelectionGrid> = fc.array(areaSpec, { maxLength: 3 }).map((specs) => ({
  areas: specs.map((spec, i) => {
    const area: CellArea = {
      sheet: `S${i}`,
      rowIndex: spec.rowIndex,
      columnIndex: spec.columnIndex,
      values: spec.values,
    };
    if (spec.valueTypes) area.valueTypes = spec.valueTypes;
    if (spec.hiddenRows) area.hiddenRows = spec.hiddenRows;
    if (spec.besideValues) area.besideValues = spec.besideValues;
    return area;
  }),
}));

/** A grid biased to have a header row over a recipient column. */
const headedGrid: fc.Arbitrary<SelectionGrid> = fc
  .tuple(
    fc.constantFrom("Email", "E-mail address:", "To", "UPN", "Recipients"),
    fc.array(
      fc.tuple(cellValue, fc.constantFrom<CellValue>(null, "read", "Can edit", "owner", 7), cellValue),
      {
        maxLength: 8,
      },
    ),
    fc.option(fc.array(fc.boolean(), { maxLength: 9 }), { nil: undefined }),
  )
  .map(([title, rows, hiddenRows]) => {
    const area: CellArea = {
      sheet: "S0",
      rowIndex: 0,
      columnIndex: 0,
      values: [
        ["Name", title, "Role", "Expires"],
        ...rows.map(([addr, role, expires]) => ["x", addr, role, expires]),
      ],
    };
    if (hiddenRows) area.hiddenRows = hiddenRows;
    return { areas: [area] };
  });

function isBlank(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** The non-blank visible candidate cells, computed from the grid and the headers the parser reported. */
function candidateCells(
  input: SelectionGrid,
  result: ParsedSelection,
): Map<string, { area: CellArea; r: number }> {
  const cells = new Map<string, { area: CellArea; r: number }>();
  for (const area of input.areas) {
    const header = result.headers.find((h) => h.sheet === area.sheet);
    for (let r = 0; r < area.values.length; r++) {
      if (area.hiddenRows?.[r] === true) continue;
      if (header && area.rowIndex + r <= header.row) continue;
      const row = area.values[r] ?? [];
      for (let c = 0; c < row.length; c++) {
        if (header && area.columnIndex + c !== header.recipientColumn) continue;
        if (isBlank(row[c]) && area.valueTypes?.[r]?.[c] !== "Error") continue;
        cells.set(cellAddress(area.sheet, area.rowIndex + r, area.columnIndex + c), { area, r });
      }
    }
  }
  return cells;
}

function checkInvariants(input: SelectionGrid): void {
  const snapshot = structuredClone(input);
  const result = parseRecipients(input);
  expect(input).toEqual(snapshot); // the selection is not modified

  // Recipient keys are unique, and each recipient is listed on a row.
  const keys = result.recipients.map((r) => r.key);
  expect(new Set(keys).size).toBe(keys.length);
  const rowKeys = new Set(result.rows.flatMap((row) => row.recipientKeys));
  for (const key of keys) expect(rowKeys.has(key)).toBe(true);
  for (const key of rowKeys) expect(keys).toContain(key);

  // Every duplicate points at its recipient's first cell.
  const byKey = new Map(result.recipients.map((r) => [r.key, r]));
  for (const d of result.duplicates) expect(byKey.get(d.key)?.source).toEqual(d.firstSeen);
  expect(result.recipients.reduce((n, r) => n + r.duplicates.length, 0)).toBe(result.duplicates.length);

  // Every non-blank visible candidate cell is accounted for, and nothing else is.
  const candidates = candidateCells(input, result);
  const accounted = new Set([
    ...result.recipients.map((r) => r.source.address),
    ...result.duplicates.map((d) => d.cell.address),
    ...result.rejected.map((r) => r.cell.address),
  ]);
  expect([...accounted].sort()).toEqual([...candidates.keys()].sort());

  // Rows: exactly the rows of the candidate cells, with their status cells and current values.
  const expectedRows = new Map<string, { area: CellArea; r: number }>();
  for (const { area, r } of candidates.values())
    expectedRows.set(`${area.sheet}:${area.rowIndex + r}`, { area, r });
  expect(result.rows.map((row) => `${row.sheet}:${row.row}`).sort()).toEqual([...expectedRows.keys()].sort());
  for (const row of result.rows) {
    const found = expectedRows.get(`${row.sheet}:${row.row}`);
    if (!found) throw new Error("unexpected row");
    const width = Math.max(0, ...found.area.values.map((v) => v.length));
    expect(row.statusCell.column).toBe(found.area.columnIndex + width);
    expect(row.statusCell.row).toBe(row.row);
    expect(row.statusCellValue).toEqual(found.area.besideValues?.[found.r] ?? null);
  }
  expect(result.rows.reduce((n, row) => n + row.rejections.length, 0)).toBe(result.rejected.length);

  // Rejections are short and name a cell.
  for (const rejection of result.rejected) {
    expect(rejection.text.length).toBeLessThanOrEqual(80);
    if (rejection.reason === "invalidOverride") {
      expect(rejection.message).toMatch(/^.+![A-Z]+[0-9]+: /);
    } else {
      expect(rejection.message.startsWith(`${rejection.cell.address}: `)).toBe(true);
    }
  }

  // A header is always the first visible row of its area.
  for (const header of result.headers) {
    const area = input.areas.find((a) => a.sheet === header.sheet);
    if (!area) throw new Error("header of an unknown area");
    let first = 0;
    while (area.hiddenRows?.[first] === true) first++;
    expect(header.row).toBe(area.rowIndex + first);
  }
}

describe("parseRecipients on arbitrary selections", () => {
  test("never throws, accounts for every cell, and keeps keys unique", () => {
    fc.assert(fc.property(grid, checkInvariants), { numRuns: 400 });
  });

  test("holds the same invariants for selections with a header row and settings columns", () => {
    fc.assert(fc.property(headedGrid, checkInvariants), { numRuns: 300 });
  });

  test("is deterministic", () => {
    fc.assert(
      fc.property(grid, (input) => {
        expect(parseRecipients(input)).toEqual(parseRecipients(structuredClone(input)));
      }),
      { numRuns: 200 },
    );
  });

  test("finds every well-formed address written among separators, in any case, exactly once", () => {
    const address = fc
      .tuple(fc.stringMatching(/^[a-z0-9]{1,10}$/), fc.stringMatching(/^[a-z]{2,6}$/), fc.boolean())
      .map(([local, domain, upper]) => {
        const a = `${local}@${domain}.com`;
        return upper ? a.toUpperCase() : a;
      });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(address, fc.constantFrom(";", ",", "\n", "\r\n", " ; ", ";;")), {
          minLength: 1,
          maxLength: 20,
        }),
        (parts) => {
          const text = parts.map(([a, sep]) => a + sep).join("");
          const result = parseRecipients({
            areas: [{ sheet: "S", rowIndex: 0, columnIndex: 0, values: [[text]] }],
          });
          const expected = [...new Set(parts.map(([a]) => a.toLowerCase()))];
          expect(result.recipients.map((r) => r.key)).toEqual(expected);
          expect(result.duplicates).toHaveLength(parts.length - expected.length);
          expect(result.rejected).toEqual([]);
        },
      ),
    );
  });
});

describe("parseCellText on arbitrary text", () => {
  test("never throws, and every result is either a recipient or a short rejection", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: "binary" }),
          fc.array(fc.constantFrom(...PIECES)).map((p) => p.join("")),
        ),
        (text) => {
          for (const token of parseCellText(text)) {
            if (token.ok) expect(token.key).toBe(token.value.toLowerCase());
            else expect(token.text.length).toBeLessThanOrEqual(80);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
