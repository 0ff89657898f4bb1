/// <reference types="office-js" />
import { RECORD_ID_HEADER } from "../../core/layout";
import type { Batch } from "./batch";
import { COMMAND_BYTES, jsonBytes } from "./office";
import { STATE_SHEET } from "../../core/sync";
import { CONFLICT_COLUMNS, CONFLICT_SHEET, CONFLICT_TAB_COLOR } from "../../core/sync";
import type { WorkbookEdit } from "../../core/sync";

/** Excel column widths are in points; the file adapter's widths are in characters (~5.6 pt each). */
export const POINTS_PER_CHAR = 5.6;

/** The hidden id column: its header (as text) on the header row, the column hidden. */
export async function addIdColumns(batch: Batch, columns: WorkbookEdit["idColumns"]): Promise<void> {
  for (const id of columns) {
    await batch.room(8 * COMMAND_BYTES, 0);
    const ws = batch.ctx.workbook.worksheets.getItem(id.sheet);
    const header = ws.getRangeByIndexes(id.headerRow, id.col, 1, 1);
    header.numberFormat = [["@"]];
    header.values = [[RECORD_ID_HEADER]];
    ws.getRangeByIndexes(0, id.col, 1, 1).getEntireColumn().columnHidden = true;
  }
}

/** Text rows into a sheet from A1, all cells as Text, in blocks under the budget. */
export async function writeTextRows(batch: Batch, ws: Excel.Worksheet, rows: string[][]): Promise<void> {
  const width = Math.max(1, ...rows.map((r) => r.length));
  let start = 0;
  while (start < rows.length) {
    let bytes = 0;
    let end = start;
    while (end < rows.length && (end === start || bytes + jsonBytes(rows[end]) * 2 < 3_000_000))
      bytes += jsonBytes(rows[end++]) * 2;
    const block = rows.slice(start, end).map((r) => Array.from({ length: width }, (_, c) => r[c] ?? ""));
    await batch.room(bytes + 4 * COMMAND_BYTES, 0, block.length * width);
    const range = ws.getRangeByIndexes(start, 0, block.length, width);
    range.numberFormat = block.map((r) => r.map(() => "@"));
    range.values = block;
    start = end;
  }
}

/**
 * Empties a sheet to draw it again in place, where it cannot be deleted and added again (the
 * workbook's structure is protected: cells, formats and charts may still change): its charts, merged
 * areas, cells and formats, page breaks and row heights. One sync (for the list of charts).
 */
export async function emptySheet(batch: Batch, ws: Excel.Worksheet): Promise<void> {
  await batch.room(3 * COMMAND_BYTES, 10_000);
  const charts = ws.charts.load("items/name");
  await batch.sync();
  for (const chart of charts.items) {
    await batch.room(2 * COMMAND_BYTES, 0);
    chart.delete();
  }
  await batch.room(8 * COMMAND_BYTES, 0);
  const all = ws.getRange();
  all.unmerge();
  all.clear("All");
  all.format.useStandardHeight = true;
  ws.horizontalPageBreaks.removePageBreaks();
}

/**
 * The "Xung đột" sheet, replaced (removed when there is no conflict), as the file adapter draws it.
 * `exists`: the sheet there now, by its name as the workbook spells it ("XUNG ĐỘT"), or true/false.
 * `inPlace`: the workbook's structure is protected: an existing sheet is emptied and drawn again
 * (left empty when there is no conflict) instead of deleted and added.
 */
export async function writeConflicts(
  batch: Batch,
  rows: string[][],
  exists: boolean | string,
  inPlace = false,
): Promise<void> {
  const sheets = batch.ctx.workbook.worksheets;
  const name = typeof exists === "string" ? exists : CONFLICT_SHEET;
  let ws: Excel.Worksheet;
  if (exists && inPlace) {
    ws = sheets.getItem(name);
    await emptySheet(batch, ws);
    if (rows.length === 0) return;
  } else {
    if (exists) {
      await batch.room(2 * COMMAND_BYTES, 0);
      sheets.getItem(name).delete();
    }
    if (rows.length === 0) return;
    await batch.room(3 * COMMAND_BYTES, 0);
    ws = sheets.add(CONFLICT_SHEET);
    ws.tabColor = `#${CONFLICT_TAB_COLOR}`;
  }
  await writeTextRows(batch, ws, rows);
  await batch.room(40 * COMMAND_BYTES, 0);
  ws.getRangeByIndexes(0, 0, 1, rows[0]!.length || 1).format.font.bold = true;
  CONFLICT_COLUMNS.forEach(
    (col, c) => (ws.getRangeByIndexes(0, c, 1, 1).format.columnWidth = col.width * POINTS_PER_CHAR),
  );
}

/**
 * The state sheet (very hidden): A1..An written as text where they differ from what was read, the
 * rows below n cleared. `oldCount` is the number of rows it held.
 */
export async function writeState(
  batch: Batch,
  cells: string[],
  read: string[] | undefined,
  state: { exists: boolean; rows: number },
): Promise<void> {
  const sheets = batch.ctx.workbook.worksheets;
  let ws: Excel.Worksheet;
  if (!state.exists) {
    await batch.room(3 * COMMAND_BYTES, 0);
    ws = sheets.add(STATE_SHEET);
    ws.visibility = "VeryHidden";
  } else ws = sheets.getItem(STATE_SHEET);
  for (let i = 0; i < cells.length;) {
    if (state.exists && read?.[i] === cells[i]) {
      i++;
      continue;
    }
    // A run of changed cells, one range.
    let end = i;
    let bytes = 0;
    while (
      end < cells.length &&
      !(state.exists && read?.[end] === cells[end]) &&
      (end === i || bytes < 2_500_000)
    )
      bytes += jsonBytes(cells[end++]);
    await batch.room(bytes + 4 * COMMAND_BYTES, 0, end - i);
    const range = ws.getRangeByIndexes(i, 0, end - i, 1);
    range.numberFormat = cells.slice(i, end).map(() => ["@"]);
    range.values = cells.slice(i, end).map((c) => [c]);
    i = end;
  }
  if (state.rows > cells.length) {
    await batch.room(3 * COMMAND_BYTES + 8 * (state.rows - cells.length), 0, state.rows - cells.length);
    ws.getRangeByIndexes(cells.length, 0, state.rows - cells.length, 1).values = Array.from(
      { length: state.rows - cells.length },
      () => [""],
    );
  }
}
