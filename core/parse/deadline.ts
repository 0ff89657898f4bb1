import { parseDateCell, parseDateText } from "../dates/parse-date";
import { endOfMonth, endOfQuarter, isoDate, isValidDate, parseIso, type IsoDate } from "../dates/local-date";
import { foldKeepPunctuation, romanValue } from "../text/normalize";
import type { CellValue } from "./cell";
import type { ShownPeriod } from "./number-format";

/**
 * A task's deadline as written (kept verbatim) and as read: a due date, or recurring (no due date).
 * A period means its last day: "Quý I" → 31/3, "Tháng 6" → 30/6, "6 tháng đầu năm" → 30/6.
 */
/** How a deadline's text may have been read, when the reading is one the user might not expect. */
export const DEADLINE_READINGS = [
  "period-end",
  "year-of-plan",
  "latest-of-several",
  "two-digit-year",
] as const;

export interface Deadline {
  text: string;
  due?: IsoDate;
  recurring: boolean;
  /** How the text was read, when the reading is one the user might not expect. */
  readAs?: (typeof DEADLINE_READINGS)[number];
}

export type DeadlineReading =
  | {
      ok: true;
      deadline: Deadline;
      /** A date cell showing only its month or year, read as that period's last day. */
      periodCell?: ShownPeriod;
      /** That cell's own date (the period's first day, its day hidden by the format). */
      cellDate?: IsoDate;
    }
  | { ok: false; reason: "unparseable" | "impossible" | "needs-year" };

/**
 * The last day of the period a date cell shows, when the cell holds the period's first day: "6/2026"
 * typed into Excel is stored as 1/6/2026 and shown "06/2026" (or "Jun-26"): it means June, as the
 * text "Tháng 6/2026" does. Any other day (15/6 in a column formatted "mm/yyyy") was typed as a day:
 * the format only hides it, and the date is kept. A date that reads the same either way (30/6)
 * keeps the reading stable when it is written back into a cell of either format.
 */
export function shownPeriodEnd(date: IsoDate, period: ShownPeriod | undefined): IsoDate | undefined {
  if (period === undefined) return undefined;
  const { year, month, day } = parseIso(date);
  if (day !== 1) return undefined;
  if (period === "month") return endOfMonth(year, month);
  return month === 1 ? isoDate(year, 12, 31) : undefined;
}

const RECURRING =
  /^(thuong xuyen|hang (ngay|tuan|thang|quy|nam)|dinh ky|lien tuc|suot nam|thuong nien|theo (dinh ky|quy dinh)|recurring|ongoing|continuous|regularly|monthly|quarterly|weekly|annually)\b/;
const WHOLE_YEAR =
  /^(ca nam|trong nam|nam|cuoi nam|ca nam \d{4}|full year|whole year|year|within the year|by year end|end of year)$/;

function quarterNumber(token: string): number | undefined {
  const n = /^\d$/.test(token) ? Number(token) : romanValue(token);
  return n !== undefined && n >= 1 && n <= 4 ? n : undefined;
}

function monthNumber(token: string): number | undefined {
  const n = Number(token);
  return n >= 1 && n <= 12 ? n : undefined;
}

/** "Quý I/2021", "Tháng 6", "Quý I, II": the last day of the (latest) period named. */
function periodEnd(
  text: string,
  firstToken: string,
  lastToken: string | undefined,
  yearToken: string | undefined,
  planYear: number | undefined,
  number: (token: string) => number | undefined,
  end: (year: number, n: number) => IsoDate,
): DeadlineReading {
  const first = number(firstToken);
  const last = lastToken === undefined ? undefined : number(lastToken);
  if (first === undefined || (lastToken !== undefined && last === undefined))
    return { ok: false, reason: "impossible" };
  const { year, fromPlan, twoDigit } = yearOf(yearToken, planYear);
  if (year === undefined) return { ok: false, reason: "needs-year" };
  const readAs =
    last !== undefined
      ? "latest-of-several"
      : twoDigit
        ? "two-digit-year"
        : fromPlan
          ? "year-of-plan"
          : "period-end";
  return ok(text, end(year, Math.max(first, last ?? first)), readAs);
}

