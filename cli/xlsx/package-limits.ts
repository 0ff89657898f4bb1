import { inflateRawSync } from "node:zlib";
import type { Message } from "../../core/model";
import { emptyFormulaResultRefs } from "./formula-values";
import { parseRels, resolveTarget } from "./opc-package";
import { sharedStringCount, sharedStringUse, type SharedStringUse } from "./shared-strings";
import { decodeXml } from "./workbook-parts";

/**
 * What the command line agrees to load. exceljs holds a whole workbook in memory (a few hundred
 * bytes per cell), so a package is measured from its zip directory and its actual inflated bytes
 * before exceljs sees it: a zip bomb or a sheet of a million rows is refused in milliseconds with
 * memory bounded by the largest single part, instead of exhausting the machine. The limits hold a
 * province's year of dossiers (100,000 rows × 20 columns) with room to spare.
 */
export const PACKAGE_LIMITS = {
  /** The .xlsx file itself. */
  fileBytes: 100 * 1024 * 1024,
  /** All parts, inflated. */
  totalBytes: 400 * 1024 * 1024,
  /** Parts in the package (a workbook has tens). */
  parts: 10_000,
  /** Cells and rows over all worksheets. */
  cells: 3_000_000,
  rows: 300_000,
};

export class PackageLimitError extends Error {
  constructor(readonly userMessage: Message) {
    super(userMessage.en);
    this.name = "PackageLimitError";
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const mb = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;

interface Entry {
  name: string;
  method: number;
  compressed: number;
  size: number;
  localOffset: number;
}

const damaged = (why: string): PackageLimitError =>
  new PackageLimitError({
    vi: `tệp bị hỏng hoặc không đọc được (tệp nén bị hỏng: ${why})`,
    en: `the file is corrupt or unreadable (the zip package is damaged: ${why})`,
  });

/** The central directory: every entry's name, method, sizes and where its data starts. */
function entriesOf(zip: Buffer): Entry[] {
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65_535); i--)
    if (zip.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  if (end < 0) throw damaged("no end of central directory; truncated?");
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  if (count === 0xffff || at === 0xffffffff)
    throw new PackageLimitError({
      vi: "tệp là gói ZIP64 (trên 4 GB hoặc trên 65.535 phần), quá lớn để đọc",
      en: "the package is a ZIP64 one (over 4 GB or 65,535 parts), too large to read",
    });
  if (count > PACKAGE_LIMITS.parts)
    throw new PackageLimitError({
      vi: `gói có ${count} phần, vượt giới hạn ${PACKAGE_LIMITS.parts}`,
      en: `the package holds ${count} parts, over the limit of ${PACKAGE_LIMITS.parts}`,
    });
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) throw damaged("bad central directory");
    const nameLength = zip.readUInt16LE(at + 28);
    entries.push({
      method: zip.readUInt16LE(at + 10),
      compressed: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      localOffset: zip.readUInt32LE(at + 42),
      name: zip.toString("utf8", at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

/** An entry's bytes, inflated with a hard cap: a part that inflates beyond what it declares is refused. */
function inflate(zip: Buffer, e: Entry, cap: number): Buffer {
  const at = e.localOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== LOCAL) throw damaged(`part ${e.name}`);
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  if (start + e.compressed > zip.length) throw damaged(`part ${e.name} is cut short; truncated?`);
  const data = zip.subarray(start, start + e.compressed);
  if (e.method === 0) return data;
  if (e.method !== 8) throw damaged(`part ${e.name} uses compression method ${e.method}`);
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, Math.min(e.size, cap)) + 1 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE")
      throw new PackageLimitError({
        vi: `phần ${e.name} giải nén ra lớn hơn kích thước khai báo hoặc giới hạn ${mb(cap)} (bom nén?)`,
        en: `part ${e.name} inflates beyond its declared size or the ${mb(cap)} limit (a zip bomb?)`,
      });
    throw damaged(`part ${e.name}: ${(err as Error).message}`);
  }
}

/**
 * How a message names a part: by its sheet's name where the part is a worksheet ("Kế hoạch" means
 * something to the user, xl/worksheets/sheet1.xml does not), read from the workbook part only when
 * a limit is hit.
 */
function partLabel(zip: Buffer, entries: Entry[], part: string): Message {
  const plain = { vi: `phần ${part}`, en: `part ${part}` };
  try {
    const text = (name: string) => {
      const e = entries.find((x) => x.name === name);
      return e ? inflate(zip, e, 16 * 1024 * 1024).toString("utf8") : "";
    };
    const rel = parseRels(text("xl/_rels/workbook.xml.rels")).find(
      (r) => !r.external && resolveTarget("xl/workbook.xml", r.target) === part,
    );
    if (!rel) return plain;
    for (const [tag] of text("xl/workbook.xml").matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
      if (/\s(?:\w+:)?id\s*=\s*"([^"]*)"/.exec(tag)?.[1] !== rel.id) continue;
      const name = decodeXml(/\sname\s*=\s*"([^"]*)"/.exec(tag)?.[1] ?? "");
      return { vi: `trang "${name}" (${part})`, en: `sheet "${name}" (${part})` };
    }
  } catch {
    // A damaged workbook part: the part's own name will do.
  }
  return plain;
}

