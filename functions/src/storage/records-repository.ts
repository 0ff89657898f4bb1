import { odata, type TableClient, type TransactionAction } from "@azure/data-tables";
import type {
  AuditEntry,
  FieldChange,
  PushResult,
  PushedRecord,
  RecordKind,
  StoredRecord,
} from "../../../core/sync/protocol";
import { redactPersonalData } from "../audit/personal-data";
import { encodeKey, TABLES, type Tables } from "./tables";

/**
 * Records of one plan year and one unit share a partition (`2021_VP`), so a unit's sync is a few
 * entity-group transactions and statistics read a few partitions. Each partition has a `~meta`
 * entity holding its last sequence number; every transaction that writes records also advances it
 * (with its ETag), so a change and its sequence number commit together and a pull "after seq N"
 * can never skip a concurrent writer's change. The same transaction writes one audit entity with
 * what each record's change was (no change without its entry, no entry without its change; each
 * record keeps the keys of its audit entities) and the operation entity that makes a retried push
 * apply once. A transaction holds at most 100 entities: 97 records + audit + meta + operation.
 */
type RecordEntity = Omit<StoredRecord, "data"> & {
  partitionKey: string;
  rowKey: string;
  etag?: string;
  data: string;
  /** Row keys of the audit entities that hold this record's changes, as a JSON array. */
  audit: string;
};

type MetaEntity = {
  partitionKey: string;
  rowKey: string;
  etag?: string;
  year: number;
  unit: string;
  lastSeq: number;
};

/** One transaction's audit: its entries as JSON split over properties e0, e1, … (64 KiB each at most). */
export type AuditEntity = { partitionKey: string; rowKey: string; parts: number } & Record<
  string,
  string | number
>;

const AUDIT_PART_CHARS = 30_000;
/** A record keeps the keys of at most this many audit entities (its most recent changes). */
const AUDIT_REFS_KEPT = 1000;

const META = "~meta";
export const RECORDS_PER_TRANSACTION = 97;

export const partitionOf = (year: number, unit: string) => `${year}_${encodeKey(unit)}`;
export const rowOf = (kind: RecordKind, id: string) => `${kind}_${encodeKey(id)}`;
const auditRow = (firstSeq: number) => `~audit_${String(firstSeq).padStart(12, "0")}`;

export function auditEntity(pk: string, rowKey: string, entries: AuditEntry[]): AuditEntity {
  const json = JSON.stringify(entries);
  const entity: AuditEntity = { partitionKey: pk, rowKey, parts: 0 };
  for (let i = 0; i * AUDIT_PART_CHARS < json.length; i++) {
    entity[`e${i}`] = json.slice(i * AUDIT_PART_CHARS, (i + 1) * AUDIT_PART_CHARS);
    entity.parts = i + 1;
  }
  return entity;
}

export function auditEntries(e: AuditEntity): AuditEntry[] {
  let json = "";
  for (let i = 0; i < e.parts; i++) json += e[`e${i}`] as string;
  return JSON.parse(json) as AuditEntry[];
}

function toStored(e: RecordEntity): StoredRecord {
  return {
    kind: e.kind,
    id: e.id,
    unit: e.unit,
    year: e.year,
    version: e.version,
    seq: e.seq,
    deleted: e.deleted,
    data: JSON.parse(e.data) as Record<string, unknown>,
    updatedBy: e.updatedBy,
    updatedAt: e.updatedAt,
  };
}

/** Which fields changed from what to what; `deleted` counts as a field. */
export function diffFields(before: StoredRecord | undefined, after: PushedRecord): FieldChange[] {
  const changes: FieldChange[] = [];
  const old = before?.data ?? {};
  for (const key of new Set([...Object.keys(old), ...Object.keys(after.data)])) {
    const from = old[key] ?? null;
    const to = after.data[key] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes.push({ field: key, from, to });
  }
  if ((before?.deleted ?? false) !== (after.deleted === true))
    changes.push({ field: "deleted", from: before?.deleted ?? null, to: after.deleted === true });
  return changes;
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
}

/**
 * A chunk's results as kept with its operation id: conflicts without the server's copy, which a
 * retry reads again (100 copies overflow Table Storage's 64 KiB property: the push answered 500).
 */
const keptResults = (results: PushResult[]): string =>
  JSON.stringify(results.map((r) => (r.status === "conflict" ? { ...r, server: null } : r)));

export class RecordsRepository {
  /** Record entities read from storage since creation: what the pull benchmark counts. */
  entitiesRead = 0;
  /** The meta entity (with its ETag) of partitions this process wrote last: saves a read per chunk. */
  private readonly metaCache = new Map<string, MetaEntity>();

  constructor(private readonly tables: Tables) {}

  private table(): Promise<TableClient> {
    return this.tables.ready(TABLES.records);
  }

