import type { IsoDate } from "../dates/local-date";
import type { DossierRecord, RowError, SheetMapping, TaskRecord } from "../model/records";
import type { Field } from "../reference/fields";
import {
  addDossier,
  classifyDossier,
  dossierIdentityViolations,
  dueOnWorkingDay,
  emptyDossierCounts,
  finishDossierCounts,
  type DossierCounts,
} from "./dossier-stats";
import {
  addTask,
  classifyTask,
  emptyTaskCounts,
  finishTaskCounts,
  taskIdentityViolations,
  type TaskCounts,
} from "./task-stats";
import { buildWarnings, type WarningSettings, type Warnings } from "./warnings";
import { getDefaultCalendar, type Calendar } from "../calendar/working-days";

export interface FieldTaskCounts extends TaskCounts {
  /** Number in the plan's field list; null for tasks under no field. */
  field: number | null;
  name: string;
}
export interface UnitTaskCounts extends TaskCounts {
  unit: string;
  name: string;
}
export interface SectorDossierCounts extends DossierCounts {
  sector: string;
}
export interface UnitDossierCounts extends DossierCounts {
  unit: string;
  name: string;
}
/** Dossiers received and resolved in one month of the plan year (up to the as-of date). */
export interface MonthDossierCounts {
  month: string; // YYYY-MM
  received: number;
  resolved: number;
}

/** The statistics object of `cchc stats --json` and `GET /api/stats`: one shape, one computation. */
export interface StatsReport {
  asOf: IsoDate;
  year: number | null;
  tasks: TaskCounts & { byField: FieldTaskCounts[]; byUnit: UnitTaskCounts[] };
  dossiers: DossierCounts & {
    from: IsoDate;
    to: IsoDate;
    bySector: SectorDossierCounts[];
    byUnit: UnitDossierCounts[];
    /** The monthly trend of the plan year, January to the as-of month (whatever the period). */
    byMonth: MonthDossierCounts[];
    /**
     * Present when these figures hold one unit's dossiers only (a staff member reads only their own
     * unit's, or `unit=` was asked): whoever reads them must be told whose they are.
     */
    onlyUnit?: { unit: string; name: string };
  };
  /** Deadline warnings at `asOf` (tasks and dossiers due soon or overdue). */
  warnings: Warnings;
  mapping: SheetMapping[];
  errors: RowError[];
}

export interface StatsInput {
  year: number | null;
  asOf: IsoDate;
  from: IsoDate;
  to: IsoDate;
  tasks: readonly TaskRecord[];
  dossiers: readonly DossierRecord[];
  fields: readonly Field[];
  unitName?: (key: string) => string;
  mapping?: SheetMapping[];
  errors?: RowError[];
  /** The year's warning windows (default 7 calendar days, 2 working days). */
  warningSettings?: WarningSettings;
  /** The working days (the year's stored calendar on the server): due dates on a day off move to the next. */
  calendar?: Calendar;
}

export const NO_FIELD = { vi: "(Chưa xác định lĩnh vực)", en: "(No field)" };
export const NO_UNIT = "(Chưa xác định đơn vị)";
export const NO_SECTOR = "(Chưa xác định lĩnh vực)";

export class StatisticsIdentityError extends Error {}

/**
 * Tasks at the cut-off `asOf`, dossiers over [from, to], by field, unit and sector. The identities
 * of DOMAIN.md are checked on every total and breakdown: a violation is a bug, never a figure.
 */
