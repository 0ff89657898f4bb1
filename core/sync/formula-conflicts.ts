/**
 * Pulled values that meet a formula cell (formula-holds.ts finds them): the sync never writes into
 * a formula, so the field is held as an open conflict (reported again at each sync while the
 * formula's value differs), or, when the user keeps this workbook's value, pushed over the server's.
 */
import { keepsMine, openConflict } from "./conflicts";
import { formulaColumnsChanged, heldColumn } from "./formula-holds";
import type { LocalRecord } from "./local-record";
import type { PushedRecord, StoredRecord } from "./protocol";
import { stableJson, type RecordData } from "./record-data";
import type { Decision } from "./resolve";
import type { SyncRun } from "./sync-run";

/**
 * Fields held by a formula at the last sync (formula-holds.ts): the row counts as holding the
 * server's value and the conflict is reported again, while the cell still holds a formula whose
 * value differs and the user has not chosen to keep it.
 */
export function holdFormulaFields(run: SyncRun): void {
  for (const c of run.state.conflicts ?? []) {
    const local = c.formula ? run.locals.get(c.id) : undefined;
    if (!local || local.kind !== c.kind || keepsMine(run.options, c.id, c.field)) continue;
    const h = heldColumn(local.kind, c.field, run.rows.columns(local.sheet));
    if (!h || !run.rows.isFormula(local.sheet, local.row, h.col)) continue;
    if (h.keys.every((k) => stableJson(local.data[k]) === stableJson(c.theirsData[k]))) continue;
    const mine = local.data[c.field];
    local.data = withValues(local.data, h.keys, c.theirsData);
    run.plan.conflicts.push({ ...c, mine, sheet: local.sheet, row: local.row + 1, col: h.col });
  }
}

/**
 * A pulled value for a cell holding a formula is not written: the field is held (an open conflict
 * marked `formula`), or, when the user keeps this workbook's value, pushed over the server's.
 */
export function holdFormulaWrites(
  run: SyncRun,
  server: StoredRecord,
  local: LocalRecord,
  d: Decision,
  next: PushedRecord[],
): void {
  const write = d.write!;
  const isFormula = (col: number) => run.rows.isFormula(local.sheet, local.row, col);
  const columns = run.rows.columns(local.sheet);
  const mine: string[] = [];
  for (const h of formulaColumnsChanged(local.kind, local.data, write, columns, isFormula, run.rows.ctx)) {
    if (keepsMine(run.options, server.id, h.field)) {
      mine.push(...h.keys);
      continue;
    }
    const held = {
      field: h.field,
      mine: local.data[h.field],
      theirs: write[h.field],
      formula: true as const,
    };
    openConflict(run, server, held, local);
    local.data = withValues(local.data, h.keys, write);
  }
  if (mine.length === 0) return;
  // The values the user keeps go with this record's push (one made for them if it has none).
  const data = withValues(d.push?.data ?? write, mine, local.data);
  if (d.push) d.push.data = data;
  else next.push({ kind: server.kind, id: server.id, unit: server.unit, baseVersion: server.version, data });
  local.data = withValues(local.data, mine, write);
}

/** `data` with each of `keys` set to its value in `from` (removed when undefined: JSON leaves it out). */
function withValues(data: RecordData, keys: string[], from: RecordData): RecordData {
  let out = data;
  for (const k of keys) out = withValue(out, k, from[k]);
  return out;
}

/** `data` with `key` set to `value` (removed when undefined: JSON leaves it out). */
function withValue(data: RecordData, key: string, value: unknown): RecordData {
  const out = { ...data };
  if (value === undefined) delete out[key];
  else out[key] = value as RecordData[string];
  return out;
}
