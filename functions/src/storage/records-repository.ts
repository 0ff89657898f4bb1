import { randomBytes } from "node:crypto";
import { odata, type TableClient } from "@azure/data-tables";
import type { AuditEntry, PushResult, PushedRecord, RecordKind, StoredRecord } from "../../../core/sync";
import {
  auditEntries,
  auditRefs,
  logPairs,
  marksOf,
  META,
  partitionOf,
  RECORDS_PER_TRANSACTION,
  rowOf,
  logRow,
  savedResultsOf,
  storedRecordOf,
  type AuditEntity,
  type LogEntity,
  type MetaEntity,
  type RecordEntity,
} from "./partition-entities";
import { contentionPause, planPush, type LoadedPartition, type PushPlan } from "./push-plan";
import { encodeKey, TABLES, type Tables } from "./tables";

/**
 * Records of one plan year and one unit share a partition (`2021_VP`), so a unit's sync is a few
 * entity-group transactions and statistics read a few partitions. Each partition has a `~meta`
 * entity holding its last sequence number; every transaction that writes records also advances it
 * (with its ETag), so a change and its sequence number commit together and a pull "after seq N"
 * can never skip a concurrent writer's change. The same transaction writes one audit entity with
 * what each record's change was (no change without its entry, no entry without its change; each
 * record keeps the keys of its audit entities) and the operation entity that makes a retried push
 * apply once. It also writes one change-log entity listing `[seq, rowKey]` of each record it
 * stamped (its key names the write's first sequence and mark, both known from the meta row's
 * marks), so a pull of a few changes reads the log entities of the writes after its cursor and the
 * records they name, never the partition; purges of audit history never touch the log.
 * A transaction holds at most 100 entities: 96 records + audit + log + meta + operation.
 * The entities and their texts: partition-entities.ts; what a chunk push writes: push-plan.ts.
 */

/** Which unit's partition holds a record id of a plan year (table `recordIds`, partition = year). */
type IdEntity = { partitionKey: string; rowKey: string; etag?: string; unit: string; at: string };

/** Retries of a clash with another writer (ETag) stop after this long: then 503 and Retry-After. */
export const CONTENTION_BUDGET_MS = 20_000;

