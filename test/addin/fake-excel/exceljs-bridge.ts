/**
 * Moves a workbook between exceljs (the file adapter's world) and the fake Excel's model, so that a
 * workbook can be synced by the Excel adapter one day and by `cchc sync` the next.
 * Values (dates as serials), formulas with their cached results, merges, hidden columns, sheet
 * visibility, notes and number formats; not styles.
 */
import ExcelJS from "exceljs";
import { toCellValue } from "../../../cli/xlsx/read-xlsx";
import { type Box, dateToSerial, FakeWorkbook, type Raw, type Visibility } from "./model";

const VIS: Record<string, Visibility> = { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" };

function noteText(note: ExcelJS.Cell["note"]): string | undefined {
  if (note === undefined || note === null) return undefined;
  if (typeof note === "string") return note;
  return note.texts?.map((t) => t.text).join("") ?? "";
}

export function fakeFromExceljs(wb: ExcelJS.Workbook): FakeWorkbook {
  const fake = new FakeWorkbook();
  for (const ws of wb.worksheets) {
    const sheet = fake.addSeed({ name: ws.name, visibility: VIS[ws.state] ?? "Visible" });
    ws.eachRow({ includeEmpty: false }, (row, r) =>
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        // A cell covered by a merge (not its top-left) holds nothing in Excel; exceljs shows the master's value.
        if (cell.isMerged && cell.master !== cell) return;
        const v = toCellValue(cell.value);
        const raw: Raw =
          v === null ? "" : v instanceof Date ? dateToSerial(v) : typeof v === "object" ? v.error : v;
        const target = sheet.at(r - 1, c - 1);
        target.v = raw;
        const f = cell.formula;
        if (f) target.f = `=${f}`;
        if (cell.numFmt && cell.numFmt !== "General") target.nf = cell.numFmt;
        const note = noteText(cell.note);
        if (note !== undefined) sheet.notes.set(`${r - 1}:${c - 1}`, note);
      }),
    );
    const merges = (ws as unknown as { _merges: Record<string, { model: Box }> })._merges;
    for (const { model: m } of Object.values(merges))
      sheet.merges.push({ top: m.top - 1, left: m.left - 1, bottom: m.bottom - 1, right: m.right - 1 });
    for (let c = 1; c <= ws.columnCount; c++) if (ws.getColumn(c).hidden) sheet.hiddenColumns.add(c - 1);
  }
  return fake;
}

const EPOCH = Date.UTC(1899, 11, 30);
const DATE_FORMAT = /[dy]/i;

export function exceljsFromFake(fake: FakeWorkbook): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const STATE: Record<Visibility, "visible" | "hidden" | "veryHidden"> = {
    Visible: "visible",
    Hidden: "hidden",
    VeryHidden: "veryHidden",
  };
  for (const s of fake.sheets) {
    const ws = wb.addWorksheet(s.name, { state: STATE[s.visibility] });
    s.rows.forEach((row, r) =>
      row?.forEach((cell, c) => {
        if (!cell) return;
        const target = ws.getCell(r + 1, c + 1);
        const dated =
          typeof cell.v === "number" && cell.nf !== undefined && DATE_FORMAT.test(cell.nf) && cell.nf !== "@";
        const value = dated
          ? new Date(EPOCH + (cell.v as number) * 86_400_000)
          : cell.v === ""
            ? null
            : cell.v;
        target.value = cell.f
          ? ({ formula: cell.f.slice(1), result: value as ExcelJS.CellValue } as ExcelJS.CellFormulaValue)
          : value;
        if (cell.nf) target.numFmt = cell.nf;
      }),
    );
    for (const m of s.merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
    for (const c of s.hiddenColumns) ws.getColumn(c + 1).hidden = true;
    for (const [key, text] of s.notes) {
      const [r, c] = key.split(":").map(Number) as [number, number];
      ws.getCell(r + 1, c + 1).note = text;
    }
  }
  return wb;
}
