import { todayIso, type IsoDate } from "../../../core/dates";
import { resolvePeriod, type DossierCounts, type StatsReport, type TaskCounts } from "../../../core/stats";
import type { Caller } from "../auth/tokens";
import { statsReport } from "../handlers/stats";
import type { Services } from "../http/route-table";
import type { Snapshot, UnitSnapshot } from "./snapshot-store";

/** The timer reads as an admin does: every unit's tasks and dossiers. Never a member, never stored. */
const SNAPSHOT_READER: Caller = {
  tokenId: "~snapshot",
  name: "Ảnh chụp hằng ngày / daily snapshot",
  role: "admin",
};

/**
 * The plan years a day's run snapshots: last year, this year and next (Vietnam's year), each only
 * when it has records. Last year's figures still move in January (late entries, the official year
 * that ends on 14/12); older years are closed and their snapshot would be the same every day.
 */
export function snapshotYears(today: IsoDate): number[] {
  const year = Number(today.slice(0, 4));
  return [year - 1, year, year + 1];
}

function taskTotals(t: StatsReport["tasks"]): TaskCounts {
  const { byField: _f, byUnit: _u, ...totals } = t;
  return totals;
}

function dossierTotals(d: StatsReport["dossiers"]): DossierCounts {
  const { from: _f, to: _t, bySector: _s, byUnit: _u, byMonth: _m, onlyUnit: _o, ...totals } = d;
  return totals;
}

/** Each unit's tasks and dossiers side by side, in the report's order (tasks' units first). */
function unitsOf(report: StatsReport): UnitSnapshot[] {
  const units = new Map<string, UnitSnapshot>();
  for (const { unit, name, ...tasks } of report.tasks.byUnit) units.set(unit, { unit, name, tasks });
  for (const { unit, name, ...dossiers } of report.dossiers.byUnit) {
    const u = units.get(unit);
    if (u) u.dossiers = dossiers;
    else units.set(unit, { unit, name, dossiers });
  }
  return [...units.values()];
}

export function snapshotOf(report: StatsReport, year: number, date: IsoDate, now: Date): Snapshot {
  return {
    year,
    date,
    takenAt: now.toISOString(),
    asOf: report.asOf,
    from: report.dossiers.from,
    to: report.dossiers.to,
    tasks: taskTotals(report.tasks),
    dossiers: dossierTotals(report.dossiers),
    byUnit: unitsOf(report),
    unitsOmitted: 0,
  };
}

/**
 * The daily snapshot: for each plan year with records (snapshotYears), the statistics the server
 * computes by default on Vietnam's date of `now` (tasks as of that day, dossiers from 1 January to
 * it), stored under that date. A second run the same day replaces the first (the later figures);
 * a day with no run has no snapshot: it is not back-filled later, because figures computed from
 * later records would not be what that day's records said. Returns the years snapshotted. A year
 * that fails (storage busy) does not cost the others theirs: each is tried, then the run fails
 * naming the years it could not take, for the host's log.
 */
export async function takeSnapshots(
  services: Services,
  now: Date,
): Promise<{ date: IsoDate; years: number[] }> {
  const date = todayIso(now);
  const years: number[] = [];
  const failed: string[] = [];
  for (const year of snapshotYears(date)) {
    try {
      if (await snapshotYear(services, year, date, now)) years.push(year);
    } catch (e) {
      failed.push(`${year}: ${(e as Error).message ?? String(e)}`);
    }
  }
  if (failed.length > 0)
    throw new Error(
      `Ảnh chụp ngày ${date} không lấy được cho năm / The ${date} snapshot failed for ${failed.join("; ")} (taken: ${years.join(", ") || "none"})`,
    );
  return { date, years };
}

/** One plan year's snapshot of the day; false when the year has no records. */
async function snapshotYear(services: Services, year: number, date: IsoDate, now: Date): Promise<boolean> {
  const partitions = await services.records.partitions(year);
  if (!partitions.some((p) => p.lastSeq > 0)) return false;
  const period = resolvePeriod(year, {}, date);
  const report = await statsReport({ services, caller: SNAPSHOT_READER }, year, period, undefined);
  await services.snapshots.put(snapshotOf(report, year, date, now));
  return true;
}

/** Whether any year a run would snapshot today still lacks today's snapshot (the local host's start). */
export async function snapshotMissing(services: Services, now: Date): Promise<boolean> {
  const date = todayIso(now);
  for (const year of snapshotYears(date)) {
    const partitions = await services.records.partitions(year);
    if (partitions.some((p) => p.lastSeq > 0) && !(await services.snapshots.has(year, date))) return true;
  }
  return false;
}
