/**
 * Rows that wait for the first pull before they are pushed: rows with ids the state does not know
 * (linked to the server's copy when the pull brings one), and new rows of a workbook synced before
 * (the same record as a pulled one when their values are the same). What the pull did not match
 * is pushed as new.
 */
import { contentKey, pushOf } from "./local-record";
import type { PushedRecord, StoredRecord } from "./protocol";
import type { SyncRun } from "./sync-run";

/**
 * A pulled record this workbook does not know, with exactly the values of a new row held back:
 * the same record (a copy put back from before the sync that pushed it). The row takes its id;
 * the random id it was given is replaced in the same write.
 */
export function matchFresh(run: SyncRun, change: StoredRecord): void {
  const { freshHeld } = run.waiting;
  const key = contentKey(change.kind, change.data);
  const held = freshHeld.get(key);
  const local = held?.shift();
  if (!local) return;
  if (held!.length === 0) freshHeld.delete(key);
  run.locals.delete(local.id);
  local.id = change.id;
  delete local.fresh;
  run.locals.set(change.id, local);
  run.plan.edit.cells.push({
    sheet: local.sheet,
    row: local.row,
    col: run.ids.of(local.sheet),
    value: change.id,
  });
}

/**
 * Unlinked rows the first pull did not bring: the server did not send them (the cursor was past
 * them, or it has no such record). Pushed as new: the server creates them, or answers with its
 * copy, which is then reconciled like a pulled one.
 */
export function pushUnlinkedNotPulled(run: SyncRun, next: PushedRecord[]): void {
  for (const id of run.waiting.unlinked) next.push(pushOf(run.locals.get(id)!, null));
  run.waiting.unlinked.clear();
}

/** New rows the pull did not match: pushed as new records. */
export function pushFreshNotMatched(run: SyncRun, next: PushedRecord[]): void {
  for (const local of [...run.waiting.freshHeld.values()].flat()) next.push(pushOf(local, null));
  run.waiting.freshHeld.clear();
}

/** How many new rows wait for the pull (a dry run counts them as pushed). */
export function freshHeldCount(run: SyncRun): number {
  return [...run.waiting.freshHeld.values()].flat().length;
}
