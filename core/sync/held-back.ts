/**
 * Refused pushes: a refusal (no right, another unit's record) is reported on the row and noted in
 * the state for the member refused; the same push, unchanged, is held back at the next sync until
 * the server says who is syncing, then sent again (another member or rights) or reported again.
 * A refused deletion puts the row back.
 */
import type { Message } from "../model/records";
import { sameMember, type PushedRecord, type SyncResponse } from "./protocol";
import { fingerprint, stableJson } from "./record-data";
import type { SyncRun } from "./sync-run";

/** What a push holds, to tell whether a refused record was changed since. */
export const pushPrint = (p: PushedRecord) =>
  fingerprint(stableJson({ unit: p.unit, deleted: p.deleted === true, data: p.data }));

/**
 * A refusal belongs to the member who was refused: once the first answer says who is syncing, the
 * records refused to someone else (or to other rights) are pushed again; the others are reported again.
 */
export function releaseHeldBack(run: SyncRun, next: PushedRecord[]): void {
  for (const { push, refused } of run.waiting.heldBack) {
    if (!sameMember(refused.member, run.server.member)) next.push(push);
    // A deletion is only ever refused for rights (403): one noted by a version that did not put
    // the row back (a leader's copy synced before) is put back now, not reported at every sync.
    else if (push.deleted && putBackRefusedDeletion(run, push, 403))
      reportRefusal(run, push, refused.reason, true);
    else reportRefusal(run, push, refused.reason);
  }
}

/** A push the server refused in this sync: reported, and noted in the state for the member refused. */
export function onRefused(
  run: SyncRun,
  p: PushedRecord,
  httpStatus: number,
  reason: Message,
  res: SyncResponse,
) {
  if (putBackRefusedDeletion(run, p, httpStatus)) {
    reportRefusal(run, p, reason, true);
    return;
  }
  reportRefusal(run, p, reason);
  // What was agreed before stays (version and base); the refusal is noted for this member.
  const known = run.state.records[p.id];
  const refused = { member: res.member, push: pushPrint(p), reason };
  if (known && known.kind === p.kind) known.refused = refused;
  else if (!p.deleted)
    run.state.records[p.id] = { kind: p.kind, unit: p.unit, version: null, base: {}, refused };
}

function reportRefusal(run: SyncRun, p: PushedRecord, reason: Message, putBack = false): void {
  const local = run.locals.get(p.id);
  // A row deleted here has no row to name: the refusal names its record (a code, a task's content).
  const label = p.kind === "dossier" ? (p.data.code ?? p.data.procedure) : p.data.content;
  const back = putBack ? { vi: "; đã trả lại dòng", en: "; the row was put back" } : { vi: "", en: "" };
  const gone =
    !local && typeof label === "string"
      ? {
          vi: ` (dòng đã xóa ở sổ này: ${label}${back.vi})`,
          en: ` (a row deleted in this workbook: ${label}${back.en})`,
        }
      : undefined;
  run.plan.report.rejected.push({
    sheet: local?.sheet ?? "",
    row: local ? local.row + 1 : null,
    column: null,
    message: gone ? { vi: reason.vi + gone.vi, en: reason.en + gone.en } : reason,
  });
}

/**
 * A deletion the member has no right to make (a leader's read-only copy, another unit's record):
 * the row is given back from the copy this workbook last agreed on with the server, so that the
 * workbook and the server (and the summary, computed there) count the same records. Answers
 * whether it was given back.
 */
function putBackRefusedDeletion(run: SyncRun, p: PushedRecord, httpStatus: number): boolean {
  const known = run.state.records[p.id];
  if (!p.deleted || httpStatus !== 403 || known?.kind !== p.kind || known.version === null) return false;
  if (run.locals.has(p.id) || run.rows.inserted(p.id)) return true;
  delete known.refused;
  return run.rows.insertRow({ kind: known.kind, id: p.id, unit: known.unit, data: known.base }, known.sheet);
}
