import type ExcelJS from "exceljs";
import { columnIndex, columnLetter } from "../../core/layout";
import { firstKept, moveFormulaRows, type RowMap } from "./formula-rows";

/**
 * What a sheet holds by range rather than by cell, moved with the rows the sync inserts and deletes
 * as Excel moves them (exceljs keeps them where they were): conditional formats, the autofilter,
 * and the drop-down lists of rows inserted among rows that have them.
 */

const PART = /^(\$?)([A-Z]{1,3})(\$?)(\d+)(?::(\$?)([A-Z]{1,3})(\$?)(\d+))?$/;

/**
 * A range list ("G8:G15 C8", `$A$7:$J$15`) moved: each range keeps its rows still there and the rows
 * inserted between them; `below(r)` says how many rows inserted right under new row r join it.
 * A range whose rows are all gone is left out; "" when none is left.
 */
export function moveRanges(sqref: string, map: RowMap, below: (row: number) => number = () => 0): string {
  const out: string[] = [];
  for (const part of sqref.trim().split(/\s+/)) {
    const m = PART.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    const [, a1, c1, a2, r1, a3, c2, a4, r2] = m;
    const top = Number(r1);
    const bottom = r2 === undefined ? top : Number(r2);
    const newTop = firstKept(top, bottom, map, 1);
    let newBottom = firstKept(bottom, top, map, -1);
    if (newTop === undefined || newBottom === undefined) continue;
    newBottom += below(newBottom);
    out.push(
      r2 === undefined && newBottom === newTop
        ? `${a1}${c1}${a2}${newTop}`
        : `${a1}${c1}${a2}${newTop}:${a3 ?? ""}${c2 ?? c1}${a4 ?? ""}${newBottom}`,
    );
  }
  return out.join(" ");
}

interface ConditionalFormat {
  ref: string;
  rules: { formulae?: unknown[] }[];
}

/** Moves the sheet's conditional formats, and the references of their formulas, with its rows. */
export function moveConditionalFormats(ws: ExcelJS.Worksheet, map: RowMap): void {
  const formats =
    (ws as unknown as { conditionalFormattings: ConditionalFormat[] }).conditionalFormattings ?? [];
  const left: ConditionalFormat[] = [];
  for (const cf of formats) {
    const ref = moveRanges(cf.ref, map);
    if (!ref) continue;
    cf.ref = ref;
    for (const rule of cf.rules)
      if (rule.formulae)
        rule.formulae = rule.formulae.map((f) =>
          typeof f === "string" ? moveFormulaRows(f, ws.name, ws.name, map) : f,
        );
    left.push(cf);
  }
  (ws as unknown as { conditionalFormattings: ConditionalFormat[] }).conditionalFormattings = left;
}

/**
 * Moves the sheet's autofilter with its rows; rows inserted right under its last row join it (the
 * records the sync puts at the end of a filtered table).
 */
export function moveAutoFilter(
  ws: ExcelJS.Worksheet,
  map: RowMap,
  insertedBelow: (row: number) => number,
): void {
  const filter = ws.autoFilter as unknown;
  if (typeof filter !== "string") return;
  const ref = moveRanges(filter, map, insertedBelow);
  if (ref) ws.autoFilter = ref;
}

/**
 * An autofilter whose header row is the register's and whose last column is left of the id column
 * the sync adds, with only empty columns between in its rows (a title block merged wider than the
 * table put the id column further right), takes that column in (0-based `headerRow` and `col`):
 * sorting with the filter's buttons then moves each row's hidden id with it, instead of leaving
 * the ids behind.
 */
export function widenAutoFilterOver(ws: ExcelJS.Worksheet, headerRow: number, col: number): void {
  const filter = ws.autoFilter as unknown;
  if (typeof filter !== "string") return;
  const m = /^\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/.exec(filter);
  if (!m || Number(m[2]) !== headerRow + 1 || columnIndex(m[3]!) >= col) return;
  for (let c = columnIndex(m[3]!) + 1; c < col; c++)
    for (let r = Number(m[2]); r <= Number(m[4]); r++) {
      const v = ws.getCell(r, c + 1).value;
      if (v !== null && v !== undefined && v !== "") return;
    }
  ws.autoFilter = `${m[1]}${m[2]}:${columnLetter(col)}${m[4]}`;
}

/**
 * Drop-down lists for the rows the sync inserts (0-based `inserted`): a cell of an inserted row gets
 * the validation that the nearest rows above and below it that were there before both have, as
 * Excel gives a row inserted inside a validated range.
 */
export function validateInsertedRows(
  model: Record<string, ExcelJS.DataValidation | undefined>,
  isInserted: (row: number) => boolean,
  rowCount: number,
): void {
  const byColumn = new Map<string, Map<number, ExcelJS.DataValidation>>();
  for (const [address, v] of Object.entries(model)) {
    const m = /^([A-Z]+)(\d+)$/.exec(address);
    if (!m || !v) continue;
    const rows = byColumn.get(m[1]!) ?? new Map<number, ExcelJS.DataValidation>();
    byColumn.set(m[1]!, rows);
    rows.set(Number(m[2]) - 1, v);
  }
  for (const [col, rows] of byColumn)
    for (let r = 0; r < rowCount; r++) {
      if (!isInserted(r)) continue;
      let up = r - 1;
      while (up >= 0 && isInserted(up)) up--;
      let down = r + 1;
      while (down < rowCount && isInserted(down)) down++;
      const v = rows.get(up);
      if (v && rows.get(down) === v) model[`${col}${r + 1}`] = v;
    }
}
