/**
 * The in-memory workbook behind the fake Excel API: what Excel itself holds (cell values, formulas,
 * number formats, merges, notes, hidden columns, sheet visibility). Tests seed it, run the adapter
 * through the fake API, then inspect it.
 */

/** A cell value as Office.js moves it: "" is an empty cell; dates are serial numbers. */
export type Raw = string | number | boolean;

export interface FakeCell {
  v: Raw;
  /** The formula, as `Range.formulas` shows it ("=SUM(A1:A3)"). */
  f?: string;
  /** The number format; absent is "General". */
  nf?: string;
}

/** 0-based, inclusive. */
export interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** A range's data validation as Excel keeps it: a list's source is an absolute reference. */
export interface FakeValidation {
  box: Box;
  ignoreBlanks?: boolean;
  rule?: { list?: { inCellDropDown: boolean; source: string } };
  errorAlert?: { showAlert: boolean; style: string; title: string; message: string } | undefined;
}

export type Visibility = "Visible" | "Hidden" | "VeryHidden";

/**
 * The sheet's AutoFilter (Data → Filter): its range (header row first) and, per column of it
 * (0-based within the range), the criteria a user set (Excel.FilterCriteria as Office.js shows them).
 */
export interface FakeAutoFilter {
  box: Box;
  criteria: Map<number, Record<string, unknown>>;
}

/** An Excel Table (Insert → Table, a ListObject): its range (header row first) and column names. */
export interface FakeTable {
  name: string;
  box: Box;
  /** The last row is the totals row (Table Design → Total Row). */
  showTotals: boolean;
  columns: string[];
}

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

export class FakeSheet {
  rows: (FakeCell | undefined)[][] = [];
  merges: Box[] = [];
  /** Notes by "row:col". */
  notes = new Map<string, string>();
  hiddenColumns = new Set<number>();
  tabColor = "";
  /** Protect Sheet: Excel refuses every change to the sheet (AccessDenied). */
  protected = false;
  /** Formatting the adapter applied (font, fill, widths…), as "A1:B2 font.bold=true" lines. */
  formatLog: string[] = [];
  /** Rows frozen at the top (Worksheet.freezePanes.freezeRows). */
  frozenRows = 0;
  /** Data validations set on ranges (Range.dataValidation), the last set on a box wins. */
  validations: FakeValidation[] = [];
  autoFilter: FakeAutoFilter | undefined;
  tables: FakeTable[] = [];

  constructor(
    public name: string,
    public visibility: Visibility = "Visible",
  ) {}

  cell(row: number, col: number): FakeCell | undefined {
    return this.rows[row]?.[col];
  }

  /** The cell, created if absent. */
  at(row: number, col: number): FakeCell {
    const r = (this.rows[row] ??= []);
    return (r[col] ??= { v: "" });
  }

  value(row: number, col: number): Raw {
    return this.cell(row, col)?.v ?? "";
  }

  /** The bounding box of cells with a value or formula (valuesOnly), or also formats and merges. */
  usedBox(valuesOnly: boolean): Box | undefined {
    let box: Box | undefined;
    const grow = (r: number, c: number) => {
      if (!box) box = { top: r, left: c, bottom: r, right: c };
      else {
        box.top = Math.min(box.top, r);
        box.left = Math.min(box.left, c);
        box.bottom = Math.max(box.bottom, r);
        box.right = Math.max(box.right, c);
      }
    };
    this.rows.forEach((row, r) =>
      row?.forEach((cell, c) => {
        if (!cell) return;
        if (cell.v !== "" || cell.f !== undefined || (!valuesOnly && cell.nf !== undefined)) grow(r, c);
      }),
    );
    if (!valuesOnly)
      for (const m of this.merges) {
        grow(m.top, m.left);
        grow(m.bottom, m.right);
      }
    return box;
  }

  /** Whole rows `row..row+count-1` inserted; they take the number formats of the row above, as Excel does. */
  insertRows(row: number, count: number): void {
    const above = this.rows[row - 1];
    const fresh = Array.from({ length: count }, () =>
      (above ?? []).map((c) => (c?.nf !== undefined ? { v: "", nf: c.nf } : undefined)),
    );
    while (this.rows.length < row) this.rows.push([]);
    this.rows.splice(row, 0, ...fresh);
    const grow = (m: Box): Box =>
      m.top >= row
        ? { ...m, top: m.top + count, bottom: m.bottom + count }
        : m.bottom >= row
          ? { ...m, bottom: m.bottom + count }
          : m;
    this.merges = this.merges.map(grow);
    // Data validations move and grow with their rows, as in Excel.
    this.validations = this.validations.map((v) => ({ ...v, box: grow(v.box) }));
    // A table and the AutoFilter grow with rows inserted inside them (below the header row, up to
    // the last row): rows inserted right under a table stay outside it, as in Excel.
    for (const t of this.tables) t.box = grow(t.box);
    if (this.autoFilter) this.autoFilter.box = grow(this.autoFilter.box);
    this.notes = shiftNotes(this.notes, (r) => (r >= row ? r + count : r));
  }

  /** Whole rows deleted; the rows below move up, with their merges and notes. */
  deleteRows(row: number, count: number): void {
    this.rows.splice(row, count);
    const end = row + count - 1;
    const shrink = (m: Box): Box | undefined => {
      if (m.top >= row && m.bottom <= end) return undefined;
      const top = m.top > end ? m.top - count : m.top >= row ? row : m.top;
      const bottom = m.bottom > end ? m.bottom - count : m.bottom >= row ? row - 1 : m.bottom;
      return bottom < top ? undefined : { ...m, top, bottom };
    };
    this.merges = this.merges.flatMap((m) => shrink(m) ?? []);
    this.validations = this.validations.flatMap((v) => {
      const box = shrink(v.box);
      return box ? [{ ...v, box }] : [];
    });
    this.tables = this.tables.flatMap((t) => {
      const box = shrink(t.box);
      return box ? [{ ...t, box }] : [];
    });
    if (this.autoFilter) {
      const box = shrink(this.autoFilter.box);
      this.autoFilter = box ? { ...this.autoFilter, box } : undefined;
    }
    this.notes = shiftNotes(this.notes, (r) => (r < row ? r : r > end ? r - count : undefined));
  }

