import type { DossierRecord } from "../model/records";
import { CalendarRangeError, type Calendar } from "./working-days";

/**
 * A dossier whose due date comes from a processing time in working days, with that date computed
 * again with `calendar` (the year's stored calendar): an admin's correction of the calendar then
 * moves those due dates everywhere, not only in workbooks read after it. Dates given as an
 * appointment in the register are the register's and stay. A date the calendar cannot compute
 * (a year it lacks) keeps the date the workbook computed.
 */
export function withCalendarDueDate(d: DossierRecord, calendar: Calendar): DossierRecord {
  if (d.dueFrom !== "processing-days" || d.processingDays === undefined) return d;
  try {
    const dueOn = calendar.addWorkingDays(d.receivedOn, d.processingDays);
    return dueOn === d.dueOn ? d : { ...d, dueOn };
  } catch (e) {
    if (e instanceof CalendarRangeError) return d;
    throw e;
  }
}

export function withCalendarDueDates(
  dossiers: readonly DossierRecord[],
  calendar: Calendar,
): DossierRecord[] {
  return dossiers.map((d) => withCalendarDueDate(d, calendar));
}
