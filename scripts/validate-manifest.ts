/**
 * `npm run validate`: an offline structural check of manifest.xml (the element order of the
 * TaskPaneApp v1.1 and VersionOverrides v1.0 schemas for the elements this add-in uses, required
 * elements, GUID, version, https URLs, resource ids, the requirement set), then Microsoft's
 * validation service through `office-addin-manifest validate` when it can be reached.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { MIN_EXCEL_API } from "../addin/excel/requirements";

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
    e.startsWith("#x")
      ? String.fromCodePoint(parseInt(e.slice(2), 16))
      : e.startsWith("#")
        ? String.fromCodePoint(Number(e.slice(1)))
        : (ENTITIES[e] ?? m),
  );

/** A small XML reader for manifests: elements, attributes, text; comments and declarations skipped. */
export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: "#document", attrs: {}, children: [], text: "" };
  const stack = [root];
  const token =
    /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  let m: RegExpExecArray | null;
  let at = 0;
  while ((m = token.exec(xml))) {
    if (m.index !== at) throw new Error(`XML: unexpected text at offset ${at}`);
    at = token.lastIndex;
    const top = stack[stack.length - 1]!;
    if (m[1] !== undefined) top.text += m[1];
    else if (m[6] !== undefined) top.text += decode(m[6]);
    else if (m[3] !== undefined) {
      if (m[2] === "/") {
        if (top.name !== m[3]) throw new Error(`XML: </${m[3]}> closes <${top.name}>`);
        stack.pop();
        continue;
      }
      const attrs: Record<string, string> = {};
      for (const a of m[4]!.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
        attrs[a[1]!] = decode(a[2] ?? a[3] ?? "");
      const el: XmlElement = { name: m[3], attrs, children: [], text: "" };
      top.children.push(el);
      if (m[5] !== "/") stack.push(el);
    }
  }
  if (at !== xml.length) throw new Error(`XML: unreadable text at offset ${at}`);
  if (stack.length !== 1) throw new Error(`XML: <${stack[stack.length - 1]!.name}> is never closed`);
  return root;
}

const local = (name: string) => name.replace(/^\w+:/, "");

/**
 * The schema's sequences (xs:sequence) for the parents this manifest uses: children must appear
 * in this order; `!` marks a required child. From OfficeAppManifestV1_1.xsd (OfficeApp extended
 * by TaskPaneApp) and TaskPaneAppVersionOverridesV1_0.xsd.
 */
