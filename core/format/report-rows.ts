import type { DossierCounts } from "../stats/dossier-stats";
import type { TaskCounts } from "../stats/task-stats";

/**
 * One row of the task table and of the dossier table (Biểu 06 columns + returned/withdrawn), in the
 * order every report shows them; rates are fractions, formatted by each writer.
 */
export function taskCountsRow(label: string, c: TaskCounts): (string | number | null)[] {
  return [
    label,
    c.total,
    c.done,
    c.doneOnTime,
    c.doneLate,
    c.doneDateUnknown,
    c.notDone,
    c.notDoneWithinDeadline,
    c.notDoneOverdue,
    c.notStarted,
    c.completionRate,
  ];
}

export function dossierCountsRow(label: string, c: DossierCounts): (string | number | null)[] {
  const { received: r, resolved: s, processing: p } = c;
  return [
    label,
    r.total,
    r.online,
    r.inPersonOrPost,
    r.carriedOver,
    s.total,
    s.ahead,
    s.onTime,
    s.overdue,
    p.total,
    p.withinDeadline,
    p.overdue,
    c.returnedOrWithdrawn,
    c.onTimeRate,
    c.onlineRate,
  ];
}

/** Columns holding rates in the rows above. */
export const TASK_RATE_COLUMNS = [10];
export const DOSSIER_RATE_COLUMNS = [13, 14];
