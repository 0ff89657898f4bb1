import type { SheetGrid } from "../layout/grid";
import type { CellValue } from "../parse/cell";
import type { RowOp } from "./row-plan";
import type { SummaryModel } from "./summary-model";

export type { RowOp } from "./row-plan";

/** A sheet as the engine reads it: values, merges, and which cells hold formulas. */
export interface PortSheet extends SheetGrid {
  /** Cells holding a formula, as formulaKey(row, column) (0-based): never overwritten. */
  formulaCells: Set<number>;
}

/** The key of a cell in `formulaCells`: Excel has 16,384 columns. */
export const formulaKey = (row: number, col: number): number => row * 16384 + col;

export interface WorkbookSnapshot {
  sheets: PortSheet[];
  /** Column A of the hidden state sheet (state-sheet.ts), top-down, as read; absent when there is no such sheet. */
  stateCells?: string[];
}

/** One cell to write (0-based row and column in the sheet as read). Text is always written as text. */
export interface CellWrite {
  sheet: string;
  row: number;
  col: number;
  value: CellValue;
}

export interface CellNote {
  sheet: string;
  row: number;
  col: number;
  text: string;
}

/**
 * Everything one sync changes in a workbook, applied by the adapter in one batch (the file adapter
 * writes a new file and renames it; the Excel adapter uses one context.sync per block). Id columns,
 * cell writes and notes are addressed in the workbook as read and applied first; then `rowOps`,
 * verbatim and in order (core plans them: see row-plan.ts).
 */
export interface WorkbookEdit {
  /** Adds the hidden id column to a sheet (0-based column, header on the header row). */
  idColumns: { sheet: string; col: number; headerRow: number }[];
  cells: CellWrite[];
  /** Applied in list order; each op's row is an address in the sheet as it is after the previous ops (0-based). */
  rowOps: RowOp[];
  /** Notes to set; notes the engine wrote before and does not repeat are removed. */
  notes: CellNote[];
  /** Rows of the "Xung đột" sheet (header first); empty removes the sheet. */
  conflicts: string[][];
  /** Column A of the hidden state sheet (encodeStateCells): written to A1..An, anything below cleared. */
  stateCells: string[];
  summary?: SummaryModel;
}

export interface WorkbookPort {
  read(): Promise<WorkbookSnapshot>;
  write(edit: WorkbookEdit): Promise<void>;
}

export function emptyEdit(stateCells: string[]): WorkbookEdit {
  return { idColumns: [], cells: [], rowOps: [], notes: [], conflicts: [], stateCells };
}
