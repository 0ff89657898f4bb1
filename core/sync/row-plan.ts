import type { CellValue } from "../parse/cell";

/**
 * One structural change of a sheet. Applied in list order; each op's row is an address in the sheet
 * as it is after the previous ops (0-based). Consecutive rows are one op (a block), so an adapter
 * does one splice / one Range.insert per block.
 */
export type RowOp =
  | { op: "delete"; sheet: string; row: number; count: number }
  | { op: "insert"; sheet: string; row: number; values: CellValue[][] };

/** A row of the sheet as read (0-based) that goes. */
export interface RowDelete {
  sheet: string;
  row: number;
}

/** A new row placed after a row of the sheet as read (0-based; -1 = above the first row). */
export interface RowInsert {
  sheet: string;
  after: number;
  values: CellValue[];
  /** The record the row holds (to find its row once written). */
  id?: string;
}

/** Rows below `r` in an ascending list: how many of `sorted` are < r. */
function countBelow(sorted: number[], r: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < r) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Where rows are once the deletes and inserts are applied (0-based): a row as read (undefined when
 * deleted), and an inserted record's row by its id. The sheet's own reports (the summary's
 * warnings) name rows as the user will see them after this sync, not as they were read.
 */
export function rowsAfterWrite(
  deletes: RowDelete[],
  inserts: RowInsert[],
): { kept(sheet: string, row: number): number | undefined; inserted(id: string): RowDelete | undefined } {
  const sorted = (xs: number[]) => xs.sort((a, b) => a - b);
  const deleted = new Map<string, number[]>();
  for (const d of deletes) deleted.set(d.sheet, [...(deleted.get(d.sheet) ?? []), d.row]);
  const anchors = new Map<string, number[]>();
  for (const i of inserts) anchors.set(i.sheet, [...(anchors.get(i.sheet) ?? []), i.after]);
  for (const xs of [...deleted.values(), ...anchors.values()]) sorted(xs);
  const gone = new Set(deletes.map((d) => `${d.sheet}\u0000${d.row}`));
  const kept = (sheet: string, row: number) =>
    gone.has(`${sheet}\u0000${row}`)
      ? undefined
      : row - countBelow(deleted.get(sheet) ?? [], row) + countBelow(anchors.get(sheet) ?? [], row);
  const byId = new Map<string, RowDelete>();
  const sameAnchor = new Map<string, number>();
  for (const i of inserts) {
    const key = `${i.sheet}\u0000${i.after}`;
    const before = sameAnchor.get(key) ?? 0;
    sameAnchor.set(key, before + 1);
    if (i.id === undefined) continue;
    // Right after its anchor's place, below the rows inserted there before it.
    const a = i.after;
    const row =
      a +
      1 -
      countBelow(deleted.get(i.sheet) ?? [], a + 1) +
      countBelow(anchors.get(i.sheet) ?? [], a) +
      before;
    byId.set(i.id, { sheet: i.sheet, row });
  }
  return { kept, inserted: (id) => byId.get(id) };
}

/**
 * Plans deletes and inserts addressed in the sheet as read into one ordered list of blocks. A new
 * row goes right after its anchor row's place even when the anchor itself is deleted; inserts after
 * the same row keep their order. Per sheet, each gap between two kept rows becomes at most one
 * delete and one insert, emitted bottom-up so that no address above is moved before it is used.
 */
export function planRowOps(deletes: RowDelete[], inserts: RowInsert[]): RowOp[] {
  const sheets = [...new Set([...deletes.map((d) => d.sheet), ...inserts.map((i) => i.sheet)])];
  return sheets.flatMap((sheet) =>
    planSheet(
      sheet,
      new Set(deletes.filter((d) => d.sheet === sheet).map((d) => d.row)),
      inserts.filter((i) => i.sheet === sheet),
    ),
  );
}

function planSheet(sheet: string, deleted: Set<number>, inserts: RowInsert[]): RowOp[] {
  const after = new Map<number, CellValue[][]>();
  for (const i of inserts) {
    const anchor = Math.max(-1, i.after);
    const list = after.get(anchor);
    if (list) list.push(i.values);
    else after.set(anchor, [i.values]);
  }
  let last = -1;
  for (const r of deleted) last = Math.max(last, r);
  for (const r of after.keys()) last = Math.max(last, r);
  const ops: RowOp[] = [];
  let gapDeletes = 0;
  let gapInserts: CellValue[][][] = []; // chunks, bottom-up
  for (let r = last; r >= -1; r--) {
    const here = after.get(r);
    if (here) gapInserts.push(here);
    if (r >= 0 && deleted.has(r)) {
      gapDeletes++;
      continue;
    }
    // Row r stays (or r = -1, the top): the gap below it is complete.
    if (gapDeletes > 0) ops.push({ op: "delete", sheet, row: r + 1, count: gapDeletes });
    if (gapInserts.length > 0)
      ops.push({ op: "insert", sheet, row: r + 1, values: gapInserts.reverse().flat() });
    gapDeletes = 0;
    gapInserts = [];
  }
  return ops;
}

/**
 * Applies one sheet's ops to a list of rows (the in-memory meaning of the ops, shared by adapters
 * that rebuild a sheet in one pass and by tests): `rows` as read → rows after the ops. Linear for
 * bottom-up ops (as planned here): rows above the current op are never touched again.
 */
export function applyRowOps<T>(rows: T[], ops: RowOp[], newRow: (values: CellValue[]) => T): T[] {
  let p = rows.length; // rows[0, p) are untouched so far
  const tail: T[] = []; // everything after them, reversed
  for (let k = 0; k < ops.length; k++) {
    const op = ops[k]!;
    if (op.row > p) return applyInOrder([...rows.slice(0, p), ...tail.reverse()], ops.slice(k), newRow);
    while (p > op.row) tail.push(rows[--p]!);
    if (op.op === "delete") tail.length = Math.max(0, tail.length - op.count);
    else for (let i = op.values.length - 1; i >= 0; i--) tail.push(newRow(op.values[i]!));
  }
  return rows.slice(0, p).concat(tail.reverse());
}

/** Any order of ops, one splice each; a sheet has no gaps, so an insert below the last row pads it. */
function applyInOrder<T>(rows: T[], ops: RowOp[], newRow: (values: CellValue[]) => T): T[] {
  const out = rows;
  for (const op of ops) {
    if (op.op === "delete") out.splice(op.row, op.count);
    else {
      while (out.length < op.row) out.push(newRow([]));
      out.splice(op.row, 0, ...op.values.map(newRow));
    }
  }
  return out;
}

/**
 * The row after which a new task goes: the last record row of its field's section (or the section
 * row itself when the section is empty); for other records, or a field without a section, the last
 * record row of the sheet (or `fallback`, its last data row / the header). All rows 0-based, as
 * read; `recordRows` sorted ascending (a binary search: planning many inserts stays n log n).
 */
export function anchorRow(
  recordRows: readonly number[],
  fallback: number,
  section?: { start: number; end: number },
): number {
  if (!section) return Math.max(fallback, recordRows[recordRows.length - 1] ?? fallback);
  let lo = 0;
  let hi = recordRows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (recordRows[mid]! < section.end) lo = mid + 1;
    else hi = mid;
  }
  const last = lo > 0 ? recordRows[lo - 1]! : undefined;
  return last !== undefined && last > section.start ? last : section.start;
}
