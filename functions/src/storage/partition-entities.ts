import * as v from "valibot";
import type { AuditEntry, PushResult, RecordKind, StoredRecord } from "../../../core/sync";
import { AuditAnswerSchema, PushResultSchema, StoredRecordSchema } from "../../../core/schemas";
import { checkStored, parseStored } from "./stored-text";
import { encodeKey } from "./tables";

/**
 * The entities of a records partition (`2021_VP`) as stored, and the reading of the JSON texts
 * they hold: each is checked on the way in, so a damaged entity stops with its place named.
 */

/** A record as stored: its data and its audit keys are JSON texts. */
export type RecordEntity = {
  partitionKey: string;
  rowKey: string;
  etag?: string;
  kind: RecordKind;
  id: string;
  unit: string;
  year: number;
  version: number;
  seq: number;
  deleted: boolean;
  /** The record's data as JSON. */
  data: string;
  updatedBy: string;
  updatedAt: string;
  /** Row keys of the audit entities that hold this record's changes, as a JSON array. */
  audit: string;
};

export type MetaEntity = {
  partitionKey: string;
  rowKey: string;
  etag?: string;
  year: number;
  unit: string;
  lastSeq: number;
  /**
   * A random id given to the partition's sequence when its meta row is created: a store restored
   * from a backup, or one that lost writes, hands out sequence numbers again under another epoch,
   * so a client's cursor can tell. Meta rows written before epochs existed keep "0".
   */
  epoch?: string;
  /**
   * The most recent writes as JSON `[[lastSeq, mark], …]` (a random mark per transaction): a cursor
   * names the write it ended at, so a store rolled back to a backup that handed the same sequence
   * numbers out again (same epoch, other writes) is told apart.
   */
  marks?: string;
};

/** One transaction's audit: its entries as JSON split over properties e0, e1, … (64 KiB each at most). */
export type AuditEntity = { partitionKey: string; rowKey: string; parts: number } & Record<
  string,
  string | number
>;

/** One write's change log: `[seq, rowKey]` pairs as JSON, split over properties c0, c1, … */
export type LogEntity = { partitionKey: string; rowKey: string; parts: number } & Record<
  string,
  string | number
>;

export const META = "~meta";
/** Writes whose marks a meta row keeps. */
export const MARKS_KEPT = 64;
export const RECORDS_PER_TRANSACTION = 96;
const PART_CHARS = 30_000;
/** A record keeps the keys of at most this many audit entities (its most recent changes). */
export const AUDIT_REFS_KEPT = 1000;

export const partitionOf = (year: number, unit: string) => `${year}_${encodeKey(unit)}`;
export const rowOf = (kind: RecordKind, id: string) => `${kind}_${encodeKey(id)}`;
/** The write's mark makes the key unique even where a store rolled back hands a sequence number out again. */
export const auditRow = (firstSeq: number, mark: string) =>
  `~audit_${String(firstSeq).padStart(12, "0")}_${mark}`;
/** The change log of one write: its key is known to whoever knows the write's first sequence and mark. */
export const logRow = (firstSeq: number, mark: string) =>
  `~log_${String(firstSeq).padStart(12, "0")}_${mark}`;

/** A JSON text split over properties `<prefix>0`, `<prefix>1`, … (a property holds at most 64 KiB). */
function splitText(pk: string, rowKey: string, prefix: string, json: string) {
  const entity: AuditEntity = { partitionKey: pk, rowKey, parts: 0 };
  for (let i = 0; i * PART_CHARS < json.length; i++) {
    entity[`${prefix}${i}`] = json.slice(i * PART_CHARS, (i + 1) * PART_CHARS);
    entity.parts = i + 1;
  }
  return entity;
}

function joinText(e: AuditEntity, prefix: string): string {
  if (!Number.isInteger(e.parts) || e.parts < 0) return "";
  let json = "";
  for (let i = 0; i < e.parts; i++) {
    const part = e[`${prefix}${i}`];
    if (typeof part !== "string") return "";
    json += part;
  }
  return json;
}

