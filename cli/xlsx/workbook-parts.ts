import type { Message } from "../../core/model";
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

const WORKSHEET_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";

/** XML text → text (the five named entities and numeric ones). */
export const decodeXml = (s: string) =>
  s.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-f]{1,6}|#\d{1,7});/gi, (whole, e: string) => {
    if (e[0] !== "#")
      return ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" } as Record<string, string>)[
        e.toLowerCase()
      ]!;
    const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1));
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole; // a hostile &#99999999; stays as written
  });

/** Worksheet part → sheet name, as the workbook lists them. */
export async function worksheetParts(pkg: OpcPackage): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!pkg.has(WORKBOOK)) return out;
  const rels = await pkg.rels(WORKBOOK);
  for (const [tag] of (await pkg.text(WORKBOOK)).matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = /\sname\s*=\s*"([^"]*)"/.exec(tag)?.[1];
    const id = /\s(?:\w+:)?id\s*=\s*"([^"]*)"/.exec(tag)?.[1];
    const rel = rels.find((r) => r.id === id && r.type === WORKSHEET_REL && !r.external);
    if (name !== undefined && rel) out.set(resolveTarget(WORKBOOK, rel.target), decodeXml(name));
  }
  return out;
}
