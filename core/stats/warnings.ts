import { getDefaultCalendar, type Calendar } from "../calendar/working-days";
import { fromDayNumber, toDayNumber, type IsoDate } from "../dates/local-date";
import type { DossierRecord, TaskRecord } from "../model/records";
import { classifyTask } from "./task-stats";

/** The warning windows: per-year settings an admin can change (reference kind `settings`). */
export interface WarningSettings {
  /** A task not done is "due soon" when its deadline is within this many calendar days. */
  taskDays: number;
  /** A dossier still processing is "due soon" within this many working days. */
  dossierWorkingDays: number;
}

export const DEFAULT_WARNING_SETTINGS: WarningSettings = { taskDays: 7, dossierWorkingDays: 2 };

export type WarningState = "overdue" | "dueSoon";

/** Where a warned record is: a workbook row (`sheet` + `row`), or a stored record (`id`). */
interface WarningBase {
  state: WarningState;
  due: IsoDate;
  /** Days left (0 = due today), negative when late: calendar days for tasks, working days for dossiers. */
  days: number;
  /** The unit the record counts for (code as stored), null when the row names none. */
  unit: string | null;
  unitName: string | null;
  sheet?: string;
  row?: number;
  id?: string;
}

export interface TaskWarning extends WarningBase {
  content: string;
  field: number | null;
}

export interface DossierWarning extends WarningBase {
  code: string | null;
  sector: string | null;
}

/** The `warnings` of the stats JSON: the same object from `cchc stats --json` and `GET /api/stats`. */
export interface Warnings {
  taskDays: number;
  dossierWorkingDays: number;
  tasks: TaskWarning[];
  dossiers: DossierWarning[];
  /** Present when the lists hold only the most urgent (a `warnings=` limit): how many there are in all. */
  totals?: { tasks: WarningCounts; dossiers: WarningCounts };
}

export interface WarningCounts {
  overdue: number;
  dueSoon: number;
}

export interface WarningInput {
  asOf: IsoDate;
  tasks: readonly TaskRecord[];
  dossiers: readonly DossierRecord[];
  settings?: WarningSettings;
  calendar?: Calendar;
  unitName?: (key: string) => string;
}

function place(source: { sheet: string; row: number } | undefined, id: string | undefined) {
  if (source) return { sheet: source.sheet, row: source.row };
  return id === undefined ? {} : { id };
}

/** Calendar days from the as-of date to the due date: 0 = today, negative when late. */
export function taskDaysLeft(asOf: IsoDate, due: IsoDate): number {
  return toDayNumber(due) - toDayNumber(asOf);
}

/**
 * Working days from the as-of date to the due date, counted after the as-of date up to and
 * including the due date (due today = 0). Late: minus the working days after the due date up to
 * and including the as-of date, at least 1 (our choice: a dossier past its date on a weekend is
 * still late, by one day). Days outside the calendar table count Monday to Friday (our choice,
 * documented in the README: their holidays are not known).
 */
export function dossierDaysLeft(asOf: IsoDate, due: IsoDate, calendar: Calendar): number {
  // Beyond the calendar table, Monday–Friday (its holidays unknown), never calendar days called working days.
  if (due >= asOf) return calendar.estimatedWorkingDaysBetween(asOf, due);
  return -Math.max(1, calendar.estimatedWorkingDaysBetween(due, asOf));
}

function safeAddWorkingDays(calendar: Calendar, from: IsoDate, n: number): IsoDate | undefined {
  try {
    // addWorkingDays lands on a working day; days off right after it still count 0 more working days.
    let last = calendar.addWorkingDays(from, n + 1);
    last = fromDayNumber(toDayNumber(last) - 1);
    return last;
  } catch {
    return undefined; // beyond the calendar table: no shortcut
  }
}

/** Still processing at the as-of date: received by then and not finished by then. */
function processingAt(d: DossierRecord, asOf: IsoDate): boolean {
  if (d.receivedOn > asOf) return false;
  if (d.status === "processing" || d.status === "awaiting-supplement") return true;
  return (d.resultOn ?? d.receivedOn) > asOf;
}

