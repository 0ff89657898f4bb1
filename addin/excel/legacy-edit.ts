import type { CellValue } from "../../core/parse/cell";
import type { ExcelEdit, RowOp } from "./port-types";

/**
 * Today's core edit (deleteRows/insertRows addressed as read, one state text), before contracts.md
 * lands. Declared here (not imported) so that this module compiles before and after H1's change.
 */
export interface LegacyEdit extends Omit<ExcelEdit, "rowOps" | "stateCells"> {
  deleteRows: { sheet: string; row: number }[];
  insertRows: { sheet: string; after: number; values: CellValue[] }[];
  state: string;
}

/** The file adapter's chunk of the state text per cell (the old format: one JSON text split over cells). */
const LEGACY_STATE_CHUNK = 30_000;

export function legacyStateCells(state: string): string[] {
  const cells: string[] = [];
  for (let i = 0; i < state.length; i += LEGACY_STATE_CHUNK)
    cells.push(state.slice(i, i + LEGACY_STATE_CHUNK));
  return cells;
}

/**
 * An edit in contracts.md's shape. The current core edit's deletions and insertions are addressed
 * as read; applied bottom-up (as the file adapter applies them) no address moves before it is used,
 * so they become row ops in that order.
 */
export function toExcelEdit(edit: LegacyEdit | ExcelEdit): ExcelEdit {
  if ("rowOps" in edit) return edit;
  type Anchored = { at: number; op: RowOp };
  const anchored: Anchored[] = [
    ...edit.deleteRows.map((d) => ({
      at: d.row,
      op: { op: "delete" as const, sheet: d.sheet, row: d.row, count: 1 },
    })),
    ...edit.insertRows.map((i) => ({
      at: i.after,
      op: { op: "insert" as const, sheet: i.sheet, row: i.after + 1, values: [i.values] },
    })),
  ];
  // Stable sort: at one anchor the deletion goes first, as in the file adapter.
  anchored.sort((a, b) => b.at - a.at);
  const out: ExcelEdit = {
    idColumns: edit.idColumns,
    cells: edit.cells,
    rowOps: anchored.map((a) => a.op),
    notes: edit.notes,
    conflicts: edit.conflicts,
    stateCells: legacyStateCells(edit.state),
  };
  if (edit.summary) out.summary = edit.summary;
  return out;
}
