import type { CellValue } from "../parse/cell";
import { fromExcelSerial, fromUtcDate, isIsoDate, isValidDate, isoDate, type IsoDate } from "./local-date";

/** What reading a date cell produced; `note` says when the reading is one the user might not expect. */
export type DateReading =
  { ok: true; date: IsoDate; note?: DateNote } | { ok: false; reason: "unparseable" | "impossible" };

export type DateNote = "two-digit-year";

const TEXT_DATE =
  /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2}|\d{4})(?:\s*,?\s*(?:lúc\s*)?(\d{1,2})\s*[:hg]\s*(\d{2})(?:\s*:\s*(\d{2}))?)?$/i;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?Z?)?$/;
const WORDED_DATE = /^(?:ngay\s*)?(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})$/;

/** Two-digit years are read as 20yy: the registers this reads start in 2020. */
function expandYear(text: string): { year: number; twoDigit: boolean } {
  return text.length === 2
    ? { year: 2000 + Number(text), twoDigit: true }
    : { year: Number(text), twoDigit: false };
}

/**
 * Day-first date text: d/m/yyyy, dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy, with or without a time
 * (`05/01/2021 08:30`, whose date part counts), `ngày 5 tháng 1 năm 2021`, or ISO yyyy-mm-dd.
 * Month-first text is never guessed: 12/31/2021 is an impossible date, not 31 December.
 */
export function parseDateText(raw: string): DateReading {
  // "ngày 5/1/2021": the word before the date is not part of it.
  const text = raw.trim().replace(/^ng[àa]y\s+(?=\d)/i, "");
  const m = TEXT_DATE.exec(text);
  if (m) {
    const { year, twoDigit } = expandYear(m[3]!);
    const [day, month] = [Number(m[1]), Number(m[2])];
    if (!isValidDate(year, month, day) || !validTime(m[4], m[5])) return { ok: false, reason: "impossible" };
    return twoDigit
      ? { ok: true, date: isoDate(year, month, day), note: "two-digit-year" }
      : { ok: true, date: isoDate(year, month, day) };
  }
  const iso = ISO_DATE.exec(text);
  if (iso) {
    const [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    if (!isValidDate(year, month, day) || !validTime(iso[4], iso[5]))
      return { ok: false, reason: "impossible" };
    return { ok: true, date: isoDate(year, month, day) };
  }
  const worded = WORDED_DATE.exec(foldDateWords(text));
  if (worded) {
    const [day, month, year] = [Number(worded[1]), Number(worded[2]), Number(worded[3])];
    if (!isValidDate(year, month, day)) return { ok: false, reason: "impossible" };
    return { ok: true, date: isoDate(year, month, day) };
  }
  return { ok: false, reason: "unparseable" };
}

function validTime(hours: string | undefined, minutes: string | undefined): boolean {
  if (hours === undefined) return true;
  return Number(hours) < 24 && Number(minutes) < 60;
}

function foldDateWords(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/,/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * A date cell: a JS Date (exceljs), an Excel serial number (Office.js gives numbers for dates), or
 * text. A bare number is read as a serial only when it is a plausible date (1/1/1990 … 31/12/2099),
 * so a stray "12" in a date column is reported rather than turned into 12/01/1900.
 */
export function parseDateCell(value: CellValue): DateReading | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) {
    // Years outside 1900–9999 (Excel's time-only cells are 30/12/1899) are no date a record can hold.
    const date = fromUtcDate(value);
    return date && isIsoDate(date) ? { ok: true, date } : { ok: false, reason: "impossible" };
  }
  if (typeof value === "number") {
    if (value < 32_874 || value >= 73_051) return { ok: false, reason: "unparseable" };
    const date = fromExcelSerial(value);
    return date ? { ok: true, date } : { ok: false, reason: "impossible" };
  }
  if (typeof value === "string") {
    if (value.trim() === "") return undefined;
    return parseDateText(value);
  }
  return { ok: false, reason: "unparseable" };
}
