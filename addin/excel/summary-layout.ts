import { NO_FIGURE, type KeyFigure, type SummaryModel, type SummaryTable } from "../../core/sync";
import type { Raw } from "./cell-values";

/** 0-based, inclusive. */
export interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export type Edge =
  "EdgeTop" | "EdgeBottom" | "EdgeLeft" | "EdgeRight" | "InsideVertical" | "InsideHorizontal";

export interface BorderSpec {
  edges: Edge[];
  style: "Continuous" | "Dash";
  weight: "Thin" | "Medium";
  color: string;
}

/** Formatting for one block of cells (one Office.js range, a few commands). */
export interface SummaryStyle {
  box: Box;
  bold?: boolean;
  italic?: boolean;
  size?: number;
  color?: string;
  fill?: string;
  horizontal?: "Center" | "Right";
  vertical?: "Center" | "Top";
  wrap?: boolean;
  borders?: BorderSpec[];
}

/**
 * The summary as the Excel adapter writes it: the cells, number formats and merges of the file
 * adapter's drawing (cli/xlsx/summary-sheet.ts), from the same model positions, plus its styles,
 * row heights and column widths. Text cells are formatted Text ("@"), so no name becomes a formula.
 */
export interface SummaryLayout {
  values: Raw[][];
  formats: string[][];
  merges: Box[];
  styles: SummaryStyle[];
  /** Row (0-based) → height in points. */
  rowHeights: Map<number, number>;
  /** Column widths in characters (the model's). */
  columnWidths: number[];
}

const NAVY = "#1F4E79";
const GREY = "#7F7F7F";
const DARK = "#404040";
const HEAD_FILL = "#DDEBF7";
const TOTAL_FILL = "#F2F2F2";
const FIGURE_FILL = "#EEF3FA";
const FIGURE_EDGE = "#B4C6E7";
const PARAGRAPH_FILL = "#FFF8E1";
const TONE: Record<KeyFigure["tone"], string> = { good: "#2E7D32", bad: "#C62828", neutral: GREY };
const GRID: BorderSpec = {
  edges: ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal"],
  style: "Continuous",
  weight: "Thin",
  color: "#000000",
};

/** Thin lines around and between the cells; inside edges only where the block has them (one row has none). */
function grid(rows: boolean, columns: boolean): BorderSpec {
  return {
    ...GRID,
    edges: GRID.edges.filter(
      (e) => (e !== "InsideHorizontal" || rows) && (e !== "InsideVertical" || columns),
    ),
  };
}

class Sheet implements SummaryLayout {
  values: Raw[][] = [];
  formats: string[][] = [];
  merges: Box[] = [];
  styles: SummaryStyle[] = [];
  rowHeights = new Map<number, number>();
  constructor(
    readonly width: number,
    readonly columnWidths: number[],
  ) {}

  /** A value at a 0-based cell: text as Text ("@"), numbers with their format. */
  put(r: number, c: number, v: string | number, numFmt?: string): void {
    while (this.values.length <= r) {
      this.values.push(Array.from({ length: this.width }, () => ""));
      this.formats.push(Array.from({ length: this.width }, () => "General"));
    }
    this.values[r]![c] = v;
    this.formats[r]![c] = typeof v === "string" ? "@" : (numFmt ?? "General");
  }
  merge(top: number, left: number, bottom: number, right: number): void {
    if (bottom > top || right > left) this.merges.push({ top, left, bottom, right });
  }
  style(s: SummaryStyle): void {
    this.styles.push(s);
  }
  height(r: number, h: number): void {
    this.rowHeights.set(r, Math.max(this.rowHeights.get(r) ?? 0, h));
  }
}

/** The sheet column (0-based) where a table's column c starts, given the spans before it. */
function startColumn(table: SummaryTable, c: number): number {
  let col = 0;
  for (let i = 0; i < c; i++) col += table.spans?.[i] ?? 1;
  return col;
}

/** The cells a table row covers: its columns with their spans. */
function tableWidth(table: SummaryTable): number {
  const n = table.header[0]!.length;
  return startColumn(table, n);
}

function banner(s: Sheet, r: number, text: string, style: Omit<SummaryStyle, "box">): void {
  s.put(r, 0, text);
  s.merge(r, 0, r, s.width - 1);
  s.style({
    box: { top: r, left: 0, bottom: r, right: s.width - 1 },
    horizontal: "Center",
    vertical: "Center",
    wrap: true,
    ...style,
  });
}

function keyFigure(s: Sheet, f: KeyFigure): void {
  const top = f.row - 1;
  const left = f.col - 1;
  const right = left + f.span - 1;
  const lines: [string, Omit<SummaryStyle, "box">, number][] = [
    [f.label, { bold: true, size: 11, color: DARK }, f.labelHeight ?? 20],
    [f.text, { bold: true, size: 24, color: f.alert ? "#C62828" : NAVY }, 36],
    [f.detail, { size: 9, color: DARK }, 16],
    [f.changeText, { size: 9, italic: f.tone === "neutral", color: TONE[f.tone] }, 16],
  ];
  lines.forEach(([text, font, h], i) => {
    s.put(top + i, left, text);
    s.merge(top + i, left, top + i, right);
    s.style({ box: { top: top + i, left, bottom: top + i, right }, ...font });
    s.height(top + i, h);
  });
  const box = { top, left, bottom: top + lines.length - 1, right };
  s.style({
    box,
    fill: FIGURE_FILL,
    horizontal: "Center",
    vertical: "Center",
    wrap: true,
    borders: [
      {
        edges: ["EdgeLeft", "EdgeRight", "EdgeBottom"],
        style: "Continuous",
        weight: "Thin",
        color: FIGURE_EDGE,
      },
      { edges: ["EdgeTop"], style: "Continuous", weight: "Medium", color: NAVY },
    ],
  });
}

