import fc from "fast-check";
import { cellAddress } from "../../src/core/a1";
import {
  MAX_CELL_LENGTH,
  MAX_NAME_LENGTH,
  countEntries,
  emailKey,
  parseCellText,
  recipientLabel,
  splitRecipientList,
  trimToken,
} from "../../src/core/email-address";
import { parseRecipients, type ParseLimits } from "../../src/core/recipients";
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
): Map<string, { area: CellArea; r: number; c: number }> {
  const cells = new Map<string, { area: CellArea; r: number; c: number }>();
  for (const area of input.areas) {
    const header = result.headers.find((h) => h.sheet === area.sheet);
    for (let r = 0; r < area.values.length; r++) {
      if (area.hiddenRows?.[r] === true) continue;
      if (header && area.rowIndex + r <= header.row) continue;
      const row = area.values[r] ?? [];
      for (let c = 0; c < row.length; c++) {
        if (header && area.columnIndex + c !== header.recipientColumn) continue;
        if (isBlank(row[c]) && area.valueTypes?.[r]?.[c] !== "Error") continue;
        cells.set(cellAddress(area.sheet, area.rowIndex + r, area.columnIndex + c), { area, r, c });
      }
    }
  }
  return cells;
}

const CONTROL_OR_FORMAT = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

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

  // Names never carry control or format characters, are short, and never look like an address; the
  // label a recipient is shown with starts with its address.
  for (const r of result.recipients) {
    if (r.displayName !== undefined) {
      expect(r.displayName).not.toMatch(CONTROL_OR_FORMAT);
      expect(r.displayName).not.toMatch(/[@<]/);
      expect(r.displayName.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
      expect(r.displayName).not.toBe("");
    }
    expect(recipientLabel(r).startsWith(r.value)).toBe(true);
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
            if (token.ok) {
              expect(token.key).toBe(
                token.kind === "email" ? emailKey(token.value) : token.value.toLowerCase(),
              );
            } else expect(token.text.length).toBeLessThanOrEqual(80);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

// ---- Names, keys and caps (issue #11) --------------------------------------------------------------

/** Characters a name may carry: letters, spaces, and control and format characters of every kind. */
const NAME_UNITS = [
  ..."Jane Doe",
  "é",
  "\u00A0",
  "\u0000",
  "\u0007",
  "\u001B",
  "\u007F",
  "\u0085",
  "\t",
  "\n",
  "\r",
  "\u2028",
  "\u2029",
  "\u200B",
  "\u200C",
  "\u200D",
  "\u2060",
  "\uFEFF",
  "\u200E",
  "\u200F",
  "\u202A",
  "\u202B",
  "\u202C",
  "\u202D",
  "\u202E",
  "\u2066",
  "\u2067",
  "\u2068",
  "\u2069",
  "\u061C",
  "\u00AD",
  "\uD800",
  "😀",
];

describe("names with arbitrary control and format characters", () => {
  test("never reach the display name or the label, and never change the address", () => {
    const name = fc.string({ unit: fc.constantFrom(...NAME_UNITS), maxLength: 150 });
    fc.assert(
      fc.property(name, fc.boolean(), (text, quoted) => {
        // Unquoted, a line break would split the entry: such names are written in quotes.
        const cell = quoted || /[\n\r\u0085]/.test(text) ? `"${text}" <a@x.com>` : `${text} <a@x.com>`;
        const { recipients, rejected } = parseRecipients({
          areas: [{ sheet: "S", rowIndex: 0, columnIndex: 0, values: [[cell]] }],
        });
        expect(rejected).toEqual([]);
        expect(recipients).toHaveLength(1);
        const r = recipients[0]!;
        expect(r.value).toBe("a@x.com");
        expect(recipientLabel(r)).not.toMatch(CONTROL_OR_FORMAT);
        expect(recipientLabel(r).startsWith("a@x.com")).toBe(true);
        expect((r.displayName ?? "").length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
      }),
      { numRuns: 500 },
    );
  });
});

/** Domain pieces: ASCII, accents precomposed and decomposed, full-width, Cyrillic, Greek, CJK, ß. */
const DOMAIN_PIECES = [
  "a",
  "b",
  "z",
  "0",
  "-",
  "é",
  "e\u0301",
  "ü",
  "u\u0308",
  "ｃ",
  "Ｃ",
  "ｏ",
  "а",
  "п",
  "ö",
  "ß",
  "ς",
  "例",
  "K",
  "Å",
  "Å",
];

const address = fc
  .tuple(
    fc.stringMatching(/^[A-Za-z0-9]{1,8}$/),
    fc.array(fc.array(fc.constantFrom(...DOMAIN_PIECES), { minLength: 1, maxLength: 6 }), {
      minLength: 1,
      maxLength: 3,
    }),
    fc.constantFrom("com", "de", "рф", "ｃｏｍ", "COM"),
  )
  .map(([local, labels, tld]) => `${local}@${[...labels.map((l) => l.join("")), tld].join(".")}`);

/** The ASCII letters of the domain in full width (ａ-ｚ, Ａ-Ｚ): NFKC maps them back. */
function fullWidth(a: string): string {
  const at = a.indexOf("@");
  const domain = a.slice(at + 1).replace(/[A-Za-z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
  return `${a.slice(0, at)}@${domain}`;
}

describe("canonical keys", () => {
  test("are idempotent", () => {
    fc.assert(
      fc.property(address, (a) => {
        expect(emailKey(emailKey(a))).toBe(emailKey(a));
      }),
      { numRuns: 500 },
    );
  });

  test("are equal for NFKC-equivalent spellings (NFC, NFD, NFKC, full width, upper case)", () => {
    fc.assert(
      fc.property(address, (a) => {
        const key = emailKey(a);
        for (const variant of [a.normalize("NFC"), a.normalize("NFD"), a.normalize("NFKC"), fullWidth(a)]) {
          expect(emailKey(variant)).toBe(key);
        }
        expect(emailKey(a.toUpperCase())).toBe(emailKey(a.toUpperCase().normalize("NFD")));
      }),
      { numRuns: 500 },
    );
  });

  test("make NFKC-equivalent cells one recipient and a duplicate", () => {
    fc.assert(
      fc.property(address, (a) => {
        const values = [[a], [a.normalize("NFD")], [fullWidth(a)]];
        const result = parseRecipients({ areas: [{ sheet: "S", rowIndex: 0, columnIndex: 0, values }] });
        // Some generated domains are not valid (a label ending in "-"): then all three are rejected alike.
        if (result.recipients.length === 0) {
          expect(result.rejected).toHaveLength(3);
          return;
        }
        expect(result.recipients).toHaveLength(1);
        expect(result.duplicates).toHaveLength(2);
      }),
      { numRuns: 300 },
    );
  });
});

/** The entries of a cell, counted independently of the parser: the non-blank parts of the split. */
function entriesOf(value: CellValue | undefined, isError: boolean): number {
  if (isError || typeof value !== "string" || value.length > MAX_CELL_LENGTH) return 1;
  return splitRecipientList(value).filter((part) => trimToken(part) !== "").length;
}

interface Candidate {
  address: string;
  value: CellValue | undefined;
  isError: boolean;
  row: string;
}

/** The non-blank visible candidate cells in reading order (areas, rows, columns), with their values. */
function candidateList(input: SelectionGrid, result: ParsedSelection): Candidate[] {
  return [...candidateCells(input, result)].map(([address, { area, r, c }]) => ({
    address,
    value: area.values[r]?.[c],
    isError: area.valueTypes?.[r]?.[c] === "Error",
    row: `${area.sheet}:${area.rowIndex + r}`,
  }));
}

function checkAccounting(input: SelectionGrid, limits: ParseLimits): void {
  const result = parseRecipients(input, limits);
  const cells = candidateList(input, result);
  const stopAt = result.notRead
    ? cells.findIndex((c) => c.address === result.notRead?.from.address)
    : cells.length;
  expect(stopAt).toBeGreaterThanOrEqual(0);

  // Every entry of every cell read is a recipient, a duplicate or (part of) a rejection.
  let readEntries = 0;
  for (const cell of cells.slice(0, stopAt)) {
    const entries = entriesOf(cell.value, cell.isError);
    const found =
      result.recipients.filter((r) => r.source.address === cell.address).length +
      result.duplicates.filter((d) => d.cell.address === cell.address).length +
      result.rejected
        .filter((r) => r.cell.address === cell.address)
        .reduce((n, r) => n + (r.reason === "tooManyEntries" ? (r.entries ?? Number.NaN) : 1), 0);
    // A cell of separators only has no entry but one rejection saying so.
    expect(found).toBe(Math.max(entries, 1));
    if (entries > limits.entriesPerCell)
      expect(result.rejected.some((r) => r.reason === "tooManyEntries")).toBe(true);
    readEntries += Math.max(entries > limits.entriesPerCell ? 1 : entries, 1);
  }
  expect(readEntries).toBeLessThanOrEqual(limits.entriesPerRun);

  // The cells not read are counted, and only the first of them has an object (its overLimit rejection).
  const unread = cells.slice(stopAt);
  expect(result.notRead?.cells ?? 0).toBe(unread.length);
  expect(result.notRead?.entries ?? 0).toBe(unread.reduce((n, c) => n + entriesOf(c.value, c.isError), 0));
  const overLimit = result.rejected.filter((r) => r.reason === "overLimit");
  expect(overLimit.map((r) => r.cell.address)).toEqual(unread.slice(0, 1).map((c) => c.address));
  const rowsRead = new Set(cells.slice(0, stopAt + 1).map((c) => c.row));
  expect(result.rows.map((r) => `${r.sheet}:${r.row}`).sort()).toEqual([...rowsRead].sort());
}

describe("every non-blank entry is accounted for", () => {
  const limits = fc.record({
    entriesPerCell: fc.integer({ min: 1, max: 6 }),
    entriesPerRun: fc.integer({ min: 1, max: 25 }),
  });

  test("as a recipient, a duplicate, a rejection, or a counted cap", () => {
    fc.assert(fc.property(grid, limits, checkAccounting), { numRuns: 400 });
    fc.assert(fc.property(headedGrid, limits, checkAccounting), { numRuns: 200 });
  });

  test("with the real caps too", () => {
    fc.assert(
      fc.property(grid, (input) => checkAccounting(input, { entriesPerCell: 500, entriesPerRun: 10_000 })),
      { numRuns: 200 },
    );
  });

  test("countEntries agrees with the split", () => {
    fc.assert(
      fc.property(cellValue, (value) => {
        if (typeof value === "string" && value.length <= MAX_CELL_LENGTH) {
          expect(countEntries(value)).toBe(entriesOf(value, false));
          expect(parseCellText(value, Number.MAX_SAFE_INTEGER)).toHaveLength(entriesOf(value, false));
        }
      }),
      { numRuns: 500 },
    );
  });
});
