import { CALENDAR_YEARS, calendarWith, type Calendar, type CalendarYear } from "../calendar";
import { todayIso } from "../dates";
import type { HttpTransport } from "./transport";

/** The years whose calendar the command line asks the server for: the shipped ones and those around `year`. */
export function calendarYears(year?: number): number[] {
  const thisYear = Number(todayIso().slice(0, 4));
  const first = Math.min(CALENDAR_YEARS[0]!.year, (year ?? thisYear) - 1);
  const last = Math.max(
    CALENDAR_YEARS[CALENDAR_YEARS.length - 1]!.year,
    thisYear + 1,
    (year ?? thisYear) + 1,
  );
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** Same days and names, whatever the order and the notes: an admin's copy of the shipped year is no change. */
function sameYear(a: CalendarYear, b: CalendarYear | undefined): boolean {
  if (!b) return false;
  const days = (list: { date: string }[]) =>
    list
      .map((d) => d.date)
      .sort()
      .join(",");
  return days(a.daysOff) === days(b.daysOff) && days(a.saturdaysWorked) === days(b.saturdaysWorked);
}

/**
 * The working-day calendar the server uses (GET /api/reference/calendar?year= for each year: the
 * year an admin stored, else the shipped one), so that a sync (the command line's and the add-in's)
 * computes due dates as the server's statistics do. A year the server does not know (404) keeps the
 * shipped data.
 */
export async function serverCalendar(
  transport: Pick<HttpTransport, "reference">,
  year?: number,
): Promise<Calendar> {
  // The first year alone: a wrong token then costs one failed attempt, not one per year (the server
  // locks a token id out after 10 failures in 5 minutes, an office's address after 30).
  const [first, ...rest] = calendarYears(year);
  const answers = [
    await transport.reference("calendar", first!),
    ...(await Promise.all(rest.map((y) => transport.reference("calendar", y)))),
  ];
  const overrides = answers.filter(
    (a): a is CalendarYear =>
      a !== undefined &&
      !sameYear(
        a,
        CALENDAR_YEARS.find((c) => c.year === a.year),
      ),
  );
  return calendarWith(overrides);
}
