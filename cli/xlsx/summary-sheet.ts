import ExcelJS from "exceljs";
import {
  NO_FIGURE,
  type KeyFigure,
  type SummaryChart,
  type SummaryModel,
  type SummaryTable,
} from "../../core/sync";

const thin: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};
const HEAD_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
const TOTAL_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };
const FIGURE_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEEF3FA" } };
const FIGURE_EDGE = "FFB4C6E7";
const NAVY = "FF1F4E79";
const GREY = "FF7F7F7F";

/** Header rows with group cells merged over the empty cells to their right, and single cells merged down. */
function writeHeader(ws: ExcelJS.Worksheet, top: number, header: string[][], width: number): number {
  header.forEach((row, i) =>
    row.forEach((text, c) => {
      const cell = ws.getCell(top + i, c + 1);
      cell.value = text;
      cell.font = { bold: true };
      cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
      cell.border = thin;
      cell.fill = HEAD_FILL;
    }),
  );
  for (let i = 0; i < header.length; i++) ws.getRow(top + i).height = 30;
  if (header.length === 2) {
    const [group, sub] = header as [string[], string[]];
    for (let c = 0; c < width; c++) {
      if (group[c] && !sub[c]) ws.mergeCells(top, c + 1, top + 1, c + 1);
      else if (group[c]) {
        let end = c;
        while (end + 1 < width && !group[end + 1] && sub[end + 1]) end++;
        if (end > c) ws.mergeCells(top, c + 1, top, end + 1);
      } else if (c === 0) ws.mergeCells(top, 1, top + 1, 1);
    }
  }
  return top + header.length;
}

/** The sheet column (1-based) where a table's column c starts, given the spans of the columns before it. */
function startColumn(table: SummaryTable, c: number): number {
  let col = 1;
  for (let i = 0; i < c; i++) col += table.spans?.[i] ?? 1;
  return col;
}

/** Writes one row of cells at their columns, merging a cell over its span. */
function writeCells(
  ws: ExcelJS.Worksheet,
  r: number,
  table: SummaryTable,
  values: (string | number | null)[],
  style: (cell: ExcelJS.Cell, c: number) => void,
): void {
  values.forEach((v, c) => {
    const col = startColumn(table, c);
    const span = table.spans?.[c] ?? 1;
    if (span > 1) ws.mergeCells(r, col, r, col + span - 1);
    const cell = ws.getCell(r, col);
    // Text from records (field, unit, sector names, task contents) is always a string, never a formula.
    cell.value = v === null ? NO_FIGURE : v;
    style(cell, c);
    for (let k = 1; k < span; k++) ws.getCell(r, col + k).border = thin;
  });
}

function writeTable(ws: ExcelJS.Worksheet, table: SummaryTable): void {
  const width = table.header[0]!.length;
  const title = ws.getCell(table.top, 1);
  title.value = table.title;
  title.font = { bold: true, size: 12, color: { argb: NAVY } };
  let r: number;
  if (table.header.length === 2) r = writeHeader(ws, table.top + 1, table.header, width);
  else {
    writeCells(ws, table.top + 1, table, table.header[0]!, (cell) => {
      cell.font = { bold: true };
      cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
      cell.border = thin;
      cell.fill = HEAD_FILL;
    });
    ws.getRow(table.top + 1).height = 30;
    r = table.top + 2;
  }
  table.rows.forEach((row, i) => {
    const last = table.total && i === table.rows.length - 1;
    writeCells(ws, r, table, row, (cell, c) => {
      const v = row[c];
      cell.border = thin;
      if (table.percentColumns.includes(c) && typeof v === "number") cell.numFmt = "0.0%";
      else if (typeof v === "number") cell.numFmt = "#,##0";
      cell.alignment =
        c > 0 && typeof v === "number" ? { horizontal: "right" } : { wrapText: true, vertical: "top" };
      if (last) {
        cell.font = { bold: true };
        cell.fill = TOTAL_FILL;
      }
    });
    // Files do not grow rows to fit wrapped text: a row gets the lines the model gives its longest text.
    const height = table.rowHeights?.[i] ?? 15;
    if (height > 15) ws.getRow(r).height = height;
    r++;
  });
  if (table.note) {
    ws.getCell(r, 1).value = table.note;
    ws.getCell(r, 1).font = { italic: true, color: { argb: GREY } };
  }
}

const TONE: Record<KeyFigure["tone"], string> = { good: "FF2E7D32", bad: "FFC62828", neutral: "FF7F7F7F" };

