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

/** What to send for a value: dates as serials, an error value or null as an empty cell. */
export function toRaw(v: CellValue): Raw {
  if (v === null) return "";
  if (v instanceof Date) return dateToSerial(v);
  if (typeof v === "object") return "";
  return v;
}

/**
 * Text Excel would not keep as typed: a formula ("=", "+", "-", "@"), a number, a date, a boolean,
 * or a leading apostrophe. It is written into a cell formatted as Text ("@") first.
 */
export function needsTextFormat(s: string): boolean {
  const t = s.trim();
  return /^[=+\-@']/.test(t) || (/\d/.test(t) && /^[\d\s.,/:%$()-]+$/.test(t)) || /^(true|false)$/i.test(t);
}

/** Same value as Excel reports it (a written Date reads back as its serial). */
export function sameValue(a: CellValue, b: CellValue): boolean {
  const x = a instanceof Date ? dateToSerial(a) : a;
  const y = b instanceof Date ? dateToSerial(b) : b;
  if (typeof x === "object" && x !== null && typeof y === "object" && y !== null) return x.error === y.error;
  return x === y;
}
