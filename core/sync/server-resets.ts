/**
 * A partition the server resent from the start under another epoch (a store restored, or one
 * that lost writes): versions of the old epoch mean nothing, values do. Records are reconciled by
 * id: what the server lost and this workbook still holds is given back (counted in `restored`).
 */
import { partitionKey, pushOf, recordKey } from "./local-record";
import type { PushedRecord, StoredRecord } from "./protocol";
import { sameData } from "./record-data";
import type { SyncState } from "./sync-state";
import type { SyncRun } from "./sync-run";

/**
 * A record of a partition resent under another epoch (a store restored, or that lost writes):
 * versions of the old epoch mean nothing, values do. The same values: only the version is new.
 * The workbook holds what it last synced and the server another value: the server lost that
 * write, and the workbook gives it back (counted in `restored`). Anything else merges as usual.
 * Answers whether the change is dealt with.
 */
export function reconcileEpoch(
  run: SyncRun,
  change: StoredRecord,
  known: SyncState["records"][string],
  next: PushedRecord[],
): boolean {
  known.version = null; // the old epoch's version is never pushed as a base
  const local = run.locals.get(change.id);
  if (!change.deleted && sameData(known.base, change.data)) {
    known.version = change.version;
    return true;
  }
  if (!change.deleted && local && local.kind === change.kind && sameData(known.base, local.data)) {
    known.version = change.version;
    known.base = change.data;
    next.push(pushOf(local, change.version));
    run.plan.report.restored++;
    return true;
  }
  return false;
}

/**
 * After a partition was resent from the start: a record this workbook synced there that the
 * server no longer has is given back as new (its row is still here), or forgotten (its row is
 * gone too). Nothing is deleted, nothing duplicated: ids stay.
 */
export function reconcileResets(run: SyncRun, next: PushedRecord[]): void {
  const queued = new Set(next.map((p) => recordKey(p.kind, p.id)));
  for (const unit of run.server.resetUnits) {
    if (run.server.reconciled.has(unit)) continue;
    run.server.reconciled.add(unit);
    for (const [id, known] of Object.entries(run.state.records)) {
      if (known.unit !== unit || run.server.onServer.has(partitionKey({ unit, kind: known.kind, id })))
        continue;
      if (queued.has(recordKey(known.kind, id)) || known.refused) continue;
      const member = run.server.member;
      const hidden = known.kind === "dossier" && member?.role === "staff" && member.unit !== unit;
      if (hidden) continue; // staff never see other units' dossiers: absence says nothing
      const local = run.locals.get(id);
      if (local && local.kind === known.kind && local.unit === unit) {
        next.push(pushOf(local, null));
        run.plan.report.restored++;
      } else if (!local) delete run.state.records[id];
    }
  }
  const { resetUnits } = run.server;
  if (resetUnits.size > 0 && !run.plan.report.notices.some((n) => n.en.startsWith("The server")))
    run.plan.report.notices.push(resetNotice(resetUnits));
}

function resetNotice(units: Set<string>) {
  return {
    vi: `Máy chủ đã mất hoặc khôi phục dữ liệu của ${[...units].join(", ")}: đã đối chiếu lại theo mã bản ghi.`,
    en: `The server lost or restored the data of ${[...units].join(", ")}: records were reconciled by id.`,
  };
}