function yearOf(
  token: string | undefined,
  planYear: number | undefined,
): { year?: number | undefined; fromPlan: boolean; twoDigit: boolean } {
  if (token === undefined) return { year: planYear, fromPlan: true, twoDigit: false };
  if (token.length === 2) return { year: 2000 + Number(token), fromPlan: false, twoDigit: true };
  return { year: Number(token), fromPlan: false, twoDigit: false };
}

const YEAR_SUFFIX = String.raw`(?:\s*(?:/|-|nam)\s*(\d{4}|\d{2}))?`;
const QUARTER = new RegExp(
  String.raw`^(?:quy|q)\s*([ivx]+|\d)(?:\s*(?:,|va|-|den|–)\s*(?:quy\s*)?([ivx]+|\d))?${YEAR_SUFFIX}$`,
);
const MONTH = new RegExp(
  String.raw`^(?:thang|t)\s*(\d{1,2})(?:\s*(?:,|va|-|den|–)\s*(?:thang\s*)?(\d{1,2}))?${YEAR_SUFFIX}$`,
);
const HALF = new RegExp(String.raw`^(6|sau|9|chin) thang (dau|cuoi)?\s*(?:nam)?${YEAR_SUFFIX}$`);
const YEAR_ONLY = /^(?:nam|ca nam|trong nam|cuoi nam|year)\s*(\d{4})$|^(\d{4})$/;
const BEFORE =
  /^(?:truoc|cham nhat|han chot|hoan thanh truoc|den het|den|before|by|no later than)(?:\s+ngay)?\s+(.*)$/;
/** "Từ tháng 3 đến tháng 6/2026", "Từ 01/3 đến 30/6/2026": the range ends when its end does. */
const FROM_TO = /^tu\s+\S.*?\s+den\s+(?:het\s+)?(\S.*)$/;
const WITHIN =
  /^(?:trong|cuoi|het|den het|den cuoi|vao cuoi|hoan thanh trong|within|end of)\s+((?:thang|quy|q|t)\s*\S.*)$/;
const MONTH_YEAR_TEXT = /^(\d{1,2})[/.-](\d{4})$/;
const ENGLISH_QUARTER = /^(?:q|quarter)\s*([1-4])(?:\s*[/-]?\s*(\d{4}))?$/;

function clean(text: string): string {
  return foldKeepPunctuation(text)
    .replace(/[.;]+$/g, "")
    .replace(/\s*\/\s*/g, "/")
    .replace(/\s+/g, " ")
    .replace(/^ngay\s+(?=\d{1,2}\/)/, "")
    .trim();
}

function ok(
  text: string,
  due: IsoDate | undefined,
  readAs?: Deadline["readAs"],
  recurring = false,
): DeadlineReading {
  const deadline: Deadline = { text, recurring };
  if (due !== undefined) deadline.due = due;
  if (readAs !== undefined) deadline.readAs = readAs;
  return { ok: true, deadline };
}

/**
 * Parses a deadline cell; `planYear` resolves texts without a year ("Quý I", "Tháng 6", "30/6");
 * `shown` is the period a date cell's format shows when it shows no day (SheetGrid.periodCells).
 */
export function parseDeadline(
  value: CellValue,
  planYear?: number,
  shown?: ShownPeriod,
): DeadlineReading | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== "string") {
    const reading = parseDateCell(value);
    if (!reading) return undefined;
    if (!reading.ok) return { ok: false, reason: reading.reason };
    // A date cell (a Date, or a serial: a formula's value, or any date cell as Office.js reads it)
    // has no text of its own: its text is the date, so that a copy can write it back as a date. A
    // month shown as "06/2026" is its last day, text and all: written back, 30/6 reads 30/6 again
    // whatever the cell's format (a period's note says so, not the record: see shownPeriodEnd).
    const end = shownPeriodEnd(reading.date, shown);
    if (end === undefined) return ok(reading.date, reading.date);
    const read = ok(end, end);
    return read.ok ? { ...read, periodCell: shown!, cellDate: reading.date } : read;
  }
  const text = value.trim();
  if (text === "") return undefined;
  return parseDeadlineText(text, planYear);
}

