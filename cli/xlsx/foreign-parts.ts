import { SUMMARY_SHEET } from "../../core/sync";
import {
  OpcPackage,
  REL_TYPE,
  relativeTarget,
  relsPartOf,
  resolveTarget,
  type Relationship,
} from "./opc-package";

/**
 * What exceljs keeps of a workbook it rewrites, what the file adapter puts back, and what would be
 * lost (DESIGN.md: an adapter keeps every part it does not understand, or refuses before writing).
 */

/** Content types exceljs reads and writes again (worksheets, notes, pictures, tables, styles…). */
const KEPT_BY_EXCELJS = [
  /spreadsheetml\.sheet\.main\+xml$/,
  /spreadsheetml\.template\.main\+xml$/,
  /spreadsheetml\.worksheet\+xml$/,
  /spreadsheetml\.sharedStrings\+xml$/,
  /spreadsheetml\.styles\+xml$/,
  /spreadsheetml\.comments\+xml$/,
  /spreadsheetml\.table\+xml$/,
  /officedocument\.theme\+xml$/,
  /officedocument\.vmlDrawing$/,
  /package\.core-properties\+xml$/,
  /officedocument\.extended-properties\+xml$/,
  /^image\//, // only pictures of a kept drawing or a sheet background: see keptPictures
];

/** Parts Excel rebuilds or that hold no content of the user's (a dropped one changes nothing they see). */
const REBUILT = [
  /spreadsheetml\.calcChain\+xml$/, // formula calculation order, rebuilt by Excel
  /spreadsheetml\.printerSettings$/, // the printer driver's own settings (page set-up stays in the sheet)
  /package\.relationships\+xml$/,
  /^application\/xml$/, // plain XML default: classified by its relationship below
];

/** Relationships from the package or the workbook to parts put back after exceljs writes. */
const PUT_BACK: { from: "" | "xl/workbook.xml"; type: string; what: string }[] = [
  { from: "", type: REL_TYPE.webExtensionTaskPanes, what: "add-in task pane binding" },
  { from: "", type: REL_TYPE.customProperties, what: "custom document properties" },
  { from: "xl/workbook.xml", type: REL_TYPE.customXml, what: "custom XML data" },
  { from: "", type: REL_TYPE.thumbnail, what: "the file's preview picture" },
];

/** How a lost part is named to the user (by content type). */
const LOST_KINDS: { pattern: RegExp; vi: string; en: string }[] = [
  { pattern: /vbaProject|macroEnabled|ms-excel\.sheet\.binary/, vi: "macro (VBA)", en: "macros (VBA)" },
  { pattern: /drawingml\.chart\+xml|chartsheet|ms-office\.chart/, vi: "biểu đồ", en: "charts" },
  { pattern: /pivotTable|pivotCache/, vi: "bảng tổng hợp (pivot)", en: "pivot tables" },
  { pattern: /slicer/, vi: "bộ lọc slicer", en: "slicers" },
  { pattern: /timeline/, vi: "bộ lọc timeline", en: "timelines" },
  { pattern: /externalLink/, vi: "liên kết ngoài", en: "external links" },
  { pattern: /threadedComments|\.person\+xml/, vi: "bình luận dạng chuỗi", en: "threaded comments" },
  { pattern: /ctrlProp|activeX/, vi: "điều khiển biểu mẫu", en: "form controls" },
  { pattern: /connections|queryTable/, vi: "kết nối dữ liệu", en: "data connections" },
  { pattern: /drawing\+xml$/, vi: "hình vẽ (hộp văn bản, hình khối)", en: "shapes or text boxes" },
];

export interface LostPart {
  part: string;
  contentType: string;
  kind: { vi: string; en: string };
}

/** A drawing exceljs keeps: pictures only (charts, shapes and text boxes in it would be dropped). */
function picturesOnly(xml: string): boolean {
  const anchors =
    xml.match(
      /<(?:\w+:)?(?:twoCellAnchor|oneCellAnchor|absoluteAnchor)\b[\s\S]*?<\/(?:\w+:)?(?:twoCellAnchor|oneCellAnchor|absoluteAnchor)>/g,
    ) ?? [];
  return anchors.every(
    (a) => /<(?:\w+:)?pic\b/.test(a) && !/<(?:\w+:)?(?:graphicFrame|sp|grpSp|cxnSp)\b/.test(a),
  );
}

/** Every part reachable from `part` through internal relationships (itself included). */
async function closure(pkg: OpcPackage, part: string, seen = new Set<string>()): Promise<Set<string>> {
  if (seen.has(part) || !pkg.has(part)) return seen;
  seen.add(part);
  for (const rel of await pkg.rels(part))
    if (!rel.external) await closure(pkg, resolveTarget(part, rel.target), seen);
  return seen;
}

