import {
  excelSerialFromIso,
  isoFromExcelSerial,
  logCellsForExcel,
  PERMISSION_LOG_COLUMNS,
  SHARED_AT_COLUMN,
  sharedAtIso,
  type UtcOffsetAt,
} from "../../src/core/permission-log";

const utc: UtcOffsetAt = () => 0;
/** Central European time in 2026: UTC+2 from 29 March 01:00 UTC to 25 October 01:00 UTC, else UTC+1. */
const berlin: UtcOffsetAt = (ms) =>
  ms >= Date.UTC(2026, 2, 29, 1) && ms < Date.UTC(2026, 9, 25, 1) ? -120 : -60;
/** Pacific time in 2026: UTC-7 from 8 March 10:00 UTC to 1 November 09:00 UTC, else UTC-8. */
const pacific: UtcOffsetAt = (ms) =>
  ms >= Date.UTC(2026, 2, 8, 10) && ms < Date.UTC(2026, 10, 1, 9) ? 420 : 480;

const col = (name: (typeof PERMISSION_LOG_COLUMNS)[number]) => PERMISSION_LOG_COLUMNS.indexOf(name);

describe('"Shared at" as an Excel date and time', () => {
  it("is the serial Excel shows for the local date and time", () => {
    // 1 January 2026 is day 46023 in Excel's 1900 date system.
    expect(excelSerialFromIso("2026-01-01T00:00:00.000Z", utc)).toBe(46023);
    expect(excelSerialFromIso("2026-01-01T00:00:00.000Z", berlin)).toBeCloseTo(46023 + 1 / 24, 9);
    // Summer time: 10:00 UTC is 12:00 in Berlin and 03:00 in California on 1 July (day 46204).
    expect(excelSerialFromIso("2026-07-01T10:00:00.000Z", berlin)).toBeCloseTo(46204.5, 9);
    expect(excelSerialFromIso("2026-07-01T10:00:00.000Z", pacific)).toBeCloseTo(46204 + 3 / 24, 9);
    expect(excelSerialFromIso("2026-07-01T12:00:00+02:00", utc)).toBeCloseTo(46204 + 10 / 24, 9);
  });

  it("reads back the same moment, to the millisecond, on either side of a daylight-saving change", () => {
    const start = Date.UTC(2026, 2, 27);
    for (const zone of [utc, berlin, pacific]) {
      for (let ms = start; ms < start + 10 * 86_400_000; ms += 17 * 60_000 + 123) {
        const iso = new Date(ms).toISOString();
        const serial = excelSerialFromIso(iso, zone);
        expect(serial).toBeDefined();
        expect(isoFromExcelSerial(serial ?? 0, zone)).toBe(iso);
      }
    }
  });

  it("reads old rows (ISO text) and new rows (a serial number) alike", () => {
    const iso = "2026-11-26T15:00:00.000Z";
    expect(sharedAtIso(iso, berlin)).toBe(iso);
    expect(sharedAtIso("2026-11-26T16:00:00+01:00", pacific)).toBe(iso);
    expect(sharedAtIso(excelSerialFromIso(iso, berlin), berlin)).toBe(iso);
    for (const notATime of ["", "Marketing", "26.11.2026", "2026-11-26", null, true, Number.NaN, -1]) {
      expect(sharedAtIso(notATime, berlin)).toBeUndefined();
    }
  });

  it("turns only the Shared at column of a log row into a number; every other cell stays text", () => {
    const row = PERMISSION_LOG_COLUMNS.map(() => "");
    row[SHARED_AT_COLUMN] = "2026-01-01T12:00:00.000Z";
    row[col("Recipient")] = "2026-01-01T12:00:00.000Z";
    row[col("Expires")] = "2026-02-01T00:00:00Z";
    const cells = logCellsForExcel(row, utc);
    expect(cells[SHARED_AT_COLUMN]).toBe(46023.5);
    expect(cells.filter((c) => typeof c === "number")).toHaveLength(1);
    expect(cells[col("Recipient")]).toBe("2026-01-01T12:00:00.000Z");
    expect(cells[col("Expires")]).toBe("2026-02-01T00:00:00Z");
    // Anything that is not an ISO time is kept as the text it is.
    row[SHARED_AT_COLUMN] = "=1+1";
    expect(logCellsForExcel(row, utc)[SHARED_AT_COLUMN]).toBe("=1+1");
  });
});
