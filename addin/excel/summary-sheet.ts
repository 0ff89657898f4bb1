/// <reference types="office-js" />
import type { SummaryModel } from "../../core/sync";
import type { Batch } from "./batch";
import { CHART_COMMANDS, drawCharts } from "./charts";
import { COMMAND_BYTES, jsonBytes } from "./office";
import { layoutSummary, type SummaryStyle } from "./summary-layout";
import { emptySheet, POINTS_PER_CHAR } from "./system-sheets";

export { layoutSummary, type SummaryLayout } from "./summary-layout";

/**
 * The print scale that puts the summary's 15 columns (207 characters) on a landscape A4 page:
 * about 65% with Calibri 11, 57% with Times New Roman 12 (a common default in Vietnamese
 * offices), 49% as LibreOffice measures it (the file adapter's fit-to-width comes to the same). Office.js's fit-to-pages zoom is not applied reliably
 * (OfficeDev/office-js#1860) and the "any number of pages tall" value is not documented; a scale is.
 */
const PRINT_SCALE = 48;

/** Applies one style block to its range; returns the number of commands queued. */
function applyStyle(ws: Excel.Worksheet, s: SummaryStyle): number {
  const { top, left, bottom, right } = s.box;
  const f = ws.getRangeByIndexes(top, left, bottom - top + 1, right - left + 1).format;
  let n = 0;
  const set = (apply: () => void) => (apply(), n++);
  if (s.bold !== undefined) set(() => (f.font.bold = s.bold!));
  if (s.italic !== undefined) set(() => (f.font.italic = s.italic!));
  if (s.size !== undefined) set(() => (f.font.size = s.size!));
  if (s.color !== undefined) set(() => (f.font.color = s.color!));
  if (s.fill !== undefined) set(() => (f.fill.color = s.fill!));
  if (s.horizontal !== undefined) set(() => (f.horizontalAlignment = s.horizontal!));
  if (s.vertical !== undefined) set(() => (f.verticalAlignment = s.vertical!));
  if (s.wrap !== undefined) set(() => (f.wrapText = s.wrap!));
  for (const b of s.borders ?? [])
    for (const edge of b.edges) {
      const border = f.borders.getItem(edge);
      set(() => (border.style = b.style));
      set(() => (border.weight = b.weight));
      set(() => (border.color = b.color));
    }
  return n;
}

/** Commands a style block queues (for the batch's budget). */
function styleCommands(s: SummaryStyle): number {
  const props = ["bold", "italic", "size", "color", "fill", "horizontal", "vertical", "wrap"] as const;
  return (
    props.filter((p) => s[p] !== undefined).length +
    3 * (s.borders ?? []).reduce((n, b) => n + b.edges.length, 0)
  );
}

/**
 * Replaces the "Tổng hợp" sheet (first in the workbook, where a leader looks) with the model's
 * drawing: the same cells, merges, number formats and widths as the file adapter writes, and the
 * native charts where the file has their placeholder boxes. The sheet is deleted and added again,
 * so no cell, merge or chart of the previous refresh stays behind. `exists`: the sheet there now, by
 * its name as the workbook spells it (Excel compares names without case), or true/false.
 * `inPlace`: the workbook's structure is protected (no sheet may be added, deleted or moved, but
 * cells, formats and charts may change: support.microsoft.com, "Protect a workbook"): the existing
 * sheet is emptied and drawn again where it is.
 */
export async function writeSummary(
  batch: Batch,
  model: SummaryModel,
  exists: boolean | string,
  inPlace = false,
): Promise<void> {
  const sheets = batch.ctx.workbook.worksheets;
  const layout = layoutSummary(model);
  const name = typeof exists === "string" ? exists : model.sheetName;
  const refresh = Boolean(exists) && inPlace;
  if (refresh) await emptySheet(batch, sheets.getItem(name));
  else if (exists) {
    await batch.room(2 * COMMAND_BYTES, 0);
    sheets.getItem(name).delete();
  }
  const rows = layout.values.length;
  const width = model.width;
  const commands =
    13 +
    model.pageBreaksBefore.length +
    layout.merges.length +
    layout.rowHeights.size +
    layout.columnWidths.length +
    layout.styles.reduce((n, s) => n + styleCommands(s), 0) +
    CHART_COMMANDS * model.charts.length;
  await batch.room(
    jsonBytes(layout.values) + jsonBytes(layout.formats) + COMMAND_BYTES * commands,
    0,
    rows * width,
  );
  let ws: Excel.Worksheet;
  if (refresh) ws = sheets.getItem(name);
  else {
    ws = sheets.add(model.sheetName);
    ws.position = 0;
    ws.tabColor = "#1F4E79";
  }
  ws.showGridlines = false;
  const all = ws.getRangeByIndexes(0, 0, rows, width);
  // Formats first: a text cell is Text before its value arrives, so "=…" stays text.
  all.numberFormat = layout.formats;
  all.values = layout.values;
  layout.columnWidths.forEach(
    (w, c) => (ws.getRangeByIndexes(0, c, 1, 1).format.columnWidth = w * POINTS_PER_CHAR),
  );
  for (const [r, h] of layout.rowHeights) ws.getRangeByIndexes(r, 0, 1, 1).format.rowHeight = h;
  for (const m of layout.merges)
    ws.getRangeByIndexes(m.top, m.left, m.bottom - m.top + 1, m.right - m.left + 1).merge(false);
  for (const s of layout.styles) applyStyle(ws, s);
  // Printed as the file adapter sets it: landscape, the sheet's width on a page, the same page breaks
  // (the paper size is left to the user's printer: A4 where Excel is set up for Vietnam).
  ws.pageLayout.orientation = "Landscape";
  ws.pageLayout.zoom = { scale: PRINT_SCALE };
  for (const row of model.pageBreaksBefore) ws.horizontalPageBreaks.add(`A${row}`);
  drawCharts(ws, model.charts);
}
