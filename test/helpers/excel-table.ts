import { strict as assert } from "node:assert";
import { readFileSync, writeFileSync } from "node:fs";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { REGISTER_HEADER, REGISTER_SHEET } from "./register";

export const day = (d: number) => new Date(Date.UTC(2021, 0, d));
const COLUMNS = [...REGISTER_HEADER, "Người xử lý"];
/** The table's columns; `extra`: columns a sync added at its right (the hidden id column). */
const columnsXml = (extra: string[]) =>
  `<tableColumns count="${COLUMNS.length + extra.length}">${[...COLUMNS, ...extra]
    .map((c, i) => `<tableColumn id="${i + 1}" name="${c}"/>`)
    .join("")}</tableColumns>`;

/** The register's table as LibreOffice Calc saves it: no `tableStyleInfo`. */
export const LIBREOFFICE_TABLE = (ref: string, extra: string[] = []) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="1" name="SoHoSo" displayName="SoHoSo" ref="${ref}" headerRowCount="1" totalsRowCount="0" totalsRowShown="0"><autoFilter ref="${ref}"></autoFilter>${columnsXml(extra)}</table>`;

/** As Excel saves it: `headerRowCount` left to its default (1), a filter on one column, a style. */
export const EXCEL_TABLE = (ref: string, extra: string[] = []) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="1" name="SoHoSo" displayName="SoHoSo" ref="${ref}" totalsRowShown="0"><autoFilter ref="${ref}"><filterColumn colId="3"><filters><filter val="Việc làm"/></filters></filterColumn></autoFilter>${columnsXml(extra)}<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`;

/** A register (title, header on row 2, `n` dossiers coded `prefix-i`) with an Excel Table over it, as `tableXml` says. */
export async function registerWithTable(
  file: string,
  prefix: string,
  n: number,
  tableXml: (ref: string) => string,
): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(REGISTER_SHEET);
  ws.addRow(["SỔ THEO DÕI HỒ SƠ - NĂM 2021"]);
  ws.addRow(COLUMNS);
  for (let i = 0; i < n; i++)
    ws.addRow([
      i + 1,
      `${prefix}-${i}`,
      "Cấp giấy phép",
      "Việc làm",
      "VP",
      day(4 + i),
      day(11 + i),
      "Anh An",
    ]);
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  const sheet = "xl/worksheets/sheet1.xml";
  const rels = "xl/worksheets/_rels/sheet1.xml.rels";
  const xml = await zip.file(sheet)!.async("string");
  zip.file(
    sheet,
    xml.replace(
      "</worksheet>",
      `<tableParts count="1"><tablePart r:id="rIdTable1"/></tableParts></worksheet>`,
    ),
  );
  const rel = `<Relationship Id="rIdTable1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/table" Target="../tables/table1.xml"/>`;
  const oldRels = await zip.file(rels)?.async("string");
  zip.file(
    rels,
    oldRels
      ? oldRels.replace("</Relationships>", `${rel}</Relationships>`)
      : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel}</Relationships>`,
  );
  zip.file("xl/tables/table1.xml", tableXml(`A2:H${2 + n}`));
  const types = await zip.file("[Content_Types].xml")!.async("string");
  zip.file(
    "[Content_Types].xml",
    types.replace(
      "</Types>",
      `<Override PartName="/xl/tables/table1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/></Types>`,
    ),
  );
  writeFileSync(file, await zip.generateAsync({ type: "nodebuffer" }));
}

export async function tableXmlOf(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const name = Object.keys(zip.files).find((n) => /^xl\/tables\/[^/]+\.xml$/.test(n));
  assert.ok(name, "the table part is still there");
  return zip.file(name)!.async("string");
}
