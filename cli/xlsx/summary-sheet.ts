import ExcelJS from "exceljs";
import type { SummaryModel, SummaryTable } from "../../core/sync/summary-model";

const thin: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};
const HEAD_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
const TOTAL_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };

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

function writeTable(ws: ExcelJS.Worksheet, top: number, table: SummaryTable): number {
  const width = table.header[0]!.length;
  const title = ws.getCell(top, 1);
  title.value = table.title;
  title.font = { bold: true, size: 12 };
  let r = writeHeader(ws, top + 1, table.header, width);
  table.rows.forEach((row, i) => {
    const last = table.total && i === table.rows.length - 1;
    row.forEach((v, c) => {
      const cell = ws.getCell(r, c + 1);
      // Text from records (field, unit, sector names) is always a string value, never a formula.
      cell.value = v === null ? "—" : v;
      cell.border = thin;
      if (table.percentColumns.includes(c) && typeof v === "number") cell.numFmt = "0.0%";
      else if (typeof v === "number") cell.numFmt = "#,##0";
      if (c > 0) cell.alignment = { horizontal: "right" };
      if (last) {
        cell.font = { bold: true };
        cell.fill = TOTAL_FILL;
      }
    });
    r++;
  });
  return r + 1;
}

/** The leaders' "Tổng hợp" sheet: title, cut-off and sync time, the report's sentence, four tables. */
export function writeSummarySheet(wb: ExcelJS.Workbook, model: SummaryModel): void {
  const old = wb.getWorksheet(model.sheetName);
  if (old) wb.removeWorksheet(old.id);
  const ws = wb.addWorksheet(model.sheetName, {
    properties: { tabColor: { argb: "FF1F4E79" } },
    pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
  });
  // The summary comes first, where a leader opening the workbook looks.
  (ws as unknown as { orderNo: number }).orderNo = -1;
  const width = 15;
  ws.mergeCells(1, 1, 1, width);
  ws.getCell(1, 1).value = model.title;
  ws.getCell(1, 1).font = { bold: true, size: 14, color: { argb: "FF1F4E79" } };
  ws.getCell(1, 1).alignment = { horizontal: "center" };
  ws.mergeCells(2, 1, 2, width);
  ws.getCell(2, 1).value = model.subtitle;
  ws.getCell(2, 1).font = { italic: true };
  ws.getCell(2, 1).alignment = { horizontal: "center" };
  ws.mergeCells(4, 1, 5, width);
  ws.getCell(4, 1).value = model.paragraph;
  ws.getCell(4, 1).alignment = { wrapText: true, vertical: "top" };
  ws.getRow(4).height = 30;
  let r = 7;
  for (const table of model.tables) r = writeTable(ws, r, table);
  ws.getColumn(1).width = 60;
  for (let c = 2; c <= width; c++) ws.getColumn(c).width = 12;
}
