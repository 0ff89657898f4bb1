/**
 * A deadline cell formatted to show only a month or year holds that period's first day and is read
 * as its last (T17: "6/2026" typed in Excel). When the deadline last synced is exactly the day the
 * cell holds, the cell did not change it: a colleague's copy whose column shows months received a
 * genuine 1st of the month, or the value was synced before month cells were read so. The row keeps
 * that day instead of pushing the period's end, an edit nobody made, into every copy (T19).
 */
import type { IsoDate } from "../dates/local-date";
import type { Deadline } from "../parse/deadline";
import type { RecordData } from "./record-data";

export function keepSyncedDay(
  data: RecordData,
  cellDate: IsoDate | undefined,
  base: RecordData | undefined,
): RecordData {
  const synced = base?.deadline as Deadline | undefined;
  // A date cell's deadline has the date as its text: a text deadline ("Tháng 6/2026") is no such day.
  if (cellDate === undefined || synced?.due !== cellDate || synced.text !== cellDate) return data;
  return { ...data, deadline: { ...synced } };
}