/** The parts the adapter puts back after exceljs writes, with the relationship that points to each root. */
async function putBackRoots(pkg: OpcPackage): Promise<{ from: string; rel: Relationship; part: string }[]> {
  const roots = [];
  for (const rule of PUT_BACK)
    for (const rel of await pkg.rels(rule.from))
      if (rel.type === rule.type && !rel.external)
        roots.push({ from: rule.from, rel, part: resolveTarget(rule.from, rel.target) });
  return roots;
}

/** Pictures exceljs writes again: those of picture-only drawings and sheet backgrounds. */
async function keptPictures(pkg: OpcPackage): Promise<Set<string>> {
  const kept = new Set<string>();
  for (const part of pkg.parts()) {
    const type = pkg.contentType(part) ?? "";
    const isSheet = /worksheet\+xml$/.test(type);
    if (!isSheet && !(/drawing\+xml$/.test(type) && picturesOnly(await pkg.text(part)))) continue;
    for (const rel of await pkg.rels(part))
      if (!rel.external && (!isSheet || /\/image$/.test(rel.type))) kept.add(resolveTarget(part, rel.target));
  }
  return kept;
}

/**
 * Whether only a trial write can tell what exceljs keeps: drawings, pictures, tables. A package of
 * sheets, styles and notes alone needs none (the common case costs no second serialisation).
 */
export function needsTrialWrite(pkg: OpcPackage): boolean {
  return pkg.parts().some((p) => /drawing\+xml$|^image\/|table\+xml$/.test(pkg.contentType(p) ?? ""));
}

/** The parts of a (normalised) package that `cchc sync` would lose by rewriting it. */
export async function partsLostByRewrite(pkg: OpcPackage): Promise<LostPart[]> {
  const putBack = new Set<string>();
  for (const root of await putBackRoots(pkg)) for (const p of await closure(pkg, root.part)) putBack.add(p);
  const pictures = await keptPictures(pkg);
  const lost: LostPart[] = [];
  for (const part of pkg.parts()) {
    if (putBack.has(part)) continue;
    const type = pkg.contentType(part) ?? "";
    if (/^image\//.test(type) && !pictures.has(part)) {
      lost.push({
        part,
        contentType: type,
        kind: {
          vi: "hình ảnh ở đầu/chân trang hoặc nơi khác",
          en: "pictures in headers, footers or elsewhere",
        },
      });
      continue;
    }
    if (KEPT_BY_EXCELJS.some((p) => p.test(type)) || REBUILT.some((p) => p.test(type))) continue;
    if (/drawing\+xml$/.test(type) && picturesOnly(await pkg.text(part))) continue;
    const kind = LOST_KINDS.find((k) => k.pattern.test(type)) ?? {
      vi: `phần "${part}"`,
      en: `part "${part}"`,
    };
    lost.push({ part, contentType: type, kind: { vi: kind.vi, en: kind.en } });
  }
  return lost;
}

/**
 * Puts the package-level parts exceljs drops (the add-in's task-pane binding `xl/webextensions/*`,
 * `customXml/*`, custom document properties) from `original` into `written`, with their
 * relationships and content types. Parts already present in `written` are left as exceljs wrote them.
 */
export async function putBackPackageParts(original: OpcPackage, written: OpcPackage): Promise<number> {
  let count = 0;
  for (const root of await putBackRoots(original)) {
    for (const part of await closure(original, root.part)) {
      if (written.has(part)) continue;
      written.zip.file(part, await original.bytes(part));
      const rels = await original.rels(part);
      if (rels.length) written.setRels(part, rels);
      const override = original.contentTypes.overrides.get(part);
      const ext = part.slice(part.lastIndexOf(".") + 1).toLowerCase();
      if (override !== undefined) written.contentTypes.overrides.set(part, override);
      else if (!written.contentTypes.defaults.has(ext) && original.contentTypes.defaults.has(ext))
        written.contentTypes.defaults.set(ext, original.contentTypes.defaults.get(ext)!);
      count++;
    }
    const rels = await written.rels(root.from);
    const target = relativeTarget(root.from, root.part);
    if (!rels.some((r) => r.type === root.rel.type && resolveTarget(root.from, r.target) === root.part)) {
      let n = 1;
      while (rels.some((r) => r.id === `rIdCchc${n}`)) n++;
      rels.push({ id: `rIdCchc${n}`, type: root.rel.type, target, external: false });
      written.setRels(root.from, rels);
    }
  }
  return count;
}

