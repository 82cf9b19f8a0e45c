// Groups status cells into contiguous vertical blocks, so the Office adapter writes each block with
// one range write (one numberFormat + one values operation) instead of one per cell.

/** One status cell to write (0-based sheet coordinates); the same shape as StatusWrite in core/ports. */
export interface StatusCellWrite {
  sheet: string;
  row: number;
  column: number;
  text: string;
}

/** Consecutive rows of one column on one sheet: texts[i] goes to row `row + i`. */
export interface StatusBlock {
  sheet: string;
  row: number;
  column: number;
  texts: string[];
}

/**
 * Blocks of cells on the same sheet and column in consecutive rows. Sheets keep the order in which
 * they first appear; within a sheet, blocks go by column, then row. When one cell is written more
 * than once, the last write wins (as writing them in order would).
 */
export function groupStatusWrites(writes: readonly StatusCellWrite[]): StatusBlock[] {
  const sheetOrder = new Map<string, number>();
  const latest = new Map<string, StatusCellWrite>();
  for (const write of writes) {
    if (!sheetOrder.has(write.sheet)) sheetOrder.set(write.sheet, sheetOrder.size);
    latest.set(JSON.stringify([write.sheet, write.column, write.row]), write);
  }
  const cells = [...latest.values()].sort(
    (a, b) =>
      (sheetOrder.get(a.sheet) ?? 0) - (sheetOrder.get(b.sheet) ?? 0) || a.column - b.column || a.row - b.row,
  );
  const blocks: StatusBlock[] = [];
  let current: StatusBlock | undefined;
  for (const cell of cells) {
    if (
      current &&
      current.sheet === cell.sheet &&
      current.column === cell.column &&
      current.row + current.texts.length === cell.row
    ) {
      current.texts.push(cell.text);
    } else {
      current = { sheet: cell.sheet, row: cell.row, column: cell.column, texts: [cell.text] };
      blocks.push(current);
    }
  }
  return blocks;
}
