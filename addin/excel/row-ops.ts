/// <reference types="office-js" />
import type { CellValue } from "../../core/parse";
import type { Batch } from "./batch";
import { needsTextFormat, type Raw, toRaw } from "./cell-values";
import { COMMAND_BYTES, jsonBytes } from "./office";
import type { RowOp } from "../../core/sync";

/**
 * Applies core's row plan verbatim, in order: one Range.delete / Range.insert on whole rows per op
 * (Excel moves merges, validations, formats and notes itself); inserted rows get their values
 * (Text format first for text Excel would reinterpret; inserted rows take the formats of the row
 * above, as in Excel). Ops are packed into syncs by payload, calculation suspended.
 */
export async function applyRowOps(batch: Batch, ops: RowOp[], done?: (op: RowOp) => void): Promise<void> {
  for (const op of ops) {
    done?.(op);
    const ws = batch.ctx.workbook.worksheets.getItem(op.sheet);
    if (op.op === "delete") {
      if (op.count < 1) continue;
      await batch.room(4 * COMMAND_BYTES, 0);
      ws.getRangeByIndexes(op.row, 0, op.count, 1).getEntireRow().delete("Up");
      continue;
    }
    if (op.values.length === 0) continue;
    const width = Math.max(1, ...op.values.map((r) => r.length));
    const { values, formats } = rowsFor(op.values, width);
    await batch.room(8 * COMMAND_BYTES, 0);
    ws.getRangeByIndexes(op.row, 0, op.values.length, 1).getEntireRow().insert("Down");
    // The new rows' values in blocks under the budget: 5,000 pulled rows of long notes are
    // more than the 5 MB one request of Excel on the web may hold.
    for (const [start, end] of blocksOf(values, formats)) {
      const size = jsonBytes(values.slice(start, end)) + (formats ? jsonBytes(formats.slice(start, end)) : 0);
      await batch.room(size + 4 * COMMAND_BYTES, 0, (end - start) * width);
      const target = ws.getRangeByIndexes(op.row + start, 0, end - start, width);
      if (formats) target.numberFormat = formats.slice(start, end) as string[][];
      target.values = values.slice(start, end) as Raw[][];
    }
  }
}

/** Bytes of one block of rows written as one range. */
export const ROW_BLOCK_BYTES = 1_000_000;

/** [start, end) row ranges whose values (and formats) stay within ROW_BLOCK_BYTES (one row at least). */
function blocksOf(values: unknown[][], formats: unknown[][] | undefined): [number, number][] {
  const blocks: [number, number][] = [];
  let start = 0;
  let bytes = 0;
  values.forEach((row, i) => {
    const size = jsonBytes(row) + (formats ? jsonBytes(formats[i]) : 0);
    if (i > start && bytes + size > ROW_BLOCK_BYTES) {
      blocks.push([start, i]);
      start = i;
      bytes = 0;
    }
    bytes += size;
  });
  if (values.length > start) blocks.push([start, values.length]);
  return blocks;
}

/** Rectangular arrays for new rows: null leaves a cell empty, formats only where needed. */
function rowsFor(
  rows: CellValue[][],
  width: number,
): { values: (Raw | null)[][]; formats?: (string | null)[][] } {
  let anyFormat = false;
  const formats: (string | null)[][] = [];
  const values = rows.map((row) => {
    const f: (string | null)[] = [];
    const out = Array.from({ length: width }, (_, c) => {
      const v = row[c] ?? null;
      const raw = v === null ? null : toRaw(v);
      const nf =
        typeof raw === "string" && raw !== "" && needsTextFormat(raw)
          ? "@"
          : v instanceof Date
            ? "dd/mm/yyyy"
            : null;
      anyFormat ||= nf !== null;
      f.push(nf);
      return raw === "" ? null : raw;
    });
    formats.push(f);
    return out;
  });
  return anyFormat ? { values, formats } : { values };
}