/** How many parts of each content type a package holds, for the check after writing. */
export function contentTypeCounts(pkg: OpcPackage): Map<string, number> {
  const counts = new Map<string, number>();
  for (const part of pkg.parts()) {
    const type = pkg.contentType(part) ?? `?${part}`;
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  return counts;
}

/** Content types whose count may change when the sync edits a workbook (its own sheets and notes). */
const EDITED_BY_SYNC = [
  /worksheet\+xml$/,
  /comments\+xml$/,
  /vmlDrawing$/,
  /sharedStrings|styles|theme|calcChain|printerSettings|core-properties|extended-properties/,
  /relationships\+xml$/,
  /^application\/xml$/,
  /drawing\+xml$/, // counted through the pictures they hold (image types)
];

/** Content types of which `written` holds fewer parts than `original` (the safety net after writing). */
export function droppedContentTypes(original: OpcPackage, written: OpcPackage): string[] {
  const after = contentTypeCounts(written);
  return [...contentTypeCounts(original)]
    .filter(([type, n]) => !EDITED_BY_SYNC.some((p) => p.test(type)) && (after.get(type) ?? 0) < n)
    .map(([type]) => type);
}

const WORKSHEET_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
const CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart";

const decode = (s: string) =>
  s.replace(
    /&(lt|gt|quot|apos|amp);/g,
    (_, e: string) => ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" })[e]!,
  );

/** The worksheet part of the sheet called `name` (from xl/workbook.xml and its relationships). */
async function sheetPart(pkg: OpcPackage, name: string): Promise<string | undefined> {
  if (!pkg.has("xl/workbook.xml")) return undefined;
  const xml = await pkg.text("xl/workbook.xml");
  for (const [tag] of xml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    if (decode(/\bname="([^"]*)"/.exec(tag)?.[1] ?? "") !== name) continue;
    const id = /\b[\w]+:id="([^"]*)"/.exec(tag)?.[1];
    const rel = (await pkg.rels("xl/workbook.xml")).find((r) => r.id === id && r.type === WORKSHEET_REL);
    return rel && !rel.external ? resolveTarget("xl/workbook.xml", rel.target) : undefined;
  }
  return undefined;
}

/** A drawing that holds classic charts and nothing else (no picture, shape or text box of the user's). */
function chartsOnly(xml: string): boolean {
  const anchors =
    xml.match(
      /<(?:\w+:)?(?:twoCellAnchor|oneCellAnchor|absoluteAnchor)\b[\s\S]*?<\/(?:\w+:)?(?:twoCellAnchor|oneCellAnchor|absoluteAnchor)>/g,
    ) ?? [];
  return (
    anchors.length > 0 &&
    anchors.every(
      (a) =>
        /<(?:\w+:)?graphicFrame\b/.test(a) &&
        a.includes(`uri="${CHART_URI}"`) &&
        !/<(?:\w+:)?(?:pic|sp|grpSp|cxnSp)\b/.test(a),
    )
  );
}

/** Charts dropped from the summary sheet of a loaded workbook (set by loadWorkbook, read by the sync command). */
export const droppedSummaryCharts = new WeakMap<object, number>();

/**
 * The summary sheet ("Tổng hợp") is ours and rebuilt at every sync; the add-in draws native charts
 * on it, which exceljs cannot keep. Those charts are removed from the package before exceljs reads
 * it (the drawing, its charts and their styles, the sheet's link to them), knowingly: the add-in
 * redraws them at its next refresh, and the sync says so. Only a drawing of charts alone is
 * removed; a picture or shape on the summary, and any chart on another sheet, stay and are refused
 * as before. Returns the number of charts removed.
 */
export async function dropSummaryCharts(pkg: OpcPackage, sheetName = SUMMARY_SHEET): Promise<number> {
  const sheet = await sheetPart(pkg, sheetName);
  if (!sheet || !pkg.has(sheet)) return 0;
  const rels = await pkg.rels(sheet);
  const drawings = rels.filter((r) => r.type === REL_TYPE.drawing && !r.external);
  if (drawings.length === 0) return 0;
  const parts = new Set<string>();
  for (const rel of drawings) {
    const drawing = resolveTarget(sheet, rel.target);
    if (!pkg.has(drawing) || !chartsOnly(await pkg.text(drawing))) return 0;
    await closure(pkg, drawing, parts);
  }
  let charts = 0;
  for (const part of parts) {
    if (/drawingml\.chart\+xml$/.test(pkg.contentType(part) ?? "")) charts++;
    pkg.zip.remove(part);
    if (pkg.zip.file(relsPartOf(part))) pkg.zip.remove(relsPartOf(part));
    pkg.contentTypes.overrides.delete(part);
  }
  const ids = new Set(drawings.map((r) => r.id));
  pkg.setRels(
    sheet,
    rels.filter((r) => !ids.has(r.id)),
  );
  const xml = await pkg.text(sheet);
  pkg.zip.file(
    sheet,
    xml.replace(/<(?:\w+:)?drawing\b[^>]*\/>/g, (tag) =>
      ids.has(/\b[\w]+:id="([^"]*)"/.exec(tag)?.[1] ?? "") ? "" : tag,
    ),
  );
  return charts;
}
