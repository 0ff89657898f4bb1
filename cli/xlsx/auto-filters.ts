import type ExcelJS from "exceljs";
import type { OpcPackage } from "./opc-package";
import { worksheetParts } from "./workbook-parts";

/**
 * A sheet's autofilter with its criteria ("Tình hình thực hiện" = "Đang thực hiện"). exceljs 4.4
 * keeps only its range: the criteria were dropped while the rows they hide stayed hidden, so Excel
 * showed no filter to clear and the rows looked lost. The element is kept as the file had it and put
 * back after exceljs writes, with the range the sync moved it to (row-ranges.ts).
 */

const FILTER = /<((?:\w+:)?autoFilter)\b([^>]*?)(?:\/>|>([\s\S]*?)<\/\1>)/;
const kept = new WeakMap<ExcelJS.Workbook, Map<string, string>>();

/** The sheet's autofilter element when it holds criteria (a bare range exceljs keeps itself). */
export function filterWithCriteria(sheetXml: string): string | undefined {
  const m = FILTER.exec(sheetXml.replace(/<sheetData\b[\s\S]*?<\/sheetData>/, ""));
  return m && m[3] !== undefined && m[3].trim() !== "" ? m[0] : undefined;
}

/** `original` (an autofilter element with criteria) with the range of `written`'s autofilter. */
export function withRange(original: string, writtenXml: string): string | undefined {
  const written = FILTER.exec(writtenXml.replace(/<sheetData\b[\s\S]*?<\/sheetData>/, ""));
  const ref = written && /\sref\s*=\s*"([^"]*)"/.exec(written[2]!)?.[1];
  if (!ref) return undefined;
  return original.replace(/(\sref\s*=\s*")[^"]*"/, `$1${ref}"`);
}

export async function rememberAutoFilters(wb: ExcelJS.Workbook, pkg: OpcPackage): Promise<void> {
  const filters = new Map<string, string>();
  for (const [part, sheet] of await worksheetParts(pkg)) {
    if (!pkg.has(part)) continue;
    const filter = filterWithCriteria(await pkg.text(part));
    if (filter) filters.set(sheet, filter);
  }
  if (filters.size > 0) kept.set(wb, filters);
}

/** Puts the remembered criteria back into the sheets exceljs wrote; says whether it did. */
export async function putBackAutoFilters(wb: ExcelJS.Workbook, written: OpcPackage): Promise<boolean> {
  const filters = kept.get(wb);
  if (!filters) return false;
  let changed = false;
  for (const [part, sheet] of await worksheetParts(written)) {
    const filter = filters.get(sheet);
    if (!filter || !written.has(part)) continue;
    const xml = await written.text(part);
    const element = withRange(filter, xml);
    if (!element) continue;
    const data = /<sheetData\b[\s\S]*?<\/sheetData>/.exec(xml);
    const from = data ? data.index + data[0].length : 0;
    const after = xml.slice(from).replace(FILTER, () => element);
    written.zip.file(part, xml.slice(0, from) + after);
    changed = true;
  }
  return changed;
}
