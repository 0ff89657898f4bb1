/**
 * What this workbook changed since its last sync, as the first pushes: new and edited rows, rows
 * moved to another unit, and records whose rows were deleted. Rows waiting for the pull and
 * refusals held back (waiting-rows.ts, held-back.ts) are set aside here.
 */
import { pushPrint } from "./held-back";
import { holdDeletions, type DeletionCandidate, type HeldDeletions } from "./held-deletions";
import { contentKey, pushOf, type LocalRecord } from "./local-record";
import type { PushedRecord } from "./protocol";
import { sameData } from "./record-data";
import type { SyncState } from "./sync-state";
import type { SyncRun } from "./sync-run";

type Known = SyncState["records"][string];

/** Local changes since the last sync: new and edited rows, moves, and rows deleted since. */
export function initialPushes(run: SyncRun): PushedRecord[] {
  const pushes: PushedRecord[] = [];
  const offer = (p: PushedRecord, known: Known | undefined) => {
    // Refused before, unchanged since: held back until we know who is syncing now.
    if (known?.refused && known.refused.push === pushPrint(p))
      run.waiting.heldBack.push({ push: p, refused: known.refused });
    else pushes.push(p);
  };
  // Whether this workbook synced before (its state knows records): a first sync has nothing to match.
  const syncedBefore = () => Object.keys(run.state.records).length > 0;
  for (const local of run.locals.values()) {
    const known = run.state.records[local.id];
    if (known && known.kind !== local.kind) continue; // (kind, id) is the identity: not this record
    if (!known && local.unlinked) {
      run.waiting.unlinked.add(local.id); // linked by the pull, or pushed as new after it
      continue;
    }
    if (!known && local.fresh && syncedBefore()) {
      // Matched with the pull's new records first: a copy put back from before its last sync
      // holds rows that sync pushed under other ids.
      const key = contentKey(local.kind, local.data);
      run.waiting.freshHeld.set(key, [...(run.waiting.freshHeld.get(key) ?? []), local]);
      continue;
    }
    const push = rowPush(local, known);
    if (push) offer(push, known);
  }
  deletionPushes(run, offer);
  return pushes;
}

/** A row's push: a move to another unit (one push, applied or refused whole), a new or an edited record. */
function rowPush(local: LocalRecord, known: Known | undefined): PushedRecord | undefined {
  const { kind, id, unit, data } = local;
  if (known && known.unit !== unit && known.version !== null)
    return { kind, id, unit, fromUnit: known.unit, baseVersion: known.version, data };
  if (!known || known.version === null || !sameData(known.base, data))
    return pushOf(local, known?.version ?? null);
  return undefined;
}

/**
 * Records agreed with the server whose rows are gone: pushed as deleted (never agreed: forgotten),
 * unless a whole sheet or many rows went at once: those wait for a yes (held-deletions.ts).
 */
function deletionPushes(run: SyncRun, offer: (p: PushedRecord, known: Known) => void): void {
  const present = new Set([...run.locals.keys(), ...run.read.idsInErrorRows]);
  const candidates: DeletionCandidate[] = [];
  for (const [id, known] of Object.entries(run.state.records)) {
    // Never accepted by the server and its row gone: nothing left to agree on.
    if (!present.has(id) && known.version === null) delete run.state.records[id];
    if (present.has(id) || known.version === null) continue;
    candidates.push({ id, known });
  }
  const sheetsNow = new Set(
    run.read.mapping.filter((m) => m.kind === "tasks" || m.kind === "dossiers").map((m) => m.sheet),
  );
  const { send, held } = holdDeletions(candidates, run.state, sheetsNow, run.options.confirmDeletes);
  run.plan.report.heldDeletions = restoreHeld(run, held);
  for (const h of run.plan.report.heldDeletions) for (const id of h.ids) run.waiting.heldDeletions.add(id);
  for (const { id, known } of send)
    offer(
      { kind: known.kind, id, unit: known.unit, baseVersion: known.version, deleted: true, data: known.base },
      known,
    );
}

/**
 * Held deletions the user answered "give them back": each record gets a row again from the copy
 * last synced (a sheet of its kind, where a pulled record would go), so the workbook and the server
 * agree again; a record with no sheet of its kind to go to stays held. Answers what is still held.
 */
function restoreHeld(run: SyncRun, held: HeldDeletions[]): HeldDeletions[] {
  const restore = run.options.restoreDeletes;
  if (restore === undefined || held.length === 0) return held;
  const named = restore === true ? undefined : new Set(restore);
  return held
    .map((h) => ({
      ...h,
      ids: h.ids.filter((id) => {
        if (named && !named.has(id)) return true;
        const known = run.state.records[id]!;
        return !run.rows.insertRow({ kind: known.kind, id, unit: known.unit, data: known.base }, known.sheet);
      }),
    }))
    .filter((h) => h.ids.length > 0);
}
