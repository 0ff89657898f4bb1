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
  // The usual forms first ("05/03/2026", "05/03/2026 08:15", ISO): a register reads 100,000 of them.
  const plain = parseDateOnly(raw.trim().replace(/^ng[àa]y\s+(?=\d)/i, ""));
  if (plain.ok || plain.reason === "impossible") return plain;
  const text = withoutDecorations(raw);
  const timed = splitTime(text);
  if (timed) {
    const date = parseDateOnly(timed.date);
    if (date.ok && !timed.valid) return { ok: false, reason: "impossible" };
    if (date.ok || date.reason === "impossible") return date;
  }
  return parseDateOnly(text);
}

/** A time of day as registers write it: "08:15", "8h15", "08:15:30", "14 giờ 00 phút", "8:05 SA". */
const TIME = String.raw`(\d{1,2})\s*(?::|h|g|giờ|gio)\s*(\d{1,2})(?:\s*:\s*(\d{2}))?\s*(?:phút|phut)?\s*(sa|ch|am|pm|a\.m\.|p\.m\.|sáng|sang|chiều|chieu|tối|toi)?`;
const SEPARATOR = String.raw`\s*(?:[,;]|-|–)?\s*(?:lúc|luc)?\s*`;
/** "05/01/2021 8:05 SA", "05/01/2021 - 08:15", "12/01/2026, 14 giờ 00 phút". */
const TIME_AFTER = new RegExp(String.raw`^(.*?\d)${SEPARATOR}${TIME}$`, "i");
/** The portal's "08:15 05/03/2026" and receipts' "14 giờ 00 phút, ngày 12 tháng 01 năm 2026". */
const TIME_BEFORE = new RegExp(String.raw`^(?:lúc|luc)?\s*${TIME}${SEPARATOR}(?:ngày|ngay)?\s*(\d.*)$`, "i");
const AFTERNOON = /^(ch|pm|p\.m\.|chiều|chieu|tối|toi)$/i;

/** The date part of a date-time, and whether its time is a real one (24:00 or 13:00 CH is not). */
function splitTime(text: string): { date: string; valid: boolean } | undefined {
  const after = TIME_AFTER.exec(text);
  const before = after ? undefined : TIME_BEFORE.exec(text);
  const m = after ?? before;
  if (!m) return undefined;
  const [hours, minutes, seconds, half] = after ? [m[2], m[3], m[4], m[5]] : [m[1], m[2], m[3], m[4]];
  const h = Number(hours);
  const validHour = half === undefined ? h < 24 : h >= 1 && h <= 12 && !(AFTERNOON.test(half) && h > 12);
  const valid = validHour && Number(minutes) < 60 && (seconds === undefined || Number(seconds) < 60);
  return { date: (after ? m[1] : m[5])!, valid };
}

/**
 * What surrounds a date without being part of it: "ngày" before it ("ngày 5/1/2021"), the weekday
 * a portal prints ("T5, 05/03/2026", "Thứ Năm, 05/03/2026") and a full stop after it ("05/03/2026.").
 */
function withoutDecorations(raw: string): string {
  return raw
    .trim()
    .replace(/[.;,]+$/, "")
    .replace(
      /^(?:th[ứu]\s*(?:hai|ba|t[ưu]|n[ăa]m|s[áa]u|b[ảa]y|[2-7])|ch[ủu]\s*nh[ậa]t|t[2-7]|cn)\s*[,:-]?\s*(?=\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d)/i,
      "",
    )
    .replace(/^ng[àa]y\s+(?=\d)/i, "");
}

function parseDateOnly(text: string): DateReading {
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
