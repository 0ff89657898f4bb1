/**
 * Carries the formatting the Excel adapter applied on the fake (its `formatLog`: fonts, fills,
 * alignment, borders, column widths, row heights, gridlines) onto an exceljs sheet exported by
 * exceljs-bridge.ts, so that the fake's drawing can be saved and rendered (LibreOffice) and looked
 * at beside the file adapter's. Test and script use only.
 */
import type ExcelJS from "exceljs";
import { POINTS_PER_CHAR } from "../../../addin/excel/system-sheets";
import type { FakeSheet } from "./model";

interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const colNumber = (s: string) => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/** "B3" or "A1:C4" → 1-based box. */
function parseBox(a1: string): Box | undefined {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(a1);
  if (!m) return undefined;
  const top = Number(m[2]);
  const left = colNumber(m[1]!);
  return { top, left, bottom: m[4] ? Number(m[4]) : top, right: m[3] ? colNumber(m[3]) : left };
}

const argb = (color: string) => `FF${color.replace(/^#/, "").toUpperCase()}`;

type Side = "top" | "bottom" | "left" | "right";

/** Which cell sides of a box an Office.js border index draws. */
function sides(edge: string, b: Box, r: number, c: number): Side[] {
  switch (edge) {
    case "EdgeTop":
      return r === b.top ? ["top"] : [];
    case "EdgeBottom":
      return r === b.bottom ? ["bottom"] : [];
    case "EdgeLeft":
      return c === b.left ? ["left"] : [];
    case "EdgeRight":
      return c === b.right ? ["right"] : [];
    case "InsideVertical":
      return [...(c > b.left ? ["left" as const] : []), ...(c < b.right ? ["right" as const] : [])];
    case "InsideHorizontal":
      return [...(r > b.top ? ["top" as const] : []), ...(r < b.bottom ? ["bottom" as const] : [])];
    default:
      return [];
  }
}

export function applyFormatLog(ws: ExcelJS.Worksheet, sheet: FakeSheet): void {
  const borders = new Map<
    string,
    { box: Box; edge: string; style?: string; weight?: string; color?: string }
  >();
  const each = (b: Box, f: (cell: ExcelJS.Cell, r: number, c: number) => void) => {
    if ((b.bottom - b.top + 1) * (b.right - b.left + 1) > 100_000) return; // whole rows or columns: not styled here
    for (let r = b.top; r <= b.bottom; r++) for (let c = b.left; c <= b.right; c++) f(ws.getCell(r, c), r, c);
  };
  for (const line of sheet.formatLog) {
    if (line === "showGridlines=false") {
      ws.views = [{ showGridLines: false }];
      continue;
    }
    const pageBreak = /^pageBreakBefore=[A-Z]+(\d+)$/.exec(line);
    if (pageBreak) {
      ws.getRow(Number(pageBreak[1]) - 1).addPageBreak();
      continue;
    }
    const page = /^pageLayout\.(\w+)=(.*)$/.exec(line);
    if (page) {
      const v = JSON.parse(page[2]!) as unknown;
      if (page[1] === "orientation") ws.pageSetup.orientation = v === "Landscape" ? "landscape" : "portrait";
      if (page[1] === "paperSize" && v === "A4") ws.pageSetup.paperSize = 9;
      if (page[1] === "zoom") ws.pageSetup.scale = (v as { scale?: number }).scale ?? 100;
      continue;
    }
    const m = /^(\S+) ([\w.]+)=(.*)$/.exec(line);
    const box = m && parseBox(m[1]!);
    if (!m || !box) continue;
    const [, , what, value] = m as unknown as [string, string, string, string];
    if (what === "columnWidth") {
      for (let c = box.left; c <= box.right; c++) ws.getColumn(c).width = Number(value) / POINTS_PER_CHAR;
    } else if (what === "rowHeight") {
      for (let r = box.top; r <= box.bottom; r++) ws.getRow(r).height = Number(value);
    } else if (what.startsWith("font.")) {
      const key = what.slice(5);
      const v =
        key === "color"
          ? { argb: argb(value) }
          : key === "size"
            ? Number(value)
            : value === "true"
              ? true
              : false;
      each(box, (cell) => (cell.font = { ...cell.font, [key]: v }));
    } else if (what === "fill.color") {
      each(
        box,
        (cell) => (cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(value) } }),
      );
    } else if (what === "horizontalAlignment" || what === "verticalAlignment" || what === "wrapText") {
      const entry =
        what === "wrapText"
          ? { wrapText: value === "true" }
          : what === "horizontalAlignment"
            ? { horizontal: value.toLowerCase() as "center" }
            : { vertical: (value === "Center" ? "middle" : value.toLowerCase()) as "top" };
      each(box, (cell) => (cell.alignment = { ...cell.alignment, ...entry }));
    } else if (what.startsWith("border.")) {
      const [, edge, prop] = what.split(".") as [string, string, "style" | "weight" | "color"];
      const key = `${m[1]} ${edge}`;
      const b = borders.get(key) ?? { box, edge };
      b[prop] = value;
      borders.set(key, b);
    }
  }
  for (const b of borders.values()) {
    const style = b.style === "Dash" ? "dashed" : b.weight === "Medium" ? "medium" : "thin";
    const border = { style, color: { argb: argb(b.color ?? "#000000") } } as ExcelJS.Border;
    each(b.box, (cell, r, c) => {
      const s = sides(b.edge, b.box, r, c);
      if (s.length) cell.border = { ...cell.border, ...Object.fromEntries(s.map((x) => [x, border])) };
    });
  }
  if (sheet.tabColor) ws.properties.tabColor = { argb: argb(sheet.tabColor) };
}
