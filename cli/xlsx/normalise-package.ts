import { OpcPackage, REL_TYPE, relativeTarget, resolveTarget, sourceOfRels } from "./opc-package";

const WORKSHEET_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";

/** The part names exceljs 4.4 follows, per relationship type (it finds parts by name, not by relationship). */
const CANONICAL: { type: string; pattern: RegExp; name: (n: number) => string }[] = [
  {
    type: WORKSHEET_REL,
    pattern: /^xl\/worksheets\/sheet\d+\.xml$/,
    name: (n) => `xl/worksheets/sheet${n}.xml`,
  },
  { type: REL_TYPE.comments, pattern: /^xl\/comments\d+\.xml$/, name: (n) => `xl/comments${n}.xml` },
  {
    type: REL_TYPE.vmlDrawing,
    pattern: /^xl\/drawings\/vmlDrawing\d+\.vml$/,
    name: (n) => `xl/drawings/vmlDrawing${n}.vml`,
  },
  {
    type: REL_TYPE.drawing,
    pattern: /^xl\/drawings\/[a-zA-Z0-9]+\.xml$/,
    name: (n) => `xl/drawings/drawing${n}.xml`,
  },
];

function relsParts(pkg: OpcPackage): string[] {
  return Object.keys(pkg.zip.files).filter((n) => /(^|\/)_rels\/[^/]*\.rels$/.test(n));
}

/**
 * Rewrites a valid package into the shape exceljs can read, without changing what it means:
 * relationship targets made relative (openpyxl writes absolute ones, "/xl/comments/comment1.xml"),
 * and worksheets, notes, their VML and drawings renamed to the names exceljs looks for
 * ("xl/comments1.xml", "xl/drawings/vmlDrawing1.vml"). Excel, LibreOffice and openpyxl all read
 * either form. Says whether it changed anything.
 */
export async function normaliseForExceljs(pkg: OpcPackage): Promise<boolean> {
  let changedAny = false;
  const renames = new Map<string, string>();
  const taken = new Set(Object.keys(pkg.zip.files));
  const claim = (rule: (typeof CANONICAL)[number]) => {
    for (let n = 1; ; n++) {
      const name = rule.name(n);
      if (!taken.has(name)) return (taken.add(name), name);
    }
  };
  const plan = async (source: string) => {
    for (const rel of await pkg.rels(source)) {
      if (rel.external) continue;
      const part = resolveTarget(source, rel.target);
      const rule = CANONICAL.find((r) => r.type === rel.type);
      if (rule && !rule.pattern.test(part) && !renames.has(part) && pkg.has(part))
        renames.set(part, claim(rule));
    }
  };
  await plan("xl/workbook.xml");
  const sheets = (await pkg.rels("xl/workbook.xml"))
    .filter((r) => r.type === WORKSHEET_REL && !r.external)
    .map((r) => resolveTarget("xl/workbook.xml", r.target));
  for (const sheet of sheets) await plan(renames.get(sheet) ?? sheet);
  // Rename sheets first so that their notes are planned above under the sheet's old name and moved with it.
  for (const [from, to] of renames) await pkg.rename(from, to);
  for (const relsPart of relsParts(pkg)) {
    const source = sourceOfRels(relsPart);
    const rels = await pkg.rels(source);
    // Relationships written with a namespace prefix (<pr:Relationship>) are written again without.
    let changed = /<\w+:Relationship\b/.test(await pkg.text(relsPart));
    for (const rel of rels) {
      if (rel.external) continue;
      const part = resolveTarget(source, rel.target);
      const target = relativeTarget(source, renames.get(part) ?? part);
      if (target !== rel.target) ((rel.target = target), (changed = true));
    }
    if (changed) {
      pkg.setRels(source, rels);
      changedAny = true;
    }
  }
  const date1904 = /\bdate1904\s*=\s*"(?:1|true)"/.test(
    pkg.has("xl/workbook.xml") ? await pkg.text("xl/workbook.xml") : "",
  );
  for (const part of pkg.parts()) {
    const type = pkg.contentType(part) ?? "";
    if (/spreadsheetml\./.test(type)) {
      const xml = await pkg.text(part);
      let plain = defaultMainNamespace(xml);
      if (/worksheet\+xml$/.test(type)) plain = isoDateCellsAsSerials(plain, date1904);
      if (plain !== xml) {
        pkg.zip.file(part, plain);
        changedAny = true;
      }
    }
    const fix = /drawing\+xml$/.test(type)
      ? prefixDrawing
      : /comments\+xml$/.test(type)
        ? plainTextAsRun
        : undefined;
    if (!fix) continue;
    const xml = await pkg.text(part);
    const fixed = fix(xml);
    if (fixed !== xml) {
      pkg.zip.file(part, fixed);
      changedAny = true;
    }
  }
  return changedAny || renames.size > 0;
}

const SPREADSHEET_DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";

/**
 * A drawing written in the default namespace (openpyxl: `<wsDr xmlns="…spreadsheetDrawing">`) with
 * the `xdr:` prefix that exceljs matches on. Only when no other default namespace is declared inside,
 * so every unprefixed element is a spreadsheetDrawing element; otherwise left as it is.
 */
