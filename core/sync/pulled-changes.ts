/**
 * Changes pulled from other writers: the latest of each record, those this workbook already has
 * (its own pushes, versions it synced) skipped, a unit's move followed, and each other one
 * resolved into the workbook.
 */
import { resolveRecord } from "./apply-decision";
import { partitionKey, recordKey } from "./local-record";
import type { PushedRecord, StoredRecord } from "./protocol";
import { reconcileEpoch } from "./server-resets";
import type { SyncRun } from "./sync-run";
import { matchFresh } from "./waiting-rows";

/**
 * Changes pulled from other writers: the latest of each record. A record lives in one partition
 * at a time; a change of unit arrives as a tombstone in the old partition and a record in the new
 * one, and the live one wins.
 */
export function applyChanges(run: SyncRun, changes: StoredRecord[], next: PushedRecord[]): void {
  const { latest, tombstones } = latestChanges(run, changes);
  for (let change of latest) {
    if ((run.server.ownVersions.get(partitionKey(change)) ?? 0) >= change.version) continue;
    const known = run.state.records[change.id];
    if (known && known.kind !== change.kind) continue; // another kind's record with the same id
    if (change.deleted && known && known.unit !== change.unit && known.version !== null) {
      // Another unit's tombstone (a move left it there): only a tombstone where we know the record counts.
      const here = tombstones.get(`${recordKey(change.kind, change.id)}|${known.unit}`);
      if (!here) continue;
      change = here;
    }
    if (known && known.unit === change.unit && run.server.resetUnits.has(change.unit)) {
      if (reconcileEpoch(run, change, known, next)) continue;
    } else if (
      known &&
      known.unit === change.unit &&
      known.version !== null &&
      known.version >= change.version
    )
      continue;
    if (!known && !change.deleted && !run.locals.has(change.id)) matchFresh(run, change);
    const local = run.locals.get(change.id);
    if (local && local.kind !== change.kind) continue;
    run.plan.report.pulled++;
    resolveRecord(run, change, next);
  }
}

/** The latest change of each record (a live one over a tombstone), and the tombstones by unit. */
function latestChanges(run: SyncRun, changes: StoredRecord[]) {
  const byId = new Map<string, StoredRecord>();
  const rank = (c: StoredRecord) => (c.deleted ? 0 : 1e12) + c.version;
  for (const c of changes) {
    run.server.onServer.add(partitionKey(c));
    const key = recordKey(c.kind, c.id);
    if (!byId.has(key) || rank(c) > rank(byId.get(key)!)) byId.set(key, c);
  }
  const tombstones = new Map(
    changes.filter((c) => c.deleted).map((c) => [`${recordKey(c.kind, c.id)}|${c.unit}`, c]),
  );
  return { latest: byId.values(), tombstones };
}
