/**
 * The server's answer to each pushed record: applied (the state takes it as agreed), refused
 * (held-back.ts), unknown to the server (pushed again as new), or a conflict with the server's
 * copy (resolved like a pulled change).
 */
import { resolveRecord } from "./apply-decision";
import { onRefused } from "./held-back";
import { partitionKey, pushOf } from "./local-record";
import type { PushedRecord, SyncResponse } from "./protocol";
import type { SyncRun } from "./sync-run";

export function applyResults(
  run: SyncRun,
  pushed: PushedRecord[],
  res: SyncResponse,
  next: PushedRecord[],
): void {
  res.results.forEach((result, i) => {
    const p = pushed[i]!;
    if (result.status === "applied") {
      run.server.onServer.add(partitionKey(p));
      run.server.ownVersions.set(partitionKey(p), result.version);
      if (p.deleted) {
        if (run.state.records[p.id]?.unit === p.unit) delete run.state.records[p.id];
      } else run.state.records[p.id] = { kind: p.kind, unit: p.unit, version: result.version, base: p.data };
    } else if (result.status === "rejected") {
      onRefused(run, p, result.httpStatus, result.reason, res);
    } else if (result.server === null) {
      // The server has no such record (it was never created there, or it lost it): send it as new.
      next.push(pushOf(p, null));
    } else {
      run.server.onServer.add(partitionKey(result.server));
      resolveRecord(run, result.server, next);
    }
  });
}
