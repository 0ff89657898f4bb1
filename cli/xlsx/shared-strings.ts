import type { Message } from "../../core/model";
import { resolveTarget, type OpcPackage } from "./opc-package";

const WORKBOOK = "xl/workbook.xml";
const SHARED_STRINGS_REL =
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings";

/** How a worksheet uses the shared-string table: its largest index, and a first index that is none. */
export interface SharedStringUse {
  largest?: { ref: string; index: number };
  malformed?: { ref: string; index: string };
}

const CELL_START = /^<(?:\w+:)?c\s/;
const VALUE = /^\s*<(?:\w+:)?v\s*>([^<]*)(<|$)/;

/**
 * The shared-string cells (t="s") of one worksheet's XML. An index must be a whole number below the
 * table's size: exceljs crashes on one out of range ("Cannot read properties of undefined") and
 * reads "1.5" as string 1; Excel calls such a file corrupt. Found by searching for the attribute
 * rather than matching every cell with a regular expression (6× faster on 100,000 rows), so an
 * attribute written with spaces around "=" is not seen (exceljs then fails and says "corrupt").
 */
export function sharedStringUse(xml: string): SharedStringUse {
  const refAt = (tagStart: number) =>
    /\sr\s*=\s*["']([^"']*)["']/.exec(xml.slice(tagStart, xml.indexOf(">", tagStart)))?.[1] ?? "?";
  let largest = -1;
  let largestAt = -1;
  for (const needle of ['t="s"', "t='s'"])
    for (let i = xml.indexOf(needle); i >= 0; i = xml.indexOf(needle, i + needle.length)) {
      const before = xml.charCodeAt(i - 1);
      if (before !== 32 && before !== 9 && before !== 10 && before !== 13) continue; // e.g. at="s"
      const start = xml.lastIndexOf("<", i);
      const close = xml.indexOf(">", i);
      if (start < 0 || close < 0 || !CELL_START.test(xml.slice(start, start + 8)) || xml[close - 1] === "/")
        continue;
      const value = VALUE.exec(xml.slice(close + 1, close + 80));
      if (!value) continue;
      const text = value[1]!.trim();
      if (value[2] !== "<" || !/^\d{1,9}$/.test(text))
        return { malformed: { ref: refAt(start), index: text.slice(0, 20) } };
      const index = Number(text);
      // Positions only: building the reference for every new largest index cost 3× the search.
      if (index > largest) [largest, largestAt] = [index, start];
    }
  return largestAt < 0 ? {} : { largest: { ref: refAt(largestAt), index: largest } };
}

/** Strings in a shared-string table part's XML. */
export function sharedStringCount(xml: string): number {
  const re = /<(?:\w+:)?si[\s>/]/g;
  let n = 0;
  while (re.exec(xml) !== null) n++;
  return n;
}

/**
 * The first worksheet cell whose shared-string index is not one of the table's strings, named by
 * sheet and cell. `use` and `counts` come from the pass that measures the package
 * (package-limits.ts), which has every part's XML in hand: no part is inflated twice.
 */
export async function badSharedStringCell(
  pkg: OpcPackage,
  sheets: Map<string, string>,
  use: Map<string, SharedStringUse>,
  counts: Map<string, number>,
): Promise<Message | undefined> {
  if (use.size === 0) return undefined;
  const rel = (await pkg.rels(WORKBOOK)).find((r) => r.type === SHARED_STRINGS_REL && !r.external);
  const count = counts.get(rel ? resolveTarget(WORKBOOK, rel.target) : "xl/sharedStrings.xml") ?? 0;
  for (const [part, u] of use) {
    const bad = u.malformed ?? (u.largest && u.largest.index >= count ? u.largest : undefined);
    if (!bad) continue;
    const sheet = sheets.get(part) ?? part;
    return {
      vi: `trang "${sheet}", ô ${bad.ref}: chỉ số chuỗi dùng chung "${bad.index}" không có trong bảng ${count} chuỗi của tệp`,
      en: `sheet "${sheet}", cell ${bad.ref}: shared string index "${bad.index}" is not in the file's table of ${count} strings`,
    };
  }
  return undefined;
}
