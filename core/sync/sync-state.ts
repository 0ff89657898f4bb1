import type { Message } from "../model/records";
import type { Cursor, MemberInfo, RecordKind } from "./protocol";
import type { RecordData } from "./record-data";
import type { MappingOverrides } from "../layout/mapping-overrides";
import { DamagedStateError } from "./state-sheet";

/** What the workbook last agreed with the server about one record. */
export interface RecordState {
  kind: RecordKind;
  unit: string;
  /** Server version; null when the record is not (yet) on this server (never accepted there). */
  version: number | null;
  /** The values last synced: the base of the three-way merge. */
  base: RecordData;
  /**
   * The server refused the record as it is now (a fingerprint of what was pushed) to this member:
   * it is not pushed again unchanged by the same member with the same rights; anyone else retries.
   */
  refused?: { member: MemberInfo; push: string; reason: Message };
}

/** A field changed on both sides, waiting for the user (--prefer mine|theirs, or an edit). */
export interface OpenConflict {
  id: string;
  kind: RecordKind;
  field: string;
  mine: unknown;
  theirs: unknown;
  theirsVersion: number;
  theirsData: RecordData;
  who: string;
  at: string;
}

/**
 * The sync state kept in the workbook's hidden sheet, so that it travels with the file: records'
 * versions and base values, the pull cursor, the server and plan, the personal-data choice.
 */
export interface SyncState {
  format: 1;
  server?: string;
  year?: number;
  cursor: Cursor;
  includePersonalData: boolean;
  records: Record<string, RecordState>;
  conflicts: OpenConflict[];
  lastSync?: string;
  /** How the workbook was read at the last sync: each sheet's kind and columns. */
  mapping?: {
    sheet: string;
    kind: string;
    columns: { column: string; header: string; field: string; byHand?: boolean }[];
  }[];
  /** The user's corrections of how the workbook is read (`--map`, the task pane): used by every read. */
  mappingOverrides?: MappingOverrides;
}

export function emptyState(): SyncState {
  return { format: 1, cursor: {}, includePersonalData: false, records: {}, conflicts: [] };
}

/** The state text (decoded from the state sheet) → the state; damage is a DamagedStateError, never a SyntaxError. */
export function parseState(text: string | undefined): SyncState {
  if (!text) return emptyState();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new DamagedStateError("not JSON / không phải JSON");
  }
  const state = parsed as Partial<SyncState> | null;
  if (typeof state !== "object" || state === null || Array.isArray(state))
    throw new DamagedStateError("not an object / không phải đối tượng");
  if (state.format !== 1) throw new DamagedStateError(`unknown state format ${String(state.format)}`);
  const isMap = (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v);
  if (
    !isMap(state.records) ||
    !isMap(state.cursor) ||
    (state.conflicts !== undefined && !Array.isArray(state.conflicts))
  )
    throw new DamagedStateError("records or cursor missing / thiếu bản ghi hoặc con trỏ");
  for (const [id, r] of Object.entries(state.records!))
    if (!isMap(r) || typeof r.kind !== "string" || typeof r.unit !== "string" || !isMap(r.base))
      throw new DamagedStateError(`record ${id}`);
  return { ...emptyState(), ...state } as SyncState;
}

export function serializeState(state: SyncState): string {
  return JSON.stringify(state);
}
