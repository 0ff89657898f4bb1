import type { Calendar } from "../../../core/calendar";
import { calendarWith } from "../../../core/calendar";
import type { ReferenceStore } from "./reference-store";

/**
 * The calendar a plan year's statistics compute deadlines with: the shipped one, with the years an
 * admin stored (`PUT /api/reference/calendar?year=`) in their place. A plan year's dossiers can be
 * received in the December before (the official year starts on 15/12) and fall due in the January
 * after, so the years around it count too. `key` changes whenever one of them is stored again.
 */
export async function storedCalendar(
  reference: ReferenceStore,
  year: number,
): Promise<{ calendar: Calendar; key: string }> {
  const stored = await Promise.all([year - 1, year, year + 1].map((y) => reference.stored(y, "calendar")));
  const overrides = stored.flatMap((s) => (s ? [s.value] : []));
  return { calendar: calendarWith(overrides), key: stored.map((s) => s?.etag ?? "").join("|") };
}
