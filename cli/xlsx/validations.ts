import type ExcelJS from "exceljs";
import { columnIndex } from "../../core/layout";

type Model = Record<string, ExcelJS.DataValidation | undefined>;
const sheetModel = (ws: ExcelJS.Worksheet) =>
  (ws as unknown as { dataValidations: { model: Model } }).dataValidations;

/**
 * A sheet's validations (exceljs keeps one entry per cell) as one entry per run of rows of a column
 * ("G8:G35"). exceljs's own grouping sorts cells as text ("G10" before "G8") and writes overlapping
 * ranges (G10:G35 and G8:G35, exceljs#2820): LibreOffice then applies only the first, and the
 * drop-down list is gone from G8:G9.
 */
export function compactValidations(model: Model): Model {
  const groups = new Map<ExcelJS.DataValidation, Map<string, number[]>>();
  const out: Model = {};
  for (const [address, v] of Object.entries(model)) {
    const m = /^([A-Z]+)(\d+)$/.exec(address);
    if (!v) continue;
    if (!m) {
      out[address] = v;
      continue;
    }
    const byColumn = groups.get(v) ?? new Map<string, number[]>();
    groups.set(v, byColumn);
    const rows = byColumn.get(m[1]!) ?? [];
    byColumn.set(m[1]!, rows);
    rows.push(Number(m[2]));
  }
  for (const [v, byColumn] of groups)
    for (const [col, rows] of [...byColumn].sort((a, b) => columnIndex(a[0]) - columnIndex(b[0]))) {
      rows.sort((a, b) => a - b);
      for (let i = 0; i < rows.length;) {
        let j = i;
        while (j + 1 < rows.length && rows[j + 1] === rows[j]! + 1) j++;
        out[i === j ? `${col}${rows[i]}` : `${col}${rows[i]}:${col}${rows[j]}`] = v;
        i = j + 1;
      }
    }
  return out;
}

/** Runs exceljs's write with every sheet's validations compacted, then gives the sheets theirs back. */
export async function withCompactValidations<T>(wb: ExcelJS.Workbook, write: () => Promise<T>): Promise<T> {
  const saved = wb.worksheets.map((ws) => [ws, sheetModel(ws).model] as const);
  try {
    for (const [ws, model] of saved) sheetModel(ws).model = compactValidations(model);
    return await write();
  } finally {
    for (const [ws, model] of saved) sheetModel(ws).model = model;
  }
}
