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

const WORKSHEET_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
const SHARED_STRINGS_REL =
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings";

/** XML text → text (the five named entities and numeric ones). */
export const decodeXml = (s: string) =>
  s.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-f]+|#\d+);/gi, (_, e: string) =>
    e[0] === "#"
      ? String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" } as Record<string, string>)[e.toLowerCase()]!,
  );

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

/** Strings in the shared-string table (0 when the package has none). */
async function sharedStringCount(pkg: OpcPackage): Promise<number> {
  const rel = (await pkg.rels(WORKBOOK)).find((r) => r.type === SHARED_STRINGS_REL && !r.external);
  const part = rel ? resolveTarget(WORKBOOK, rel.target) : "xl/sharedStrings.xml";
  if (!pkg.has(part)) return 0;
  return ((await pkg.bytes(part)).toString("latin1").match(/<(?:\w+:)?si[\s>/]/g) ?? []).length;
}

/**
 * The first cell whose shared-string index is not one of the table's strings (a number out of range,
 * or not a whole number), named by sheet and cell. exceljs crashes on such a file with "Cannot read
 * properties of undefined", or reads another string; Excel calls the file corrupt.
 */
export async function badSharedStringCell(pkg: OpcPackage): Promise<Message | undefined> {
  let count: number | undefined;
  for (const [part, sheet] of await worksheetParts(pkg)) {
    if (!pkg.has(part)) continue;
    // latin1: tags, references and indices are ASCII, and it decodes fastest.
    const xml = (await pkg.bytes(part)).toString("latin1");
    if (!/\st\s*=\s*"s"/.test(xml)) continue;
    count ??= await sharedStringCount(pkg);
    for (const m of xml.matchAll(/<(?:\w+:)?c\s([^>]*?\bt\s*=\s*"s"[^>]*)>\s*<(?:\w+:)?v\s*>([^<]*)</g)) {
      const index = m[2]!.trim();
      if (/^\d{1,9}$/.test(index) && Number(index) < count) continue;
      const cell = /\br\s*=\s*"([^"]*)"/.exec(m[1]!)?.[1] ?? "?";
      return {
        vi: `trang "${sheet}", ô ${cell}: chỉ số chuỗi dùng chung "${index}" không có trong bảng ${count} chuỗi của tệp`,
        en: `sheet "${sheet}", cell ${cell}: shared string index "${index}" is not in the file's table of ${count} strings`,
      };
    }
  }
  return undefined;
}
