/// <reference types="office-js" />
import type { CellValue } from "../../core/parse";
import type { CellWrite, PortSheet } from "../../core/sync";
import type { Batch } from "./batch";
import { dateText, needsTextFormat, type Raw, sameValue, toCellValue, toRaw } from "./cell-values";
import { COMMAND_BYTES, jsonBytes } from "./office";

/** Consecutive rows of one column, written as one range. */
interface Run {
  sheet: string;
  col: number;
  top: number;
  cells: CellWrite[];
  /** JSON bytes of the values. */
  bytes: number;
}

/**
 * At most this many bytes of values in one run: a run is checked and written as one range, and a
 * column of 5,000 long notes pulled at once is more than one request of 5 MB may hold.
 */
const RUN_BYTES = 1_000_000;

function runsOf(cells: CellWrite[]): Run[] {
  const byCell = new Map<string, CellWrite>();
  for (const w of cells) byCell.set(`${w.sheet}\u0000${w.row}\u0000${w.col}`, w); // the last write to a cell wins
  const sorted = [...byCell.values()].sort((a, b) =>
    a.sheet < b.sheet ? -1 : a.sheet > b.sheet ? 1 : a.col - b.col || a.row - b.row,
  );
  const runs: Run[] = [];
  for (const w of sorted) {
    const last = runs[runs.length - 1];
    const size = jsonBytes(toRaw(w.value));
    if (
      last &&
      last.sheet === w.sheet &&
      last.col === w.col &&
      last.top + last.cells.length === w.row &&
      last.bytes + size <= RUN_BYTES
    ) {
      last.cells.push(w);
      last.bytes += size;
    } else runs.push({ sheet: w.sheet, col: w.col, top: w.row, cells: [w], bytes: size });
  }
  return runs;
}

export interface CellWriteResult {
  written: number;
  /** Cells the user changed while the sync ran (left alone; the next sync picks them up). */
  skipped: { sheet: string; row: number; col: number }[];
  formulasKept: number;
}

/**
 * Writes cells in blocks: for each block, one sync loads the cells about to be written (with the
 * previous block's writes), and those whose value differs from what was read are left alone.
 * Text Excel would reinterpret gets the Text format first; dates get a date format where the cell
 * has none, and go as day-first text into a Text cell; formula cells are never written.
 */
export async function writeCells(
  batch: Batch,
  cells: CellWrite[],
  asRead: Map<string, PortSheet> | undefined,
): Promise<CellWriteResult> {
  const result: CellWriteResult = { written: 0, skipped: [], formulasKept: 0 };
  const keep = cells.filter((w) => {
    const formula = asRead?.get(w.sheet)?.formulaCells.has(w.row * 16384 + w.col) ?? false;
    if (formula) result.formulasKept++;
    return !formula;
  });
  const runs = runsOf(keep);
  let i = 0;
  while (i < runs.length) {
    // One block: runs whose check and write fit the budget together.
    const block: { run: Run; range: Excel.Range; hasDate: boolean }[] = [];
    let bytes = 0;
    for (; i < runs.length; i++) {
      const run = runs[i]!;
      const size = jsonBytes(run.cells.map((c) => toRaw(c.value))) * 2 + 5 * COMMAND_BYTES;
      if (block.length && bytes + size > 3_000_000) break;
      bytes += size;
      const hasDate = run.cells.some((c) => c.value instanceof Date);
      await batch.room(2 * COMMAND_BYTES, size, run.cells.length);
      const range = batch.ctx.workbook.worksheets
        .getItem(run.sheet)
        .getRangeByIndexes(run.top, run.col, run.cells.length, 1)
        .load(hasDate ? "values,numberFormat" : "values");
      block.push({ run, range, hasDate });
    }
    await batch.sync();
    for (const { run, range, hasDate } of block) {
      const current = range.values as Raw[][];
      const formats = hasDate ? (range.numberFormat as string[][]) : undefined;
      const sheet = asRead?.get(run.sheet);
      const values: (Raw | null)[][] = [];
      const numberFormat: (string | null)[][] = [];
      let anyFormat = false;
      let anyValue = false;
      run.cells.forEach((w, k) => {
        const was: CellValue = sheet ? (sheet.rows[w.row]?.[w.col] ?? null) : toCellValue(current[k]![0]);
        if (!sameValue(was, toCellValue(current[k]![0]))) {
          result.skipped.push({ sheet: w.sheet, row: w.row, col: w.col });
          values.push([null]);
          numberFormat.push([null]);
          return;
        }
        const format = formats?.[k]?.[0] ?? "General";
        // A date into a Text cell (a column of dates typed as text, day first) goes as that text:
        // the serial would show as 44270 there, or be kept as the text "44270".
        const raw = w.value instanceof Date && format === "@" ? dateText(w.value) : toRaw(w.value);
        let nf: string | null = null;
        if (typeof raw === "string" && needsTextFormat(raw)) nf = "@";
        else if (w.value instanceof Date && format === "General") nf = "dd/mm/yyyy";
        anyFormat ||= nf !== null;
        anyValue = true;
        values.push([raw]);
        numberFormat.push([nf]);
        if (sheet) (sheet.rows[w.row] ??= [])[w.col] = typeof raw === "string" ? toCellValue(raw) : raw;
        result.written++;
      });
      if (!anyValue) continue;
      const size = jsonBytes(values) + (anyFormat ? jsonBytes(numberFormat) : 0) + 4 * COMMAND_BYTES;
      await batch.room(size, 0, run.cells.length);
      const target = batch.ctx.workbook.worksheets
        .getItem(run.sheet)
        .getRangeByIndexes(run.top, run.col, run.cells.length, 1);
      if (anyFormat) target.numberFormat = numberFormat as string[][];
      target.values = values as Raw[][];
    }
  }
  return result;
}
