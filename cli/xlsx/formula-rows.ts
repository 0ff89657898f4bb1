import type ExcelJS from "exceljs";

/** Where an old row (1-based) of the sheet whose rows moved is now; undefined: deleted. */
export type RowMap = (oldRow: number) => number | undefined;

// A sheet name before a reference: 'Sổ hồ sơ'! or Sheet1!
const SHEET_PREFIX = String.raw`(?:(?:('(?:[^']|'')+')|([^\s'!(),:;+\-*/^&=<>{}"[\]]+))!)?`;
// A reference, optionally after a sheet name: A1, $K$8, B7:B20.
const REF = new RegExp(
  SHEET_PREFIX + String.raw`(\$?[A-Z]{1,3})(\$?)(\d{1,7})(?::(\$?[A-Z]{1,3})(\$?)(\d{1,7}))?`,
  "y",
);
// Whole rows, optionally after a sheet name: 7:7, $8:$20 (whole columns, A:A, do not move).
const ROWS = new RegExp(SHEET_PREFIX + String.raw`(\$?)(\d{1,7}):(\$?)(\d{1,7})`, "y");
const WORD_CHAR = /[\w.]/;

function sheetOf(quoted: string | undefined, bare: string | undefined): string | undefined {
  if (quoted) return quoted.slice(1, -1).replace(/''/g, "'");
  return bare;
}

/** The first row of [from, to] still there, mapped (a range shrinks from its ends); undefined: all deleted. */
export function firstKept(from: number, to: number, map: RowMap, step: 1 | -1): number | undefined {
  for (let r = from; step === 1 ? r <= to : r >= to; r += step) {
    const m = map(r);
    if (m !== undefined) return m;
  }
  return undefined;
}

/**
 * A formula with its references to the rows of `sheet` moved as `map` says, as Excel moves them when
 * rows are inserted or deleted: a reference to a deleted row becomes #REF!, a range loses its deleted
 * ends. `ownSheet` is the sheet holding the formula (references without a sheet name are to it).
 * Strings in quotes are left alone; whole rows (7:9) move like ranges, whole columns (A:A) need not.
 */
export function moveFormulaRows(formula: string, ownSheet: string, sheet: string, map: RowMap): string {
  let out = "";
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i]!;
    if (ch === '"') {
      const end = formula.indexOf('"', i + 1);
      const stop = end < 0 ? formula.length : end + 1;
      out += formula.slice(i, stop);
      i = stop;
      continue;
    }
    const ref = referenceAt(formula, i);
    if (!ref) {
      out += ch;
      i++;
      continue;
    }
    const named = ref.quoted !== undefined || ref.bare !== undefined;
    const target = named ? sheetOf(ref.quoted, ref.bare) : ownSheet;
    i += ref.text.length;
    if (target !== sheet) {
      out += ref.text;
      continue;
    }
    const newTop = firstKept(ref.top, ref.bottom, map, 1);
    const newBottom = firstKept(ref.bottom, ref.top, map, -1);
    if (newTop === undefined || newBottom === undefined) out += "#REF!";
    else out += (named ? `${ref.quoted ?? ref.bare!}!` : "") + ref.write(newTop, newBottom);
  }
  return out;
}

interface FoundReference {
  text: string;
  quoted: string | undefined;
  bare: string | undefined;
  top: number;
  bottom: number;
  /** The reference (without its sheet) with its rows replaced. */
  write: (top: number, bottom: number) => string;
}

/** The cell, range or whole-row reference that starts at `i`, if one does. */
function referenceAt(formula: string, i: number): FoundReference | undefined {
  if (i > 0 && WORD_CHAR.test(formula[i - 1]!)) return undefined;
  const ends = (m: RegExpExecArray) => {
    const next = formula[i + m[0].length];
    return next === undefined || !/[\w(!]/.test(next);
  };
  REF.lastIndex = i;
  const cell = REF.exec(formula);
  if (cell && ends(cell)) {
    const [text, quoted, bare, col1, abs1, row1, col2, abs2, row2] = cell;
    const top = Number(row1);
    return {
      text,
      quoted,
      bare,
      top,
      bottom: row2 === undefined ? top : Number(row2),
      write: (t, b) => `${col1}${abs1}${t}` + (row2 === undefined ? "" : `:${col2!}${abs2!}${b}`),
    };
  }
  ROWS.lastIndex = i;
  const rows = ROWS.exec(formula);
  if (rows && ends(rows)) {
    const [text, quoted, bare, abs1, row1, abs2, row2] = rows;
    return {
      text,
      quoted,
      bare,
      top: Number(row1),
      bottom: Number(row2),
      write: (t, b) => `${abs1}${t}:${abs2}${b}`,
    };
  }
  return undefined;
}

type FormulaValue = { formula?: string; sharedFormula?: string; shareType?: string; result?: unknown };

function formulaOf(cell: ExcelJS.Cell): FormulaValue | undefined {
  const v = cell.value as unknown;
  return typeof v === "object" && v !== null && ("formula" in v || "sharedFormula" in v)
    ? (v as FormulaValue)
    : undefined;
}

/**
 * Moves, in every sheet of the workbook, the formulas' references to the rows of `sheet` (about to
 * be rebuilt in their new order). exceljs moves cells, not the references in formulas: a register
 * whose "Hẹn trả" is =K8+7 on row 8 kept =K8+7 when row 7 above it was deleted, and computed from
 * the next dossier's date at the next recalculation. Shared formulas become formulas of their own
 * (their master may move or go): each keeps its text as it was read, moved.
 */
export function moveFormulaReferences(wb: ExcelJS.Workbook, sheet: string, map: RowMap): void {
  const changes: { cell: ExcelJS.Cell; value: FormulaValue }[] = [];
  for (const ws of wb.worksheets)
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = formulaOf(cell);
        const text = v && cell.formula;
        if (!v || typeof text !== "string") return;
        const moved = moveFormulaRows(text, ws.name, sheet, map);
        const shared = v.sharedFormula !== undefined || v.shareType === "shared";
        if (moved === text && !shared) return;
        const value: FormulaValue = { formula: moved };
        if (v.result !== undefined) value.result = v.result;
        if (v.shareType === "array") Object.assign(value, { ...v, formula: moved });
        changes.push({ cell, value });
      }),
    );
  for (const { cell, value } of changes) cell.value = value as ExcelJS.CellValue;
}
