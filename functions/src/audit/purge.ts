import { odata, type TableClient } from "@azure/data-tables";
import * as v from "valibot";
import { parseJsonText } from "../../../core/schemas";
import type { AuditEntry, RecordKind } from "../../../core/sync";
import {
  auditEntity,
  auditEntries,
  partitionOf,
  rowOf,
  type AuditEntity,
} from "../storage/partition-entities";
import { encodeKey, TABLES, type Tables } from "../storage/tables";

/** A purge leaves this row in the partition: who purged which record's history, when; no data. */
interface PurgeEntity {
  partitionKey: string;
  rowKey: string;
  kind: RecordKind;
  id: string;
  unit: string;
  year: number;
  version: number;
  who: string;
  at: string;
  removed: number;
}

const PURGE = "~purge_";
/** Audit entities' row keys (functions/src/storage/records-repository.ts): `~audit_<seq>_<mark>`. */
const AUDIT_PREFIX = "~audit_";
const AUDIT_END = "~audit`";

/** A record's list of the audit entities naming it; undefined when the stored text is damaged. */
const AuditKeysSchema = v.array(v.pipe(v.string(), v.startsWith(AUDIT_PREFIX)));
function auditKeysOf(text: string | undefined): string[] | undefined {
  const json = parseJsonText(text ?? "[]");
  const keys = json.ok ? v.safeParse(AuditKeysSchema, json.value) : undefined;
  return keys?.success ? keys.output : undefined;
}

/**
 * An admin's purge of a record's history (DOMAIN.md: "an admin can purge it"). Audit entities hold
 * the entries of every record of one transaction, so each entity naming the record is rewritten
 * without that record's entries (ETag-conditional: a concurrent purge makes it read again). Pushes
 * only ever create audit entities, never change them, so a purge cannot lose a concurrent change.
 */
export class AuditHistory {
  constructor(private readonly tables: Tables) {}

  private table(): Promise<TableClient> {
    return this.tables.ready(TABLES.records);
  }

  /** Removes every audit entry of the record; returns how many were removed (0 for no such record). */
  async purge(year: number, unit: string, kind: RecordKind, id: string, who: string): Promise<number> {
    const table = await this.table();
    const pk = partitionOf(year, unit);
    let record: { audit?: string; version?: number };
    try {
      record = await table.getEntity<{ audit?: string; version?: number }>(pk, rowOf(kind, id));
    } catch (e) {
      if ((e as { statusCode?: number }).statusCode === 404) return 0;
      throw e;
    }
    let removed = 0;
    for (const key of auditKeysOf(record.audit) ?? (await this.allAuditKeys(table, pk)))
      removed += await this.purgeEntity(table, pk, key, kind, id);
    const at = new Date().toISOString();
    const log: PurgeEntity = {
      partitionKey: pk,
      rowKey: `${PURGE}${at}_${kind}_${encodeKey(id)}`,
      kind,
      id,
      unit,
      year,
      version: record.version ?? 0,
      who,
      at,
      removed,
    };
    await table.upsertEntity(log, "Replace");
    return removed;
  }

  /** Every audit entity of the partition: where a record's damaged list of its own no longer says. */
  private async allAuditKeys(table: TableClient, pk: string): Promise<string[]> {
    const keys: string[] = [];
    const filter = odata`PartitionKey eq ${pk} and RowKey ge ${AUDIT_PREFIX} and RowKey lt ${AUDIT_END}`;
    for await (const e of table.listEntities({ queryOptions: { filter, select: ["RowKey"] } }))
      keys.push(e.rowKey!);
    return keys;
  }

  private async purgeEntity(
    table: TableClient,
    pk: string,
    key: string,
    kind: RecordKind,
    id: string,
  ): Promise<number> {
    for (let attempt = 0; attempt < 10; attempt++) {
      let entity: AuditEntity & { etag: string };
      try {
        entity = (await table.getEntity<AuditEntity>(pk, key)) as AuditEntity & { etag: string };
      } catch (e) {
        if ((e as { statusCode?: number }).statusCode === 404) return 0;
        throw e;
      }
      const entries = auditEntries(entity);
      const kept = entries.filter((a) => !(a.kind === kind && a.id === id));
      if (kept.length === entries.length) return 0;
      try {
        await table.updateEntity(auditEntity(pk, key, kept), "Replace", { etag: entity.etag });
        return entries.length - kept.length;
      } catch (e) {
        if ((e as { statusCode?: number }).statusCode !== 412) throw e;
      }
    }
    throw new Error("Audit entity too busy to purge");
  }

  /** The record's purges, as history entries that say the history was removed, by whom and when. */
  async purges(year: number, unit: string, kind: RecordKind, id: string): Promise<AuditEntry[]> {
    const table = await this.table();
    const pk = partitionOf(year, unit);
    const out: AuditEntry[] = [];
    const filter = odata`PartitionKey eq ${pk} and RowKey ge ${PURGE} and RowKey lt ${"~purge`"}`;
    for await (const e of table.listEntities<PurgeEntity>({ queryOptions: { filter } }))
      if (e.kind === kind && e.id === id)
        out.push({
          kind,
          id,
          unit: e.unit,
          year: e.year,
          version: e.version,
          seq: 0,
          who: e.who,
          at: e.at,
          changes: [{ field: "history", changed: true }],
        });
    return out;
  }
}