/** A key figure: label, the large value, its detail and its change, in a shaded block. */
function writeKeyFigure(ws: ExcelJS.Worksheet, f: KeyFigure): void {
  const lines: [string, Partial<ExcelJS.Font>, number][] = [
    [f.label, { bold: true, size: 11, color: { argb: "FF404040" } }, f.labelHeight ?? 20],
    [f.text, { bold: true, size: 24, color: { argb: f.alert ? "FFC62828" : NAVY } }, 36],
    [f.detail, { size: 9, color: { argb: "FF404040" } }, 16],
    [f.changeText, { size: 9, italic: f.tone === "neutral", color: { argb: TONE[f.tone] } }, 16],
  ];
  lines.forEach(([text, font, height], i) => {
    const r = f.row + i;
    if (f.span > 1) ws.mergeCells(r, f.col, r, f.col + f.span - 1);
    const cell = ws.getCell(r, f.col);
    cell.value = text;
    cell.font = font;
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    ws.getRow(r).height = Math.max(ws.getRow(r).height ?? 0, height);
    for (let c = f.col; c < f.col + f.span; c++) {
      const each = ws.getCell(r, c);
      each.fill = FIGURE_FILL;
      each.border = {
        left: c === f.col ? { style: "thin", color: { argb: FIGURE_EDGE } } : {},
        right: c === f.col + f.span - 1 ? { style: "thin", color: { argb: FIGURE_EDGE } } : {},
        top: i === 0 ? { style: "medium", color: { argb: NAVY } } : {},
        bottom: i === lines.length - 1 ? { style: "thin", color: { argb: FIGURE_EDGE } } : {},
      } as Partial<ExcelJS.Borders>;
    }
  });
}

/** Where a chart goes, for a reader of the file: the add-in draws the chart over this box. */
function writeChartPlaceholder(ws: ExcelJS.Worksheet, chart: SummaryChart): void {
  ws.mergeCells(`${chart.from}:${chart.to}`);
  const cell = ws.getCell(chart.from);
  cell.value = chart.placeholder;
  cell.font = { italic: true, color: { argb: GREY } };
  cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF7F9FC" } };
  const dashed = { style: "dashed" as const, color: { argb: "FFB4C6E7" } };
  cell.border = { top: dashed, left: dashed, bottom: dashed, right: dashed };
}

/**
 * The leaders' "Tổng hợp" sheet, drawn from the model's layout: title, cut-off and sync time, the
 * key figures, the report paragraph, the warnings, the chart tables (with a box where the add-in
 * draws each chart) and the detailed tables.
 */
export function writeSummarySheet(wb: ExcelJS.Workbook, model: SummaryModel): void {
  const old = wb.getWorksheet(model.sheetName);
  if (old) wb.removeWorksheet(old.id);
  const ws = wb.addWorksheet(model.sheetName, {
    properties: { tabColor: { argb: "FF1F4E79" } },
    views: [{ showGridLines: false }],
    pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
  });
  // The summary comes first, where a leader opening the workbook looks.
  (ws as unknown as { orderNo: number }).orderNo = -1;
  const width = model.width;
  model.columnWidths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const banner = (row: number, text: string, font: Partial<ExcelJS.Font>, height?: number) => {
    ws.mergeCells(row, 1, row, width);
    const cell = ws.getCell(row, 1);
    cell.value = text;
    cell.font = font;
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    if (height) ws.getRow(row).height = height;
  };
  banner(1, model.title, { bold: true, size: 16, color: { argb: NAVY } }, 26);
  banner(
    2,
    model.subtitle,
    { italic: true },
    (model.subtitleRowHeight ?? 15) > 15 ? model.subtitleRowHeight : undefined,
  );
  banner(3, model.chartNote, { italic: true, size: 9, color: { argb: GREY } });
  ws.getCell(4, 1).value = model.keyFiguresTitle;
  ws.getCell(4, 1).font = { bold: true, size: 12, color: { argb: NAVY } };
  for (const f of model.keyFigures) writeKeyFigure(ws, f);
  const p = model.paragraphRow;
  ws.mergeCells(p, 1, p + model.paragraphRows - 1, width);
  const para = ws.getCell(p, 1);
  para.value = model.paragraph;
  para.alignment = { wrapText: true, vertical: "top" };
  para.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF8E1" } };
  for (let r = p; r < p + model.paragraphRows; r++) ws.getRow(r).height = model.paragraphRowHeight ?? 22;
  for (const table of model.tables) writeTable(ws, table);
  for (const chart of model.charts) writeChartPlaceholder(ws, chart);
  for (const row of model.pageBreaksBefore) ws.getRow(row - 1).addPageBreak();
}
