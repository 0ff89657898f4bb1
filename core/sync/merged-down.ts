import type { CellRange } from "../layout/grid";
import { applyRowOps, type RowOp } from "./row-plan";
import { formulaKey } from "./workbook-port";

/** An area merged down one column beside a group of rows: core reads its value for each row. */
export const isMergedDown = (m: CellRange): boolean => m.left === m.right && m.bottom > m.top;

/**
 * The areas merged down one column of a sheet that an edit must split into cells, each showing the
 * group's value, before it is applied: those holding a cell the edit writes (written as it is, the
 * merge's cell would change the whole group; Excel refuses a write inside it), and those whose rows
 * its row plan does not keep together (a row deleted, or a row put between them), whose value would
 * otherwise be lost or shown beside a row that is not the group's. Rows and columns 0-based, as read.
 */
export function mergedDownToSplit(
  merges: CellRange[],
  writes: { row: number; col: number }[],
  ops: RowOp[],
): CellRange[] {
  const down = merges.filter(isMergedDown);
  if (down.length === 0) return [];
  const written = new Set(writes.map((w) => formulaKey(w.row, w.col)));
  const rows = Math.max(...down.map((m) => m.bottom + 1));
  const at = new Int32Array(rows).fill(-1);
  applyRowOps(
    Array.from({ length: rows }, (_, i) => i),
    ops,
    () => -1,
  ).forEach((from, i) => from >= 0 && from < rows && (at[from] = i));
  const together = (m: CellRange) => {
    for (let r = m.top; r <= m.bottom; r++)
      if (at[m.top]! < 0 || at[r] !== at[m.top]! + (r - m.top)) return false;
    return true;
  };
  const holdsWrite = (m: CellRange) => {
    for (let r = m.top; r <= m.bottom; r++) if (written.has(formulaKey(r, m.left))) return true;
    return false;
  };
  return down.filter((m) => holdsWrite(m) || !together(m));
}
