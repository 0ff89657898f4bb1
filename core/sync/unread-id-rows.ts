/**
 * Ids left on rows the reader returns no record for. A record agreed with the server whose id is
 * not read is pushed as deleted (initial-pushes.ts), even though its row, with its id, is still in
 * the sheet (T15): a row that still holds text a newer reader does not take for a record, or a
 * whole sheet no longer recognised (its headers changed), deleted its records without a word. Such
 * rows are now row errors naming their id cells, and their records are kept until the row is
 * deleted or filled in again. An emptied row (nothing left but its number and hidden id) still
 * deletes its record, as the README says.
 */
import { columnLetter } from "../layout/grid";
import type { WorkbookRead } from "../layout/read-workbook";
import type { ColumnMapping, Message, RowError } from "../model/records";
import { isBlank } from "../parse/cell";
import { fieldColumns } from "./row-values";
import type { SyncState } from "./sync-state";
import type { PortSheet } from "./workbook-port";

interface Source {
  sheet: string;
  columns: readonly ColumnMapping[];
  /** 0-based index of the first row below the header. */
  from: number;
  /** The sheet is read as records (a row of it is unread) or no longer is (the whole sheet). */
  read: boolean;
}

const isRecordSheet = (kind: string | undefined) => kind === "tasks" || kind === "dossiers";

export function keepIdsOfUnreadRows(read: WorkbookRead, state: SyncState, sheets: PortSheet[]): void {
  const readIds = new Set([...read.tasks, ...read.dossiers].map((r) => r.syncId));
  const kept = new Set(read.idsInErrorRows);
  const now = new Map(read.mapping.map((m) => [m.sheet, m.kind]));
  const sources: Source[] = [
    ...read.mapping
      .filter((m) => isRecordSheet(m.kind))
      .map((m) => ({
        sheet: m.sheet,
        columns: m.columns ?? [],
        from: Math.max(0, ...(m.headerRows ?? [])),
        read: true,
      })),
    // A sheet the user marked "do not sync" (ignore) is not kept: its records are deletions, held
    // until confirmed like a deleted sheet's (held-deletions.ts).
    ...(state.mapping ?? [])
      .filter(
        (m) =>
          isRecordSheet(m.kind) &&
          !isRecordSheet(now.get(m.sheet)) &&
          state.mappingOverrides?.sheets?.[m.sheet]?.ignore !== true,
      )
      .map((m) => ({ sheet: m.sheet, columns: m.columns as ColumnMapping[], from: 0, read: false })),
  ];
  for (const source of sources) {
    const cols = fieldColumns(source.columns);
    const idCol = cols.get("recordId");
    const sheet = sheets.find((s) => s.name === source.sheet);
    if (idCol === undefined || !sheet) continue;
    const sttCol = cols.get("stt");
    let count = 0;
    for (let r = source.from; r < sheet.rows.length; r++) {
      const row = sheet.rows[r] ?? [];
      const id = row[idCol];
      if (typeof id !== "string" || readIds.has(id) || kept.has(id)) continue;
      const known = state.records[id];
      if (!known || known.version === null) continue;
      if (source.read && row.every((v, c) => c === idCol || c === sttCol || isBlank(v))) continue; // emptied
      kept.add(id);
      read.idsInErrorRows.push(id);
      count++;
      if (source.read) read.errors.push(unreadRow(source.sheet, r + 1, columnLetter(idCol), id, known.kind));
    }
    if (count > 0 && !source.read) read.errors.push(unreadSheet(source.sheet, columnLetter(idCol), count));
  }
}

function unreadRow(
  sheet: string,
  row: number,
  column: string,
  id: string,
  kind: "task" | "dossier",
): RowError {
  const [vi, en] = kind === "task" ? ["nhiệm vụ", "task"] : ["hồ sơ", "dossier"];
  const message: Message = {
    vi: `Dòng này còn mã bản ghi "${id}" (cột ẩn cchc_id) nhưng không đọc được thành một ${vi}: bản ghi được giữ trên máy chủ. Muốn xoá bản ghi thì xoá cả dòng; nếu không, hãy điền lại các ô của dòng.`,
    en: `This row still holds record id "${id}" (the hidden cchc_id column) but does not read as a ${en}: the record is kept on the server. To delete the record, delete the whole row; otherwise fill in the row's cells again.`,
  };
  return { sheet, row, column, message };
}

function unreadSheet(sheet: string, column: string, count: number): RowError {
  return {
    sheet,
    row: null,
    column,
    message: {
      vi: `Trang này đã đồng bộ ${count} bản ghi nhưng không còn được đọc là kế hoạch hay sổ hồ sơ (tiêu đề cột đã đổi?): các bản ghi được giữ trên máy chủ, không bị xoá. Hãy trả lại tiêu đề cột, hoặc chỉ cột cho trang (cchc --map, hoặc “Cách đọc sổ tính” trong ngăn CCHC).`,
      en: `This sheet synced ${count} records but no longer reads as a plan or a register (were its headers changed?): its records are kept on the server, not deleted. Put the headers back, or name its columns (cchc --map, or “How the workbook was read” in the CCHC pane).`,
    },
  };
}
