import { groupStatusWrites, type StatusCellWrite } from "../../src/core/status-blocks";

const w = (
  sheet: string,
  row: number,
  column: number,
  text = `${sheet}${row}:${column}`,
): StatusCellWrite => ({
  sheet,
  row,
  column,
  text,
});

describe("groupStatusWrites", () => {
  test.each<[string, StatusCellWrite[], Array<[string, number, number, string[]]>]>([
    ["nothing", [], []],
    ["one cell", [w("S", 4, 2, "a")], [["S", 4, 2, ["a"]]]],
    [
      "consecutive rows make one block",
      [w("S", 1, 2, "a"), w("S", 2, 2, "b"), w("S", 3, 2, "c")],
      [["S", 1, 2, ["a", "b", "c"]]],
    ],
    [
      "a gap splits the block",
      [w("S", 1, 2, "a"), w("S", 2, 2, "b"), w("S", 4, 2, "d")],
      [
        ["S", 1, 2, ["a", "b"]],
        ["S", 4, 2, ["d"]],
      ],
    ],
    [
      "unordered input is sorted by row",
      [w("S", 3, 2, "c"), w("S", 1, 2, "a"), w("S", 2, 2, "b")],
      [["S", 1, 2, ["a", "b", "c"]]],
    ],
    [
      "different columns never merge",
      [w("S", 1, 2, "a"), w("S", 2, 3, "b"), w("S", 2, 2, "c")],
      [
        ["S", 1, 2, ["a", "c"]],
        ["S", 2, 3, ["b"]],
      ],
    ],
    [
      "different sheets never merge, and keep their first-seen order",
      [w("T", 1, 0, "t1"), w("S", 2, 0, "s2"), w("T", 2, 0, "t2"), w("S", 1, 0, "s1")],
      [
        ["T", 1, 0, ["t1", "t2"]],
        ["S", 1, 0, ["s1", "s2"]],
      ],
    ],
    [
      "the last write to a cell wins",
      [w("S", 1, 2, "old"), w("S", 2, 2, "b"), w("S", 1, 2, "new")],
      [["S", 1, 2, ["new", "b"]]],
    ],
    [
      "texts are passed through untouched",
      [w("S", 0, 0, '=HYPERLINK("http://x","y")'), w("S", 1, 0, "")],
      [["S", 0, 0, ['=HYPERLINK("http://x","y")', ""]]],
    ],
  ])("%s", (_name, writes, expected) => {
    const blocks = groupStatusWrites(writes).map((b) => [b.sheet, b.row, b.column, b.texts]);
    expect(blocks).toEqual(expected);
  });

  test("does not change its input", () => {
    const writes = [w("S", 2, 0), w("S", 1, 0)];
    const copy = structuredClone(writes);
    groupStatusWrites(writes);
    expect(writes).toEqual(copy);
  });
});
