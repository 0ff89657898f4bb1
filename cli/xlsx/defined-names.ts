import type ExcelJS from "exceljs";
import { SYSTEM_SHEETS } from "../../core/sync";
import { moveFormulaRows, type RowMap } from "./formula-rows";
import type { OpcPackage } from "./opc-package";

/**
 * The workbook's defined names as the user's file has them. exceljs 4.4 keeps only names that are
 * plain ranges: it drops constants (`2021`, `"Sở LĐTBXH"`), whole columns (`'KH 2021'!$B:$B`) and
 * `#REF!`, cuts formulas (`OFFSET(DanhMuc!$A$1,…)` became `'OFFSET(DanhMuc'!$A$1`: a drop-down list
 * built on it breaks), and loses `localSheetId` (a sheet's own name becomes global) and `hidden`.
 * So the names are read from the file, moved with the rows the sync moves, and written back over
 * exceljs's, each sheet's own names pointing at their sheet's new position. Names of the sheets the
 * sync owns (Tổng hợp, Xung đột, _cchc_state) are exceljs's: those sheets are rebuilt.
 */
export interface UserName {
  /** The attributes as written, without localSheetId. */
  attributes: string;
  /** The sheet a local name belongs to. */
  sheet?: string;
  formula: string;
}

const names = new WeakMap<ExcelJS.Workbook, UserName[]>();

const decode = (s: string) =>
  s.replace(
    /&(lt|gt|quot|apos|amp);/g,
    (_, e: string) => ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" })[e]!,
  );
const encode = (s: string) => s.replace(/[<>&]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;" })[c]!);

function sheetNames(workbookXml: string): string[] {
  const sheets = /<sheets\b[^>]*>([\s\S]*?)<\/sheets>/.exec(workbookXml)?.[1] ?? "";
  return [...sheets.matchAll(/<sheet\b[^>]*?\sname\s*=\s*"([^"]*)"/g)].map((m) => decode(m[1]!));
}

const DEFINED_NAMES = /<definedNames\b[^>]*>[\s\S]*?<\/definedNames>|<definedNames\b[^>]*\/>/;

/** The defined names of a workbook.xml, each local one with the name of its sheet. */
export function parseDefinedNames(workbookXml: string): UserName[] {
  const sheets = sheetNames(workbookXml);
  const block = DEFINED_NAMES.exec(workbookXml)?.[0] ?? "";
  const out: UserName[] = [];
  for (const m of block.matchAll(/<definedName\b([^>]*?)(?:\/>|>([\s\S]*?)<\/definedName>)/g)) {
    const local = /\slocalSheetId\s*=\s*"(\d+)"/.exec(m[1]!);
    const name: UserName = {
      attributes: m[1]!.replace(/\slocalSheetId\s*=\s*"\d+"/, ""),
      formula: decode(m[2] ?? ""),
    };
    if (local) {
      const sheet = sheets[Number(local[1])];
      if (sheet === undefined) continue;
      name.sheet = sheet;
    }
    out.push(name);
  }
  return out;
}

/** Keeps the file's defined names with the workbook exceljs loaded from it. */
export async function rememberDefinedNames(wb: ExcelJS.Workbook, pkg: OpcPackage): Promise<void> {
  if (!pkg.has("xl/workbook.xml")) return;
  names.set(wb, parseDefinedNames(await pkg.text("xl/workbook.xml")));
}

/** Moves the names' references to the rows of `sheet`, whose rows the sync is rebuilding. */
export function moveDefinedNames(wb: ExcelJS.Workbook, sheet: string, map: RowMap): void {
  for (const name of names.get(wb) ?? []) name.formula = moveFormulaRows(name.formula, "", sheet, map);
}

const ownSheet = (sheet: string) => SYSTEM_SHEETS.includes(sheet);
const quotedSheets = (formula: string) =>
  [...formula.matchAll(/(?:'((?:[^']|'')+)'|([^\s'!(),:;+\-*/^&=<>{}"[\]]+))!/g)].map((m) =>
    m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]!,
  );

/**
 * The `<definedNames>` of `writtenXml` (exceljs's workbook.xml) replaced by the user's names, with
 * exceljs's names of the sync's own sheets; answers the new workbook.xml.
 */
export function withUserNames(writtenXml: string, user: UserName[]): string {
  const sheets = sheetNames(writtenXml);
  const theirs = parseDefinedNames(writtenXml).filter(
    (n) => (n.sheet !== undefined && ownSheet(n.sheet)) || quotedSheets(n.formula).some(ownSheet),
  );
  const kept = user.filter(
    (n) => !(n.sheet !== undefined && ownSheet(n.sheet)) && !quotedSheets(n.formula).some(ownSheet),
  );
  const xml = [...kept, ...theirs]
    .filter((n) => n.sheet === undefined || sheets.includes(n.sheet))
    .map((n) => {
      const local = n.sheet === undefined ? "" : ` localSheetId="${sheets.indexOf(n.sheet)}"`;
      return `<definedName${n.attributes}${local}>${encode(n.formula)}</definedName>`;
    })
    .join("");
  const block = xml ? `<definedNames>${xml}</definedNames>` : "";
  if (DEFINED_NAMES.test(writtenXml)) return writtenXml.replace(DEFINED_NAMES, block);
  return writtenXml.replace(/(<\/sheets>)/, `$1${block}`);
}

/** Writes the workbook's remembered names into the package exceljs wrote; says whether it did. */
export async function keepDefinedNames(wb: ExcelJS.Workbook, written: OpcPackage): Promise<boolean> {
  const user = names.get(wb);
  if (!user || user.length === 0 || !written.has("xl/workbook.xml")) return false;
  const xml = await written.text("xl/workbook.xml");
  const kept = withUserNames(xml, user);
  if (kept === xml) return false;
  written.zip.file("xl/workbook.xml", kept);
  return true;
}
