import ExcelJS from "exceljs";
import type { SheetGrid } from "../../core/layout/grid";
import { workbookToGrids } from "../../cli/xlsx/read-xlsx";

export type Row = (
  string | number | Date | null | { formula: string; result?: unknown } | { error: string }
)[];

/** A sheet described by its rows and merges ("A1:C1"), written to a real .xlsx and read back. */
export interface SheetSpec {
  name: string;
  rows: Row[];
  merges?: string[];
}

export async function xlsxBuffer(sheets: SheetSpec[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const spec of sheets) {
    const ws = wb.addWorksheet(spec.name);
    spec.rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== null) ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue;
      }),
    );
    for (const m of spec.merges ?? []) ws.mergeCells(m);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Round-trips the sheets through the .xlsx format and returns what core sees. */
export async function gridsOf(sheets: SheetSpec[]): Promise<SheetGrid[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await xlsxBuffer(sheets)) as unknown as ArrayBuffer);
  return workbookToGrids(wb);
}

export const d = (y: number, m: number, day: number) => new Date(Date.UTC(y, m - 1, day));
