/// <reference types="office-js" />
import type { SummaryModel, SummaryTable } from "../../core/sync/summary-model";
import type { Batch } from "./batch";
import { type Raw } from "./cell-values";
import { COMMAND_BYTES, jsonBytes } from "./office";
import { POINTS_PER_CHAR } from "./system-sheets";

const WIDTH = 15;

/** The sheet as cells: values, number formats (text cells as Text, so no name becomes a formula), merges, bold rows. */
export interface SummaryLayout {
  values: Raw[][];
  formats: string[][];
  merges: { top: number; left: number; bottom: number; right: number }[];
  boldRows: number[];
  headerRows: number[];
}

/** Lays out the summary as the file adapter (cli/xlsx/summary-sheet.ts) draws it: title, subtitle, paragraph, four tables. */
export function layoutSummary(model: SummaryModel): SummaryLayout {
  const values: Raw[][] = [];
  const formats: string[][] = [];
  const layout: SummaryLayout = { values, formats, merges: [], boldRows: [], headerRows: [] };
  const put = (r: number, c: number, v: Raw, nf = typeof v === "string" ? "@" : "General") => {
    while (values.length <= r) {
      values.push(Array.from({ length: WIDTH }, () => ""));
      formats.push(Array.from({ length: WIDTH }, () => "General"));
    }
    values[r]![c] = v;
    formats[r]![c] = nf;
  };
  put(0, 0, model.title);
  put(1, 0, model.subtitle);
  put(3, 0, model.paragraph);
  put(4, 0, "");
  layout.merges.push(
    { top: 0, left: 0, bottom: 0, right: WIDTH - 1 },
    { top: 1, left: 0, bottom: 1, right: WIDTH - 1 },
    { top: 3, left: 0, bottom: 4, right: WIDTH - 1 },
  );
  layout.boldRows.push(0);
  let r = 6;
  for (const table of model.tables) r = layoutTable(layout, put, r, table);
  return layout;
}

function layoutTable(
  layout: SummaryLayout,
  put: (r: number, c: number, v: Raw, nf?: string) => void,
  top: number,
  table: SummaryTable,
): number {
  const width = table.header[0]!.length;
  put(top, 0, table.title);
  layout.boldRows.push(top);
  const h = top + 1;
  table.header.forEach((row, i) => {
    row.forEach((text, c) => put(h + i, c, text));
    layout.headerRows.push(h + i);
  });
  if (table.header.length === 2) {
    const [group, sub] = table.header as [string[], string[]];
    for (let c = 0; c < width; c++) {
      if (group[c] && !sub[c]) layout.merges.push({ top: h, left: c, bottom: h + 1, right: c });
      else if (group[c]) {
        let end = c;
        while (end + 1 < width && !group[end + 1] && sub[end + 1]) end++;
        if (end > c) layout.merges.push({ top: h, left: c, bottom: h, right: end });
      } else if (c === 0) layout.merges.push({ top: h, left: 0, bottom: h + 1, right: 0 });
    }
  }
  let r = h + table.header.length;
  table.rows.forEach((row, i) => {
    row.forEach((v, c) => {
      if (v === null) put(r, c, "—");
      else if (typeof v === "number") put(r, c, v, table.percentColumns.includes(c) ? "0.0%" : "#,##0");
      else put(r, c, v);
    });
    if (table.total && i === table.rows.length - 1) layout.boldRows.push(r);
    r++;
  });
  return r + 1;
}

/** Replaces the "Tổng hợp" sheet: first in the workbook, where a leader looks. */
export async function writeSummary(batch: Batch, model: SummaryModel, exists: boolean): Promise<void> {
  const sheets = batch.ctx.workbook.worksheets;
  const layout = layoutSummary(model);
  if (exists) {
    await batch.room(2 * COMMAND_BYTES, 0);
    sheets.getItem(model.sheetName).delete();
  }
  const rows = layout.values.length;
  await batch.room(
    jsonBytes(layout.values) +
      jsonBytes(layout.formats) +
      COMMAND_BYTES * (layout.merges.length + 2 * layout.boldRows.length + 3 * layout.headerRows.length + 10),
    0,
    rows * WIDTH,
  );
  const ws = sheets.add(model.sheetName);
  ws.position = 0;
  ws.tabColor = "#1F4E79";
  const all = ws.getRangeByIndexes(0, 0, rows, WIDTH);
  all.numberFormat = layout.formats;
  all.values = layout.values;
  for (const m of layout.merges)
    ws.getRangeByIndexes(m.top, m.left, m.bottom - m.top + 1, m.right - m.left + 1).merge(false);
  for (const r of [...layout.boldRows, ...layout.headerRows])
    ws.getRangeByIndexes(r, 0, 1, WIDTH).format.font.bold = true;
  for (const r of layout.headerRows) ws.getRangeByIndexes(r, 0, 1, WIDTH).format.wrapText = true;
  ws.getRangeByIndexes(3, 0, 1, 1).format.wrapText = true;
  ws.getRangeByIndexes(0, 0, 1, 1).format.columnWidth = 60 * POINTS_PER_CHAR;
  ws.getRangeByIndexes(0, 1, 1, WIDTH - 1).format.columnWidth = 12 * POINTS_PER_CHAR;
}
