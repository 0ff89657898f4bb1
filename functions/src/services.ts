import { AuditHistory } from "./audit/purge";
import { AuthLimiter } from "./auth/auth-limiter";
import { Members } from "./auth/tokens";
import type { Services } from "./http/route-table";
import { ReferenceStore } from "./reference/reference-store";
import { RecordCache } from "./stats/record-cache";
import { SnapshotStore } from "./snapshots/snapshot-store";
import { RecordsRepository } from "./storage/records-repository";
import { Tables } from "./storage/tables";

export function servicesFor(connectionString?: string): Services {
  const tables = new Tables(connectionString);
  const records = new RecordsRepository(tables);
  return {
    members: new Members(tables),
    records,
    reference: new ReferenceStore(tables),
    recordCache: new RecordCache(records),
    history: new AuditHistory(tables),
    authLimiter: new AuthLimiter(),
    snapshots: new SnapshotStore(tables),
  };
}

let services: Services | undefined;

/** Services from the environment's storage connection, made once per process. */
export function defaultServices(): Services {
  return (services ??= servicesFor());
}