  /** Plain values, row by row, trailing empties trimmed (for assertions). */
  grid(): Raw[][] {
    const out: Raw[][] = [];
    this.rows.forEach((row, r) => {
      const vals = (row ?? []).map((c) => c?.v ?? "");
      while (vals.length && vals[vals.length - 1] === "") vals.pop();
      out[r] = vals;
    });
    for (let r = 0; r < out.length; r++) out[r] ??= [];
    while (out.length && out[out.length - 1]!.length === 0) out.pop();
    return out;
  }
}

function shiftNotes(
  notes: Map<string, string>,
  move: (r: number) => number | undefined,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, text] of notes) {
    const [r, c] = key.split(":").map(Number) as [number, number];
    const to = move(r);
    if (to !== undefined) out.set(`${to}:${c}`, text);
  }
  return out;
}

/** What a test seeds a sheet with. */
export interface SheetSeed {
  name: string;
  /** Values row by row; null or "" is an empty cell; a Date becomes its serial number. */
  rows?: (Raw | Date | null)[][];
  /** Formula cells; the value shown is the seed's value at that cell (the computed result). */
  formulas?: { row: number; col: number; formula: string }[];
  merges?: Box[];
  hiddenColumns?: number[];
  visibility?: Visibility;
  notes?: { row: number; col: number; text: string }[];
  numberFormats?: { row: number; col: number; format: string }[];
  protected?: boolean;
  /** The AutoFilter's range and criteria by column (0-based within the range). */
  autoFilter?: { box: Box; criteria?: Record<number, Record<string, unknown>> };
  /** Tables; a table's column names default to its header row's values. */
  tables?: { name: string; box: Box; showTotals?: boolean; columns?: string[] }[];
}

export class FakeWorkbook {
  sheets: FakeSheet[] = [];
  /** Protect Workbook (structure): Excel refuses to add, delete, move, hide or show sheets. */
  protected = false;
  selection?: { sheet: string; row: number; col: number };
  activeSheet?: string;

  static from(seeds: SheetSeed[]): FakeWorkbook {
    const wb = new FakeWorkbook();
    for (const s of seeds) wb.addSeed(s);
    return wb;
  }

  addSeed(seed: SheetSeed): FakeSheet {
    const ws = new FakeSheet(seed.name, seed.visibility ?? "Visible");
    (seed.rows ?? []).forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null || v === "") return;
        ws.at(r, c).v = v instanceof Date ? dateToSerial(v) : v;
      }),
    );
    for (const f of seed.formulas ?? []) ws.at(f.row, f.col).f = f.formula;
    for (const m of seed.merges ?? []) ws.merges.push({ ...m });
    for (const c of seed.hiddenColumns ?? []) ws.hiddenColumns.add(c);
    for (const n of seed.notes ?? []) ws.notes.set(`${n.row}:${n.col}`, n.text);
    for (const n of seed.numberFormats ?? []) ws.at(n.row, n.col).nf = n.format;
    ws.protected = seed.protected ?? false;
    if (seed.autoFilter)
      ws.autoFilter = {
        box: { ...seed.autoFilter.box },
        criteria: new Map(Object.entries(seed.autoFilter.criteria ?? {}).map(([c, v]) => [Number(c), v])),
      };
    for (const t of seed.tables ?? [])
      ws.tables.push({
        name: t.name,
        box: { ...t.box },
        showTotals: t.showTotals ?? false,
        columns:
          t.columns ??
          Array.from({ length: t.box.right - t.box.left + 1 }, (_, i) =>
            String(ws.value(t.box.top, t.box.left + i) || `Column${i + 1}`),
          ),
      });
    this.sheets.push(ws);
    return ws;
  }

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  /** The user clicks a cell: its sheet becomes the active one and the cell the selection. */
  select(sheet: string, row: number, col: number): void {
    this.activeSheet = this.get(sheet).name;
    this.selection = { sheet: this.activeSheet, row, col };
  }

  /** The sheet Excel shows: the one last activated or selected in, else the first visible one. */
  activeSheetName(): string {
    const name = this.activeSheet ?? this.selection?.sheet;
    const sheet = name ? this.sheet(name) : this.sheets.find((s) => s.visibility === "Visible");
    if (!sheet) throw new Error("the fake workbook has no visible sheet to be active");
    return sheet.name;
  }

  /** The active cell: the selection's top-left where it is on the active sheet, else that sheet's A1. */
  activeCell(): { sheet: string; row: number; col: number } {
    const sheet = this.activeSheetName();
    const sel = this.selection;
    return sel && sel.sheet.toLowerCase() === sheet.toLowerCase()
      ? { sheet, row: sel.row, col: sel.col }
      : { sheet, row: 0, col: 0 };
  }

  /** The sheet, or an assertion failure naming it. */
  get(name: string): FakeSheet {
    const s = this.sheet(name);
    if (!s)
      throw new Error(
        `no sheet "${name}" in the fake workbook (${this.sheets.map((x) => x.name).join(", ")})`,
      );
    return s;
  }
}

const EPOCH = Date.UTC(1899, 11, 30);
export function dateToSerial(d: Date): number {
  return (Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - EPOCH) / 86_400_000;
}
