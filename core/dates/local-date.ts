/**
 * Calendar dates without time zones. A date is an ISO string `YYYY-MM-DD` in records and JSON
 * (it sorts as text); arithmetic uses day numbers (days since 1970-01-01), never `Date` in local
 * time, so a dossier received on 05/01/2021 stays on that day wherever the code runs.
 */
export type IsoDate = string;

const MS_PER_DAY = 86_400_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

export function isValidDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1900 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export function parseIso(iso: IsoDate): { year: number; month: number; day: number } {
  return { year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)), day: Number(iso.slice(8, 10)) };
}

export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const { year, month, day } = parseIso(text);
  return isValidDate(year, month, day);
}

export function toDayNumber(iso: IsoDate): number {
  const { year, month, day } = parseIso(iso);
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

export function fromDayNumber(dayNumber: number): IsoDate {
  const d = new Date(dayNumber * MS_PER_DAY);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(iso: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(iso) + days);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(iso: IsoDate): number {
  return (((toDayNumber(iso) + 4) % 7) + 7) % 7;
}

export function endOfMonth(year: number, month: number): IsoDate {
  return isoDate(year, month, daysInMonth(year, month));
}

export function endOfQuarter(year: number, quarter: number): IsoDate {
  return endOfMonth(year, quarter * 3);
}

/** The calendar date of a JS Date as Excel libraries give it: UTC fields hold the wall-clock value. */
export function fromUtcDate(date: Date): IsoDate | undefined {
  if (Number.isNaN(date.getTime())) return undefined;
  return isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/**
 * Excel's serial day numbers (1900 date system). Serial 60 is Excel's phantom 29/02/1900; the
 * fractional part is the time of day, which never changes the date.
 */
const EXCEL_EPOCH_DAY = toDayNumber("1899-12-30");
export const MAX_EXCEL_SERIAL = 2_958_465; // 31/12/9999

export function fromExcelSerial(serial: number): IsoDate | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial > MAX_EXCEL_SERIAL + 0.99999) return undefined;
  const whole = Math.floor(serial);
  if (whole === 60) return undefined;
  return fromDayNumber(EXCEL_EPOCH_DAY + whole + (whole < 60 ? 1 : 0));
}

export function toExcelSerial(iso: IsoDate): number {
  const n = toDayNumber(iso) - EXCEL_EPOCH_DAY;
  return n < 61 ? n - 1 : n;
}

/** dd/mm/yyyy, the way Vietnamese documents write a date. */
export function formatVi(iso: IsoDate): string {
  const { year, month, day } = parseIso(iso);
  return `${String(day).padStart(2, "0")}/${String(month).padStart(2, "0")}/${year}`;
}

/** A cell's date as day-first text (dd/mm/yyyy), as the reader takes text dates back: for a Text-formatted cell. */
export function dateTextVi(d: Date): string {
  const iso = fromUtcDate(d);
  return iso ? formatVi(iso) : "";
}

/** Vietnam is UTC+7 all year (no daylight saving time): the department's clock everywhere. */
export const VIETNAM_OFFSET_HOURS = 7;

/** An instant as Vietnam's wall clock, in a Date whose UTC fields read as Vietnam's. */
export const inVietnam = (instant: Date): Date =>
  new Date(instant.getTime() + VIETNAM_OFFSET_HOURS * 3_600_000);

export function todayIso(now: Date = new Date()): IsoDate {
  // The department works at UTC+7: "today" is Vietnam's date.
  return fromUtcDate(inVietnam(now))!;
}