export function prefixDrawing(xml: string): string {
  const root = /<wsDr\b[^>]*\sxmlns\s*=\s*"([^"]*)"/.exec(xml);
  if (!root || root[1] !== SPREADSHEET_DRAWING) return xml;
  if ((xml.match(/\sxmlns\s*=\s*"/g) ?? []).length !== 1) return xml;
  return xml
    .replace(/<(\/?)([A-Za-z_][\w.-]*)(?=[\s/>])/g, "<$1xdr:$2")
    .replace(/\sxmlns\s*=\s*"[^"]*"/, ` xmlns:xdr="${SPREADSHEET_DRAWING}"`);
}

/**
 * A note's text written as plain `<text><t>…</t></text>` (openpyxl; allowed by the schema) as one
 * run `<text><r><t>…</t></r></text>`: exceljs reads only runs, and would show the note empty.
 */
export function plainTextAsRun(xml: string): string {
  return xml.replace(
    /(<(\w+:)?text>)(\s*<(?:\w+:)?t\b[^>]*>[\s\S]*?<\/(?:\w+:)?t>\s*)(<\/(?:\w+:)?text>)/g,
    (_, open: string, prefix: string | undefined, t: string, close: string) =>
      `${open}<${prefix ?? ""}r>${t}</${prefix ?? ""}r>${close}`,
  );
}

const SPREADSHEETML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/**
 * A SpreadsheetML part written with a prefix for its main namespace (`<x:worksheet
 * xmlns:x="…/spreadsheetml/2006/main">`, as the Open XML SDK and the programs built on it do) in
 * the default namespace, the only form exceljs matches. Left as it is when the document declares
 * another default namespace or uses the prefix on attributes, where dropping it would change meaning.
 */
export function defaultMainNamespace(xml: string): string {
  const root = /^(?:\s*<\?xml[^>]*\?>)?\s*<([A-Za-z_][\w.-]*):[A-Za-z_][\w.-]*\b[^>]*>/.exec(xml);
  if (!root) return xml;
  const prefix = root[1]!;
  const declaration = new RegExp(`\\sxmlns:${prefix}\\s*=\\s*"${SPREADSHEETML.replace(/[./]/g, "\\$&")}"`);
  if (!declaration.test(root[0])) return xml;
  if (/\sxmlns\s*=/.test(xml) || new RegExp(`\\s${prefix}:[\\w.-]+\\s*=`).test(xml)) return xml;
  return xml
    .replace(new RegExp(`<(/?)${prefix}:`, "g"), "<$1")
    .replace(declaration, ` xmlns="${SPREADSHEETML}"`);
}

const DAY_MS = 86_400_000;

/** An ISO 8601 date, date-time or time as Excel's serial number; undefined when it is none. */
export function isoToSerial(iso: string, date1904 = false): number | undefined {
  const m =
    /^\s*(?:(\d{4})-(\d{2})-(\d{2}))?(?:T?(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(?:Z|[+-]\d{2}:?\d{2})?\s*$/.exec(
      iso,
    );
  if (!m || (m[1] === undefined && m[4] === undefined)) return undefined;
  let days = 0;
  if (m[1] !== undefined) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const t = Date.UTC(y, mo - 1, d);
    const back = new Date(t);
    if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
      return undefined;
    // Excel's 1900 system counts a 29/02/1900 that never was: serials from 1/3/1900 are days since 30/12/1899.
    days = (t - Date.UTC(1899, 11, 30)) / DAY_MS;
    if (days < 61) days -= 1;
    if (date1904) days -= 1462;
  }
  const [h, min, sec] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(`${m[6] ?? 0}.${m[7] ?? 0}`)];
  if (h > 23 || min > 59 || sec >= 60) return undefined;
  return days + (h * 3600 + min * 60 + sec) / 86_400;
}

/**
 * Date cells written as ISO 8601 text (`<c t="d"><v>2026-03-02T08:15:00</v></c>`: openpyxl with
 * `iso_dates`, Strict Open XML files, exporters built on them) as the serial numbers every other
 * date cell holds. exceljs 4.4 reads such a cell's year as a serial: 2026-03-02 became 18/07/1905,
 * silently, in every date column. Excel reads either form; the cell's style (its date format) stays.
 */
export function isoDateCellsAsSerials(xml: string, date1904 = false): string {
  if (!/\st\s*=\s*"d"/.test(xml)) return xml;
  return xml.replace(
    /<c\b([^>]*?)\st\s*=\s*"d"([^>]*)>(\s*(?:<f\b[^>]*\/>|<f\b[^>]*>[^<]*<\/f>)?\s*)<v>([^<]*)<\/v>/g,
    (all, before: string, after: string, formula: string, iso: string) => {
      const serial = isoToSerial(iso, date1904);
      return serial === undefined ? all : `<c${before}${after}>${formula}<v>${serial}</v>`;
    },
  );
}
