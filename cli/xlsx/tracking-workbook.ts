import ExcelJS from "exceljs";
import { getDefaultCalendar } from "../../core/calendar";
import { SEED_TASKS_2021 } from "../../core/samples";
import { seedDossiersQ1_2021 } from "../../core/samples";
import {
  listReference,
  type TemplateSheet,
  type TemplateStyle,
  type TemplateValue,
  type TemplateWorkbook,
} from "../../core/template";
import { trackingWorkbook, type TrackingWorkbookOptions } from "../../core/template";
import { isoToExcelDate } from "./excel-dates";

export type { TrackingWorkbookOptions } from "../../core/template";

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};

function cellValue(v: TemplateValue): ExcelJS.CellValue {
  return typeof v === "object" ? isoToExcelDate(v.date) : v;
}

/** The model's style blocks folded per cell (a later block's properties win), keyed "row,col". */
function stylesByCell(styles: TemplateStyle[]): Map<string, Omit<TemplateStyle, "box">> {
  const out = new Map<string, Omit<TemplateStyle, "box">>();
  for (const { box, ...s } of styles)
    for (let r = box.top; r <= box.bottom; r++)
      for (let c = box.left; c <= box.right; c++) {
        const key = `${r},${c}`;
        out.set(key, { ...out.get(key), ...s });
      }
  return out;
}

function applyStyle(cell: ExcelJS.Cell, s: Omit<TemplateStyle, "box">): void {
  if (s.bold !== undefined || s.italic !== undefined || s.size !== undefined)
    cell.font = {
      ...(s.bold !== undefined && { bold: s.bold }),
      ...(s.italic !== undefined && { italic: s.italic }),
      ...(s.size !== undefined && { size: s.size }),
    };
  if (s.horizontal !== undefined || s.vertical !== undefined || s.wrap !== undefined)
    cell.alignment = {
      ...(s.horizontal !== undefined && { horizontal: s.horizontal }),
      ...(s.vertical !== undefined && { vertical: s.vertical }),
      ...(s.wrap !== undefined && { wrapText: s.wrap }),
    };
  if (s.grid) cell.border = THIN;
  if (s.fill)
    cell.fill = {
      type: "pattern",
      pattern: "solid",
      fgColor: { argb: `FF${s.fill.slice(1).toUpperCase()}` },
    };
  if (s.numberFormat) cell.numFmt = s.numberFormat;
}

/** Draws one sheet of the model: merges, values, styles, widths, heights, drop-down lists. */
function drawSheet(wb: ExcelJS.Workbook, sheet: TemplateSheet): void {
  const ws = wb.addWorksheet(
    sheet.name,
    sheet.frozenRows > 0 ? { views: [{ state: "frozen", ySplit: sheet.frozenRows }] } : {},
  );
  for (const m of sheet.merges) ws.mergeCells(m.top, m.left, m.bottom, m.right);
  sheet.rows.forEach((cells, i) =>
    cells.forEach((v, j) => {
      if (v !== null) ws.getCell(i + 1, j + 1).value = cellValue(v);
    }),
  );
  for (const [key, s] of stylesByCell(sheet.styles)) {
    const [r, c] = key.split(",").map(Number) as [number, number];
    applyStyle(ws.getCell(r, c), s);
  }
  sheet.columnWidths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (const { row, height } of sheet.rowHeights) ws.getRow(row).height = height;
  for (const v of sheet.validations) {
    const rule: ExcelJS.DataValidation = {
      type: "list",
      allowBlank: true,
      formulae: [listReference(v)],
      showErrorMessage: true,
      errorTitle: v.errorTitle,
      error: v.error,
    };
    for (let r = v.box.top; r <= v.box.bottom; r++)
      for (let c = v.box.left; c <= v.box.right; c++) ws.getCell(r, c).dataValidation = { ...rule };
  }
}

/** The file adapter's drawing of a workbook model (core/template) with exceljs. */
export function renderTemplate(model: TemplateWorkbook): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "CCHC Tracker";
  wb.created = new Date(Date.UTC(model.year, 0, 1));
  for (const sheet of model.sheets) drawSheet(wb, sheet);
  return wb;
}

/** A blank tracking workbook (`cchc template`), or one with sample rows. */
export function buildTrackingWorkbook(options: TrackingWorkbookOptions): ExcelJS.Workbook {
  return renderTemplate(trackingWorkbook(options));
}

/** The seed's first quarter of 2021: `cchc stats` on it as of 31/03/2021 gives 17/38; 330 ahead; 9 within deadline. */
export function buildDemoWorkbook(): ExcelJS.Workbook {
  return buildTrackingWorkbook({
    year: 2021,
    tasks: SEED_TASKS_2021,
    dossiers: seedDossiersQ1_2021(getDefaultCalendar()),
  });
}
