import { CALENDAR_YEARS, type CalendarYear } from "../../core/calendar/calendar-data";

/**
 * 2026 as an admin might have stored it before TB 9441 (no Quốc khánh swap): Monday 31/8 worked,
 * Saturday 22/8 not. The shipped calendar has the swap, so tests can tell which one was used.
 */
const shipped2026 = CALENDAR_YEARS.find((y) => y.year === 2026)!;
export const WITHOUT_SWAP_2026: CalendarYear = {
  ...shipped2026,
  source: "test: 2026 without the Quốc khánh swap",
  daysOff: shipped2026.daysOff.filter((d) => d.date !== "2026-08-31"),
  saturdaysWorked: shipped2026.saturdaysWorked.filter((d) => d.date !== "2026-08-22"),
};