export function parseDeadlineText(text: string, planYear?: number): DeadlineReading {
  const s = clean(text);
  if (RECURRING.test(s)) return ok(text, undefined, undefined, true);

  const date = parseDateText(s);
  if (date.ok) return ok(text, date.date, date.note === "two-digit-year" ? "two-digit-year" : undefined);
  if (date.reason === "impossible") return { ok: false, reason: "impossible" };

  // "Trong tháng 12/2026", "Cuối quý II", "Hết tháng 6": the period's last day, as "Tháng 12/2026".
  const within = WITHIN.exec(s);
  if (within) {
    const inner = parseDeadlineText(within[1]!, planYear);
    return inner.ok ? { ...inner, deadline: { ...inner.deadline, text } } : inner;
  }

  const range = FROM_TO.exec(s);
  if (range) {
    const inner = parseDeadlineText(range[1]!, planYear);
    return inner.ok ? { ...inner, deadline: { ...inner.deadline, text } } : inner;
  }

  const before = BEFORE.exec(s);
  if (before) {
    // The date is read from what follows "Trước"; the text kept is the cell's, as written.
    const inner = parseDeadlineText(before[1]!, planYear);
    return inner.ok ? { ...inner, deadline: { ...inner.deadline, text } } : inner;
  }

  const dayMonth = /^(?:ngay\s*)?(\d{1,2})\/(\d{1,2})$/.exec(s);
  if (dayMonth) {
    if (planYear === undefined) return { ok: false, reason: "needs-year" };
    const [d, m] = [Number(dayMonth[1]), Number(dayMonth[2])];
    return isValidDate(planYear, m, d)
      ? ok(text, isoDate(planYear, m, d), "year-of-plan")
      : { ok: false, reason: "impossible" };
  }

  // "6/2026", "06-2026": a month and its year, as a cell formatted "mm/yyyy" shows it (a CSV opened in
  // LibreOffice keeps it as this text), is the month's last day, as "Tháng 6/2026" is.
  const monthYear = MONTH_YEAR_TEXT.exec(s);
  if (monthYear)
    return periodEnd(text, monthYear[1]!, undefined, monthYear[2], planYear, monthNumber, endOfMonth);

  if (WHOLE_YEAR.test(s)) {
    return planYear === undefined
      ? { ok: false, reason: "needs-year" }
      : ok(text, isoDate(planYear, 12, 31), "period-end");
  }
  const yearOnly = YEAR_ONLY.exec(s);
  if (yearOnly) return ok(text, isoDate(Number(yearOnly[1] ?? yearOnly[2]), 12, 31), "period-end");

  const q = QUARTER.exec(s);
  if (q) return periodEnd(text, q[1]!, q[2], q[3], planYear, quarterNumber, endOfQuarter);
  const eq = ENGLISH_QUARTER.exec(s);
  if (eq) return periodEnd(text, eq[1]!, undefined, eq[2], planYear, quarterNumber, endOfQuarter);
  const m = MONTH.exec(s);
  if (m) return periodEnd(text, m[1]!, m[2], m[3], planYear, monthNumber, endOfMonth);

  const half = HALF.exec(s);
  if (half) {
    const months = half[1] === "9" || half[1] === "chin" ? 9 : 6;
    const { year } = yearOf(half[3], planYear);
    if (year === undefined) return { ok: false, reason: "needs-year" };
    const endMonth = half[2] === "cuoi" ? 12 : months;
    return ok(text, endOfMonth(year, endMonth), half[3] === undefined ? "year-of-plan" : "period-end");
  }
  return { ok: false, reason: "unparseable" };
}
