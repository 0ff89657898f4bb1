/**
 * Adopting the workbook's rows for a sync: each record row becomes a LocalRecord with an id (its
 * own, a lost record's it holds, its dossier code, else a random one); rows the server would
 * refuse become row errors and wait.
 */
import { keepSyncedDay } from "./keep-synced-day";
import { columnLetter } from "../layout/grid";
import type { RowError } from "../model/records";
import type { WorkbookRead } from "../layout/read-workbook";
import { dossierData, stableJson, taskData, unitOf } from "./record-data";
import { dossierIdOf, newRecordId } from "./record-ids";
import type { IdColumns } from "./id-columns";
import { contentKey, type LocalRecord } from "./local-record";
import type { SyncState } from "./sync-state";
import { unsendableText } from "./unsendable-rows";
import { keepUnshownColumns } from "./unshown-columns";
import { keepUnshownField } from "./unshown-field";
import type { WorkbookEdit } from "./workbook-port";

export interface AdoptedRows {
  locals: Map<string, LocalRecord>;
  /** Id cells to write: ids moved back after a sort (relink-sorted-rows.ts), then ids given to rows. */
  newIds: WorkbookEdit["cells"];
  /** Some row got a random id (written before the exchange: see SyncEngine.giveIds). */
  randomIds: boolean;
}

/**
 * Gives every record row an id (adding the hidden id column where a sheet has none). A row without
 * an id that holds exactly the last synced values of a known record missing from the workbook is
 * that record (its id was lost, e.g. written by an older version into a column without header):
 * it gets its id back rather than becoming a new record while the old one is deleted.
 */
export function adoptRows(
  read: WorkbookRead,
  ids: IdColumns,
  state: SyncState,
  /** The id cells relinking sorted rows writes: the ids given here are added to them. */
  newIds: WorkbookEdit["cells"],
): AdoptedRows {
  const locals = new Map<string, LocalRecord>();
  let randomIds = false;
  const rows = rowsAsRead(read, state);
  const present = new Set([...rows.map((r) => r.syncId), ...read.idsInErrorRows]);
  const lost = lostRecords(state, present);
  const home = homeRows(rows, state);
  for (const [index, row] of rows.entries()) {
    const { syncId, source } = row;
    if (!source || waitsAsError(read, row)) continue;
    if (syncId && home.get(syncId) !== index && isUneditedCopy(row, rows[home.get(syncId)!]!, state)) {
      read.errors.push(copiedRow(row, rows[home.get(syncId)!]!, columnLetter(ids.of(source.sheet))));
      continue;
    }
    let id = syncId;
    let fresh = false;
    const col = ids.of(source.sheet); // (adds the sheet's id column on its first row)
    if (!id || locals.has(id) || home.get(id) !== index) {
      const given = newId(row, lost, (x) => present.has(x) || locals.has(x));
      id = given.id;
      randomIds ||= given.random;
      fresh = given.random && !syncId;
      newIds.push({ sheet: source.sheet, row: source.row - 1, col, value: id });
    }
    const local = localOf(row, id, source);
    if (id === syncId && !state.records[id]) local.unlinked = true;
    if (fresh) local.fresh = true;
    locals.set(id, local);
  }
  return { locals, newIds, randomIds };
}

type RowAsRead = ReturnType<typeof rowsAsRead>[number];

function localOf({ kind, data }: RowAsRead, id: string, source: { sheet: string; row: number }): LocalRecord {
  return { id, kind, unit: unitOf(kind, data), data, sheet: source.sheet, row: source.row - 1 };
}

/**
 * Per id held by rows, the row that is its record: the one on the sheet the record was on at the
 * last sync, else the first. Another row with the id is a copy (a sheet copied with Move or Copy,
 * rows pasted with their hidden column).
 */
function homeRows(rows: readonly RowAsRead[], state: SyncState): Map<string, number> {
  const home = new Map<string, number>();
  rows.forEach((row, i) => {
    if (!row.syncId || !row.source) return;
    const first = home.get(row.syncId);
    const onItsSheet = row.source.sheet === state.records[row.syncId]?.sheet;
    if (first === undefined || (onItsSheet && rows[first]!.source?.sheet !== row.source.sheet))
      home.set(row.syncId, i);
  });
  return home;
}

