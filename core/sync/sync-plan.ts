/**
 * What one sync does to the workbook and what it reports, gathered while it runs and completed
 * (row operations planned, formula cells spared, notes and the conflicts sheet) for its one write.
 */
import { columnIndex } from "../layout/grid";
import type { RowError } from "../model/records";
import { conflictNotes } from "./conflicts";
import type { LocalRecord } from "./local-record";
import { planRowOps, rowsAfterWrite, type RowDelete, type RowInsert } from "./row-plan";
import type { SourceLocator } from "./summary-parts";
import { emptyReport, type ConflictReport, type SyncReport } from "./sync-report";
import { conflictSheetRows } from "./system-sheets";
import { emptyEdit, formulaKey, type PortSheet, type WorkbookEdit } from "./workbook-port";

export interface Plan {
  readonly edit: WorkbookEdit;
  /** Rows to delete and insert, addressed as read; planned into `edit.rowOps` at the end. */
  readonly deletes: RowDelete[];
  readonly inserts: RowInsert[];
  readonly report: SyncReport;
  readonly conflicts: ConflictReport[];
}

export function newPlan(dryRun: boolean): Plan {
  return { edit: emptyEdit([]), deletes: [], inserts: [], report: emptyReport(dryRun), conflicts: [] };
}

/** Makes the plan's edit whole: row operations, no write into a formula cell, notes, the conflicts sheet. */
export function completeEdit(plan: Plan, sheets: PortSheet[]): void {
  plan.edit.rowOps = planRowOps(plan.deletes, plan.inserts);
  plan.edit.cells = plan.edit.cells.filter((w) => {
    const sheet = sheets.find((s) => s.name === w.sheet);
    const isFormula = sheet?.formulaCells.has(formulaKey(w.row, w.col)) ?? false;
    if (isFormula) plan.report.formulaCellsKept++;
    return !isFormula;
  });
  plan.report.cellsWritten = plan.edit.cells.length;
  plan.report.conflicts = plan.conflicts;
  plan.edit.conflicts = conflictSheetRows(plan.conflicts);
  // One by one: spreading 300,000 notes into push() overflows the call stack.
  for (const note of [...errorNotes(plan.report.errors), ...conflictNotes(plan.conflicts)])
    plan.edit.notes.push(note);
}

/** Whether an edit touches no cell, row, id column or note (the state and summary aside). */
export function touchesNoCell(e: WorkbookEdit): boolean {
  return e.cells.length + e.rowOps.length + e.idColumns.length + e.notes.length === 0;
}

function errorNotes(errors: RowError[]): WorkbookEdit["notes"] {
  return errors
    .filter((e) => e.row !== null && e.column !== null)
    .map((e) => ({
      sheet: e.sheet,
      row: e.row! - 1,
      col: columnIndex(e.column!),
      text: `${e.message.vi}\n${e.message.en}`,
    }));
}

/** Where the summary finds a record: its row once this sync's rows are deleted and inserted (1-based). */
export function locatorAfterWrite(plan: Plan, locals: Map<string, LocalRecord>): SourceLocator {
  const after = rowsAfterWrite(plan.deletes, plan.inserts);
  return (id: string) => {
    const l = locals.get(id);
    const row = l ? after.kept(l.sheet, l.row) : after.inserted(id)?.row;
    const sheet = l?.sheet ?? after.inserted(id)?.sheet;
    return sheet !== undefined && row !== undefined ? { sheet, row: row + 1 } : undefined;
  };
}
