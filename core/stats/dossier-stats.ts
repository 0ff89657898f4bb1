import type { Calendar } from "../calendar/working-days";
import { addDays, weekday, type IsoDate } from "../dates/local-date";
import type { DossierRecord } from "../model/records";
import { ratio } from "./ratio";

export type DossierOutcome =
  | "resolved-ahead"
  | "resolved-on-time"
  | "resolved-overdue"
  | "returned-or-withdrawn"
  | "processing-within-deadline"
  | "processing-overdue";

export interface DossierClass {
  carriedOver: boolean;
  online: boolean;
  outcome: DossierOutcome;
}

/** The columns of Biểu 06/VPCP/KSTT, plus returned/withdrawn (our choice, so both identities hold). */
export interface DossierCounts {
  received: { total: number; online: number; inPersonOrPost: number; carriedOver: number };
  resolved: { total: number; ahead: number; onTime: number; overdue: number };
  processing: { total: number; withinDeadline: number; overdue: number };
  returnedOrWithdrawn: number;
  /** (ahead + on time) / resolved. */
  onTimeRate: number | null;
  /** online / dossiers newly received in the period (online + in person or post). */
  onlineRate: number | null;
}

/**
 * The dossier with the day it is really due by: a due date on a day off (an appointment written on
 * a Saturday or a holiday) moves to the next working day (Civil Code 2015, Art. 148), so a result
 * returned then is on time, and the dossier is not late on the days off. In a year the calendar
 * does not hold, only the weekend is known to be off: a Saturday or Sunday moves to the Monday.
 */
export function dueOnWorkingDay(d: DossierRecord, calendar: Calendar): DossierRecord {
  if (!calendar.covers(d.dueOn)) {
    const wd = weekday(d.dueOn);
    if (wd !== 6 && wd !== 0) return d;
    // The Monday may be in the table (and a holiday there): look again from it.
    return dueOnWorkingDay({ ...d, dueOn: addDays(d.dueOn, wd === 6 ? 2 : 1) }, calendar);
  }
  if (calendar.isWorkingDay(d.dueOn)) return d;
  try {
    return { ...d, dueOn: calendar.addWorkingDays(d.dueOn, 0) };
  } catch {
    return d; // the next working day is beyond the table: keep the written date
  }
}

/**
 * The day a dossier left the "processing" state: its result date when resolved, returned or
 * withdrawn. Our choice: a returned or withdrawn dossier without a date ended the day it came in.
 */
function finishedOn(d: DossierRecord): IsoDate | undefined {
  if (d.status === "processing" || d.status === "awaiting-supplement") return undefined;
  return d.resultOn ?? d.receivedOn;
}

/**
 * A dossier in period [from, to]: counted when received by `to` and not finished before `from`;
 * carried over when received before `from`. Resolved ahead / on time / overdue compares the result
 * date with the due date (dates, not times); still processing at `to` is within deadline while
 * `to` ≤ due date.
 */
export function classifyDossier(d: DossierRecord, from: IsoDate, to: IsoDate): DossierClass | undefined {
  if (d.receivedOn > to) return undefined;
  const finish = finishedOn(d);
  if (finish !== undefined && finish < from) return undefined;
  const carriedOver = d.receivedOn < from;
  const online = d.channel === "online";
  let outcome: DossierOutcome;
  if (finish !== undefined && finish <= to) {
    if (d.status !== "resolved") outcome = "returned-or-withdrawn";
    else
      outcome =
        finish < d.dueOn ? "resolved-ahead" : finish === d.dueOn ? "resolved-on-time" : "resolved-overdue";
  } else {
    outcome = to <= d.dueOn ? "processing-within-deadline" : "processing-overdue";
  }
  return { carriedOver, online, outcome };
}

export function emptyDossierCounts(): DossierCounts {
  return {
    received: { total: 0, online: 0, inPersonOrPost: 0, carriedOver: 0 },
    resolved: { total: 0, ahead: 0, onTime: 0, overdue: 0 },
    processing: { total: 0, withinDeadline: 0, overdue: 0 },
    returnedOrWithdrawn: 0,
    onTimeRate: null,
    onlineRate: null,
  };
}

export function addDossier(c: DossierCounts, cls: DossierClass): void {
  c.received.total++;
  if (cls.carriedOver) c.received.carriedOver++;
  else if (cls.online) c.received.online++;
  else c.received.inPersonOrPost++;
  switch (cls.outcome) {
    case "resolved-ahead":
      c.resolved.total++;
      c.resolved.ahead++;
      break;
    case "resolved-on-time":
      c.resolved.total++;
      c.resolved.onTime++;
      break;
    case "resolved-overdue":
      c.resolved.total++;
      c.resolved.overdue++;
      break;
    case "returned-or-withdrawn":
      c.returnedOrWithdrawn++;
      break;
    case "processing-within-deadline":
      c.processing.total++;
      c.processing.withinDeadline++;
      break;
    case "processing-overdue":
      c.processing.total++;
      c.processing.overdue++;
      break;
  }
}

export function finishDossierCounts(c: DossierCounts): DossierCounts {
  c.onTimeRate = ratio(c.resolved.ahead + c.resolved.onTime, c.resolved.total);
  c.onlineRate = ratio(c.received.online, c.received.online + c.received.inPersonOrPost);
  return c;
}

/** Both identities of the official form (with our returned/withdrawn column); non-empty is a bug. */
export function dossierIdentityViolations(c: DossierCounts): string[] {
  const v: string[] = [];
  const r = c.received;
  if (r.total !== r.online + r.inPersonOrPost + r.carriedOver)
    v.push("received = online + inPersonOrPost + carriedOver");
  if (r.total !== c.resolved.total + c.processing.total + c.returnedOrWithdrawn)
    v.push("received = resolved + processing + returnedOrWithdrawn");
  if (c.resolved.total !== c.resolved.ahead + c.resolved.onTime + c.resolved.overdue)
    v.push("resolved = ahead + onTime + overdue");
  if (c.processing.total !== c.processing.withinDeadline + c.processing.overdue)
    v.push("processing = withinDeadline + overdue");
  return v;
}