/** Header rows: in two rows, group cells merged over the empty cells to their right, single cells merged down. */
function header(s: Sheet, top: number, table: SummaryTable): number {
  const width = table.header[0]!.length;
  const headStyle = (box: Box) =>
    s.style({ box, bold: true, horizontal: "Center", vertical: "Center", wrap: true, fill: HEAD_FILL });
  if (table.header.length === 2) {
    table.header.forEach((row, i) => row.forEach((text, c) => text && s.put(top + i, c, text)));
    const [group, sub] = table.header as [string[], string[]];
    for (let c = 0; c < width; c++) {
      if (group[c] && !sub[c]) s.merge(top, c, top + 1, c);
      else if (group[c]) {
        let end = c;
        while (end + 1 < width && !group[end + 1] && sub[end + 1]) end++;
        s.merge(top, c, top, end);
      } else if (c === 0) s.merge(top, 0, top + 1, 0);
    }
    headStyle({ top, left: 0, bottom: top + 1, right: width - 1 });
  } else {
    table.header[0]!.forEach((text, c) => {
      const col = startColumn(table, c);
      if (text) s.put(top, col, text);
      s.merge(top, col, top, col + (table.spans?.[c] ?? 1) - 1);
    });
    headStyle({ top, left: 0, bottom: top, right: tableWidth(table) - 1 });
  }
  for (let i = 0; i < table.header.length; i++) s.height(top + i, 30);
  return top + table.header.length;
}

function table(s: Sheet, t: SummaryTable): void {
  const top = t.top - 1;
  s.put(top, 0, t.title);
  s.style({ box: { top, left: 0, bottom: top, right: 0 }, bold: true, size: 12, color: NAVY });
  let r = header(s, top + 1, t);
  const right = tableWidth(t) - 1;
  t.rows.forEach((row, i) => {
    row.forEach((v, c) => {
      const col = startColumn(t, c);
      if (v === null) s.put(r, col, NO_FIGURE);
      else if (typeof v === "number") s.put(r, col, v, t.percentColumns.includes(c) ? "0.0%" : "#,##0");
      else if (v !== "") s.put(r, col, v);
      s.merge(r, col, r, col + (t.spans?.[c] ?? 1) - 1);
    });
    // Texts wrap; a merged or written row does not grow by itself: it gets the lines the model gives it.
    const height = t.rowHeights?.[i] ?? 15;
    if (height > 15) s.height(r, height);
    if (t.total && i === t.rows.length - 1)
      s.style({ box: { top: r, left: 0, bottom: r, right }, bold: true, fill: TOTAL_FILL });
    r++;
  });
  const body = { top: top + 1 + t.header.length, left: 0, bottom: r - 1, right };
  if (t.rows.length) s.style({ box: body, wrap: true, vertical: "Top" });
  s.style({
    box: { top: top + 1, left: 0, bottom: r - 1, right },
    borders: [grid(r - 1 > top + 1, right > 0)],
  });
  if (t.note) {
    s.put(r, 0, t.note);
    s.style({ box: { top: r, left: 0, bottom: r, right: 0 }, italic: true, color: GREY });
  }
}

/**
 * Lays the model out cell by cell as the file adapter does: title, subtitle and the charts note,
 * the key figures, the paragraph, the warnings, the chart tables and the detailed tables. The
 * charts themselves are drawn by charts.ts where the file adapter leaves its placeholder boxes.
 */
export function layoutSummary(model: SummaryModel): SummaryLayout {
  const s = new Sheet(model.width, model.columnWidths);
  banner(s, 0, model.title, { bold: true, size: 16, color: NAVY });
  s.height(0, 26);
  banner(s, 1, model.subtitle, { italic: true });
  if ((model.subtitleRowHeight ?? 15) > 15) s.height(1, model.subtitleRowHeight!);
  banner(s, 2, model.chartNote, { italic: true, size: 9, color: GREY });
  s.put(3, 0, model.keyFiguresTitle);
  s.style({ box: { top: 3, left: 0, bottom: 3, right: 0 }, bold: true, size: 12, color: NAVY });
  for (const f of model.keyFigures) keyFigure(s, f);
  const p = model.paragraphRow - 1;
  s.put(p, 0, model.paragraph);
  s.merge(p, 0, p + model.paragraphRows - 1, model.width - 1);
  s.style({
    box: { top: p, left: 0, bottom: p + model.paragraphRows - 1, right: model.width - 1 },
    wrap: true,
    vertical: "Top",
    fill: PARAGRAPH_FILL,
  });
  for (let r = p; r < p + model.paragraphRows; r++) s.height(r, model.paragraphRowHeight ?? 22);
  for (const t of model.tables) table(s, t);
  return s;
}
