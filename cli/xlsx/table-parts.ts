import type ExcelJS from "exceljs";
import { columnIndex, columnLetter } from "../../core/layout";
import type { OpcPackage } from "./opc-package";

/**
 * Excel Tables (ListObjects) through exceljs 4.4, which reads and writes them wrongly:
 * - a table without `<tableStyleInfo>` (LibreOffice writes none) makes its write throw a TypeError;
 * - a table without `headerRowCount` (Excel's default, 1) is written with `headerRowCount="0"`: its
 *   header row becomes a data row; every column's filter button is written hidden; the filter, the
 *   style options and any `extLst` are dropped.
 * So exceljs is given a table it can read, and after it writes, each table part is put back as the
 * user's file had it, with only its range set to what the sync made of it (rows pulled into it).
 */

const isTable = (pkg: OpcPackage, part: string) => /table\+xml$/.test(pkg.contentType(part) ?? "");

/**
 * The table's XML as exceljs can write it again (what it drops is put back after the write): a
 * `tableStyleInfo` without a name (no style) where there was none; filter criteria left out, as
 * exceljs would (only `customFilters` are parsed: other criteria are not exceljs's to keep).
 */
export function tableForExceljs(xml: string): string {
  let out = xml.replace(
    /<((?:\w+:)?filterColumn)\b([^>]*?)(?<!\/)>[\s\S]*?<\/\1>/g,
    (_, tag: string, attrs: string) => `<${tag}${attrs}/>`,
  );
  if (!/<(\w+:)?tableStyleInfo\b/.test(out))
    out = out.replace(
      /(<(?:\w+:)?extLst\b|<\/(?:\w+:)?table>)/,
      `<tableStyleInfo showFirstColumn="0" showLastColumn="0" showRowStripes="0" showColumnStripes="0"/>$1`,
    );
  return out;
}

/** Rewrites the package's table parts for exceljs; says whether any changed. */
export async function tablesForExceljs(pkg: OpcPackage): Promise<boolean> {
  let changed = false;
  for (const part of pkg.parts().filter((p) => isTable(pkg, p))) {
    const xml = await pkg.text(part);
    const fixed = tableForExceljs(xml);
    if (fixed !== xml) (pkg.zip.file(part, fixed), (changed = true));
  }
  return changed;
}

