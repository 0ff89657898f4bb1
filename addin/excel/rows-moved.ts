/// <reference types="office-js" />
import { RECORD_ID_HEADER } from "../../core/layout";
import type { CellValue } from "../../core/parse";
import type { PortSheet } from "../../core/sync";
import { type Raw, sameValue, toCellValue } from "./cell-values";
import { jsonBytes } from "./office";

/** One column of a sheet as it was read, and the range to load it again. */
export interface RowCheck {
  sheet: string;
  expected: CellValue[];
  range: Excel.Range;
  /** JSON bytes of the column (what its load answers, about). */
  bytes: number;
}

/** Header rows searched for the id column. */
const HEADER_ROWS = 12;
/** Bytes of key columns loaded with the write's first sync at most; a larger sheet is not checked. */
const CHECK_BYTES = 1_500_000;

/** The column whose cells tell rows apart: the hidden id column, else the fullest of the first 20. */
function keyColumn(sheet: PortSheet): number | undefined {
  for (const row of sheet.rows.slice(0, HEADER_ROWS)) {
    const col = row?.findIndex((v) => v === RECORD_ID_HEADER) ?? -1;
    if (col >= 0) return col;
  }
  let best: number | undefined;
  let most = 0;
  for (let c = 0; c < 20; c++) {
    const n = sheet.rows.filter((r) => r?.[c] !== null && r?.[c] !== undefined).length;
    if (n > most) [best, most] = [c, n];
  }
  return best;
}

/**
 * Queues, for each sheet the write changes, a load of its key column (the hidden id column where
 * there is one) over the rows as read. Row operations and cell writes go by row number: a row the
 * user inserts or deletes while the sync talks to the server would send them to other records'
 * rows (a colleague's deletion would delete the wrong dossier).
 */
export function queueRowChecks(
  ctx: Excel.RequestContext,
  sheets: string[],
  asRead: Map<string, PortSheet> | undefined,
): RowCheck[] {
  const checks: RowCheck[] = [];
  let bytes = 0;
  for (const name of sheets) {
    const sheet = asRead?.get(name);
    const col = sheet && keyColumn(sheet);
    if (!sheet || col === undefined || sheet.rows.length === 0) continue;
    const expected = sheet.rows.map((r) => r?.[col] ?? null);
    const size = jsonBytes(expected);
    if (bytes + size > CHECK_BYTES) continue;
    bytes += size;
    const range = ctx.workbook.worksheets
      .getItem(name)
      .getRangeByIndexes(0, col, expected.length, 1)
      .load("values");
    checks.push({ sheet: name, expected, range, bytes: size });
  }
  return checks;
}

/** After the sync: the sheets whose rows no longer line up with the read. */
export function rowsMoved(checks: RowCheck[]): string[] {
  return checks
    .filter(({ expected, range }) =>
      (range.values as Raw[][]).some((row, i) => !sameValue(expected[i] ?? null, toCellValue(row[0]))),
    )
    .map((c) => c.sheet);
}
