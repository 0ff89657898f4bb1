/** A record as this workbook holds it in a row, and the keys records are matched by. */
import type { PushedRecord, RecordKind } from "./protocol";
import { stableJson, type RecordData } from "./record-data";

export interface LocalRecord {
  id: string;
  kind: RecordKind;
  unit: string;
  data: RecordData;
  sheet: string;
  row: number; // 0-based
  /**
   * The row carries an id this workbook's state does not know (state missing or reset, or the row
   * pasted from another copy): it is linked to the server's record of that id, never pushed as new
   * while the server may hold it.
   */
  unlinked?: boolean;
  /**
   * The row had no id and got a random one in this sync. In a workbook synced before, it may be a
   * row another copy of this workbook (a newer one, before it was put back) already pushed: it is
   * matched with the pull first, never pushed as new while the server may hold it under another id.
   */
  fresh?: boolean;
}

/** A record's content, to match rows and records whose ids differ. */
export const contentKey = (kind: RecordKind, data: RecordData) => `${kind}|${stableJson(data)}`;

/** A record's identity in a plan year. */
export const recordKey = (kind: RecordKind, id: string) => `${kind}|${id}`;

/** A record's identity in its unit's partition, as the server stores it. */
export const partitionKey = (r: { unit: string; kind: RecordKind; id: string }) =>
  `${r.unit}|${r.kind}|${r.id}`;

/** A record's values pushed over `baseVersion`; null: as new (the server creates it, or answers with its copy). */
export function pushOf(
  r: Pick<LocalRecord, "kind" | "id" | "unit" | "data">,
  baseVersion: number | null,
): PushedRecord {
  return { kind: r.kind, id: r.id, unit: r.unit, baseVersion, data: r.data };
}
