import path from "node:path";
import JSZip from "jszip";

/**
 * The few things of the Open Packaging Conventions that the file adapter needs to repair and keep
 * the parts of a workbook exceljs does not handle: part names, relationships, content types.
 * Part names here have no leading slash ("xl/workbook.xml").
 */
export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

export const REL_TYPE = {
  comments: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments",
  vmlDrawing: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing",
  drawing: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing",
  customXml: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml",
  customProperties: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties",
  webExtensionTaskPanes: "http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes",
  thumbnail: "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
} as const;

const attr = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag);
  return m ? decodeXml(m[2] ?? m[3] ?? "") : undefined;
};
const decodeXml = (s: string) =>
  s.replace(
    /&(lt|gt|quot|apos|amp);/g,
    (_, e: string) => ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" })[e]!,
  );
const encodeXml = (s: string) =>
  s.replace(/[<>"&]/g, (c) => ({ "<": "&lt;", ">": "&gt;", '"': "&quot;", "&": "&amp;" })[c]!);

/** The relationships part of a part: "xl/workbook.xml" → "xl/_rels/workbook.xml.rels"; "" → "_rels/.rels". */
export function relsPartOf(part: string): string {
  const dir = path.posix.dirname(part);
  return `${dir === "." ? "" : dir + "/"}_rels/${path.posix.basename(part)}.rels`;
}

/** The part a relationships part belongs to (inverse of relsPartOf; "" for the package). */
export function sourceOfRels(relsPart: string): string {
  const m = /^(.*?)_rels\/([^/]*)\.rels$/.exec(relsPart);
  return m ? `${m[1]}${m[2]}` : "";
}

/** A relationship target as a part name, resolved against the source part's folder. */
export function resolveTarget(source: string, target: string): string {
  if (target.startsWith("/")) return path.posix.normalize(target.slice(1));
  const dir = path.posix.dirname(source || "x");
  return path.posix.normalize(path.posix.join(dir === "." ? "" : dir, target));
}

/** A target for `part`, relative to the source part's folder (the form every reader follows). */
export function relativeTarget(source: string, part: string): string {
  const dir = path.posix.dirname(source || "x");
  return path.posix.relative(dir === "." ? "" : dir, part) || path.posix.basename(part);
}

export function parseRels(xml: string): Relationship[] {
  return [...xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)].map(([tag]) => ({
    id: attr(tag, "Id") ?? "",
    type: attr(tag, "Type") ?? "",
    target: attr(tag, "Target") ?? "",
    external: attr(tag, "TargetMode") === "External",
  }));
}

export function serializeRels(rels: Relationship[]): string {
  const items = rels
    .map(
      (r) =>
        `<Relationship Id="${encodeXml(r.id)}" Type="${encodeXml(r.type)}" Target="${encodeXml(r.target)}"${r.external ? ' TargetMode="External"' : ""}/>`,
    )
    .join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items}</Relationships>`;
}

export interface ContentTypes {
  defaults: Map<string, string>; // extension (lower case) → content type
  overrides: Map<string, string>; // part name → content type
}

export function parseContentTypes(xml: string): ContentTypes {
  const defaults = new Map<string, string>();
  const overrides = new Map<string, string>();
  for (const [tag] of xml.matchAll(/<(?:\w+:)?Default\b[^>]*>/g))
    defaults.set((attr(tag, "Extension") ?? "").toLowerCase(), attr(tag, "ContentType") ?? "");
  for (const [tag] of xml.matchAll(/<(?:\w+:)?Override\b[^>]*>/g))
    overrides.set((attr(tag, "PartName") ?? "").replace(/^\//, ""), attr(tag, "ContentType") ?? "");
  return { defaults, overrides };
}

export function serializeContentTypes(ct: ContentTypes): string {
  const d = [...ct.defaults].map(
    ([ext, type]) => `<Default Extension="${encodeXml(ext)}" ContentType="${encodeXml(type)}"/>`,
  );
  const o = [...ct.overrides].map(
    ([part, type]) => `<Override PartName="/${encodeXml(part)}" ContentType="${encodeXml(type)}"/>`,
  );
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">${d.join("")}${o.join("")}</Types>`;
}

export function contentTypeOf(ct: ContentTypes, part: string): string | undefined {
  return ct.overrides.get(part) ?? ct.defaults.get(path.posix.extname(part).slice(1).toLowerCase());
}

/** A package opened for reading and editing (jszip, which exceljs itself uses). */
export class OpcPackage {
  private constructor(
    readonly zip: JSZip,
    readonly contentTypes: ContentTypes,
  ) {}

  static async open(data: Buffer): Promise<OpcPackage> {
    const zip = await JSZip.loadAsync(data);
    // Some writers store names with a leading slash; readers (exceljs too) expect none.
    for (const name of Object.keys(zip.files))
      if (name.startsWith("/") && !zip.files[name]!.dir) {
        const bytes = await zip.files[name]!.async("nodebuffer");
        zip.remove(name);
        zip.file(name.slice(1), bytes);
      }
    const ct = zip.file("[Content_Types].xml");
    const contentTypes = ct
      ? parseContentTypes(await ct.async("string"))
      : { defaults: new Map<string, string>(), overrides: new Map<string, string>() };
    return new OpcPackage(zip, contentTypes);
  }

  parts(): string[] {
    return Object.keys(this.zip.files).filter(
      (n) => !this.zip.files[n]!.dir && n !== "[Content_Types].xml" && !/(^|\/)_rels\/[^/]*\.rels$/.test(n),
    );
  }

  has(part: string): boolean {
    return this.zip.file(part) !== null;
  }

  text(part: string): Promise<string> {
    return this.zip.file(part)!.async("string");
  }

  bytes(part: string): Promise<Buffer> {
    return this.zip.file(part)!.async("nodebuffer");
  }

  contentType(part: string): string | undefined {
    return contentTypeOf(this.contentTypes, part);
  }

  async rels(source: string): Promise<Relationship[]> {
    const f = this.zip.file(relsPartOf(source));
    return f ? parseRels(await f.async("string")) : [];
  }

  setRels(source: string, rels: Relationship[]): void {
    this.zip.file(relsPartOf(source), serializeRels(rels));
  }

  /** Moves a part (and its own relationships part), keeping its content type. */
  async rename(from: string, to: string): Promise<void> {
    const type = this.contentTypes.overrides.get(from);
    this.zip.file(to, await this.bytes(from));
    this.zip.remove(from);
    const rels = this.zip.file(relsPartOf(from));
    if (rels) {
      this.zip.file(relsPartOf(to), await rels.async("nodebuffer"));
      this.zip.remove(relsPartOf(from));
    }
    if (type !== undefined) {
      this.contentTypes.overrides.delete(from);
      this.contentTypes.overrides.set(to, type);
    }
  }

  async toBuffer(): Promise<Buffer> {
    this.zip.file("[Content_Types].xml", serializeContentTypes(this.contentTypes));
    return this.zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  }
}
