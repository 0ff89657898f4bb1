import type { IsoDate } from "../dates/local-date";
import type { TaskRecord } from "../model/records";
import { ratio } from "./ratio";

/** Where a task stands at a cut-off date, as the Government Office's tracking system reports it. */
export type TaskClass =
  "done-on-time" | "done-late" | "done-date-unknown" | "not-done-within-deadline" | "not-done-overdue";

export interface TaskCounts {
  total: number;
  done: number;
  doneOnTime: number;
  doneLate: number;
  doneDateUnknown: number;
  notDone: number;
  notDoneWithinDeadline: number;
  notDoneOverdue: number;
  notStarted: number;
  /** Tasks whose due date is on or before the cut-off, and how many of those are done. */
  dueByAsOf: number;
  doneOfDue: number;
  completionRate: number | null;
  dueCompletionRate: number | null;
}

/**
 * A task at cut-off D: done on or before its due date is on time, after it late, without a
 * completion date "date unknown". A task completed after D was not yet done at D. Not done is
 * within deadline while D ≤ due (or the task is recurring), overdue after.
 */
export function classifyTask(task: TaskRecord, asOf: IsoDate): TaskClass {
  const due = task.deadline?.recurring ? undefined : task.deadline?.due;
  const doneByAsOf = task.status === "done" && (task.completedOn === undefined || task.completedOn <= asOf);
  if (doneByAsOf) {
    if (task.completedOn === undefined) return "done-date-unknown";
    return due === undefined || task.completedOn <= due ? "done-on-time" : "done-late";
  }
  return due === undefined || asOf <= due ? "not-done-within-deadline" : "not-done-overdue";
}

export function emptyTaskCounts(): TaskCounts {
  return {
    total: 0,
    done: 0,
    doneOnTime: 0,
    doneLate: 0,
    doneDateUnknown: 0,
    notDone: 0,
    notDoneWithinDeadline: 0,
    notDoneOverdue: 0,
    notStarted: 0,
    dueByAsOf: 0,
    doneOfDue: 0,
    completionRate: null,
    dueCompletionRate: null,
  };
}

export function addTask(counts: TaskCounts, task: TaskRecord, cls: TaskClass, asOf: IsoDate): void {
  counts.total++;
  const done = cls.startsWith("done");
  if (done) counts.done++;
  else counts.notDone++;
  if (cls === "done-on-time") counts.doneOnTime++;
  else if (cls === "done-late") counts.doneLate++;
  else if (cls === "done-date-unknown") counts.doneDateUnknown++;
  else if (cls === "not-done-within-deadline") counts.notDoneWithinDeadline++;
  else counts.notDoneOverdue++;
  if (!done && task.status === "not-started") counts.notStarted++;
  const due = task.deadline?.recurring ? undefined : task.deadline?.due;
  if (due !== undefined && due <= asOf) {
    counts.dueByAsOf++;
    if (done) counts.doneOfDue++;
  }
}

export function finishTaskCounts(counts: TaskCounts): TaskCounts {
  counts.completionRate = ratio(counts.done, counts.total);
  counts.dueCompletionRate = ratio(counts.doneOfDue, counts.dueByAsOf);
  return counts;
}

/** The identities every task count satisfies; a non-empty answer is a bug. */
export function taskIdentityViolations(c: TaskCounts): string[] {
  const v: string[] = [];
  if (c.total !== c.done + c.notDone) v.push("total = done + notDone");
  if (c.done !== c.doneOnTime + c.doneLate + c.doneDateUnknown) v.push("done = onTime + late + dateUnknown");
  if (c.notDone !== c.notDoneWithinDeadline + c.notDoneOverdue) v.push("notDone = withinDeadline + overdue");
  if (c.notStarted > c.notDone) v.push("notStarted ≤ notDone");
  return v;
}