/**
 * Occurrences of an element's start tag (with or without a namespace prefix) in XML text, counted
 * one match at a time: an array of a million matches cost more memory than the XML itself.
 */
function countTags(xml: string, tag: string): number {
  const re = new RegExp(`<(?:\\w+:)?${tag}[\\s>/]`, "g");
  let n = 0;
  while (re.exec(xml) !== null) n++;
  return n;
}

/** "AB12" → [row, column], 1-based. */
function position(ref: string): [number, number] {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/i.exec(ref);
  if (!m) return [1, 1];
  let col = 0;
  for (const ch of m[1]!.toUpperCase()) col = col * 26 + ch.charCodeAt(0) - 64;
  return [Number(m[2]), col];
}

/** Cells covered by the merged ranges of a worksheet's XML. */
function mergedArea(xml: Buffer): number {
  if (xml.indexOf("mergeCell") < 0) return 0;
  let area = 0;
  for (const [, ref] of xml.toString("latin1").matchAll(/<(?:\w+:)?mergeCell\b[^>]*\sref\s*=\s*"([^"]*)"/g)) {
    const [from = "", to = from] = ref!.split(":");
    const [r1, c1] = position(from!);
    const [r2, c2] = position(to);
    area += (Math.abs(r2 - r1) + 1) * (Math.abs(c2 - c1) + 1);
  }
  return area;
}

/**
 * What the measuring pass saw in the worksheets' XML that exceljs does not keep, per part name as
 * the zip has it: the pass holds each part's XML once, so these cost no second inflate.
 */
export interface PackageScan {
  /** Formula cells whose cached value is "" (formula-values.ts). */
  emptyFormulaResults: Map<string, string[]>;
  /** How each worksheet uses the shared-string table (shared-strings.ts). */
  sharedStringUse: Map<string, SharedStringUse>;
  /** Strings in each shared-string table part. */
  sharedStringCounts: Map<string, number>;
}

/**
 * Measures a package against PACKAGE_LIMITS before any zip or XML library loads it; throws
 * PackageLimitError with the reason (the caller names the file).
 */
