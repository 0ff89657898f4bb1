import { fromDayNumber, isoDate, toDayNumber, weekday, type IsoDate } from "../dates/local-date";
import { CALENDAR_YEARS, type CalendarYear } from "./calendar-data";

export class CalendarRangeError extends Error {
  constructor(readonly date: IsoDate) {
    super(`The working-day calendar has no data for ${date.slice(0, 4)}`);
    this.name = "CalendarRangeError";
  }
}

/**
 * Working days of public administration over the years the table covers. Built once into a
 * prefix count of working days, so adding n working days is a binary search, not a day-by-day walk.
 * A year missing between the first and the last (an admin stored 2030 while the table ends in
 * 2027) is not guessed: a date in it, or a count across it, is refused.
 */
export class Calendar {
  readonly firstYear: number;
  readonly lastYear: number;
  private readonly start: number;
  private readonly working: Uint8Array;
  private readonly prefix: Int32Array; // prefix[i] = working days in [start, start + i)
  private readonly gaps: Int32Array; // gaps[i] = days of missing years in [start, start + i)
  private readonly gapWeekdays: Int32Array; // Monday–Friday among those days

  constructor(readonly years: readonly CalendarYear[] = CALENDAR_YEARS) {
    const sorted = [...years].sort((a, b) => a.year - b.year);
    this.firstYear = sorted[0]!.year;
    this.lastYear = sorted[sorted.length - 1]!.year;
    for (let i = 1; i < sorted.length; i++)
      if (sorted[i]!.year === sorted[i - 1]!.year)
        throw new Error(`Calendar table has ${sorted[i]!.year} twice`);
    this.start = toDayNumber(isoDate(this.firstYear, 1, 1));
    const end = toDayNumber(isoDate(this.lastYear, 12, 31));
    this.working = new Uint8Array(end - this.start + 1);
    for (let d = 0; d < this.working.length; d++) {
      const wd = weekday(fromDayNumber(this.start + d));
      this.working[d] = wd === 0 || wd === 6 ? 0 : 1;
    }
    for (const year of sorted) {
      for (const off of year.daysOff) this.working[toDayNumber(off.date) - this.start] = 0;
      for (const sat of year.saturdaysWorked) this.working[toDayNumber(sat.date) - this.start] = 1;
    }
    const missing = new Uint8Array(this.working.length);
    for (let y = this.firstYear; y <= this.lastYear; y++)
      if (!sorted.some((c) => c.year === y))
        for (let d = toDayNumber(isoDate(y, 1, 1)); d <= toDayNumber(isoDate(y, 12, 31)); d++) {
          missing[d - this.start] = 1;
          this.working[d - this.start] = 0;
        }
    this.prefix = new Int32Array(this.working.length + 1);
    this.gaps = new Int32Array(this.working.length + 1);
    this.gapWeekdays = new Int32Array(this.working.length + 1);
    for (let d = 0; d < this.working.length; d++) {
      this.prefix[d + 1] = this.prefix[d]! + this.working[d]!;
      this.gaps[d + 1] = this.gaps[d]! + missing[d]!;
      this.gapWeekdays[d + 1] =
        this.gapWeekdays[d]! +
        (missing[d]! && weekdaysBefore(this.start + d + 1) - weekdaysBefore(this.start + d));
    }
  }

  covers(date: IsoDate): boolean {
    const i = toDayNumber(date) - this.start;
    return i >= 0 && i < this.working.length && this.gaps[i + 1] === this.gaps[i];
  }

  private index(date: IsoDate): number {
    if (!this.covers(date)) throw new CalendarRangeError(date);
    return toDayNumber(date) - this.start;
  }

  /** Refuses a count that runs through a missing year (days in [from, to] indices). */
  private assertNoGap(from: number, to: number): void {
    if (this.gaps[to + 1]! > this.gaps[from]!) {
      let d = from;
      while (this.gaps[d + 1] === this.gaps[d]) d++;
      throw new CalendarRangeError(fromDayNumber(this.start + d));
    }
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.working[this.index(date)] === 1;
  }

  /**
   * The deadline n working days after `start` (Civil Code 2015, Art. 147–148): the first day is
   * not counted, days off are skipped, so the result is always a working day. n = 0 gives `start`
   * itself, moved to the next working day if it is a day off.
   */
  addWorkingDays(start: IsoDate, n: number): IsoDate {
    if (!Number.isInteger(n) || n < 0)
      throw new RangeError(`Working days must be a whole number ≥ 0, got ${n}`);
    const i = this.index(start);
    // smallest j with prefix[j+1] - prefix[i+1] >= n and working[j] (j > i when n > 0)
    const target = n === 0 ? this.prefix[i]! + 1 : this.prefix[i + 1]! + n;
    let lo = i;
    let hi = this.working.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.prefix[mid + 1]! >= target) hi = mid;
      else lo = mid + 1;
    }
    if (lo >= this.working.length)
      throw new CalendarRangeError(fromDayNumber(this.start + this.working.length));
    this.assertNoGap(i, lo);
    return fromDayNumber(this.start + lo);
  }

  /** Working days in (from, to]: how many working days after `from` it takes to reach `to`. */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    const [i, j] = [this.index(from), this.index(to)];
    this.assertNoGap(Math.min(i, j), Math.max(i, j));
    return this.prefix[j + 1]! - this.prefix[i + 1]!;
  }

  /**
   * Working days in (from, to] as far as they can be known: by the table where it has data, and
   * Monday to Friday where it has none (a year beyond the table, or one missing in it), holidays
   * there unknown. Only for how late a dossier is or how close its date (a warning), never for a
   * due date: those are refused outside the table. Equals `workingDaysBetween` inside the table.
   */
  estimatedWorkingDaysBetween(from: IsoDate, to: IsoDate): number {
    const [a, b] = [toDayNumber(from), toDayNumber(to)];
    if (b < a) return 0 - this.estimatedWorkingDaysBetween(to, from);
    // day numbers a+1 … b; the part inside the table, [lo, hi], is counted by the table
    const [lo, hi] = [Math.max(a + 1, this.start), Math.min(b, this.start + this.working.length - 1)];
    let days = weekdaysBefore(b + 1) - weekdaysBefore(a + 1);
    if (lo <= hi) {
      const [i, j] = [lo - this.start, hi - this.start + 1];
      const known = this.prefix[j]! - this.prefix[i]! + this.gapWeekdays[j]! - this.gapWeekdays[i]!;
      days += known - (weekdaysBefore(hi + 1) - weekdaysBefore(lo));
    }
    return days;
  }

  yearData(year: number): CalendarYear | undefined {
    return this.years.find((y) => y.year === year);
  }
}

/** Mondays to Fridays among day numbers [0, n) (day 0, 1970-01-01, is a Thursday). */
function weekdaysBefore(n: number): number {
  const weeks = Math.floor(n / 7);
  return weeks * 5 + [0, 1, 2, 2, 2, 3, 4][n - weeks * 7]!;
}

/**
 * The shipped calendar with some years replaced or added (an admin's `PUT /api/reference/calendar`
 * for a year): the one calendar every deadline of those years is computed with.
 */
export function calendarWith(overrides: readonly CalendarYear[]): Calendar {
  if (overrides.length === 0) return getDefaultCalendar();
  const replaced = new Set(overrides.map((o) => o.year));
  return new Calendar([...CALENDAR_YEARS.filter((y) => !replaced.has(y.year)), ...overrides]);
}

let defaultCalendar: Calendar | undefined;
export function getDefaultCalendar(): Calendar {
  return (defaultCalendar ??= new Calendar());
}
