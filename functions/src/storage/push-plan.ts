import type { TransactionAction } from "@azure/data-tables";
import type { AuditEntry, FieldChange, PushResult, PushedRecord, StoredRecord } from "../../../core/sync";
import { redactPersonalData } from "../audit/personal-data";
import {
  AUDIT_REFS_KEPT,
  auditEntity,
  auditRow,
  logEntity,
  logRow,
  MARKS_KEPT,
  META,
  marksOf,
  rowOf,
  saved,
  type MetaEntity,
  type RecordEntity,
} from "./partition-entities";

/**
 * The middle step of a chunk push, between loading and submitting: from what was read of the
 * partition and the records pushed, what to answer and what to write. Pure (the clock, the write's
 * mark and a new partition's epoch come in), so every rule of a write is tested without storage.
 */

/** A record's current copy as loaded: the stored record, its ETag and the keys of its audit entities. */
export interface CurrentCopy {
  record: StoredRecord;
  etag: string;
  auditRefs: string[];
}

/** What the load step read for one attempt. */
export interface LoadedPartition {
  /** The partition's meta row with its ETag; undefined when it has none yet (or lost it). */
  meta: (MetaEntity & { etag: string }) | undefined;
  /** The highest sequence of the partition's records when the meta row is missing (0 for none). */
  floor: number;
  /**
   * Per record pushed, its current copy; undefined where there is none or where it was not read
   * (a first attempt trusts a new record to be new: if it exists the create fails, and the next
   * attempt reads it).
   */
  current: (CurrentCopy | undefined)[];
}

export interface PushPlanInput {
  year: number;
  unit: string;
  partition: string;
  records: PushedRecord[];
  loaded: LoadedPartition;
  operationKey: string;
  who: string;
  /** The time of the write (ISO). */
  now: string;
  /** This write's random mark. */
  mark: string;
  /** The epoch a partition without a meta row starts with. */
  epoch: string;
}

export interface PushPlan {
  /** One result per record pushed, in order. */
  results: PushResult[];
  /** The sequence numbers this write stamps, in order. */
  seqs: number[];
  /** The transaction: records, audit, change log, meta, operation row (in that order). */
  actions: TransactionAction[];
  /** The meta row written (without its new ETag), or undefined when no record is written. */
  meta: MetaEntity | undefined;
  /** The records as this write stores them, in sequence order (what a reader would get back). */
  written: StoredRecord[];
}

/** Which fields changed from what to what; `deleted` counts as a field. */
export function diffFields(before: StoredRecord | undefined, after: PushedRecord): FieldChange[] {
  const changes: FieldChange[] = [];
  const old: Record<string, unknown> = before?.data ?? {};
  const now: Record<string, unknown> = after.data;
  for (const key of new Set([...Object.keys(old), ...Object.keys(now)])) {
    const from = old[key] ?? null;
    const to = now[key] ?? null;
    // Texts, numbers and flags compare as they are; only objects (a deadline) by their JSON.
    const same = from === to || (typeof from === "object" && JSON.stringify(from) === JSON.stringify(to));
    if (!same) changes.push({ field: key, from, to });
  }
  if ((before?.deleted ?? false) !== (after.deleted === true))
    changes.push({ field: "deleted", from: before?.deleted ?? null, to: after.deleted === true });
  return changes;
}

/**
 * A record whose base version is its current version is written with the next version and the
 * partition's next sequence number; any other is a conflict answered with the current copy. The
 * written records share one audit entity and one change log (keyed by the write's first sequence
 * and mark) and advance the meta row (ETag-conditional); the operation row is always written, so a
 * retry of the same chunk, even one of conflicts only, answers the same.
 */
export function planPush(input: PushPlanInput): PushPlan {
  const { year, unit, partition: pk, records, loaded, who, now, mark } = input;
  const startSeq = loaded.meta?.lastSeq ?? loaded.floor;
  const auditKey = auditRow(startSeq + 1, mark);
  const results: PushResult[] = [];
  const entries: AuditEntry[] = [];
  const actions: TransactionAction[] = [];
  const written: StoredRecord[] = [];
  let seq = startSeq;
  records.forEach((r, i) => {
    const cur = loaded.current[i];
    const curVersion = cur?.record.version ?? null;
    if (curVersion !== r.baseVersion) {
      results.push({ kind: r.kind, id: r.id, status: "conflict", server: cur?.record ?? null });
      return;
    }
    seq++;
    const version = (curVersion ?? 0) + 1;
    // What the record entity and its audit entry share: which record, which version, in which order.
    const stamp = { kind: r.kind, id: r.id, unit, year, version, seq };
    const entity: RecordEntity = {
      partitionKey: pk,
      rowKey: rowOf(r.kind, r.id),
      ...stamp,
      deleted: r.deleted === true,
      data: JSON.stringify(r.data),
      updatedBy: who,
      updatedAt: now,
      audit: JSON.stringify([...(cur?.auditRefs ?? []), auditKey].slice(-AUDIT_REFS_KEPT)),
    };
    actions.push(cur ? ["update", entity, "Replace", { etag: cur.etag }] : ["create", entity]);
    written.push({ ...stamp, deleted: entity.deleted, data: r.data, updatedBy: who, updatedAt: now });
    entries.push({ ...stamp, who, at: now, changes: redactPersonalData(diffFields(cur?.record, r)) });
    results.push({ kind: r.kind, id: r.id, status: "applied", version });
  });
  let meta: MetaEntity | undefined;
  if (entries.length > 0) {
    const old = loaded.meta;
    meta = {
      partitionKey: pk,
      rowKey: META,
      year,
      unit,
      lastSeq: seq,
      epoch: old ? (old.epoch ?? "0") : input.epoch,
      marks: JSON.stringify([...marksOf(old?.marks), [seq, mark]].slice(-MARKS_KEPT)),
    };
    actions.push(["create", auditEntity(pk, auditKey, entries)]);
    const stamped = entries.map((e): [number, string] => [e.seq, rowOf(e.kind, e.id)]);
    actions.push(["create", logEntity(pk, logRow(startSeq + 1, mark), stamped)]);
    actions.push(old ? ["update", meta, "Replace", { etag: old.etag }] : ["create", meta]);
  }
  actions.push([
    "create",
    { partitionKey: pk, rowKey: input.operationKey, results: JSON.stringify(results.map(saved)), at: now },
  ]);
  return { results, seqs: entries.map((e) => e.seq), actions, meta, written };
}

/**
 * The pause before attempt `attempt` (≥ 1) after a clash with another writer: exponential from
 * 20 ms, capped at 1 s, times a random factor in [0.5, 1.5) so that writers who clashed spread out
 * instead of colliding again.
 */
export const contentionPause = (attempt: number, random: () => number = Math.random): number =>
  Math.min(1000, 10 * 2 ** Math.min(attempt, 10)) * (0.5 + random());
