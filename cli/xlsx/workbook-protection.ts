import type { OpcPackage } from "./opc-package";

/**
 * Protect Workbook (Review → Protect Workbook: structure and windows locked, with the password's
 * hash) is an element of xl/workbook.xml that exceljs neither reads nor writes: a sync removed the
 * protection without a word (T11). It is copied back from the file as it was, in its place in the
 * schema's order (CT_Workbook: fileVersion, fileSharing, workbookPr, workbookProtection, bookViews…).
 */
const PROTECTION = /<(\w+:)?workbookProtection\b[^>]*?(?:\/>|>[\s\S]*?<\/\1workbookProtection>)/;
/** The elements the schema puts before workbookProtection, last first. */
const BEFORE = ["workbookPr", "fileSharing", "fileVersion"];

/** The protection element of a workbook part, without a namespace prefix; undefined when it has none. */
export function workbookProtectionOf(xml: string): string | undefined {
  const found = PROTECTION.exec(xml)?.[0];
  return found?.replace(/^<\w+:/, "<").replace(/<\/\w+:(workbookProtection>)$/, "</$1");
}

/** `xml` with `element` put where the schema places it (after workbookPr, or before bookViews/sheets). */
export function withWorkbookProtection(xml: string, element: string): string {
  for (const name of BEFORE) {
    const m = new RegExp(`<${name}\\b[^>]*?(?:/>|>[\\s\\S]*?</${name}>)`).exec(xml);
    if (m) return xml.slice(0, m.index + m[0].length) + element + xml.slice(m.index + m[0].length);
  }
  const next = /<(bookViews|sheets)\b/.exec(xml);
  return next ? xml.slice(0, next.index) + element + xml.slice(next.index) : xml;
}

/** Puts the original's workbook protection back into the written package; true when it did. */
export async function keepWorkbookProtection(before: OpcPackage, written: OpcPackage): Promise<boolean> {
  const part = "xl/workbook.xml";
  if (!before.has(part) || !written.has(part)) return false;
  const element = workbookProtectionOf(await before.text(part));
  if (!element) return false;
  const xml = await written.text(part);
  if (workbookProtectionOf(xml)) return false;
  const kept = withWorkbookProtection(xml, element);
  if (kept === xml) return false;
  written.zip.file(part, kept);
  return true;
}