export function buildStatsReport(input: StatsInput): StatsReport {
  const unitName = input.unitName ?? ((k: string) => k);
  const tasks = { ...emptyTaskCounts(), byField: [] as FieldTaskCounts[], byUnit: [] as UnitTaskCounts[] };
  const byField = new Map<number | null, FieldTaskCounts>();
  for (const f of input.fields) byField.set(f.number, { field: f.number, name: f.vi, ...emptyTaskCounts() });
  const byUnit = new Map<string, UnitTaskCounts>();
  for (const task of input.tasks) {
    const cls = classifyTask(task, input.asOf);
    addTask(tasks, task, cls, input.asOf);
    const fieldKey = task.field ?? null;
    let f = byField.get(fieldKey);
    if (!f) byField.set(fieldKey, (f = { field: fieldKey, name: NO_FIELD.vi, ...emptyTaskCounts() }));
    addTask(f, task, cls, input.asOf);
    const unitKey = task.leadUnit ?? NO_UNIT;
    let u = byUnit.get(unitKey);
    if (!u)
      byUnit.set(
        unitKey,
        (u = {
          unit: unitKey,
          name: unitKey === NO_UNIT ? NO_UNIT : unitName(unitKey),
          ...emptyTaskCounts(),
        }),
      );
    addTask(u, task, cls, input.asOf);
  }
  finishTaskCounts(tasks);
  tasks.byField = [...byField.values()]
    .map((c) => finishTaskCounts(c) as FieldTaskCounts)
    .sort((a, b) => (a.field ?? 999) - (b.field ?? 999));
  tasks.byUnit = [...byUnit.values()]
    .map((c) => finishTaskCounts(c) as UnitTaskCounts)
    .sort((a, b) => a.name.localeCompare(b.name, "vi", { numeric: true }));

  const dossiers = {
    ...emptyDossierCounts(),
    from: input.from,
    to: input.to,
    bySector: [] as SectorDossierCounts[],
    byUnit: [] as UnitDossierCounts[],
    byMonth: monthlyTrend(input.dossiers, input.year ?? Number(input.asOf.slice(0, 4)), input.asOf),
  };
  const bySector = new Map<string, SectorDossierCounts>();
  const byDossierUnit = new Map<string, UnitDossierCounts>();
  const calendar = input.calendar ?? getDefaultCalendar();
  const dueDossiers = input.dossiers.map((d) => dueOnWorkingDay(d, calendar));
  for (const d of dueDossiers) {
    const cls = classifyDossier(d, input.from, input.to);
    if (!cls) continue;
    addDossier(dossiers, cls);
    const sectorKey = d.sector ?? NO_SECTOR;
    let s = bySector.get(sectorKey);
    if (!s) bySector.set(sectorKey, (s = { sector: sectorKey, ...emptyDossierCounts() }));
    addDossier(s, cls);
    const unitKey = d.unit ?? NO_UNIT;
    let u = byDossierUnit.get(unitKey);
    if (!u)
      byDossierUnit.set(
        unitKey,
        (u = {
          unit: unitKey,
          name: unitKey === NO_UNIT ? NO_UNIT : unitName(unitKey),
          ...emptyDossierCounts(),
        }),
      );
    addDossier(u, cls);
  }
  finishDossierCounts(dossiers);
  dossiers.bySector = [...bySector.values()]
    .map((c) => finishDossierCounts(c) as SectorDossierCounts)
    .sort((a, b) => a.sector.localeCompare(b.sector, "vi", { numeric: true }));
  dossiers.byUnit = [...byDossierUnit.values()]
    .map((c) => finishDossierCounts(c) as UnitDossierCounts)
    .sort((a, b) => a.name.localeCompare(b.name, "vi", { numeric: true }));

  const report: StatsReport = {
    asOf: input.asOf,
    year: input.year,
    tasks,
    dossiers,
    warnings: buildWarnings({
      asOf: input.asOf,
      tasks: input.tasks,
      dossiers: dueDossiers,
      unitName,
      ...(input.warningSettings && { settings: input.warningSettings }),
      calendar,
    }),
    mapping: input.mapping ?? [],
    errors: input.errors ?? [],
  };
  assertIdentities(report);
  return report;
}

/** Received and resolved per month of `year`, counted by the date each happened, up to `asOf`. */
export function monthlyTrend(
  dossiers: readonly DossierRecord[],
  year: number,
  asOf: IsoDate,
): MonthDossierCounts[] {
  const lastMonth = asOf < `${year}-01-01` ? 0 : asOf > `${year}-12-31` ? 12 : Number(asOf.slice(5, 7));
  const months = Array.from({ length: lastMonth }, (_, i) => ({
    month: `${year}-${String(i + 1).padStart(2, "0")}`,
    received: 0,
    resolved: 0,
  }));
  const slot = (date: IsoDate | undefined) =>
    date !== undefined && date <= asOf && date.startsWith(`${year}-`)
      ? months[Number(date.slice(5, 7)) - 1]
      : undefined;
  for (const d of dossiers) {
    const r = slot(d.receivedOn);
    if (r) r.received++;
    const s = d.status === "resolved" ? slot(d.resultOn) : undefined;
    if (s) s.resolved++;
  }
  return months;
}

export function identityViolations(report: StatsReport): string[] {
  const t = report.tasks;
  const d = report.dossiers;
  const v = [...taskIdentityViolations(t), ...dossierIdentityViolations(d)];
  const sum = (xs: TaskCounts[], k: keyof TaskCounts) => xs.reduce((s, x) => s + (x[k] as number), 0);
  for (const k of ["total", "done", "notDone", "doneOnTime", "notDoneOverdue"] as const) {
    if (sum(t.byField, k) !== t[k]) v.push(`byField sums to ${k}`);
    if (sum(t.byUnit, k) !== t[k]) v.push(`byUnit sums to ${k}`);
  }
  for (const part of [...t.byField, ...t.byUnit]) v.push(...taskIdentityViolations(part));
  for (const part of [...d.bySector, ...d.byUnit]) v.push(...dossierIdentityViolations(part));
  if (d.bySector.reduce((s, x) => s + x.received.total, 0) !== d.received.total)
    v.push("bySector sums to received");
  if (d.byUnit.reduce((s, x) => s + x.resolved.total, 0) !== d.resolved.total)
    v.push("byUnit sums to resolved");
  return v;
}

function assertIdentities(report: StatsReport): void {
  const v = identityViolations(report);
  if (v.length > 0) throw new StatisticsIdentityError(`Statistics identities violated: ${v.join("; ")}`);
}
