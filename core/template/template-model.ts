import type { IsoDate } from "../dates/local-date";
import { columnLetter } from "../layout/grid";

/**
 * A workbook to create, as plain data: what both adapters draw (the file adapter with exceljs, the
 * add-in through Office.js). Rows and columns are 1-based, as Excel numbers them; boxes inclusive.
 */
export interface TemplateWorkbook {
  /** The plan year (the file's creation date is 1 January of it). */
  year: number;
  /** In workbook order. */
  sheets: TemplateSheet[];
}

export interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** A date is written as a date (a whole serial number), never as text. */
export type TemplateValue = string | number | { date: IsoDate };

export interface TemplateSheet {
  name: string;
  /** Row r, column c at rows[r - 1][c - 1]; null is an empty cell. Trailing cells may be left out. */
  rows: (TemplateValue | null)[][];
  /** Width of column c (characters) at columnWidths[c - 1]. */
  columnWidths: number[];
  /** Row → height in points. */
  rowHeights: { row: number; height: number }[];
  merges: Box[];
  /** Applied in order: a later block's properties win over an earlier one's. */
  styles: TemplateStyle[];
  validations: ListValidation[];
  /** Rows kept in view above the scrolling part (0: none). */
  frozenRows: number;
  /** The rows of the table's header (a group row over a sub-header row in a two-row header). */
  headerRows: number[];
}

/** Formatting of a block of cells (one Office.js range; each cell with exceljs). */
export interface TemplateStyle {
  box: Box;
  bold?: boolean;
  italic?: boolean;
  /** Font size in points. */
  size?: number;
  horizontal?: "center";
  vertical?: "middle" | "top";
  wrap?: boolean;
  /** Thin lines around every cell of the box. */
  grid?: boolean;
  /** Solid fill, "#RRGGBB". */
  fill?: string;
  /** Excel number format, e.g. "dd/mm/yyyy". */
  numberFormat?: string;
}

/** A drop-down list on a block of cells, fed by a column of another sheet of the workbook. */
export interface ListValidation {
  box: Box;
  /** Where the list's words are: a sheet's column (1-based), rows first..first + words.length - 1. */
  source: { sheet: string; column: number; firstRow: number };
  /** The words offered (what the source cells hold). */
  words: string[];
  errorTitle: string;
  error: string;
}

/** A list's source as a formula reference: 'Danh mục'!$C$2:$C$4 (Excel and exceljs take the same). */
export function listReference(v: ListValidation): string {
  const col = columnLetter(v.source.column - 1);
  const last = v.source.firstRow + v.words.length - 1;
  return `'${v.source.sheet.replace(/'/g, "''")}'!$${col}$${v.source.firstRow}:$${col}$${last}`;
}

/** The text of a cell as a header reader sees it (null when empty or not text). */
export function textAt(sheet: TemplateSheet, row: number, col: number): string | null {
  const v = sheet.rows[row - 1]?.[col - 1];
  return typeof v === "string" ? v : null;
}

/** The merged area a cell belongs to (its own one-cell box when none). */
function areaOf(sheet: TemplateSheet, row: number, col: number): Box {
  return (
    sheet.merges.find((m) => row >= m.top && row <= m.bottom && col >= m.left && col <= m.right) ?? {
      top: row,
      left: col,
      bottom: row,
      right: col,
    }
  );
}

/**
 * Each column's header as one text: the header rows' texts over it, a merged group cell counting for
 * every column it covers, joined by " / " ("Trả kết quả / Ngày, tháng, năm"), as core's layout reader
 * names columns.
 */
export function columnHeaders(sheet: TemplateSheet): string[] {
  const width = Math.max(...sheet.headerRows.map((r) => sheet.rows[r - 1]?.length ?? 0));
  const out: string[] = [];
  for (let c = 1; c <= width; c++) {
    const parts: string[] = [];
    for (const r of sheet.headerRows) {
      const a = areaOf(sheet, r, c);
      const text = textAt(sheet, a.top, a.left);
      if (text && !parts.includes(text)) parts.push(text);
    }
    out.push(parts.join(" / "));
  }
  return out;
}
