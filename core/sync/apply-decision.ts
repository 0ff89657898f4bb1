/**
 * Bringing a record to the server's copy: resolve.ts decides (merge field by field, conflicts,
 * deletions), and the decision is carried out here on the rows, the conflicts, the sync state and
 * the next push.
 */
import { openConflict } from "./conflicts";
import { holdFormulaWrites } from "./formula-conflicts";
import { partitionKey, type LocalRecord } from "./local-record";
import type { PushedRecord, StoredRecord } from "./protocol";
import { decide, type Decision } from "./resolve";
import type { SyncRun } from "./sync-run";

/** Brings a record to the server's copy `server`, merging with local edits; never silently drops either. */
export function resolveRecord(run: SyncRun, server: StoredRecord, next: PushedRecord[]): void {
  const key = partitionKey(server);
  if ((run.server.resolved.get(key) ?? -1) >= server.version) return;
  run.server.resolved.set(key, server.version);
  run.waiting.unlinked.delete(server.id);
  const local = run.locals.get(server.id);
  // A row this sync gave back from the copy last synced (a held deletion restored, a refused one
  // put back) is no deletion here: it takes the server's newer copy, as a new row would.
  const givenBack = !local && run.rows.inserted(server.id);
  const known = givenBack ? undefined : run.state.records[server.id];
  const decision = decide({
    server,
    ...(local && { local }),
    ...(known && { known }),
    rowInError: !local && run.read.idsInErrorRows.includes(server.id),
    deletionHeld: run.waiting.heldDeletions.has(server.id),
    ...(run.options.prefer && { prefer: run.options.prefer }),
    ...(run.options.choices && { choices: run.options.choices }),
  });
  applyDecision(run, decision, server, local, next);
}

/** Carries out a record's decision: cells, rows, conflicts, the sync state and the next push. */
function applyDecision(
  run: SyncRun,
  d: Decision,
  server: StoredRecord,
  local: LocalRecord | undefined,
  next: PushedRecord[],
): void {
  // A workbook with no sheet for this kind does not hold it: not recorded, so never pushed as deleted.
  if (d.insert && !run.rows.insertRow(server)) return;
  if (d.merged) run.plan.report.merged++;
  if (d.state === "accept")
    run.state.records[server.id] = {
      kind: server.kind,
      unit: server.unit,
      version: server.version,
      base: server.data,
    };
  else if (d.state === "forget") {
    delete run.state.records[server.id];
    // A row given back earlier in this sync for a record now deleted there would outlive it.
    if (!local) run.rows.withdrawInsert(server.id);
  }
  for (const c of d.conflicts) openConflict(run, server, c, local);
  if (local && d.write) holdFormulaWrites(run, server, local, d, next);
  if (local && d.write) run.rows.writeRow(local, d.write);
  if (local && d.removeRow) run.rows.deleteRow(local);
  if (d.push) next.push(d.push);
}
