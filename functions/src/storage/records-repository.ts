import { odata, type TableClient, type TransactionAction } from "@azure/data-tables";
import type { PushResult, PushedRecord, RecordKind, StoredRecord } from "../sync/protocol";
import { encodeKey, TABLES, type Tables } from "./tables";

/**
 * Records of one plan year and one unit share a partition (`2021_VP`), so a unit's sync is a few
 * entity-group transactions and statistics read a few partitions. Each partition has a `~meta`
 * entity holding its last sequence number; every transaction that writes records also advances it
 * (with its ETag), so a change and its sequence number commit together and a pull "after seq N"
 * can never skip a concurrent writer's change. A transaction holds at most 100 entities:
 * 98 records + the meta entity + the operation entity that makes a retried push apply once.
 */
/** A stored record as an entity: its data as a JSON string (one property, under the 1 MiB limit). */
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

const META = "~meta";
export const RECORDS_PER_TRANSACTION = 98;

export const partitionOf = (year: number, unit: string) => `${year}_${encodeKey(unit)}`;
const rowOf = (kind: RecordKind, id: string) => `${kind}_${encodeKey(id)}`;

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

function isStatus(e: unknown, ...codes: number[]): boolean {
  return codes.includes((e as { statusCode?: number }).statusCode ?? 0);
}

export class RecordsRepository {
  /** Entities read from storage since creation: what the pull benchmark counts. */
  entitiesRead = 0;

  constructor(private readonly tables: Tables) {}

  private table(): Promise<TableClient> {
    return this.tables.ready(TABLES.records);
  }

  /** Applies one chunk (≤ 98 records of one partition) atomically; retried on a concurrent writer. */
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
      const done = await this.readOperation(table, pk, operationKey);
      if (done) return done;
      const meta = await this.readMeta(table, pk);
      const current = await Promise.all(records.map((r) => this.readRecord(table, pk, rowOf(r.kind, r.id))));
      const results: PushResult[] = [];
      const actions: TransactionAction[] = [];
      let seq = meta?.lastSeq ?? 0;
      const now = new Date().toISOString();
      records.forEach((r, i) => {
        const cur = current[i];
        const curVersion = cur?.version ?? null;
        if (curVersion !== r.baseVersion) {
          results.push({ kind: r.kind, id: r.id, status: "conflict", server: cur ? toStored(cur) : null });
          return;
        }
        seq++;
        const entity: RecordEntity = {
          partitionKey: pk,
          rowKey: rowOf(r.kind, r.id),
          kind: r.kind,
          id: r.id,
          unit,
          year,
          version: (curVersion ?? 0) + 1,
          seq,
          deleted: r.deleted === true,
          data: JSON.stringify(r.data),
          updatedBy: who,
          updatedAt: now,
        };
        actions.push(cur ? ["update", entity, "Replace", { etag: cur.etag! }] : ["create", entity]);
        results.push({ kind: r.kind, id: r.id, status: "applied", version: entity.version });
      });
      const newMeta: MetaEntity = { partitionKey: pk, rowKey: META, year, unit, lastSeq: seq };
      if (actions.length > 0)
        actions.push(meta ? ["update", newMeta, "Replace", { etag: meta.etag! }] : ["create", newMeta]);
      actions.push([
        "create",
        { partitionKey: pk, rowKey: operationKey, results: JSON.stringify(results), at: now },
      ]);
      try {
        await table.submitTransaction(actions);
        return results;
      } catch (e) {
        // Another writer changed the partition between our reads and the commit: read again.
        if (isStatus(e, 409, 412)) continue;
        throw e;
      }
    }
    throw new Error("Partition too busy: gave up after 20 attempts");
  }

  private async readOperation(
    table: TableClient,
    pk: string,
    key: string,
  ): Promise<PushResult[] | undefined> {
    try {
      const e = await table.getEntity<{ results: string }>(pk, key);
      return JSON.parse(e.results) as PushResult[];
    } catch (e) {
      if (isStatus(e, 404)) return undefined;
      throw e;
    }
  }

  private async readMeta(table: TableClient, pk: string): Promise<MetaEntity | undefined> {
    try {
      return await table.getEntity<MetaEntity>(pk, META);
    } catch (e) {
      if (isStatus(e, 404)) return undefined;
      throw e;
    }
  }

  private async readRecord(table: TableClient, pk: string, rk: string): Promise<RecordEntity | undefined> {
    try {
      this.entitiesRead++;
      return await table.getEntity<RecordEntity>(pk, rk);
    } catch (e) {
      if (isStatus(e, 404)) return undefined;
      throw e;
    }
  }

  /** The partitions of a plan year with their last sequence numbers. */
  async partitions(year: number): Promise<{ partition: string; unit: string; lastSeq: number }[]> {
    const table = await this.table();
    const out: { partition: string; unit: string; lastSeq: number }[] = [];
    for await (const m of table.listEntities<MetaEntity>({
      queryOptions: { filter: odata`RowKey eq ${META} and year eq ${year}` },
    })) {
      out.push({ partition: m.partitionKey, unit: m.unit, lastSeq: m.lastSeq });
    }
    return out;
  }

  /** Records of a partition changed after `afterSeq`, in sequence order. */
  async changesSince(partition: string, afterSeq: number, kind?: RecordKind): Promise<StoredRecord[]> {
    const table = await this.table();
    const filter = kind
      ? odata`PartitionKey eq ${partition} and seq gt ${afterSeq} and kind eq ${kind}`
      : odata`PartitionKey eq ${partition} and seq gt ${afterSeq}`;
    const out: StoredRecord[] = [];
    for await (const e of table.listEntities<RecordEntity>({ queryOptions: { filter } })) {
      this.entitiesRead++;
      out.push(toStored(e));
    }
    return out.sort((a, b) => a.seq - b.seq);
  }
}