const stateOf = (days: number, window: number): WarningState | undefined =>
  days < 0 ? "overdue" : days <= window ? "dueSoon" : undefined;

/** Overdue first (the latest first), then due soon (the nearest first). */
const byUrgency = (a: WarningBase, b: WarningBase) =>
  a.state !== b.state ? (a.state === "overdue" ? -1 : 1) : a.days - b.days;

/**
 * Deadline warnings at the as-of date (DOMAIN.md "Deadline warnings"): tasks not done whose
 * deadline is within `taskDays` calendar days or past (a recurring task never), dossiers still
 * processing due within `dossierWorkingDays` working days or past. Each item names its unit, so a
 * per-unit read rule filters the lists by `unit` alone.
 */
export function buildWarnings(input: WarningInput): Warnings {
  const settings = input.settings ?? DEFAULT_WARNING_SETTINGS;
  const calendar = input.calendar ?? getDefaultCalendar();
  const name = (u: string | undefined) => (u === undefined ? null : (input.unitName?.(u) ?? u));
  const tasks: TaskWarning[] = [];
  for (const t of input.tasks) {
    const due = t.deadline?.recurring ? undefined : t.deadline?.due;
    if (due === undefined || classifyTask(t, input.asOf).startsWith("done")) continue;
    const days = taskDaysLeft(input.asOf, due);
    const state = stateOf(days, settings.taskDays);
    if (!state) continue;
    tasks.push({
      state,
      due,
      days,
      unit: t.leadUnit ?? null,
      unitName: name(t.leadUnit),
      ...place(t.source, t.syncId),
      content: t.content,
      field: t.field ?? null,
    });
  }
  const dossiers: DossierWarning[] = [];
  // The last due date still within the window: later ones are skipped by a string comparison.
  const last = calendar.covers(input.asOf)
    ? safeAddWorkingDays(calendar, input.asOf, settings.dossierWorkingDays)
    : undefined;
  for (const d of input.dossiers) {
    if (last !== undefined && d.dueOn > last) continue;
    if (!processingAt(d, input.asOf)) continue;
    const days = dossierDaysLeft(input.asOf, d.dueOn, calendar);
    const state = stateOf(days, settings.dossierWorkingDays);
    if (!state) continue;
    dossiers.push({
      state,
      due: d.dueOn,
      days,
      unit: d.unit ?? null,
      unitName: name(d.unit),
      ...place(d.source, d.syncId),
      code: d.code ?? null,
      sector: d.sector ?? null,
    });
  }
  return {
    taskDays: settings.taskDays,
    dossierWorkingDays: settings.dossierWorkingDays,
    tasks: tasks.sort(byUrgency),
    dossiers: dossiers.sort(byUrgency),
  };
}

/** What a member limited to one unit's dossiers may read: every task warning, their unit's dossiers. */
export function warningsForUnit(w: Warnings, unit: string): Warnings {
  return { ...w, dossiers: w.dossiers.filter((d) => d.unit === unit) };
}

function countWarnings(list: readonly WarningBase[]): WarningCounts {
  const overdue = list.filter((w) => w.state === "overdue").length;
  return { overdue, dueSoon: list.length - overdue };
}

/**
 * The `limit` most urgent warnings of each kind (the lists are sorted by urgency), with the counts
 * of all of them: what a summary listing the first few needs, without every record's warning.
 */
export function limitWarnings(w: Warnings, limit: number): Warnings {
  return {
    ...w,
    tasks: w.tasks.slice(0, limit),
    dossiers: w.dossiers.slice(0, limit),
    totals: warningTotals(w),
  };
}

/** How many warnings there are in all, whether or not the lists were cut. */
export function warningTotals(w: Warnings): { tasks: WarningCounts; dossiers: WarningCounts } {
  return w.totals ?? { tasks: countWarnings(w.tasks), dossiers: countWarnings(w.dossiers) };
}