const rootTag = (xml: string) => /<(?:\w+:)?table\b[^>]*>/.exec(xml)?.[0] ?? "";
const attrOf = (tag: string, name: string) => new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`).exec(tag)?.[1];

/**
 * The user's table as the original file had it, with the range exceljs wrote (`written`): the
 * table's `ref` and its `autoFilter`'s (the same rows without a totals row), and the columns the
 * sync added at its right (the hidden id column: widenTableOver) as `written` names them.
 */
export function keepUserTable(original: string, written: string): string {
  const ref = attrOf(rootTag(written), "ref");
  const oldRoot = rootTag(original);
  const oldRef = attrOf(oldRoot, "ref");
  if (!ref || !oldRef || ref === oldRef) return original;
  const totals = Number(attrOf(oldRoot, "totalsRowCount") ?? "0") > 0;
  const filterRef = totals ? ref.replace(/\d+$/, (n) => String(Number(n) - 1)) : ref;
  const root = oldRoot.replace(/(\sref\s*=\s*")[^"]*"/, `$1${ref}"`);
  return withAddedColumns(
    original
      .replace(oldRoot, root)
      .replace(/(<(?:\w+:)?autoFilter\b[^>]*\sref\s*=\s*")[^"]*"/, `$1${filterRef}"`),
    written,
    ref,
  );
}

const COLUMN = /<((?:\w+:)?tableColumn)\b[^>]*?(?:\/>|>[\s\S]*?<\/\1>)/g;

/** `xml`'s tableColumns, with those `written` has past them (columns added at the right) appended. */
function withAddedColumns(xml: string, written: string, ref: string): string {
  const m = decodeRef(ref);
  if (!m) return xml;
  const width = columnIndex(m.right) - columnIndex(m.left) + 1;
  const have = xml.match(COLUMN) ?? [];
  const names = (written.match(COLUMN) ?? []).map((c) => attrOf(c, "name") ?? "");
  if (have.length >= width || names.length < width) return xml;
  const prefix = /<(\w+:)?tableColumn\b/.exec(have[0] ?? "")?.[1] ?? "";
  let id = Math.max(0, ...have.map((c) => Number(attrOf(c, "id") ?? "0")));
  const added = names
    .slice(have.length, width)
    .map((name) => `<${prefix}tableColumn id="${++id}" name="${escapeXml(name)}"/>`)
    .join("");
  return xml
    .replace(/(<(?:\w+:)?tableColumns\b[^>]*\scount\s*=\s*")\d+"/, `$1${width}"`)
    .replace(/(<\/(?:\w+:)?tableColumns>)/, `${added}$1`);
}

const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * The id column added at 0-based `col`, with its header on 0-based `headerRow`, becomes the last
 * column of a table whose header row that is and which ends just left of it, as the Excel adapter
 * makes it one (addin/excel/table-ranges.ts): a sort of the table then moves each row's id with it.
 */
export function widenTableOver(ws: ExcelJS.Worksheet, headerRow: number, col: number, name: string): void {
  const tables = (ws as unknown as { tables: Record<string, { table?: TableModel }> }).tables ?? {};
  for (const { table } of Object.values(tables)) {
    const ref = table?.tableRef && decodeRef(table.tableRef);
    if (!table || !ref || ref.top !== headerRow + 1 || columnIndex(ref.right) !== col - 1) continue;
    const right = columnLetter(col);
    table.tableRef = `${ref.left}${ref.top}:${right}${ref.bottom}`;
    if (table.autoFilterRef) table.autoFilterRef = table.autoFilterRef.replace(/[A-Z]+(\d+)$/, `${right}$1`);
    table.columns?.push({ name });
  }
}

/** Puts the original's table parts back over exceljs's (matched by table name); answers how many. */
export async function keepUserTables(original: OpcPackage, written: OpcPackage): Promise<number> {
  const byName = new Map<string, string>();
  for (const part of original.parts().filter((p) => isTable(original, p))) {
    const xml = await original.text(part);
    const name = attrOf(rootTag(xml), "name");
    if (name !== undefined) byName.set(name, xml);
  }
  let count = 0;
  for (const part of written.parts().filter((p) => isTable(written, p))) {
    const xml = await written.text(part);
    const kept = byName.get(attrOf(rootTag(xml), "name") ?? "");
    if (kept === undefined) continue;
    written.zip.file(part, keepUserTable(kept, xml));
    count++;
  }
  return count;
}

interface TableModel {
  tableRef?: string;
  autoFilterRef?: string;
  totalsRow?: boolean;
  columns?: { name: string }[];
}

const decodeRef = (ref: string) => {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref);
  return m ? { left: m[1]!, top: Number(m[2]), right: m[3]!, bottom: Number(m[4]) } : undefined;
};

/**
 * Moves a sheet's tables with its rows (exceljs does not): `newRow(r)` is the new 0-based index of
 * old row r, or -1 when it was removed; `inserted(r)` whether new row r was inserted by the sync.
 * Rows inserted inside a table, or right below its last row (a table without a totals row), are in
 * it afterwards, as when a user types below a table in Excel.
 * A calculated column's formula is not written into the rows inserted (the Excel adapter writes it):
 * exceljs computes nothing, and a formula saved without its result reads as never computed: at the
 * next `cchc sync`, a row error "open and save the file in Excel" when the sync reads that column
 * (read-xlsx.ts, core/model/messages.ts uncomputedFormula). Excel marks the empty cell (a green
 * triangle) and offers "Restore Calculated Column Formula".
 */
export function moveTables(
  ws: ExcelJS.Worksheet,
  newRow: (old: number) => number,
  inserted: (row: number) => boolean,
  rowCount: number,
): void {
  const tables = (ws as unknown as { tables: Record<string, { table?: TableModel }> }).tables ?? {};
  for (const { table } of Object.values(tables)) {
    const ref = table?.tableRef && decodeRef(table.tableRef);
    if (!table || !ref) continue;
    const top = newRow(ref.top - 1);
    if (top < 0) continue;
    let bottom = -1;
    for (let r = ref.bottom - 1; r >= ref.top - 1 && bottom < 0; r--) bottom = newRow(r);
    if (!table.totalsRow) while (bottom + 1 < rowCount && inserted(bottom + 1)) bottom++;
    table.tableRef = `${ref.left}${top + 1}:${ref.right}${bottom + 1}`;
    table.autoFilterRef = `${ref.left}${top + 1}:${ref.right}${bottom + (table.totalsRow ? 0 : 1)}`;
  }
}
