import { odata, type TableClient, type TransactionAction } from "@azure/data-tables";
import type {
  AuditEntry,
  FieldChange,
  PushResult,
  PushedRecord,
  RecordKind,
  StoredRecord,
} from "../sync/protocol";
import { encodeKey, TABLES, type Tables } from "./tables";

/**
 * Records of one plan year and one unit share a partition (`2021_VP`), so a unit's sync is a few
 * entity-group transactions and statistics read a few partitions. Each partition has a `~meta`
 * entity holding its last sequence number; every transaction that writes records also advances it
 * (with its ETag), so a change and its sequence number commit together and a pull "after seq N"
 * can never skip a concurrent writer's change. Each applied change writes its audit entry in the
 * same transaction (no change without its entry, no entry without its change), and the operation
 * entity that makes a retried push apply once. A transaction holds at most 100 entities:
 * 49 records + 49 audit entries + meta + operation.
 */
type RecordEntity = Omit<StoredRecord, "data"> & {
  partitionKey: string;
  rowKey: string;
  etag?: string;
  data: string;
};

type MetaEntity = {
  partitionKey: string;
  rowKey: string;
  etag?: string;
  year: number;
  unit: string;
  lastSeq: number;
};

type AuditEntity = {
  partitionKey: string;
  rowKey: string;
  kind: RecordKind;
  id: string;
  version: number;
  seq: number;
  who: string;
  at: string;
  changes: string;
};

const META = "~meta";
export const RECORDS_PER_TRANSACTION = 49;

export const partitionOf = (year: number, unit: string) => `${year}_${encodeKey(unit)}`;
const rowOf = (kind: RecordKind, id: string) => `${kind}_${encodeKey(id)}`;
const auditPrefix = (kind: RecordKind, id: string) => `~audit_${kind}_${encodeKey(id)}_`;
const auditRow = (kind: RecordKind, id: string, version: number) =>
  auditPrefix(kind, id) + String(version).padStart(8, "0");

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

export class RecordsRepository {
  /** Record entities read from storage since creation: what the pull benchmark counts. */
  entitiesRead = 0;

  constructor(private readonly tables: Tables) {}

  private table(): Promise<TableClient> {
    return this.tables.ready(TABLES.records);
  }

  /**
   * Applies one chunk (≤ 49 records of one partition) atomically. New records are created without
   * being read first (the create fails if one exists); on any clash with another writer the chunk
   * is read again and retried.
   */
  async pushChunk(
    year: number,
    unit: string,
    records: PushedRecord[],
    operationKey: string,
    who: string,
  ): Promise<PushResult[]> {
    if (records.length > RECORDS_PER_TRANSACTION) throw new RangeError("chunk too large");
    const table = await this.table();
    const pk = partitionOf(year, unit);
    for (let attempt = 0; attempt < 20; attempt++) {
      const done = await getOrUndefined<{ results: string }>(table, pk, operationKey);
      if (done) return JSON.parse(done.results) as PushResult[];
      const meta = await getOrUndefined<MetaEntity>(table, pk, META);
      if (!meta) await this.indexPartition(year, unit);
      const current = await Promise.all(
        records.map((r) =>
          attempt === 0 && r.baseVersion === null
            ? undefined
            : this.readRecord(table, pk, rowOf(r.kind, r.id)),
        ),
      );
      const now = new Date().toISOString();
      const results: PushResult[] = [];
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
        };
        const audit: AuditEntity = {
          partitionKey: pk,
          rowKey: auditRow(r.kind, r.id, version),
          kind: r.kind,
          id: r.id,
          version,
          seq,
          who,
          at: now,
          changes: JSON.stringify(diffFields(cur ? toStored(cur) : undefined, r)),
        };
        actions.push(cur ? ["update", entity, "Replace", { etag: cur.etag! }] : ["create", entity], [
          "create",
          audit,
        ]);
        results.push({ kind: r.kind, id: r.id, status: "applied", version });
      });
      if (seq !== (meta?.lastSeq ?? 0)) {
        const newMeta: MetaEntity = { partitionKey: pk, rowKey: META, year, unit, lastSeq: seq };
        actions.push(meta ? ["update", newMeta, "Replace", { etag: meta.etag }] : ["create", newMeta]);
      }
      actions.push([
        "create",
        { partitionKey: pk, rowKey: operationKey, results: JSON.stringify(results), at: now },
      ]);
      try {
        await table.submitTransaction(actions);
        return results;
      } catch (e) {
        // Another writer changed the partition (or a "new" record exists): read again and retry.
        if (isStatus(e, 409, 412)) continue;
        throw e;
      }
    }
    throw new Error("Partition too busy: gave up after 20 attempts");
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

  /** Records of a partition changed after `afterSeq`, in sequence order. */
  async changesSince(partition: string, afterSeq: number, kind?: RecordKind): Promise<StoredRecord[]> {
    const table = await this.table();
    const filter = kind
      ? odata`PartitionKey eq ${partition} and seq gt ${afterSeq} and kind eq ${kind} and RowKey lt ${"~"}`
      : odata`PartitionKey eq ${partition} and seq gt ${afterSeq} and RowKey lt ${"~"}`;
    const out: StoredRecord[] = [];
    for await (const e of table.listEntities<RecordEntity>({ queryOptions: { filter } })) {
      this.entitiesRead++;
      out.push(toStored(e));
    }
    return out.sort((a, b) => a.seq - b.seq);
  }

  /** A record's history, oldest first. */
  async audit(year: number, unit: string, kind: RecordKind, id: string): Promise<AuditEntry[]> {
    const table = await this.table();
    const prefix = auditPrefix(kind, id);
    const filter = odata`PartitionKey eq ${partitionOf(year, unit)} and RowKey ge ${prefix} and RowKey lt ${prefix + "~"}`;
    const out: AuditEntry[] = [];
    for await (const e of table.listEntities<AuditEntity>({ queryOptions: { filter } })) {
      out.push({
        kind: e.kind,
        id: e.id,
        unit,
        year,
        version: e.version,
        seq: e.seq,
        who: e.who,
        at: e.at,
        changes: JSON.parse(e.changes) as FieldChange[],
      });
    }
    return out.sort((a, b) => a.version - b.version);
  }
}