const SEQUENCES: Record<string, string[]> = {
  OfficeApp: [
    "Id!",
    "AlternateId",
    "Version!",
    "ProviderName!",
    "DefaultLocale!",
    "DisplayName!",
    "Description!",
    "IconUrl",
    "HighResolutionIconUrl",
    "SupportUrl",
    "AppDomains",
    "Hosts",
    "Requirements",
    "DefaultSettings!",
    "Permissions!",
    "Dictionary",
    "VersionOverrides",
  ],
  Requirements: ["Sets", "Methods"],
  DefaultSettings: ["SourceLocation!", "RequestedWidth", "RequestedHeight"],
  VersionOverrides: ["Description", "Requirements", "Hosts!", "Resources", "WebApplicationInfo"],
  DesktopFormFactor: ["GetStarted", "FunctionFile!", "ExtensionPoint"],
  GetStarted: ["Title!", "Description!", "LearnMoreUrl"],
  Group: ["Label!", "Icon", "Control!"],
  Control: ["Label!", "Supertip!", "Icon!", "Action!"],
  Supertip: ["Title!", "Description!"],
  Resources: ["Images", "Urls", "ShortStrings", "LongStrings"],
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VERSION = /^\d{1,5}(\.\d{1,5}){0,3}$/;
/** The requirement set the add-in is built for, defined beside the adapter that needs it. */
export { MIN_EXCEL_API };

function walk(el: XmlElement, visit: (el: XmlElement, path: string) => void, path = ""): void {
  for (const c of el.children) {
    const p = `${path}/${local(c.name)}`;
    visit(c, p);
    walk(c, visit, p);
  }
}

function checkOrder(el: XmlElement, path: string, problems: string[]): void {
  const seq = SEQUENCES[local(el.name)];
  if (!seq) return;
  const names = seq.map((s) => s.replace("!", ""));
  let last = -1;
  for (const c of el.children) {
    const i = names.indexOf(local(c.name));
    if (i < 0) problems.push(`${path}: <${local(c.name)}> is not a child the schema allows here`);
    else if (i < last)
      problems.push(`${path}: <${local(c.name)}> must come before <${names[last]}> (schema order)`);
    else last = i;
  }
  for (const s of seq)
    if (s.endsWith("!") && !el.children.some((c) => local(c.name) === s.slice(0, -1)))
      problems.push(`${path}: <${s.slice(0, -1)}> is required`);
}

/** Every problem found in the manifest text; empty when it passes. */
export function validateManifest(xml: string): string[] {
  const problems: string[] = [];
  let doc: XmlElement;
  try {
    doc = parseXml(xml);
  } catch (e) {
    return [(e as Error).message];
  }
  const app = doc.children[0];
  if (!app || app.name !== "OfficeApp" || doc.children.length !== 1)
    return ["The root element must be a single <OfficeApp>"];
  if (app.attrs["xsi:type"] !== "TaskPaneApp") problems.push('<OfficeApp> must be xsi:type="TaskPaneApp"');
  checkOrder(app, "/OfficeApp", problems);
  const child = (name: string) => app.children.find((c) => c.name === name);
  if (!GUID.test(child("Id")?.text.trim() ?? "")) problems.push("<Id> must be a GUID");
  if (!VERSION.test(child("Version")?.text.trim() ?? "")) problems.push("<Version> must be n.n.n.n");
  const hosts = child("Hosts")?.children.map((h) => h.attrs.Name);
  if (hosts?.length !== 1 || hosts[0] !== "Workbook")
    problems.push('<Hosts> must hold <Host Name="Workbook"/>');
  const sets = child("Requirements")?.children.find((c) => c.name === "Sets")?.children ?? [];
  const excel = sets.find((s) => s.attrs.Name === "ExcelApi");
  if (excel?.attrs.MinVersion !== MIN_EXCEL_API)
    problems.push(
      `<Requirements> must ask for ExcelApi ${MIN_EXCEL_API} (found ${excel?.attrs.MinVersion ?? "none"})`,
    );

  const ids = new Map<string, string>();
  const refs: { id: string; path: string }[] = [];
  walk(app, (el, path) => {
    checkOrder(el, path, problems);
    const name = local(el.name);
    for (const [attr, value] of Object.entries(el.attrs)) {
      if (/^https?:/i.test(value) && !value.startsWith("https://") && !attr.startsWith("xmlns"))
        problems.push(`${path}@${attr}: ${value} must be https`);
    }
    if (name === "AppDomain" && !el.text.trim().startsWith("https://"))
      problems.push(`${path}: ${el.text.trim()} must be https`);
    if (el.attrs.resid !== undefined) refs.push({ id: el.attrs.resid, path });
    if (path.includes("/Resources/") && el.attrs.id !== undefined) {
      if (ids.has(el.attrs.id)) problems.push(`${path}: resource id ${el.attrs.id} is defined twice`);
      ids.set(el.attrs.id, name);
      if (el.attrs.id.length > 32) problems.push(`${path}: resource id ${el.attrs.id} is over 32 characters`);
      const max = path.includes("/ShortStrings/") ? 125 : path.includes("/LongStrings/") ? 250 : 2048;
      const values = [el.attrs.DefaultValue ?? "", ...el.children.map((o) => o.attrs.Value ?? "")];
      if (values.some((v) => v.length > max))
        problems.push(`${path}: ${el.attrs.id} is over ${max} characters`);
    }
    if (name === "FunctionName" && !/^[A-Za-z_$][\w$]*$/.test(el.text.trim()))
      problems.push(`${path}: ${el.text.trim()} is not a function name`);
  });
  for (const r of refs)
    if (!ids.has(r.id)) problems.push(`${r.path}: resid ${r.id} is not defined in <Resources>`);
  return problems;
}

/** Microsoft's validator needs the internet; offline it is skipped with a message. */
async function online(): Promise<boolean> {
  try {
    await fetch("https://validationgateway.omex.office.net/", {
      method: "HEAD",
      signal: AbortSignal.timeout(4000),
    });
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const file = process.argv[2] ?? "manifest.xml";
  const problems = validateManifest(readFileSync(file, "utf8"));
  if (problems.length > 0) {
    console.error(`${file}: ${problems.length} problem(s)\n  ${problems.join("\n  ")}`);
    process.exit(1);
  }
  console.log(`${file}: structure OK (offline check)`);
  if (!(await online())) {
    console.log(
      "Offline: skipped Microsoft's validator (office-addin-manifest validate needs the internet).",
    );
    return;
  }
  const run = spawnSync("npx", ["office-addin-manifest", "validate", file], { stdio: "inherit" });
  process.exit(run.status ?? 1);
}

if (/validate-manifest\.ts$/.test(process.argv[1] ?? "")) void main();
