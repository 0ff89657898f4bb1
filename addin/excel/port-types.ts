/**
 * The workbook port as contracts.md defines it (H1 is moving these into core/sync/workbook-port.ts;
 * the lead switches this module's users to core's types when merging). Until then the adapter
 * works on these and ExcelPort.write() accepts the current core edit too (see legacy-edit.ts).
 */
import type { CellValue } from "../../core/parse/cell";
import type { SummaryModel } from "../../core/sync/summary-model";
import type { CellNote, CellWrite, PortSheet } from "../../core/sync/workbook-port";

/** Applied in list order; each op's row is an address in the sheet as it is after the previous ops (0-based). */
export type RowOp =
  | { op: "delete"; sheet: string; row: number; count: number }
  | { op: "insert"; sheet: string; row: number; values: CellValue[][] };

/** One sync's changes: cells, notes and id columns addressed as read and applied before `rowOps`. */
export interface ExcelEdit {
  idColumns: { sheet: string; col: number; headerRow: number }[];
  cells: CellWrite[];
  rowOps: RowOp[];
  notes: CellNote[];
  /** Rows of the "Xung đột" sheet (header first); empty removes the sheet. */
  conflicts: string[][];
  /** Column A of the state sheet, A1..An; anything below is cleared. */
  stateCells: string[];
  summary?: SummaryModel;
}

export interface ExcelSnapshot {
  sheets: PortSheet[];
  /** Column A of the state sheet, top-down, as read. */
  stateCells?: string[];
}

// Names shared with the file adapter; contracts.md moves them into core (core/sync/state-sheet.ts).
export const STATE_SHEET = "_cchc_state";
export const CONFLICT_SHEET = "Xung đột";
export const NOTE_MARK = "CCHC: ";
