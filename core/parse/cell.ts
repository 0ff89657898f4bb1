/**
 * The cell values that every workbook adapter (exceljs, Office.js) hands to core: what a cell
 * shows after formulas are computed. Dates arrive as JS Dates (exceljs) or as serial numbers
 * (Office.js `values`); errors such as #REF! arrive as `{ error }`.
 */
export interface CellError {
  error: string;
}
export type CellValue = string | number | boolean | Date | CellError | null;

/** Excel's limit on the characters of one cell. */
export const MAX_CELL_CHARS = 32_767;

export const EXCEL_ERRORS = [
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
];

/**
 * A formula cell whose computed value the file does not hold (never calculated, as files written by
 * scripts are, or circular without a cached value). Only the file adapter makes it: Excel computes.
 */
export const UNCOMPUTED_FORMULA = "#UNCOMPUTED";

export function isUncomputedFormula(v: CellValue): boolean {
  return isCellError(v) && v.error === UNCOMPUTED_FORMULA;
}

export function isCellError(v: CellValue): v is CellError {
  return (
    typeof v === "object" && v !== null && !(v instanceof Date) && typeof (v as CellError).error === "string"
  );
}

/** An error value, whether the adapter marked it or it came through as its text. */
export function cellErrorText(v: CellValue): string | undefined {
  if (isCellError(v)) return v.error;
  if (typeof v === "string" && EXCEL_ERRORS.includes(v.trim().toUpperCase())) return v.trim().toUpperCase();
  return undefined;
}

export function isBlank(v: CellValue): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** The text a person sees, for labels and free text. Numbers print without exponent noise. */
export function cellText(v: CellValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v.trim();
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(15)));
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return v.error;
}
