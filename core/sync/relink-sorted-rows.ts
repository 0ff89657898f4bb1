/**
 * Rows sorted without their hidden id column (detached-ids.ts finds which record each row holds):
 * the ids are written back into the rows that hold their records, ids left on heading rows are
 * cleared, and the user is told; rows that cannot be told apart stop the sync before any write.
 */
import type { WorkbookRead } from "../layout/read-workbook";
import { isBlank } from "../parse/cell";
import type { Message } from "../model/records";
import { relinkDetachedIds, type IdentifiedRow } from "./detached-ids";
import { dossierData, taskData } from "./record-data";
import { fieldColumns } from "./row-values";
import type { IdColumns } from "./id-columns";
import { SyncSetupError } from "./sync-errors";
import type { SyncState } from "./sync-state";
import type { CellWrite, PortSheet, WorkbookEdit } from "./workbook-port";

/**
 * Rows whose hidden ids stayed behind when only the visible columns were sorted take back the ids
 * of the records they hold (detached-ids.ts), rewritten in their id cells, and the user is told;
 * rows that cannot be told apart stop the sync before anything is written. Answers the id cells
 * to write.
 */
export function relinkSortedRows(
  read: WorkbookRead,
  ids: IdColumns,
  state: SyncState,
  notices: Message[],
  sheets: PortSheet[],
): WorkbookEdit["cells"] {
  const { rows, sources } = identifiedRows(read, state);
  const stray = idsOnHeadingRows(read, sheets);
  const relinking = relinkDetachedIds(rows, state.records, [...stray.keys()]);
  if (relinking.kind === "none") return [];
  if (relinking.kind === "ambiguous") throw ambiguousSort(relinking.rows);
  const cells: WorkbookEdit["cells"] = [];
  for (const [i, id] of relinking.ids) {
    const r = sources[i]!;
    r.syncId = id;
    cells.push({ sheet: r.source!.sheet, row: r.source!.row - 1, col: ids.of(r.source!.sheet), value: id });
  }
  for (const id of relinking.unstrayed) cells.push(unstray(read, stray.get(id)!, id));
  notices.push({
    vi: `${relinking.ids.size} dòng có mã ẩn (cột cchc_id) không khớp với dữ liệu, có lẽ do sắp xếp mà không kèm cột ẩn: đã nối lại mỗi dòng với bản ghi của nó theo nội dung.`,
    en: `${relinking.ids.size} rows had hidden ids (the cchc_id column) that did not match their values, probably sorted without the hidden column: each was re-linked to its record by its values.`,
  });
  return cells;
}

/** Rows no values tell apart: the sync stops before anything is written. */
function ambiguousSort(rows: IdentifiedRow[]): SyncSetupError {
  const where = rows.map((r) => `${r.sheet}!${r.row}`).join(", ");
  return new SyncSetupError({
    vi: `Mã ẩn của các dòng không còn khớp với dữ liệu (có lẽ bảng đã được sắp xếp mà không kèm cột ẩn cchc_id) và không thể nối lại chắc chắn: ${where}. Hãy hoàn tác việc sắp xếp (hoặc dùng bản sao lưu .bak) rồi đồng bộ lại; không có gì được ghi.`,
    en: `The hidden ids of rows no longer match their values (the table was probably sorted without its hidden cchc_id column) and cannot be re-linked for sure: ${where}. Undo the sort (or use the .bak copy) and sync again; nothing was written.`,
  });
}

/**
 * A heading row that kept a task's id after the sort gives it up: it is a heading again, no longer
 * a row in error. Answers the write that clears its id cell.
 */
function unstray(read: WorkbookRead, at: CellWrite, id: string): CellWrite {
  read.idsInErrorRows.splice(read.idsInErrorRows.indexOf(id), 1);
  const error = read.errors.findIndex((e) => e.sheet === at.sheet && e.row === at.row + 1);
  if (error >= 0) read.errors.splice(error, 1); // (in place: the report holds this list)
  return { ...at, value: null };
}

type ReadRecord = WorkbookRead["tasks"][number] | WorkbookRead["dossiers"][number];

/** The records read with a row, as detached-ids.ts compares them, and each one's record as read. */
function identifiedRows(read: WorkbookRead, state: SyncState) {
  const rows: IdentifiedRow[] = [];
  const sources: ReadRecord[] = [];
  for (const r of [...read.tasks, ...read.dossiers]) {
    if (!r.source) continue;
    const task = "content" in r;
    rows.push({
      kind: task ? "task" : "dossier",
      syncId: r.syncId,
      data: task ? taskData(r) : dossierData(r, state.includePersonalData),
      sheet: r.source.sheet,
      row: r.source.row,
    });
    sources.push(r);
  }
  return { rows, sources };
}

/**
 * Ids of tasks found on rows of a plan that read as headings (nothing but a number and a title):
 * where a sort of the visible columns put a section row ("I. …") on a task's id. 0-based cells.
 */
function idsOnHeadingRows(read: WorkbookRead, sheets: PortSheet[]): Map<string, CellWrite> {
  const found = new Map<string, CellWrite>();
  const wanted = new Set(read.idsInErrorRows);
  if (wanted.size === 0) return found;
  for (const m of read.mapping) {
    const cols = fieldColumns(m.columns ?? []);
    const idCol = cols.get("recordId");
    const sheet = sheets.find((s) => s.name === m.sheet);
    if (m.kind !== "tasks" || idCol === undefined || !sheet) continue;
    const details = [...cols].filter(([f]) => !["stt", "content", "recordId"].includes(f)).map(([, c]) => c);
    sheet.rows.forEach((row, r) => {
      const id = row[idCol];
      if (typeof id === "string" && wanted.has(id) && details.every((c) => isBlank(row[c] ?? null)))
        found.set(id, { sheet: m.sheet, row: r, col: idCol, value: null });
    });
  }
  return found;
}
