import type { SheetGrid } from "../layout/grid";
import type { CellValue } from "../parse/cell";
import type { SummaryModel } from "./summary-model";

/** A sheet as the engine reads it: values, merges, and which cells hold formulas. */
export interface PortSheet extends SheetGrid {
  /** Cells holding a formula, as row * 16384 + column (0-based): never overwritten. */
  formulaCells: Set<number>;
}

export interface WorkbookSnapshot {
  sheets: PortSheet[];
  /** The hidden state sheet's text, if the workbook has synced before. */
  state?: string;
}

/** One cell to write (0-based row and column in the sheet as read). Text is always written as text. */
export interface CellWrite {
  sheet: string;
  row: number;
  col: number;
  value: CellValue;
}

export interface RowInsert {
  sheet: string;
  /** The new row goes after this row (0-based, as read). */
  after: number;
  values: CellValue[];
}

export interface CellNote {
  sheet: string;
  row: number;
  col: number;
  text: string;
}

/**
 * Everything one sync changes in a workbook, applied by the adapter in one batch (the file adapter
 * writes a new file and renames it; the Excel adapter uses one context.sync per block). Addresses
 * are those of the workbook as read: cell writes first, then row deletions and insertions from the
 * bottom up, so that no address moves before it is used.
 */
export interface WorkbookEdit {
  /** Adds the hidden id column to a sheet (0-based column, header on the header row). */
  idColumns: { sheet: string; col: number; headerRow: number }[];
  cells: CellWrite[];
  deleteRows: { sheet: string; row: number }[];
  insertRows: RowInsert[];
  /** Notes to set; notes the engine wrote before and does not repeat are removed. */
  notes: CellNote[];
  /** Rows of the "Xung đột" sheet (header first); empty removes the sheet. */
  conflicts: string[][];
  state: string;
  summary?: SummaryModel;
}

export interface WorkbookPort {
  read(): Promise<WorkbookSnapshot>;
  write(edit: WorkbookEdit): Promise<void>;
}

export function emptyEdit(state: string): WorkbookEdit {
  return { idColumns: [], cells: [], deleteRows: [], insertRows: [], notes: [], conflicts: [], state };
}
