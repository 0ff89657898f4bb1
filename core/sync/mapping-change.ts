import type { SheetGrid } from "../layout/grid";
import type { MappingOverrides } from "../layout/mapping-overrides";
import { readWorkbook, type WorkbookRead } from "../layout/read-workbook";
import type { RecordKind } from "./protocol";
import { dossierData, stableJson, taskData, type RecordData } from "./record-data";
import type { SyncState } from "./sync-state";

/** What a mapping correction changes in a record that was already synced. */
export interface MappingChange {
  sheet: string;
  row: number;
  id: string;
  kind: RecordKind;
  /** The field that changes; "*" when the record is no longer read at all. */
  field: string;
  from: unknown;
  to: unknown;
}

function syncedRecords(read: WorkbookRead, state: SyncState) {
  const out = new Map<string, { kind: RecordKind; sheet: string; row: number; data: RecordData }>();
  for (const t of read.tasks)
    if (t.syncId && state.records[t.syncId] && t.source)
      out.set(t.syncId, { kind: "task", ...t.source, data: taskData(t) });
  for (const d of read.dossiers)
    if (d.syncId && state.records[d.syncId] && d.source)
      out.set(d.syncId, {
        kind: "dossier",
        ...d.source,
        data: dossierData(d, state.includePersonalData),
      });
  return out;
}

/**
 * The changes a correction would make to records already synced: the workbook read with the saved
 * corrections and with the new ones, compared record by record and field by field. The next sync
 * sends these changes (a record no longer read is deleted on the server), so they are shown first.
 */
export function mappingChanges(
  sheets: SheetGrid[],
  state: SyncState,
  next: MappingOverrides,
  year?: number,
): MappingChange[] {
  const y = year ?? state.year;
  const before = syncedRecords(
    readWorkbook(sheets, {
      ...(y !== undefined && { year: y }),
      ...(state.mappingOverrides && { overrides: state.mappingOverrides }),
    }),
    state,
  );
  const after = syncedRecords(
    readWorkbook(sheets, {
      ...((next.year ?? y) !== undefined && { year: next.year ?? y }),
      overrides: next,
    }),
    state,
  );
  const changes: MappingChange[] = [];
  for (const [id, old] of before) {
    const now = after.get(id);
    const at = { sheet: old.sheet, row: old.row, id, kind: old.kind };
    if (!now) {
      changes.push({ ...at, field: "*", from: "synced", to: "not read" });
      continue;
    }
    for (const field of new Set([...Object.keys(old.data), ...Object.keys(now.data)]))
      if (stableJson(old.data[field]) !== stableJson(now.data[field]))
        changes.push({ ...at, field, from: old.data[field] ?? null, to: now.data[field] ?? null });
  }
  return changes;
}
