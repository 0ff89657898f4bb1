import type { CellValue } from "../parse/cell";
import type { RecordKind } from "./protocol";
import type { RecordData } from "./record-data";
import { stableJson } from "./record-data";
import { columnsOf, rowCells, type ValueContext } from "./row-values";

/**
 * A field whose cell holds a formula cannot take a value pulled from the server: the sync never
 * writes into a formula. Left alone, the formula's value would go back to the server as an edit at
 * the next sync, undoing a colleague's change without a word. Such a field is held instead: an open
 * conflict (kept in the sync state, marked `formula`) that each sync reports again, while the row
 * counts as holding the server's value, until the formula gives that value, the cell is typed
 * over, or the user keeps the formula's value (--prefer mine).
 */

/** The data keys of `column` shown by no other mapped column (a status cell does not hold the completion date). */
function ownKeys(kind: RecordKind, column: string, columns: Map<string, number>): string[] {
  const spec = columnsOf(kind)[column];
  return (spec?.keys ?? []).filter((k) => k === column || !columns.has(k));
}

const sameCell = (a: CellValue | undefined, b: CellValue | undefined): boolean =>
  a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;

/** A column of the row whose formula cell `theirs` would change, with the data keys it shows. */
export interface HeldColumn {
  /** The field the conflict names: the column's own key of that name, else its first. */
  field: string;
  col: number;
  keys: string[];
}

function held(kind: RecordKind, column: string, col: number, columns: Map<string, number>): HeldColumn {
  const keys = ownKeys(kind, column, columns);
  return { field: keys.includes(column) ? column : (keys[0] ?? column), col, keys };
}

/** The formula cells of this row that `theirs` would change. */
export function formulaColumnsChanged(
  kind: RecordKind,
  mine: RecordData,
  theirs: RecordData,
  columns: Map<string, number>,
  isFormula: (col: number) => boolean,
  ctx: ValueContext,
): HeldColumn[] {
  const out: HeldColumn[] = [];
  for (const [column, col] of columns) {
    if (!isFormula(col)) continue;
    const only = new Map([[column, col]]);
    if (sameCell(rowCells(kind, theirs, only, ctx).get(col), rowCells(kind, mine, only, ctx).get(col)))
      continue;
    const h = held(kind, column, col, columns);
    if (h.keys.some((k) => stableJson(theirs[k]) !== stableJson(mine[k]))) out.push(h);
  }
  return out;
}

/** The column showing a held field (named as formulaColumnsChanged names it) in this sheet, if any. */
export function heldColumn(
  kind: RecordKind,
  field: string,
  columns: Map<string, number>,
): HeldColumn | undefined {
  for (const [column, col] of columns) {
    const h = held(kind, column, col, columns);
    if (h.field === field) return h;
  }
  return undefined;
}