/** The partition stayed too busy for the time budget: answer 503 with Retry-After. */
export class PartitionBusyError extends Error {
  constructor(readonly partition: string) {
    super(`Partition ${partition} too busy`);
    this.name = "PartitionBusyError";
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
export const newEpoch = () => randomBytes(9).toString("base64url");

/**
 * A pull window of at most this many sequence numbers reads the change log and the records it
 * names (point reads); a larger one (a first pull) scans the partition, which then returns most
 * of what it reads anyway.
 */
export const LOG_WINDOW = 500;

/**
 * The writes a window (after, upTo] falls in, from a meta row's marks: write k stamped
 * (marks[k-1].seq, marks[k].seq]. Undefined when the kept marks do not cover the whole window.
 */
export function writesInWindow(
  marks: [number, string][],
  after: number,
  upTo: number,
): { firstSeq: number; mark: string }[] | undefined {
  if (marks.length < 2 || after < marks[0]![0] || upTo > marks[marks.length - 1]![0]) return undefined;
  const writes: { firstSeq: number; mark: string }[] = [];
  for (let k = 1; k < marks.length; k++) {
    const [prev] = marks[k - 1]!;
    const [last, mark] = marks[k]!;
    if (last <= prev) return undefined; // not one history: trust only the scan
    if (last > after && prev < upTo) writes.push({ firstSeq: prev + 1, mark });
  }
  return writes;
}

function isStatus(e: unknown, ...codes: number[]): boolean {
  return codes.includes((e as { statusCode?: number }).statusCode ?? 0);
}

async function getOrUndefined<T extends object>(
  table: TableClient,
  pk: string,
  rk: string,
): Promise<(T & { etag: string }) | undefined> {
  try {
    return (await table.getEntity<T>(pk, rk)) as T & { etag: string };
  } catch (e) {
    if (isStatus(e, 404)) return undefined;
    throw e;
  }
}

export interface PartitionInfo {
  partition: string;
  unit: string;
  lastSeq: number;
  /** The epoch of the partition's sequence ("0" for meta rows older than epochs). */
  epoch: string;
  /** The marks of its most recent writes: [last sequence of the write, mark]. */
  marks: [number, string][];
}

function chunkList<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * What one committed write stamped in one partition: its records follow the partition's sequence
 * from `fromSeq` (the last sequence before the write) under `epoch`.
 */
export interface PartitionWrite {
  year: number;
  partition: string;
  unit: string;
  epoch: string;
  fromSeq: number;
  records: StoredRecord[];
}

export class RecordsRepository {
  /** Record entities read from storage since creation: what the pull benchmark counts. */
  entitiesRead = 0;
  /** Change-log entities read by pulls since creation (beside the records they name). */
  logEntitiesRead = 0;
  /** Partition scans by sequence window (a filter on a non-key property) since creation. */
  partitionScans = 0;
  /** Meta rows read to write a chunk (none while this process wrote the partition last). */
  metaReads = 0;
  /** Chunk writes attempted again after a clash (another writer, or a stale copy of ours). */
  retriedWrites = 0;
  /** The meta entity (with its ETag) of partitions this process wrote last: saves a read per chunk. */
  private readonly metaCache = new Map<string, MetaEntity>();
  /** The last write queued per partition in this process. */
  private readonly turns = new Map<string, Promise<void>>();
  /** Told of every write this process commits (the statistics cache follows them without reading). */
  private readonly writeListeners: ((write: PartitionWrite) => void)[] = [];

  constructor(private readonly tables: Tables) {}

  /** Calls `listener` after each write this repository commits, with what it stamped. */
  onWrite(listener: (write: PartitionWrite) => void): void {
    this.writeListeners.push(listener);
  }

  private table(): Promise<TableClient> {
    return this.tables.ready(TABLES.records);
  }

  /**
   * Applies one chunk (≤ 96 records of one partition) atomically. The first attempt reads only what
   * it must (records pushed with a base version, and the partition's meta unless this process wrote
   * it last); a clash with another writer, an existing "new" record or a retried operation makes
   * the transaction fail as a whole, and the next attempt reads everything again, after a jittered
   * exponential pause (many writers of one partition then spread out instead of colliding again),
   * until CONTENTION_BUDGET_MS: then PartitionBusyError (503).
   */
  async pushChunk(
    year: number,
    unit: string,
    records: PushedRecord[],
    operationKey: string,
    who: string,
  ): Promise<{ results: PushResult[]; seqs: number[] }> {
    // Writers of one partition in this process take turns: they would only clash on its meta row.
    // Other processes (other Function instances) still clash, and retry below.
    const pk = partitionOf(year, unit);
    const turn = (this.turns.get(pk) ?? Promise.resolve()).then(() =>
      this.pushChunkNow(year, unit, records, operationKey, who),
    );
    const settled = turn.then(
      () => undefined,
      () => undefined,
    );
    this.turns.set(pk, settled);
    void settled.then(() => {
      if (this.turns.get(pk) === settled) this.turns.delete(pk);
    });
    return turn;
  }

  /** The retry loop around load → plan → submit; see pushChunk. */
  private async pushChunkNow(
    year: number,
    unit: string,
    records: PushedRecord[],
    operationKey: string,
    who: string,
  ): Promise<{ results: PushResult[]; seqs: number[] }> {
    if (records.length > RECORDS_PER_TRANSACTION) throw new RangeError("chunk too large");
    const table = await this.table();
    const pk = partitionOf(year, unit);
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      const careful = attempt > 0;
      if (careful) {
        this.retriedWrites++;
        const pause = contentionPause(attempt);
        if (Date.now() - started + pause > CONTENTION_BUDGET_MS) throw new PartitionBusyError(pk);
        await sleep(pause);
        const done = await this.savedResults(table, pk, operationKey, records);
        if (done) return { results: done, seqs: [] };
      }
      const loaded = await this.loadForPush(table, year, unit, records, careful);
      const plan = planPush({
        year,
        unit,
        partition: pk,
        records,
        loaded,
        operationKey,
        who,
        now: new Date().toISOString(),
        mark: randomBytes(6).toString("base64url"),
        epoch: newEpoch(),
      });
      if (await this.submitPush(table, pk, plan)) {
        if (plan.meta) this.announce({ year, partition: pk, unit, meta: plan.meta, records: plan.written });
        return { results: plan.results, seqs: plan.seqs };
      }
    }
  }

  private announce(w: {
    year: number;
    partition: string;
    unit: string;
    meta: MetaEntity;
    records: StoredRecord[];
  }) {
    const { meta, ...rest } = w;
    const write: PartitionWrite = {
      ...rest,
      epoch: meta.epoch ?? "0",
      fromSeq: meta.lastSeq - w.records.length,
    };
    for (const listener of this.writeListeners) listener(write);
  }

  /**
   * What one attempt needs: the partition's meta row (this process's copy when it wrote last,
   * unless `careful`) and the current copies of the records pushed with a base version (of all of
   * them when `careful`: a "new" record that exists made the last attempt fail).
   */
  private async loadForPush(
    table: TableClient,
    year: number,
    unit: string,
    records: PushedRecord[],
    careful: boolean,
  ): Promise<LoadedPartition> {
    const pk = partitionOf(year, unit);
    const meta = (!careful && this.metaCache.get(pk)) || (await this.readMeta(table, pk));
    if (!meta) await this.indexPartition(year, unit);
    // A partition without a meta row but with records (a lost or restored meta row) goes on after them.
    const floor = meta ? 0 : await this.maxSeq(table, pk);
    const current = await Promise.all(
      records.map(async (r) => {
        if (!careful && r.baseVersion === null) return undefined;
        const e = await this.readRecord(table, pk, rowOf(r.kind, r.id));
        return e && { record: storedRecordOf(e), etag: e.etag!, auditRefs: auditRefs(e) };
      }),
    );
    return { meta: meta ? { ...meta, etag: meta.etag! } : undefined, floor, current };
  }

  /**
   * Submits a planned write as one transaction; true when it committed. False on a clash (another
   * writer moved the meta row or a record: 412; an entity created meanwhile or the operation
   * already applied: 409; an entity this attempt updates is gone: 404): the caller loads again.
   */
  private async submitPush(table: TableClient, pk: string, plan: PushPlan): Promise<boolean> {
    try {
      const response = await table.submitTransaction(plan.actions);
      // Sub-responses come in the order of the actions; an update's names no row key, so the meta
      // row's ETag is found by its action's place.
      const at = plan.actions.findIndex(([, entity]) => entity.rowKey === META);
      const etag = at < 0 ? undefined : response.subResponses[at]?.etag;
      if (etag && plan.meta) this.metaCache.set(pk, { ...plan.meta, etag });
      else this.metaCache.delete(pk);
      return true;
    } catch (e) {
      this.metaCache.delete(pk);
      if (isStatus(e, 404, 409, 412)) return false;
      throw e;
    }
  }

  private readMeta(table: TableClient, pk: string): Promise<(MetaEntity & { etag: string }) | undefined> {
    this.metaReads++;
    return getOrUndefined<MetaEntity>(table, pk, META);
  }

  /** The results of an operation applied before (a retry), conflicts answered with today's server copy. */
  private async savedResults(
    table: TableClient,
    pk: string,
    operationKey: string,
    records: PushedRecord[],
  ): Promise<PushResult[] | undefined> {
    const done = await getOrUndefined<{ partitionKey: string; rowKey: string; results: string }>(
      table,
      pk,
      operationKey,
    );
    if (!done) return undefined;
    const list = savedResultsOf(done, records.length);
    return Promise.all(
      records.map(async (r, i): Promise<PushResult> => {
        const x = list[i]!;
        if ("status" in x) return x; // an operation row written before results were compacted
        if (x.s === "a") return { kind: r.kind, id: r.id, status: "applied", version: x.v };
        if (x.s === "r")
          return {
            kind: r.kind,
            id: r.id,
            status: "rejected",
            httpStatus: x.h,
            reason: { vi: x.vi, en: x.en },
          };
        const cur = await this.readRecord(table, pk, rowOf(r.kind, r.id));
        return { kind: r.kind, id: r.id, status: "conflict", server: cur ? storedRecordOf(cur) : null };
      }),
    );
  }

  /** A record as stored in a unit's partition, or undefined. */
  async record(year: number, unit: string, kind: RecordKind, id: string): Promise<StoredRecord | undefined> {
    const e = await this.readRecord(await this.table(), partitionOf(year, unit), rowOf(kind, id));
    return e ? storedRecordOf(e) : undefined;
  }

  /** The highest sequence number of a partition's records (0 for none): one scan, only when its meta row is missing. */
  private async maxSeq(table: TableClient, pk: string): Promise<number> {
    let max = 0;
    for await (const e of table.listEntities<{ seq?: number }>({
      queryOptions: { filter: odata`PartitionKey eq ${pk} and RowKey lt ${"~"}`, select: ["seq"] },
    }))
      max = Math.max(max, e.seq ?? 0);
    return max;
  }

  /** Whether an operation key was applied in a unit's partition (a retried move). */
  async operationDone(year: number, unit: string, operationKey: string): Promise<boolean> {
    return (await getOrUndefined(await this.table(), partitionOf(year, unit), operationKey)) !== undefined;
  }

  /**
   * Claims record ids of a plan year for a unit, before the records are written (another table, so
   * not in their transaction). The order keeps it safe: a claim whose record was never written (a
   * failed push) names a unit that holds no live copy, and is taken over once it is a minute old;
   * a younger one is refused (a concurrent first push of the same id elsewhere). Answers, per id,
   * the unit that holds it when that is another unit.
   */
  async claimIds(
    year: number,
    unit: string,
    ids: { kind: RecordKind; id: string }[],
  ): Promise<(string | undefined)[]> {
    if (ids.length === 0) return [];
    const index = await this.tables.ready(TABLES.recordIds);
    const now = new Date().toISOString();
    const entity = (k: { kind: RecordKind; id: string }): IdEntity => ({
      partitionKey: String(year),
      rowKey: rowOf(k.kind, k.id),
      unit,
      at: now,
    });
    // The common case, all ids new: one transaction per 100.
    const fresh = await Promise.all(
      chunkList(ids, 100).map(async (part) => {
        try {
          await index.submitTransaction(part.map((k) => ["create", entity(k)]));
          return true;
        } catch (e) {
          if (isStatus(e, 409)) return false;
          throw e;
        }
      }),
    );
    if (fresh.every(Boolean)) return ids.map(() => undefined);
    return Promise.all(ids.map((k) => this.claimOne(index, year, unit, entity(k), k)));
  }

  private async claimOne(
    index: TableClient,
    year: number,
    unit: string,
    entity: IdEntity,
    k: { kind: RecordKind; id: string },
  ): Promise<string | undefined> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const held = await getOrUndefined<IdEntity>(index, entity.partitionKey, entity.rowKey);
      try {
        if (!held) {
          await index.createEntity(entity);
          return undefined;
        }
        if (held.unit === unit) return undefined;
        const there = await this.record(year, held.unit, k.kind, k.id);
        if (there && !there.deleted) return held.unit;
        if (!there && Date.now() - Date.parse(held.at) < 60_000) return held.unit;
        await index.updateEntity(entity, "Replace", { etag: held.etag });
        return undefined;
      } catch (e) {
        if (!isStatus(e, 409, 412)) throw e;
      }
    }
    return "?";
  }

  /** Points a record id at another unit (a move by someone who may write both). */
  async moveId(year: number, kind: RecordKind, id: string, unit: string): Promise<void> {
    const index = await this.tables.ready(TABLES.recordIds);
    await index.upsertEntity(
      { partitionKey: String(year), rowKey: rowOf(kind, id), unit, at: new Date().toISOString() },
      "Replace",
    );
  }

  /** Partitions of a year are listed in their own table, written before the partition's first change. */
  private async indexPartition(year: number, unit: string): Promise<void> {
    const index = await this.tables.ready(TABLES.partitions);
    await index.upsertEntity({ partitionKey: String(year), rowKey: encodeKey(unit), unit }, "Replace");
  }

  private async readRecord(table: TableClient, pk: string, rk: string): Promise<RecordEntity | undefined> {
    this.entitiesRead++;
    return getOrUndefined<RecordEntity>(table, pk, rk);
  }

  /** The partitions of a plan year with their last sequence numbers: one query and a point read each. */
  async partitions(year: number): Promise<PartitionInfo[]> {
    const index = await this.tables.ready(TABLES.partitions);
    const units: string[] = [];
    for await (const e of index.listEntities<{ unit: string }>({
      queryOptions: { filter: odata`PartitionKey eq ${String(year)}` },
    }))
      units.push(e.unit);
    const table = await this.table();
    const metas = await Promise.all(
      units.map((unit) => getOrUndefined<MetaEntity>(table, partitionOf(year, unit), META)),
    );
    return metas
      .filter((m): m is MetaEntity & { etag: string } => m !== undefined)
      .map((m) => ({
        partition: m.partitionKey,
        unit: m.unit,
        lastSeq: m.lastSeq,
        epoch: m.epoch ?? "0",
        marks: marksOf(m.marks),
      }));
  }

  /**
   * Records of a partition changed after `afterSeq` (and up to `upToSeq`), in sequence order. With
   * the partition's marks and a small window, reads the change logs of the writes in the window (by
   * key when the marks name them, else by a row-key range) and the records they name; otherwise, or
   * when logs are missing (written before logs existed), scans the partition for the sequence window.
   */
  async changesSince(
    partition: string,
    afterSeq: number,
    kind?: RecordKind,
    upToSeq = Number.MAX_SAFE_INTEGER,
    marks?: [number, string][],
  ): Promise<StoredRecord[]> {
    const table = await this.table();
    if (marks && upToSeq - afterSeq <= LOG_WINDOW) {
      const writes = writesInWindow(marks, afterSeq, upToSeq);
      const logs = writes
        ? await this.logsByKey(table, partition, writes)
        : await this.logsByRange(table, partition, afterSeq, upToSeq);
      const found = logs && (await this.changesFromLogs(table, partition, logs, afterSeq, upToSeq, kind));
      if (found) return found;
    }
    const filter = kind
      ? odata`PartitionKey eq ${partition} and seq gt ${afterSeq} and seq le ${upToSeq} and kind eq ${kind} and RowKey lt ${"~"}`
      : odata`PartitionKey eq ${partition} and seq gt ${afterSeq} and seq le ${upToSeq} and RowKey lt ${"~"}`;
    const out: StoredRecord[] = [];
    this.partitionScans++;
    for await (const e of table.listEntities<RecordEntity>({ queryOptions: { filter } })) {
      this.entitiesRead++;
      out.push(storedRecordOf(e));
    }
    return out.sort((a, b) => a.seq - b.seq);
  }

  /**
   * The log entities of the writes named, or undefined when one is missing (written before logs
   * existed) or damaged: the pull then scans, so nothing is skipped.
   */
  private async logsByKey(
    table: TableClient,
    pk: string,
    writes: { firstSeq: number; mark: string }[],
  ): Promise<[number, string][][] | undefined> {
    const logs = await Promise.all(
      writes.map((w) => {
        this.logEntitiesRead++;
        return getOrUndefined<LogEntity>(table, pk, logRow(w.firstSeq, w.mark));
      }),
    );
    const pairs = logs.map((l) => l && logPairs(l));
    return pairs.every((p) => p !== undefined) ? pairs : undefined;
  }

  /**
   * A cursor older than the kept marks: the log entities whose first sequence can fall in the
   * window, by a row-key range (Table Storage reads what the range holds). Undefined unless they
   * name every sequence of the window (logs missing from before logs existed).
   */
  private async logsByRange(
    table: TableClient,
    pk: string,
    after: number,
    upTo: number,
  ): Promise<[number, string][][] | undefined> {
    const pad = (seq: number) => String(Math.max(0, seq)).padStart(12, "0");
    const filter = odata`PartitionKey eq ${pk} and RowKey ge ${`~log_${pad(after + 1 - RECORDS_PER_TRANSACTION)}`} and RowKey lt ${`~log_${pad(upTo + 1)}`}`;
    const logs: [number, string][][] = [];
    const named = new Set<number>();
    for await (const e of table.listEntities<LogEntity>({ queryOptions: { filter } })) {
      this.logEntitiesRead++;
      const pairs = logPairs(e);
      if (!pairs) continue; // damaged: the sequences it named are missing, so the pull scans
      for (const [seq] of pairs) if (seq > after && seq <= upTo) named.add(seq);
      logs.push(pairs);
    }
    return named.size === upTo - after ? logs : undefined;
  }

  /**
   * The records the logs name in the window, each read by key and kept only if its sequence is
   * still in the window (a later change comes with a later write; a log of a history a restore
   * undid names a record whose sequence is not the log's).
   */
  private async changesFromLogs(
    table: TableClient,
    pk: string,
    logs: [number, string][][],
    after: number,
    upTo: number,
    kind: RecordKind | undefined,
  ): Promise<StoredRecord[]> {
    const rows = new Set<string>();
    for (const log of logs)
      for (const [seq, rk] of log)
        if (seq > after && seq <= upTo && (!kind || rk.startsWith(`${kind}_`))) rows.add(rk);
    const records = await Promise.all([...rows].map((rk) => this.readRecord(table, pk, rk)));
    return records
      .filter((e): e is RecordEntity => e !== undefined && e.seq > after && e.seq <= upTo)
      .map(storedRecordOf)
      .sort((a, b) => a.seq - b.seq);
  }

  /** A record's history, oldest first: the record names its audit entities, each read by key. */
  async audit(year: number, unit: string, kind: RecordKind, id: string): Promise<AuditEntry[]> {
    const table = await this.table();
    const pk = partitionOf(year, unit);
    const record = await this.readRecord(table, pk, rowOf(kind, id));
    if (!record) return [];
    const keys = auditRefs(record);
    const entities = await Promise.all(keys.map((k) => getOrUndefined<AuditEntity>(table, pk, k)));
    return entities
      .flatMap((e) => (e ? auditEntries(e) : []))
      .filter((a) => a.kind === kind && a.id === id)
      .sort((a, b) => a.version - b.version);
  }
}
