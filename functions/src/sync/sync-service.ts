import type { Caller } from "../auth/tokens";
import { RECORDS_PER_TRANSACTION, type RecordsRepository } from "../storage/records-repository";
import type { PushResult, PushedRecord, StoredRecord, SyncRequest, SyncResponse } from "./protocol";

/** Who may write a record: staff their own unit's, coordinators every unit's; leaders and admins none. */
export function mayWrite(caller: Caller, unit: string): boolean {
  if (caller.role === "coordinator") return true;
  return caller.role === "staff" && caller.unit === unit;
}

/** Staff read the whole plan (every unit's tasks) and their own unit's dossiers; others read all. */
function readScope(caller: Caller, unit: string): "all" | "tasks" {
  return caller.role === "staff" && caller.unit !== unit ? "tasks" : "all";
}

const forbidden = (r: PushedRecord): PushResult => ({
  kind: r.kind,
  id: r.id,
  status: "rejected",
  httpStatus: 403,
  reason: {
    vi: `Bạn không có quyền ghi bản ghi của đơn vị "${r.unit}".`,
    en: `You may not write records of unit "${r.unit}".`,
  },
});

/**
 * One sync round trip: the push applied per partition in ≤ 98-record transactions (each with the
 * operation id, so a retry applies once), then every change after the client's cursor.
 */
export async function sync(repo: RecordsRepository, caller: Caller, req: SyncRequest): Promise<SyncResponse> {
  const results = new Map<PushedRecord, PushResult>();
  const byUnit = new Map<string, PushedRecord[]>();
  for (const r of req.push) {
    if (!mayWrite(caller, r.unit)) results.set(r, forbidden(r));
    else byUnit.set(r.unit, [...(byUnit.get(r.unit) ?? []), r]);
  }
  for (const [unit, records] of byUnit) {
    for (let i = 0; i < records.length; i += RECORDS_PER_TRANSACTION) {
      const chunk = records.slice(i, i + RECORDS_PER_TRANSACTION);
      const applied = await repo.pushChunk(
        req.year,
        unit,
        chunk,
        `~op_${req.operationId}_${i / RECORDS_PER_TRANSACTION}`,
        caller.name,
      );
      chunk.forEach((r, j) => results.set(r, applied[j]!));
    }
  }
  const changes: StoredRecord[] = [];
  const cursor: Record<string, number> = { ...req.cursor };
  for (const p of await repo.partitions(req.year)) {
    const after = req.cursor[p.partition] ?? 0;
    if (p.lastSeq <= after) continue;
    const scope = readScope(caller, p.unit);
    const found = await repo.changesSince(p.partition, after, scope === "tasks" ? "task" : undefined);
    changes.push(...found);
    // Everything up to lastSeq had committed when it was read; a change committed since may be in
    // `found` too. Either way nothing at or below the new cursor is left unseen.
    cursor[p.partition] = Math.max(p.lastSeq, ...found.map((c) => c.seq));
  }
  return { operationId: req.operationId, results: req.push.map((r) => results.get(r)!), changes, cursor };
}
