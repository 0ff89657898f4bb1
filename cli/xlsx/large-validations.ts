import type ExcelJS from "exceljs";
import type { OpcPackage } from "./opc-package";
import { worksheetParts } from "./workbook-parts";
import { columnIndex } from "../../core/layout";

/**
 * Drop-down lists over whole columns. Staff select a column and add a list (LibreOffice writes
 * `sqref="G1:G1048576"`, Excel `G:G`); exceljs 4.4 keeps one entry per cell, so one such list cost a
 * million entries: `cchc sync` of a small plan took 30 s and 800 MB, and a few of them ran out of
 * memory. These validations are set aside before exceljs reads the sheet and written back, as they
 * were, after it writes (they reach below any row a sync inserts or deletes, so they need no moving).
 */

/** Over this many cells a validation is set aside (a register rarely has 10,000 rows per column). */
export const LARGE_VALIDATION_CELLS = 100_000;

const MAX_ROW = 1_048_576;

/** How many cells an sqref ("G1:G1048576 H:H B5") covers. */
export function sqrefCells(sqref: string): number {
  let cells = 0;
  for (const part of sqref.trim().split(/\s+/)) {
    const ref = part.replace(/\$/g, "");
    const cols = /^([A-Z]{1,3}):([A-Z]{1,3})$/.exec(ref);
    if (cols) {
      cells += (Math.abs(columnIndex(cols[2]!) - columnIndex(cols[1]!)) + 1) * MAX_ROW;
      continue;
    }
    const rows = /^(\d+):(\d+)$/.exec(ref);
    if (rows) {
      cells += (Math.abs(Number(rows[2]) - Number(rows[1])) + 1) * 16_384;
      continue;
    }
    const m = /^([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?$/.exec(ref);
    if (!m) continue;
    const [c1, r1, c2, r2] = [
      columnIndex(m[1]!),
      Number(m[2]),
      columnIndex(m[3] ?? m[1]!),
      Number(m[4] ?? m[2]),
    ];
    cells += (Math.abs(c2 - c1) + 1) * (Math.abs(r2 - r1) + 1);
  }
  return cells;
}

const VALIDATION = /<(?:\w+:)?dataValidation\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?dataValidation>)/g;
const BLOCK = /<((?:\w+:)?dataValidations)\b[^>]*>([\s\S]*?)<\/\1>/;

/** A worksheet's XML without its large validations, and those validations' elements. */
export function withoutLargeValidations(xml: string): { xml: string; large: string[] } {
  const block = BLOCK.exec(xml);
  if (!block) return { xml, large: [] };
  const large: string[] = [];
  const small: string[] = [];
  for (const [element] of block[2]!.matchAll(VALIDATION)) {
    const sqref = /\ssqref\s*=\s*"([^"]*)"/.exec(element)?.[1] ?? "";
    (sqrefCells(sqref) > LARGE_VALIDATION_CELLS ? large : small).push(element);
  }
  if (large.length === 0) return { xml, large };
  const rest = small.length ? `<${block[1]} count="${small.length}">${small.join("")}</${block[1]}>` : "";
  return { xml: xml.replace(block[0], rest), large };
}

// What follows <dataValidations> in a worksheet (CT_Worksheet's sequence).
const AFTER =
  /<(?:\w+:)?(?:hyperlinks|printOptions|pageMargins|pageSetup|headerFooter|rowBreaks|colBreaks|customProperties|cellWatches|ignoredErrors|smartTags|drawing|legacyDrawing|legacyDrawingHF|drawingHF|picture|oleObjects|controls|webPublishItems|tableParts|extLst)\b|<\/(?:\w+:)?worksheet>/;

/** A worksheet's XML (as exceljs wrote it) with `large` validations added. */
export function withLargeValidations(xml: string, large: string[]): string {
  if (large.length === 0) return xml;
  const block = BLOCK.exec(xml);
  if (block) {
    const all = [...block[2]!.matchAll(VALIDATION)].map((m) => m[0]).concat(large);
    return xml.replace(block[0], `<${block[1]} count="${all.length}">${all.join("")}</${block[1]}>`);
  }
  const at = AFTER.exec(xml);
  if (!at) return xml;
  return `${xml.slice(0, at.index)}<dataValidations count="${large.length}">${large.join("")}</dataValidations>${xml.slice(at.index)}`;
}

const setAside = new WeakMap<ExcelJS.Workbook, Map<string, string[]>>();

/** Takes the large validations out of the package's sheets (before exceljs reads it); by sheet name. */
export async function setAsideLargeValidations(pkg: OpcPackage): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const [part, sheet] of await worksheetParts(pkg)) {
    if (!pkg.has(part)) continue;
    const { xml, large } = withoutLargeValidations(await pkg.text(part));
    if (large.length === 0) continue;
    pkg.zip.file(part, xml);
    out.set(sheet, large);
  }
  return out;
}

export function rememberLargeValidations(wb: ExcelJS.Workbook, large: Map<string, string[]>): void {
  if (large.size > 0) setAside.set(wb, large);
}

/** Puts the workbook's large validations back into the sheets exceljs wrote; says whether it did. */
export async function putBackLargeValidations(wb: ExcelJS.Workbook, written: OpcPackage): Promise<boolean> {
  const large = setAside.get(wb);
  if (!large) return false;
  let changed = false;
  for (const [part, sheet] of await worksheetParts(written)) {
    const elements = large.get(sheet);
    if (!elements || !written.has(part)) continue;
    written.zip.file(part, withLargeValidations(await written.text(part), elements));
    changed = true;
  }
  return changed;
}
