/** Conflicts: opened where a record's field was changed both here and on the server, and noted on their cells. */
import type { LocalRecord } from "./local-record";
import type { StoredRecord } from "./protocol";
import type { DecisionConflict } from "./resolve";
import { rowCells } from "./row-values";
import type { SyncOptions } from "./sync-options";
import type { ConflictReport } from "./sync-report";
import type { SyncRun } from "./sync-run";
import { shownValue } from "./system-sheets";
import type { WorkbookEdit } from "./workbook-port";

/** A field both sides changed (resolve.ts), marked `formula` when a formula cell holds this workbook's value. */
export type HeldField = DecisionConflict & { formula?: true };

/** Whether the user keeps this workbook's value of a record's field (--prefer mine, or a choice). */
export function keepsMine(options: SyncOptions, id: string, field: string): boolean {
  return (options.choices?.[`${id}/${field}`] ?? options.prefer) === "mine";
}

/** Opens a conflict on a record's field, at the cell showing it; one per record and field. */
export function openConflict(
  run: SyncRun,
  server: StoredRecord,
  { field, mine, theirs, formula }: HeldField,
  local?: LocalRecord,
): void {
  // One open conflict per record and field (a held formula field is reported again at each sync).
  const same = (c: ConflictReport) => c.id === server.id && c.field === field;
  const open = run.plan.conflicts.findIndex(same);
  if (open >= 0) run.plan.conflicts.splice(open, 1);
  const where = local ?? run.locals.get(server.id);
  const conflict: ConflictReport = {
    id: server.id,
    kind: server.kind,
    field,
    mine,
    theirs,
    theirsVersion: server.version,
    theirsData: server.data,
    who: server.updatedBy,
    at: server.updatedAt,
    sheet: where?.sheet ?? "",
    row: where ? where.row + 1 : 0,
    ...(formula && { formula }),
  };
  const shown = where ? shownColumn(run, server, field, theirs, where.sheet) : undefined;
  if (shown !== undefined) conflict.col = shown;
  run.plan.conflicts.push(conflict);
}

/** The column of `sheet` that shows the field (the first of its cells when it spans several). */
function shownColumn(run: SyncRun, server: StoredRecord, field: string, theirs: unknown, sheet: string) {
  const data = { ...server.data, [field]: theirs ?? null };
  return [...rowCells(server.kind, data, run.rows.columns(sheet), run.rows.ctx, new Set([field])).keys()][0];
}

export function conflictNotes(conflicts: ConflictReport[]): WorkbookEdit["notes"] {
  return conflicts
    .filter((c) => c.row > 0)
    .map((c) => ({
      sheet: c.sheet,
      row: c.row - 1,
      col: c.col ?? 0,
      text: `Xung đột ở trường "${c.field}": trên máy chủ là "${shownValue(c.theirs)}" (${c.who}, ${c.at}). Hãy chọn giữ giá trị của tôi hoặc của máy chủ rồi đồng bộ lại.\nConflict on "${c.field}": the server has "${shownValue(c.theirs)}". Choose to keep mine or theirs, then sync again.`,
    }));
}