const seqNumber = v.pipe(v.number(), v.integer(), v.minValue(0));
const SeqPairsSchema = v.array(v.tuple([seqNumber, v.string()]));

export const logEntity = (pk: string, rowKey: string, stamped: [number, string][]): LogEntity =>
  splitText(pk, rowKey, "c", JSON.stringify(stamped));

/** The `[seq, rowKey]` pairs of a change log, or undefined when damaged (the pull then scans: nothing skipped). */
export function logPairs(e: LogEntity): [number, string][] | undefined {
  const read = v.safeParse(v.pipe(v.string(), v.parseJson(), SeqPairsSchema), joinText(e, "c"));
  return read.success ? read.output : undefined;
}

export const auditEntity = (pk: string, rowKey: string, entries: AuditEntry[]): AuditEntity =>
  splitText(pk, rowKey, "e", JSON.stringify(entries));

export function auditEntries(e: AuditEntity): AuditEntry[] {
  const place = { partition: e.partitionKey, row: e.rowKey, property: "e0…" };
  const entries: AuditEntry[] = parseStored(AuditAnswerSchema, joinText(e, "e"), place);
  return entries;
}

/** The keys of the audit entities a record names. */
export function auditRefs(e: { partitionKey: string; rowKey: string; audit?: string }): string[] {
  if (e.audit === undefined) return [];
  return parseStored(v.array(v.string()), e.audit, {
    partition: e.partitionKey,
    row: e.rowKey,
    property: "audit",
  });
}

/** A record entity as the protocol's stored record; its data and fields checked. */
export function storedRecordOf(e: RecordEntity): StoredRecord {
  const place = (property: string) => ({ partition: e.partitionKey, row: e.rowKey, property });
  const data: unknown = parseStored(v.unknown(), e.data, place("data"));
  const record: StoredRecord = checkStored(
    StoredRecordSchema,
    {
      kind: e.kind,
      id: e.id,
      unit: e.unit,
      year: e.year,
      version: e.version,
      seq: e.seq,
      deleted: e.deleted,
      data,
      updatedBy: e.updatedBy,
      updatedAt: e.updatedAt,
    },
    place("(record)"),
  );
  return record;
}

/**
 * A meta row's marks; damaged or missing marks read as none (pulls then scan, cursors are trusted
 * as before marks existed): marks only ever save reads or detect a rollback.
 */
export function marksOf(json: string | undefined): [number, string][] {
  const read = v.safeParse(v.pipe(v.string(), v.parseJson(), SeqPairsSchema), json ?? "[]");
  return read.success ? read.output : [];
}

/**
 * What a retried operation needs: each result's status and version (or refusal), never the
 * server copies of conflicts (re-read on retry), so the operation row stays far below the 32K
 * characters of a property whatever the chunk holds.
 */
const SavedResultSchema = v.union([
  v.object({ s: v.literal("a"), v: v.number() }),
  v.object({ s: v.literal("c") }),
  v.object({ s: v.literal("r"), h: v.number(), vi: v.string(), en: v.string() }),
]);
export type SavedResult = v.InferOutput<typeof SavedResultSchema>;

export function saved(r: PushResult): SavedResult {
  if (r.status === "applied") return { s: "a", v: r.version };
  if (r.status === "rejected") return { s: "r", h: r.httpStatus, vi: r.reason.vi, en: r.reason.en };
  return { s: "c" };
}

/** An operation row's results, one per record pushed (rows written before compaction hold whole results). */
export function savedResultsOf(
  e: { partitionKey: string; rowKey: string; results?: unknown },
  count: number,
): (SavedResult | PushResult)[] {
  const place = { partition: e.partitionKey, row: e.rowKey, property: "results" };
  return parseStored(
    v.pipe(
      v.array(v.union([SavedResultSchema, PushResultSchema])),
      v.length(count, `${count} results expected, one per record of the chunk`),
    ),
    e.results,
    place,
  );
}
