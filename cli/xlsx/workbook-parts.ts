import type { Message } from "../../core/model/records";
import { resolveTarget, type OpcPackage } from "./opc-package";

const WORKBOOK = "xl/workbook.xml";

/**
 * Checks that a zip is a spreadsheet package exceljs reads in full: it has the workbook part (an
 * .xlsb, an .ods, a .docx renamed to .xlsx have none), and every sheet the workbook lists has its
 * part. exceljs itself reads such a zip as a workbook with no sheets, or silently without the sheet
 * whose part is missing, and statistics would then count nothing. Returns the reason, or undefined.
 */
export async function missingWorkbookParts(pkg: OpcPackage): Promise<Message | undefined> {
  if (!pkg.has(WORKBOOK)) {
    if (pkg.has("xl/workbook.bin"))
      return {
        vi: "đây là sổ tính nhị phân .xlsb; hãy lưu lại dưới dạng .xlsx",
        en: "it is a binary .xlsb workbook; save it as .xlsx",
      };
    if (pkg.has("mimetype") && /opendocument/.test(await pkg.text("mimetype")))
      return {
        vi: "đây là tệp OpenDocument (.ods); hãy lưu lại dưới dạng .xlsx",
        en: "it is an OpenDocument (.ods) file; save it as .xlsx",
      };
    return {
      vi: `không có phần ${WORKBOOK}: đây không phải sổ tính .xlsx hoặc tệp đã hỏng`,
      en: `it has no ${WORKBOOK} part: not an .xlsx workbook, or a damaged one`,
    };
  }
  const xml = await pkg.text(WORKBOOK);
  if (!/<(?:\w+:)?workbook[\s>]/.test(xml))
    return { vi: `phần ${WORKBOOK} không phải sổ tính`, en: `its ${WORKBOOK} part is not a workbook` };
  const rels = await pkg.rels(WORKBOOK);
  for (const [tag] of xml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = /\sname\s*=\s*"([^"]*)"/.exec(tag)?.[1] ?? "?";
    const id = /\s(?:\w+:)?id\s*=\s*"([^"]*)"/.exec(tag)?.[1];
    const rel = rels.find((r) => r.id === id && !r.external);
    if (!rel || !pkg.has(resolveTarget(WORKBOOK, rel.target)))
      return {
        vi: `thiếu phần dữ liệu của trang tính "${name}"`,
        en: `the part that holds sheet "${name}" is missing`,
      };
  }
  return undefined;
}
