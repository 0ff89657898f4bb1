/**
 * Moves a workbook between exceljs (the file adapter's world) and the fake Excel's model, so that a
 * workbook can be synced by the Excel adapter one day and by `cchc sync` the next.
 * Values (dates as serials), formulas with their cached results, merges, hidden columns, sheet
 * visibility, notes, number formats, the AutoFilter's range (not its criteria) and Excel Tables
 * (exceljs cannot add a table over cells it holds: `withTableParts` puts them into the file, as
 * Excel saves them); not styles.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { columnLetter } from "../../../core/layout/grid";
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
    const filter = ws.autoFilter as unknown;
    if (typeof filter === "string" && boxOf(filter))
      sheet.autoFilter = { box: boxOf(filter)!, criteria: new Map() };
    const tables = (ws as unknown as { tables?: Record<string, { table?: ExceljsTable }> }).tables ?? {};
    for (const { table } of Object.values(tables)) {
      const box = table?.tableRef ? boxOf(table.tableRef) : undefined;
      if (!table || !box) continue;
      sheet.tables.push({
        name: table.name ?? "",
        box,
        showTotals: table.totalsRow === true,
        columns: (table.columns ?? []).map((c) => c.name),
      });
    }
  }
  return fake;
}

interface ExceljsTable {
  name?: string;
  tableRef?: string;
  totalsRow?: boolean;
  columns?: { name: string }[];
}

/** "A2:D5" → a 0-based box. */
function boxOf(ref: string): Box | undefined {
  const m = /^\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/.exec(ref);
  if (!m) return undefined;
  const col = (x: string) => [...x].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { top: Number(m[2]) - 1, left: col(m[1]!), bottom: Number(m[4]) - 1, right: col(m[3]!) };
}

const a1 = (b: Box) => `${columnLetter(b.left)}${b.top + 1}:${columnLetter(b.right)}${b.bottom + 1}`;

/**
 * The fake's tables put into an .xlsx that exceljs wrote from it (`exceljsFromFake`): a table part
 * per table as Excel saves one (header row, filter buttons, a style), linked from its sheet.
 */
export async function withTableParts(file: Buffer, fake: FakeWorkbook): Promise<Buffer> {
  const zip = await JSZip.loadAsync(file);
  let n = 0;
  for (const [i, s] of fake.sheets.entries()) {
    if (s.tables.length === 0) continue;
    const sheet = `xl/worksheets/sheet${i + 1}.xml`;
    const rels = `xl/worksheets/_rels/sheet${i + 1}.xml.rels`;
    const links: string[] = [];
    let relXml =
      (await zip.file(rels)?.async("string")) ??
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
    for (const t of s.tables) {
      n++;
      const id = `rIdTable${n}`;
      links.push(`<tablePart r:id="${id}"/>`);
      relXml = relXml.replace(
        "</Relationships>",
        `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/table" Target="../tables/table${n}.xml"/></Relationships>`,
      );
      const ref = a1(t.box);
      const columns = t.columns.map((c, k) => `<tableColumn id="${k + 1}" name="${c}"/>`).join("");
      zip.file(
        `xl/tables/table${n}.xml`,
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="${n}" name="${t.name}" displayName="${t.name}" ref="${ref}"${t.showTotals ? ` totalsRowCount="1"` : ` totalsRowShown="0"`}><autoFilter ref="${t.showTotals ? a1({ ...t.box, bottom: t.box.bottom - 1 }) : ref}"/><tableColumns count="${t.columns.length}">${columns}</tableColumns><tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`,
      );
      const types = await zip.file("[Content_Types].xml")!.async("string");
      zip.file(
        "[Content_Types].xml",
        types.replace(
          "</Types>",
          `<Override PartName="/xl/tables/table${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/></Types>`,
        ),
      );
    }
    zip.file(rels, relXml);
    const xml = await zip.file(sheet)!.async("string");
    zip.file(
      sheet,
      xml.replace(
        "</worksheet>",
        `<tableParts count="${links.length}">${links.join("")}</tableParts></worksheet>`,
      ),
    );
  }
  return zip.generateAsync({ type: "nodebuffer" });
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
    if (s.autoFilter) ws.autoFilter = a1(s.autoFilter.box);
    for (const [key, text] of s.notes) {
      const [r, c] = key.split(":").map(Number) as [number, number];
      ws.getCell(r + 1, c + 1).note = text;
    }
  }
  return wb;
}
