import type { RecordKind } from "./protocol";
import { stableJson, type RecordData } from "./record-data";

/** A row as read, with the id its hidden id cell holds and its values (before any unshown field is added). */
export interface IdentifiedRow {
  kind: RecordKind;
  syncId?: string | undefined;
  data: RecordData;
  sheet: string;
  /** 1-based, as the user sees it. */
  row: number;
}

/** What this workbook last agreed on with the server, per id. */
export type KnownRecords = Record<string, { kind: RecordKind; base: RecordData } | undefined>;

export type Relinking =
  | { kind: "none" }
  /**
   * The ids to give rows (by index into the rows given), each the id of the record the row holds;
   * `unstrayed`: the stray ids given (their cells on rows holding no record are to be cleared).
   */
  | { kind: "relinked"; ids: Map<number, string>; unstrayed: string[] }
  /** Rows whose id another row's values claim, with no way to tell which record they hold. */
  | { kind: "ambiguous"; rows: IdentifiedRow[] };

/**
 * Sorting only the visible columns of a register (an Excel Table or an autofilter that ends before
 * the hidden id column, or a selection sorted "with the current selection") leaves each id on the
 * row where it was: rows then hold other records' values under their ids, and a sync would push
 * every such row as an edit of the wrong record. The signature is a row whose values are exactly
 * another row's record as last synced while not its own. Such rows take the id of the record they
 * hold; a row left without one (its id taken, its values edited since) takes the one id left over,
 * or, when several are, the sync is refused rather than guessed.
 *
 * A plan's section rows ("I. …") are sorted too: ids end on them (`stray`: ids on rows that hold
 * no record) and records on rows without an id. A row without an id takes an id left over (stray,
 * or released by the rows above) whose record it holds, one row per id; the others stay new rows.
 */
export function relinkDetachedIds(
  rows: readonly IdentifiedRow[],
  known: KnownRecords,
  stray: readonly string[] = [],
): Relinking {
  const moved = rows
    .map((r, i) => ({ r, i, base: r.syncId === undefined ? undefined : known[r.syncId] }))
    .filter(({ r, base }) => base !== undefined && base.kind === r.kind && !holds(r.data, base.base));
  const strays = stray.filter((id) => known[id] !== undefined);
  if (moved.length < 2 && strays.length === 0) return { kind: "none" };
  const byKey = new Map<string, string[]>();
  for (const id of [...moved.map(({ r }) => r.syncId!), ...strays]) {
    const key = keyOf(known[id]!.kind, known[id]!.base);
    if (key !== undefined) byKey.set(key, [...(byKey.get(key) ?? []), id]);
  }
  const proposed = new Map<number, string>();
  const claims = new Map<string, number>();
  for (const { r, i } of moved) {
    const key = keyOf(r.kind, r.data);
    const ids = (key === undefined ? [] : (byKey.get(key) ?? [])).filter(
      (id) => id !== r.syncId && holds(r.data, known[id]!.base),
    );
    if (ids.length !== 1) continue;
    proposed.set(i, ids[0]!);
    claims.set(ids[0]!, (claims.get(ids[0]!) ?? 0) + 1);
  }
  for (const [i, id] of proposed) if (claims.get(id)! > 1) proposed.delete(i);
  const taken = new Set(proposed.values());
  const freed = [...proposed.keys()].map((i) => rows[i]!.syncId!).filter((id) => !taken.has(id));
  const orphans = moved.filter(({ r, i }) => !proposed.has(i) && taken.has(r.syncId!));
  if (orphans.length > 1 || (orphans.length === 1 && freed.length !== 1))
    return { kind: "ambiguous", rows: orphans.map(({ r }) => r) };
  if (orphans.length === 1) {
    proposed.set(orphans[0]!.i, freed[0]!);
    taken.add(freed.shift()!);
  }
  adoptLeftOver(rows, known, [...freed, ...strays.filter((id) => !taken.has(id))], proposed);
  if (proposed.size === 0) return { kind: "none" };
  const given = new Set(proposed.values());
  return { kind: "relinked", ids: proposed, unstrayed: strays.filter((id) => given.has(id)) };
}

/** Rows without an id take the ids left over whose records they hold: each id one row, each row one id. */
function adoptLeftOver(
  rows: readonly IdentifiedRow[],
  known: KnownRecords,
  left: readonly string[],
  proposed: Map<number, string>,
): void {
  if (left.length === 0) return;
  const byRow = new Map<number, string[]>();
  const claims = new Map<string, number>();
  rows.forEach((r, i) => {
    if (r.syncId !== undefined || keyOf(r.kind, r.data) === undefined) return;
    const ids = left.filter((id) => {
      const k = known[id]!;
      return k.kind === r.kind && keyOf(k.kind, k.base) === keyOf(r.kind, r.data) && holds(r.data, k.base);
    });
    if (ids.length !== 1) return;
    byRow.set(i, ids);
    claims.set(ids[0]!, (claims.get(ids[0]!) ?? 0) + 1);
  });
  for (const [i, [id]] of byRow) if (claims.get(id!) === 1) proposed.set(i, id!);
}

/** Whether a row's values are the record's as synced: each value it has is the record's. */
function holds(data: RecordData, base: RecordData): boolean {
  for (const [k, v] of Object.entries(data)) {
    // Texts, numbers and flags compare as they are; only objects (a deadline) by their JSON.
    if (v === undefined || v === base[k]) continue;
    if (typeof v !== "object" || stableJson(v) !== stableJson(base[k])) return false;
  }
  return true;
}

/** What tells records of a kind apart at a glance: a dossier's code, a task's content. */
function keyOf(kind: RecordKind, data: RecordData): string | undefined {
  const v = kind === "dossier" ? data.code : data.content;
  return typeof v === "string" && v !== "" ? `${kind}|${v}` : undefined;
}