export function checkPackageLimits(zip: Buffer): PackageScan {
  const scan: PackageScan = {
    emptyFormulaResults: new Map(),
    sharedStringUse: new Map(),
    sharedStringCounts: new Map(),
  };
  if (zip.length > PACKAGE_LIMITS.fileBytes)
    throw new PackageLimitError({
      vi: `tệp nặng ${mb(zip.length)}, vượt giới hạn ${mb(PACKAGE_LIMITS.fileBytes)}`,
      en: `the file is ${mb(zip.length)}, over the limit of ${mb(PACKAGE_LIMITS.fileBytes)}`,
    });
  const entries = entriesOf(zip);
  const declared = entries.reduce((n, e) => n + e.size, 0);
  if (declared > PACKAGE_LIMITS.totalBytes)
    throw new PackageLimitError({
      vi: `gói giải nén ra ${mb(declared)}, vượt giới hạn ${mb(PACKAGE_LIMITS.totalBytes)} (bom nén?)`,
      en: `the package inflates to ${mb(declared)}, over the limit of ${mb(PACKAGE_LIMITS.totalBytes)} (a zip bomb?)`,
    });
  let total = 0;
  let cells = 0;
  let rows = 0;
  let merged = 0;
  for (const e of entries) {
    if (e.name.endsWith("/")) continue;
    let bytes: Buffer;
    try {
      bytes = inflate(zip, e, PACKAGE_LIMITS.totalBytes - total);
    } catch (err) {
      if (!(err instanceof PackageLimitError)) throw err;
      const label = partLabel(zip, entries, e.name);
      throw new PackageLimitError({
        vi: err.userMessage.vi.replace(`phần ${e.name}`, label.vi).replace(`part ${e.name}`, label.vi),
        en: err.userMessage.en.replace(`part ${e.name}`, label.en),
      });
    }
    total += bytes.length;
    if (!/\.xml$/i.test(e.name)) continue;
    if (bytes.indexOf("sst") >= 0 && /<(?:\w+:)?sst[\s>]/.test(bytes.toString("latin1", 0, 4096)))
      scan.sharedStringCounts.set(e.name, sharedStringCount(bytes.toString("latin1")));
    if (bytes.indexOf("sheetData") < 0) continue;
    const xml = bytes.toString("latin1"); // tags are ASCII; one byte a character
    cells += countTags(xml, "c");
    rows += countTags(xml, "row");
    // Only a sheet holding an empty <v> can have a formula computed to "".
    if (/<(?:\w+:)?v\s*(?:\/>|><)/.test(xml)) {
      const refs = emptyFormulaResultRefs(xml);
      if (refs.length > 0) scan.emptyFormulaResults.set(e.name, refs);
    }
    const use = sharedStringUse(xml);
    if (use.largest || use.malformed) scan.sharedStringUse.set(e.name, use);
    // exceljs makes a cell object for every cell a merge covers: a merge of A1:XFD1048576 is 17 billion.
    merged += mergedArea(bytes);
    if (merged > PACKAGE_LIMITS.cells) {
      const at = partLabel(zip, entries, e.name);
      throw new PackageLimitError({
        vi: `các vùng ô gộp trong ${at.vi} phủ hơn ${PACKAGE_LIMITS.cells.toLocaleString("vi")} ô, vượt giới hạn của dòng lệnh (merge)`,
        en: `the merged ranges in ${at.en} cover over ${PACKAGE_LIMITS.cells.toLocaleString("en")} cells, over the command line's limit (merge)`,
      });
    }
    if (cells > PACKAGE_LIMITS.cells || rows > PACKAGE_LIMITS.rows) {
      const at = partLabel(zip, entries, e.name);
      throw new PackageLimitError({
        vi: `sổ tính có hơn ${PACKAGE_LIMITS.rows.toLocaleString("vi")} dòng hoặc ${PACKAGE_LIMITS.cells.toLocaleString("vi")} ô (đến ${at.vi}: ${rows} dòng, ${cells} ô), vượt giới hạn của dòng lệnh; hãy tách tệp`,
        en: `the workbook holds over ${PACKAGE_LIMITS.rows.toLocaleString("en")} rows or ${PACKAGE_LIMITS.cells.toLocaleString("en")} cells (up to ${at.en}: ${rows} rows, ${cells} cells), over the command line's limit; split the file`,
      });
    }
  }
  return scan;
}
