// The workbench sheet's clipboard format and sample sizes (the browser test drives them on the page).
import { DEMO_USERS } from "../../workbench/graph-emulator";
import { clipboardText, parseClipboardText } from "../../workbench/host/grid";
import { describeSample, parseSampleSize } from "../../workbench/host/sample";

describe("clipboard text", () => {
  it("reads tabs as cells and line breaks as rows; a final line break adds no row", () => {
    expect(parseClipboardText("a\tb\r\nc\td\r\n")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    expect(parseClipboardText("one\ntwo")).toEqual([["one"], ["two"]]);
    expect(parseClipboardText("x\t\ty")).toEqual([["x", "", "y"]]);
    expect(parseClipboardText("")).toEqual([]);
  });

  it("keeps tabs, line breaks and quotes inside a quoted cell, and pads short rows to a rectangle", () => {
    expect(parseClipboardText('"line 1\nline 2"\t"say ""hi"""\nlast\r\n')).toEqual([
      ["line 1\nline 2", 'say "hi"'],
      ["last", ""],
    ]);
    expect(parseClipboardText('a"b\t"c')).toEqual([['a"b', "c"]]);
  });

  it("copies what it pastes", () => {
    const cells = [
      ["Email", "Note"],
      ["a@contoso.com", 'two\nlines, a tab\tand "quotes"'],
    ];
    expect(parseClipboardText(clipboardText(cells))).toEqual(cells);
  });
});

describe("sample sizes", () => {
  it("accepts 20 to 5,000 rows, nothing else", () => {
    expect([20, 300, 5000].map((n) => parseSampleSize(String(n)))).toEqual([20, 300, 5000]);
    expect(parseSampleSize("5,000")).toBe(5000);
    for (const text of ["19", "5001", "", "abc", "25.5", null, undefined]) {
      expect(parseSampleSize(text)).toBeUndefined();
    }
  });

  it("keeps every kind of awkward row at 20 rows and fills larger samples with new people", () => {
    const kinds = (n?: number) => new Set(describeSample(DEMO_USERS, n).rows.map((r) => r.kind));
    expect(kinds(20)).toEqual(new Set(["member", "guest", "invalid", "duplicate", "hidden"]));
    const big = describeSample(DEMO_USERS, 5000);
    expect(big.rows).toHaveLength(5000);
    expect(big.selection).toBe("B1:C5001");
    expect(new Set(big.rows.map((r) => String(r.email).toLowerCase())).size).toBe(5000 - 1); // one duplicate
    expect(describeSample(DEMO_USERS).rows).toHaveLength(25);
  });
});
