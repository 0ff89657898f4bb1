import { dateTextVi } from "../../core/dates";
import type { CellValue } from "../../core/parse";

/** A cell value as Office.js moves it: "" is empty, dates are serial numbers, errors are their text. */
export type Raw = string | number | boolean;

export function toCellValue(raw: Raw | null | undefined): CellValue {
  return raw === "" || raw === null || raw === undefined ? null : raw;
}

const EPOCH = Date.UTC(1899, 11, 30);
export function dateToSerial(d: Date): number {
  return (Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - EPOCH) / 86_400_000;
}

/** A date as day-first text (dd/mm/yyyy), as core reads text dates back. */
export const dateText = dateTextVi;

/** What to send for a value: dates as serials, an error value or null as an empty cell. */
export function toRaw(v: CellValue): Raw {
  if (v === null) return "";
  if (v instanceof Date) return dateToSerial(v);
  if (typeof v === "object") return "";
  return v;
}

/**
 * Words Excel reads inside a number, date or time it is typed ("1e5", "5 Jan", "10:30 PM"): text
 * with digits and no other word may become a value.
 */
const VALUE_WORDS =
  /^(e|a|p|am|pm|jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?)$/i;

/**
 * Text Excel would not keep as typed: a formula ("=", "+", "-", "@"), an error value ("#N/A"), a
 * boolean, a leading apostrophe, or digits with nothing but what Excel reads in a number, a date or
 * a time (separators, currency, "1e5" — which became 100000 —, month names, AM/PM). It is written
 * into a cell formatted as Text ("@") first; other text (words with a number in them) is left
 * to the cell's own format.
 */
export function needsTextFormat(s: string): boolean {
  const t = s.trim();
  if (/^[=+\-@'#]/.test(t) || /^(true|false)$/i.test(t)) return true;
  if (!/\d/.test(t)) return false;
  const words = t.match(/[^\d\s.,/:%$€£¥₫()+-]+/g) ?? [];
  return words.every((w) => VALUE_WORDS.test(w));
}

/** Same value as Excel reports it (a written Date reads back as its serial). */
export function sameValue(a: CellValue, b: CellValue): boolean {
  const x = a instanceof Date ? dateToSerial(a) : a;
  const y = b instanceof Date ? dateToSerial(b) : b;
  if (typeof x === "object" && x !== null && typeof y === "object" && y !== null) return x.error === y.error;
  return x === y;
}
