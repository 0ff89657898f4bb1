/**
 * A minimal in-page workbook for the task-pane browser test, standing in for the Excel adapter
 * until H5's `ExcelPort` and fake Excel API are merged (then the stub's `Excel.run` is that fake and
 * this file goes). It keeps sheets as core's grids and applies a `WorkbookEdit` the way the file
 * adapter does: cells, the id column, row deletions and insertions, notes, the conflicts sheet and
 * the sync state. It reads edits loosely so that it takes both the current edit and the planned
 * `rowOps`/`stateCells` contract.
 */
import type { CellValue } from "../../../core/parse/cell";
import type {
  PortSheet,
  WorkbookEdit,
  WorkbookPort,
  WorkbookSnapshot,
} from "../../../core/sync/workbook-port";

/** A sheet as JSON can carry it: formula cells as a list, dates as {"$date": iso}. */
export interface SheetJson {
  name: string;
  rows: unknown[][];
  merges: PortSheet["merges"];
  formulaCells: number[];
}

export interface WorkbookJson {
  sheets: SheetJson[];
  state?: string;
  stateCells?: string[];
}

const revive = (v: unknown): CellValue =>
  v !== null && typeof v === "object" && "$date" in v
    ? new Date((v as { $date: string }).$date)
    : (v as CellValue);

export const dateSafe = (v: unknown): unknown => (v instanceof Date ? { $date: v.toISOString() } : v);

type Loose = Record<string, unknown>;

export class FakeWorkbook implements WorkbookPort {
  sheets: PortSheet[];
  state: string | undefined;
  stateCells: string[] | undefined;
  notes = new Map<string, string>();
  conflicts: string[][] = [];
  summaryWrites = 0;
  writes = 0;
  selection: { sheet: string; row: number; col: number } | undefined;
  /** While set, read() waits: lets a test hold a sync in its read phase. */
  private held: Promise<void> | undefined;
  private release: (() => void) | undefined;

  constructor(json: WorkbookJson) {
    this.sheets = json.sheets.map((s) => ({
      name: s.name,
      rows: s.rows.map((r) => r.map(revive)),
      merges: s.merges,
      formulaCells: new Set(s.formulaCells),
    }));
    this.state = json.state;
    this.stateCells = json.stateCells;
  }

  hold(): void {
    this.held = new Promise((resolve) => (this.release = resolve));
  }

  resume(): void {
    this.release?.();
    this.held = undefined;
  }

  cell(sheet: string, row: number, col: number): CellValue | undefined {
    return this.sheets.find((s) => s.name === sheet)?.rows[row]?.[col];
  }

  setCell(sheet: string, row: number, col: number, value: CellValue): void {
    const rows = this.sheets.find((s) => s.name === sheet)!.rows;
    while (rows.length <= row) rows.push([]);
    const r = rows[row]!;
    while (r.length < col) r.push(null);
    r[col] = value;
  }

  async read(): Promise<WorkbookSnapshot> {
    if (this.held) await this.held;
    const snapshot: Loose = {
      sheets: this.sheets.map((s) => ({
        ...s,
        rows: s.rows.map((r) => [...r]),
        formulaCells: new Set(s.formulaCells),
      })),
    };
    if (this.state !== undefined) snapshot.state = this.state;
    if (this.stateCells !== undefined) snapshot.stateCells = [...this.stateCells];
    return snapshot as unknown as WorkbookSnapshot;
  }

  async write(edit: WorkbookEdit): Promise<void> {
    const e = edit as unknown as Loose;
    this.writes++;
    for (const id of (e.idColumns as { sheet: string; col: number; headerRow: number }[]) ?? [])
      this.setCell(id.sheet, id.headerRow, id.col, "cchc_id");
    for (const w of (e.cells as { sheet: string; row: number; col: number; value: CellValue }[]) ?? [])
      if (!this.sheets.find((s) => s.name === w.sheet)?.formulaCells.has(w.row * 16384 + w.col))
        this.setCell(w.sheet, w.row, w.col, w.value);
    this.notes.clear();
    for (const n of (e.notes as { sheet: string; row: number; col: number; text: string }[]) ?? [])
      this.notes.set(`${n.sheet}!${n.row},${n.col}`, n.text);
    this.applyRows(e);
    this.conflicts = (e.conflicts as string[][]) ?? [];
    if (e.summary) this.summaryWrites++;
    if (typeof e.state === "string") this.state = e.state;
    if (Array.isArray(e.stateCells)) this.stateCells = e.stateCells as string[];
  }

  /** `rowOps` in list order (the planned contract), or deletions and insertions bottom-up (today's). */
  private applyRows(e: Loose): void {
    const rowsOf = (sheet: string) => this.sheets.find((s) => s.name === sheet)!.rows;
    if (Array.isArray(e.rowOps)) {
      for (const op of e.rowOps as {
        op: string;
        sheet: string;
        row: number;
        count?: number;
        values?: CellValue[][];
      }[])
        if (op.op === "delete") rowsOf(op.sheet).splice(op.row, op.count ?? 1);
        else rowsOf(op.sheet).splice(op.row, 0, ...(op.values ?? []).map((r) => [...r]));
      return;
    }
    const ops = [
      ...((e.deleteRows as { sheet: string; row: number }[]) ?? []).map((d) => ({
        ...d,
        at: d.row,
        del: true,
      })),
      ...((e.insertRows as { sheet: string; after: number; values: CellValue[] }[]) ?? []).map((i) => ({
        ...i,
        at: i.after + 0.5,
        del: false,
      })),
    ].sort((a, b) => b.at - a.at);
    for (const op of ops)
      if (op.del) rowsOf(op.sheet).splice(op.at, 1);
      else rowsOf(op.sheet).splice(Math.ceil(op.at), 0, [...(op as { values: CellValue[] }).values]);
  }
}
