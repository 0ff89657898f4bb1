/** The ids a sync gives rows that have none: a dossier's code where it can, else a random one. */
import { LIMITS } from "../schemas/sync-wire";
import type { RecordKind } from "./protocol";
import type { RecordData } from "./record-data";

export function newRecordId(): string {
  return globalThis.crypto.randomUUID();
}

/**
 * A new dossier's id is its code ("Mã hồ sơ", unique in the register): two staff who enter the same
 * dossier in their own copies before either pulls push one record, and the second copy links to it
 * (or reports the fields they entered differently) instead of adding the dossier twice. A code too
 * long for an id, or one whose id a row of this workbook already holds (its code was changed after
 * it synced), gets a random id.
 */
export function dossierIdOf(
  kind: RecordKind,
  data: RecordData,
  taken: (id: string) => boolean,
): string | undefined {
  if (kind !== "dossier" || typeof data.code !== "string") return undefined;
  const id = `${DOSSIER_CODE_ID}${data.code}`;
  return id.length <= LIMITS.maxIdLength && !taken(id) ? id : undefined;
}

/** What marks an id taken from a dossier's code (random ids are UUIDs, so the two never meet). */
export const DOSSIER_CODE_ID = "hs:";
