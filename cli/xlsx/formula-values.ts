import type ExcelJS from "exceljs";

/**
 * The formula cells of one worksheet's XML whose cached value is an empty string (`<v></v>`, what
 * Excel and LibreOffice write for a formula that computes ""), as cell references. A formula with no
 * `<v>` at all has never been computed; exceljs reads both alike, so only the XML tells them apart.
 */
export function emptyFormulaResultRefs(xml: string): string[] {
  const refs: string[] = [];
  const formulaTag = new Map<string, RegExp>(); // per namespace prefix
  for (const m of xml.matchAll(/<((?:\w+:)?)v\s*(?:\/>|><\/\1v>)/g)) {
    const p = m[1]!;
    // The cell holding this <v>: the last cell start tag before it (a cell's children are f, v, is).
    const start = Math.max(xml.lastIndexOf(`<${p}c `, m.index), xml.lastIndexOf(`<${p}c>`, m.index));
    if (start < 0) continue;
    const inner = xml.slice(start, m.index);
    if (!formulaTag.has(p)) formulaTag.set(p, new RegExp(`<${p}f[\\s>/]`));
    if (inner.includes(`</${p}c>`) || !formulaTag.get(p)!.test(inner)) continue;
    const ref = /^<[^>]*\sr\s*=\s*"([A-Za-z]{1,3}\d{1,7})"/.exec(inner)?.[1];
    // A cell without a reference stays "not computed": the user is asked to save in Excel, never misled.
    if (ref) refs.push(ref);
  }
  return refs;
}

/**
 * Gives back to exceljs's cells (`found`: per worksheet part, from package-limits.ts; `sheets`: part
 * → sheet name) the "" result it dropped on reading, so that a formula computing ""
 * reads as an empty cell (and is written back with its value) while a formula never computed reads
 * as having no result.
 */
export function keepEmptyFormulaResults(
  wb: ExcelJS.Workbook,
  found: Map<string, string[]>,
  sheets: Map<string, string>,
): void {
  for (const [part, refs] of found) {
    const name = sheets.get(part);
    const ws = name === undefined ? undefined : wb.getWorksheet(name);
    if (!ws) continue;
    for (const ref of refs) {
      const cell = ws.getCell(ref);
      const v = cell.value as ExcelJS.CellFormulaValue | ExcelJS.CellSharedFormulaValue | null;
      if (v && typeof v === "object" && ("formula" in v || "sharedFormula" in v) && cell.result === undefined)
        cell.value = { ...v, result: "" };
    }
  }
}
