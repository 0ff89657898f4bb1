import type ExcelJS from "exceljs";
import { periodShownBy, UNCOMPUTED_FORMULA, type CellValue, type ShownPeriod } from "../../core/parse";
import { cellKey, type CellRange, type SheetGrid } from "../../core/layout";

type ExcelValue = ExcelJS.CellValue | undefined;

/** exceljs cell value → core's CellValue: formulas give their computed result, rich text its text. */
export function toCellValue(v: ExcelValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return v;
  const o = v as unknown as Record<string, unknown>;
  if (typeof o.error === "string") return { error: o.error };
  if ("formula" in o || "sharedFormula" in o) return toCellValue(o.result as ExcelValue);
  if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((t) => t.text).join("");
  if ("text" in o) return toCellValue(o.text as ExcelValue);
  return null;
}

function isFormulaValue(v: ExcelValue): boolean {
  return (
    typeof v === "object" && v !== null && !(v instanceof Date) && ("formula" in v || "sharedFormula" in v)
  );
}

/**
 * A formula cell's value as the file holds it. exceljs's `cell.value` drops a cached 0, FALSE or ""
 * (a formula computing 0 read as blank); its `result` keeps them. No result at all means the file
 * never held one (workbook-file.ts gives back the "" results exceljs loses): UNCOMPUTED_FORMULA.
 */
function formulaValue(ws: ExcelJS.Worksheet, row: number, col: number): CellValue {
  const result = ws.getCell(row, col).result as ExcelValue;
  return result === undefined ? { error: UNCOMPUTED_FORMULA } : toCellValue(result);
}

/** Merged areas of a worksheet, 0-based. exceljs keeps them in `_merges` (the public model is costly). */
function mergesOf(ws: ExcelJS.Worksheet): CellRange[] {
  const internal = (
    ws as unknown as {
      _merges?: Record<string, { model: { top: number; left: number; bottom: number; right: number } }>;
    }
  )._merges;
  if (!internal) return [];
  return Object.values(internal).map(({ model: m }) => ({
    top: m.top - 1,
    left: m.left - 1,
    bottom: m.bottom - 1,
    right: m.right - 1,
  }));
}

/**
 * One worksheet as core's SheetGrid. Cells covered by a merge (other than its top-left) are read as
 * empty, as Excel itself reports them; a formula the file holds no value for reads as
 * UNCOMPUTED_FORMULA (core names the cell and holds its row back).
 */
export function sheetToGrid(ws: ExcelJS.Worksheet): SheetGrid {
  const values = ws.getSheetValues() as (ExcelValue[] | undefined)[];
  const rows: CellValue[][] = [];
  const periodCells = new Map<number, ShownPeriod>();
  for (let r = 1; r < values.length; r++) {
    const src = values[r];
    const row: CellValue[] = [];
    if (src)
      for (let c = 1; c < src.length; c++) {
        const v = (row[c - 1] = isFormulaValue(src[c]) ? formulaValue(ws, r, c) : toCellValue(src[c]));
        // exceljs makes a Date of a number whose format is a date's (built-in ids 14-22 included).
        if (v instanceof Date) {
          const period = periodShownBy(ws.findCell(r, c)?.numFmt);
          if (period) periodCells.set(cellKey(r - 1, c - 1), period);
        }
      }
    for (let c = 0; c < row.length; c++) if (row[c] === undefined) row[c] = null;
    rows[r - 1] = row;
  }
  for (let r = 0; r < rows.length; r++) if (!rows[r]) rows[r] = [];
  const merges = mergesOf(ws);
  for (const m of merges)
    for (let r = m.top; r <= m.bottom; r++)
      for (let c = m.left; c <= m.right; c++)
        if ((r !== m.top || c !== m.left) && rows[r]) rows[r]![c] = null;
  const grid: SheetGrid = { name: ws.name, rows, merges };
  if (ws.state === "hidden") grid.hidden = true;
  if (periodCells.size > 0) grid.periodCells = periodCells;
  return grid;
}

export function workbookToGrids(wb: ExcelJS.Workbook): SheetGrid[] {
  return wb.worksheets.filter((ws) => ws.state !== "veryHidden").map(sheetToGrid);
}