  /**
   * Applies one chunk (≤ 97 records of one partition) atomically. The first attempt reads only what
   * it must (records pushed with a base version, and the partition's meta unless this process wrote
   * it last); a clash with another writer, an existing "new" record or a retried operation makes
   * the transaction fail as a whole, and the next attempt reads everything again.
   */
  async pushChunk(
    year: number,
    unit: string,
    records: PushedRecord[],
    operationKey: string,
    who: string,
  ): Promise<{ results: PushResult[]; seqs: number[] }> {
    if (records.length > RECORDS_PER_TRANSACTION) throw new RangeError("chunk too large");
    const table = await this.table();
    const pk = partitionOf(year, unit);
    for (let attempt = 0; attempt < 20; attempt++) {
      const careful = attempt > 0;
      if (careful) {
        const done = await getOrUndefined<{ results: string }>(table, pk, operationKey);
        if (done)
          return {
            results: await this.replayed(table, pk, JSON.parse(done.results) as PushResult[]),
            seqs: [],
          };
      }
      const meta =
        (!careful && this.metaCache.get(pk)) || (await getOrUndefined<MetaEntity>(table, pk, META));
      if (!meta) await this.indexPartition(year, unit);
      const current = await Promise.all(
        records.map((r) =>
          !careful && r.baseVersion === null ? undefined : this.readRecord(table, pk, rowOf(r.kind, r.id)),
        ),
      );
      const now = new Date().toISOString();
      const firstSeq = (meta?.lastSeq ?? 0) + 1;
      const auditKey = auditRow(firstSeq);
      const results: PushResult[] = [];
      const entries: AuditEntry[] = [];
      const actions: TransactionAction[] = [];
      let seq = meta?.lastSeq ?? 0;
      records.forEach((r, i) => {
        const cur = current[i];
        const curVersion = cur?.version ?? null;
        if (curVersion !== r.baseVersion) {
          results.push({ kind: r.kind, id: r.id, status: "conflict", server: cur ? toStored(cur) : null });
          return;
        }
        seq++;
        const version = (curVersion ?? 0) + 1;
        const refs = [...(cur ? (JSON.parse(cur.audit ?? "[]") as string[]) : []), auditKey].slice(
          -AUDIT_REFS_KEPT,
        );
        const entity: RecordEntity = {
          partitionKey: pk,
          rowKey: rowOf(r.kind, r.id),
          kind: r.kind,
          id: r.id,
          unit,
          year,
          version,
          seq,
          deleted: r.deleted === true,
          data: JSON.stringify(r.data),
          updatedBy: who,
          updatedAt: now,
          audit: JSON.stringify(refs),
        };
        actions.push(cur ? ["update", entity, "Replace", { etag: cur.etag! }] : ["create", entity]);
        entries.push({
          kind: r.kind,
          id: r.id,
          unit,
          year,
          version,
          seq,
          who,
          at: now,
          changes: redactPersonalData(diffFields(cur ? toStored(cur) : undefined, r)),
        });
        results.push({ kind: r.kind, id: r.id, status: "applied", version });
      });
      const newMeta: MetaEntity = { partitionKey: pk, rowKey: META, year, unit, lastSeq: seq };
      if (entries.length > 0) {
        actions.push(["create", auditEntity(pk, auditKey, entries)]);
        actions.push(meta ? ["update", newMeta, "Replace", { etag: meta.etag! }] : ["create", newMeta]);
      }
      actions.push([
        "create",
        { partitionKey: pk, rowKey: operationKey, results: keptResults(results), at: now },
      ]);
      try {
        const response = await table.submitTransaction(actions);
        const etag = response.subResponses.find((r) => r.rowKey === META)?.etag;
        if (etag) this.metaCache.set(pk, { ...newMeta, etag });
        return { results, seqs: entries.map((e) => e.seq) };
      } catch (e) {
        this.metaCache.delete(pk);
        if (isStatus(e, 409, 412)) continue;
        throw e;
      }
    }
    throw new Error("Partition too busy: gave up after 20 attempts");
  }

  /** A kept operation's results for a retry, each conflict with the server's current copy read again. */
  private async replayed(table: TableClient, pk: string, results: PushResult[]): Promise<PushResult[]> {
    return Promise.all(
      results.map(async (r) => {
        if (r.status !== "conflict") return r;
        const cur = await this.readRecord(table, pk, rowOf(r.kind, r.id));
        return { ...r, server: cur ? toStored(cur) : null };
      }),
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
      .map((m) => ({ partition: m.partitionKey, unit: m.unit, lastSeq: m.lastSeq }));
  }

  /** Records of a partition changed after `afterSeq` (and up to `upToSeq`), in sequence order. */
  async changesSince(
    partition: string,
    afterSeq: number,
    kind?: RecordKind,
    upToSeq = Number.MAX_SAFE_INTEGER,
  ): Promise<StoredRecord[]> {
    const table = await this.table();
    const filter = kind
      ? odata`PartitionKey eq ${partition} and seq gt ${afterSeq} and seq le ${upToSeq} and kind eq ${kind} and RowKey lt ${"~"}`
      : odata`PartitionKey eq ${partition} and seq gt ${afterSeq} and seq le ${upToSeq} and RowKey lt ${"~"}`;
    const out: StoredRecord[] = [];
    for await (const e of table.listEntities<RecordEntity>({ queryOptions: { filter } })) {
      this.entitiesRead++;
      out.push(toStored(e));
    }
    return out.sort((a, b) => a.seq - b.seq);
  }

  /** A record's history, oldest first: the record names its audit entities, each read by key. */
  async audit(year: number, unit: string, kind: RecordKind, id: string): Promise<AuditEntry[]> {
    const table = await this.table();
    const pk = partitionOf(year, unit);
    const record = await this.readRecord(table, pk, rowOf(kind, id));
    if (!record) return [];
    const keys = JSON.parse(record.audit ?? "[]") as string[];
    const entities = await Promise.all(keys.map((k) => getOrUndefined<AuditEntity>(table, pk, k)));
    return entities
      .flatMap((e) => (e ? auditEntries(e) : []))
      .filter((a) => a.kind === kind && a.id === id)
      .sort((a, b) => a.version - b.version);
  }
}