/**
 * A copy holding exactly its record's values (as synced, or as its record's row holds them) is the
 * same record shown twice, not a new one: copying a synced sheet doubled the department's tasks.
 * A copy edited since is a new record, as a row copied to start another one.
 */
function isUneditedCopy(row: RowAsRead, home: RowAsRead, state: SyncState): boolean {
  if (row.kind !== home.kind) return false;
  const values = stableJson(row.data);
  const base = state.records[row.syncId!]?.base;
  return values === stableJson(home.data) || (base !== undefined && values === stableJson(base));
}

function copiedRow(row: RowAsRead, home: RowAsRead, column: string): RowError {
  const at = `"${home.source!.sheet}" dòng ${home.source!.row}`;
  const atEn = `"${home.source!.sheet}" row ${home.source!.row}`;
  return {
    sheet: row.source!.sheet,
    row: row.source!.row,
    column,
    message: {
      vi: `Dòng này là bản sao của ${at} (cùng mã ẩn ở cột cchc_id, cùng nội dung): không đồng bộ, để bản ghi không bị tính hai lần. Nếu là bản sao để lưu, hãy đánh dấu trang “Không đồng bộ” (hoặc xóa dòng); nếu là một bản ghi mới, hãy sửa nội dung của nó rồi đồng bộ lại.`,
      en: `This row is a copy of ${atEn} (the same hidden id in column cchc_id, the same values): not synced, so that the record is not counted twice. If it is a copy to keep, mark the sheet "do not sync" (or delete the row); if it is a new record, edit its values and sync again.`,
    },
  };
}

/** The server refuses a whole request for text it cannot take: such a row waits as a row error, the others sync. */
function waitsAsError(read: WorkbookRead, { kind, syncId, data, source }: RowAsRead): boolean {
  const unsendable = source && unsendableText(read, kind, data, source);
  if (!unsendable) return false;
  read.errors.push(unsendable);
  if (syncId) read.idsInErrorRows.push(syncId);
  return true;
}

/**
 * The id a row without one takes: a lost record's whose content it holds (no lost record, e.g. a
 * first sync: no content key to compute for each row), else its dossier code, else a random one.
 * A copied row carries its original's id: the copy is a new record, with a random id.
 */
function newId(
  { kind, syncId, data }: RowAsRead,
  lost: Map<string, string[]>,
  taken: (id: string) => boolean,
): { id: string; random: boolean } {
  const given = syncId
    ? undefined
    : ((lost.size > 0 ? lost.get(contentKey(kind, data))?.pop() : undefined) ??
      dossierIdOf(kind, data, taken));
  return given === undefined ? { id: newRecordId(), random: true } : { id: given, random: false };
}

/** The records read, with the values this workbook syncs (fields its sheets do not show kept as synced). */
function rowsAsRead(read: WorkbookRead, state: SyncState) {
  return [
    ...read.tasks.map((t) => {
      const base = t.syncId === undefined ? undefined : state.records[t.syncId]?.base;
      const mapping = read.mapping.find((m) => m.sheet === t.source?.sheet);
      return {
        kind: "task" as const,
        syncId: t.syncId,
        data: keepUnshownColumns(
          "task",
          keepSyncedDay(keepUnshownField(taskData(t), base, mapping, read.fields), t.deadlineCell, base),
          base,
          mapping,
        ),
        source: t.source,
      };
    }),
    ...read.dossiers.map((d) => ({
      kind: "dossier" as const,
      syncId: d.syncId,
      data: keepUnshownColumns(
        "dossier",
        dossierData(d, state.includePersonalData),
        d.syncId === undefined ? undefined : state.records[d.syncId]?.base,
        read.mapping.find((m) => m.sheet === d.source?.sheet),
      ),
      source: d.source,
    })),
  ];
}

/** Known records (accepted by the server) whose ids no row holds, by their last synced content. */
function lostRecords(state: SyncState, present: Set<string | undefined>): Map<string, string[]> {
  const lost = new Map<string, string[]>();
  for (const [id, known] of Object.entries(state.records)) {
    if (present.has(id) || known.version === null) continue;
    const key = contentKey(known.kind, known.base);
    const ids = lost.get(key);
    if (ids) ids.push(id);
    else lost.set(key, [id]);
  }
  return lost;
}
