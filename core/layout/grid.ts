import type { CellValue } from "../parse/cell";
import { cellText } from "../parse/cell";
import type { ShownPeriod } from "../parse/number-format";

/** A merged area, 0-based and inclusive. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * One sheet as every adapter hands it to core: values row by row (row 0 is Excel's row 1),
 * and the merged areas. Core never sees exceljs or Office.js objects.
 */
export interface SheetGrid {
  name: string;
  rows: CellValue[][];
  merges: CellRange[];
  /** Hidden by the user (not our very hidden state sheet): its rows are read all the same. */
  hidden?: boolean;
  /**
   * Date cells whose number format shows only their month or year ("mm/yyyy", "mmm-yy", "yyyy":
   * core/parse/number-format.ts), by cellKey(row, col). A deadline typed "6/2026" is such a cell.
   * Both adapters fill it from the cell's format; absent means no such cell.
   */
  periodCells?: Map<number, ShownPeriod>;
}

/** A cell's key in per-cell maps of a sheet (0-based row and column): Excel has 16,384 columns. */
export const cellKey = (row: number, col: number): number => row * 16384 + col;

export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Column letters A…XFD (as Excel writes them) to a 0-based index; undefined for anything else. */
export function parseColumnLetters(letters: string): number | undefined {
  if (!/^[A-Z]{1,3}$/.test(letters)) return undefined;
  const n = columnIndex(letters);
  return n < 16384 ? n : undefined;
}

export function columnIndex(letter: string): number {
  let n = 0;
  for (const ch of letter.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Reads values through merges: a cell inside a merged area shows the area's top-left value. */
export class MergedView {
  private readonly owner = new Map<number, CellRange>();

  constructor(
    readonly grid: SheetGrid,
    maxRow = Infinity,
  ) {
    for (const m of grid.merges) {
      if (m.top > maxRow) continue;
      for (let r = m.top; r <= Math.min(m.bottom, maxRow); r++)
        for (let c = m.left; c <= m.right; c++) this.owner.set(r * 16384 + c, m);
    }
  }

  mergeAt(row: number, col: number): CellRange | undefined {
    return this.owner.get(row * 16384 + col);
  }

  value(row: number, col: number): CellValue {
    const m = this.mergeAt(row, col);
    const [r, c] = m ? [m.top, m.left] : [row, col];
    return this.grid.rows[r]?.[c] ?? null;
  }

  text(row: number, col: number): string {
    return cellText(this.value(row, col));
  }

  width(): number {
    let w = 0;
    for (const row of this.grid.rows) w = Math.max(w, row.length);
    for (const m of this.grid.merges) w = Math.max(w, m.right + 1);
    return w;
  }
}
