import type { CalendarYear } from "../../core/calendar/calendar-data";
import { CALENDAR_YEARS } from "../../core/calendar/calendar-data";
import { calendarWith, type Calendar } from "../../core/calendar/working-days";
import { todayIso } from "../../core/dates/local-date";
import { TransportError } from "../../core/sync/transport";

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
 * year an admin stored, else the shipped one), so that `cchc sync` computes due dates as the
 * server's statistics do. A year the server does not know (404) keeps the shipped data.
 */
export async function serverCalendar(server: string, token: string, year?: number): Promise<Calendar> {
  const base = server.replace(/\/+$/, "");
  const answers = await Promise.all(
    calendarYears(year).map(async (y) => {
      const res = await fetch(`${base}/api/reference/calendar?year=${y}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const text = await res.text();
      if (res.status === 404) return undefined;
      if (!res.ok) {
        let problem: { vi?: string; en?: string } = {};
        try {
          problem = JSON.parse(text) as typeof problem;
        } catch {
          // not a problem document
        }
        throw new TransportError(res.status, {
          vi: `Máy chủ trả lời ${res.status} khi lấy lịch làm việc: ${problem.vi ?? text.slice(0, 200)}`,
          en: `The server answered ${res.status} for the working-day calendar: ${problem.en ?? text.slice(0, 200)}`,
        });
      }
      try {
        return JSON.parse(text) as CalendarYear;
      } catch {
        // An answer cut short on the way (found by the bad-connection proxy test): nothing was written.
        throw new TransportError("unreachable", {
          vi: "Câu trả lời lịch làm việc của máy chủ bị cắt giữa chừng; hãy đồng bộ lại.",
          en: "The server's working-day calendar answer was cut short; sync again.",
        });
      }
    }),
  );
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
