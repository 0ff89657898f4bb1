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
 */
export class Calendar {
  readonly firstYear: number;
  readonly lastYear: number;
  private readonly start: number;
  private readonly working: Uint8Array;
  private readonly prefix: Int32Array; // prefix[i] = working days in [start, start + i)

  constructor(readonly years: readonly CalendarYear[] = CALENDAR_YEARS) {
    const sorted = [...years].sort((a, b) => a.year - b.year);
    this.firstYear = sorted[0]!.year;
    this.lastYear = sorted[sorted.length - 1]!.year;
    for (let y = this.firstYear; y <= this.lastYear; y++) {
      if (!sorted.some((c) => c.year === y)) throw new Error(`Calendar table misses the year ${y}`);
    }
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
    this.prefix = new Int32Array(this.working.length + 1);
    for (let d = 0; d < this.working.length; d++) this.prefix[d + 1] = this.prefix[d]! + this.working[d]!;
  }

  covers(date: IsoDate): boolean {
    const i = toDayNumber(date) - this.start;
    return i >= 0 && i < this.working.length;
  }

  private index(date: IsoDate): number {
    const i = toDayNumber(date) - this.start;
    if (i < 0 || i >= this.working.length) throw new CalendarRangeError(date);
    return i;
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
    return fromDayNumber(this.start + lo);
  }

  /** Working days in (from, to]: how many working days after `from` it takes to reach `to`. */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    return this.prefix[this.index(to) + 1]! - this.prefix[this.index(from) + 1]!;
  }

  yearData(year: number): CalendarYear | undefined {
    return this.years.find((y) => y.year === year);
  }
}

let defaultCalendar: Calendar | undefined;
export function getDefaultCalendar(): Calendar {
  return (defaultCalendar ??= new Calendar());
}
