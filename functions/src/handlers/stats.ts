import { withCalendarDueDate } from "../../../core/calendar";
import { isIsoDate } from "../../../core/dates";
import { DEFAULT_FIELDS, DEFAULT_UNITS } from "../../../core/reference";
import { buildStatsReport, type StatsReport } from "../../../core/stats";
import { DEFAULT_WARNING_SETTINGS, limitWarnings } from "../../../core/stats";
import type { StatsAnswer } from "../../../core/schemas";
import { periodError, resolvePeriod } from "../../../core/stats";
import { oneAtATime } from "../http/one-at-a-time";
import { problems } from "../http/problem";
import { storedCalendar } from "../reference/stored-calendar";
import { defaultReference } from "../reference/reference-store";
import { statsScope } from "../stats/read-scope";
import { trendSince } from "../snapshots/trend";
import type { Handler, RouteContext } from "../http/route-table";

export function dateParam(name: string, value: string | null): string | undefined {
  if (value === null || value === "") return undefined;
  if (!isIsoDate(value))
    throw problems.badRequest(
      { vi: `Tham số ${name} phải là ngày YYYY-MM-DD.`, en: `Parameter ${name} must be a date YYYY-MM-DD.` },
      { parameter: name },
    );
  return value;
}

export function yearParam(value: string | null): number {
  if (value === null || !/^\d{4}$/.test(value) || Number(value) < 2000 || Number(value) > 2100)
    throw problems.badRequest(
      {
        vi: "Thiếu hoặc sai tham số year (YYYY, 2000–2100).",
        en: "Missing or invalid parameter year (YYYY, 2000–2100).",
      },
      { parameter: "year" },
    );
  return Number(value);
}

/** The most warnings of each kind one answer lists (`warnings=`); more is the whole list, unasked. */
const MAX_WARNINGS_LIMIT = 10_000;

function warningsParam(value: string | null): number | undefined {
  if (value === null || value === "") return undefined;
  if (!/^\d{1,5}$/.test(value) || Number(value) > MAX_WARNINGS_LIMIT)
    throw problems.badRequest(
      {
        vi: `Tham số warnings phải là số nguyên từ 0 đến ${MAX_WARNINGS_LIMIT}.`,
        en: `Parameter warnings must be a whole number from 0 to ${MAX_WARNINGS_LIMIT}.`,
      },
      { parameter: "warnings" },
    );
  return Number(value);
}

/** `trend=N`: compare with the daily snapshot N days (1–366) before the cut-off. */
function trendParam(value: string | null): number | undefined {
  if (value === null || value === "") return undefined;
  if (!/^\d{1,3}$/.test(value) || Number(value) < 1 || Number(value) > 366)
    throw problems.badRequest(
      {
        vi: "Tham số trend phải là số ngày từ 1 đến 366.",
        en: "Parameter trend must be a number of days from 1 to 366.",
      },
      { parameter: "trend" },
    );
  return Number(value);
}

/**
 * GET /api/stats?year=&asOf=&from=&to=&unit=&warnings=&previous=&trend=: the object of `cchc
 * stats --json`, from stored records. `warnings=N` lists only the N most urgent warnings of each
 * kind, with the counts of all (`warnings.totals`); `previous=YYYY-MM-DD` adds the same statistics
 * at that earlier cut-off (its own default period, no warning listed) as `previous`: what a
 * summary compares with, in the same answer. `trend=N` adds `trend {since, tasksDone, resolved}`: the change since
 * the daily snapshot taken N days before the cut-off (absent when there is none).
 */
export const statsHandler: Handler = (request, ctx) =>
  // One member's requests one after another: a report not yet cached costs the host's one thread.
  oneAtATime(`stats:${ctx.caller!.tokenId}`, () => statsAnswer(request, ctx));

const statsAnswer: Handler = async (request, ctx) => {
  const q = request.query;
  const year = yearParam(q.get("year"));
  const given = {
    asOf: dateParam("asOf", q.get("asOf")),
    from: dateParam("from", q.get("from")),
    to: dateParam("to", q.get("to")),
  };
  const period = resolvePeriod(year, given);
  const inverted = periodError(given, period);
  if (inverted) throw problems.badRequest(inverted, { parameter: "from" });
  const limit = warningsParam(q.get("warnings"));
  const previousAsOf = dateParam("previous", q.get("previous"));
  const trendDays = trendParam(q.get("trend"));
  const unit = q.get("unit") || undefined;
  const report = await statsReport(ctx, year, period, unit);
  const scoped = await dossierScope(ctx, year, unit);
  // A copy: the cached report itself is never changed.
  const answer: StatsAnswer = {
    ...scoped(report),
    ...(limit !== undefined && { warnings: limitWarnings(report.warnings, limit) }),
  };
  if (trendDays !== undefined) {
    const trend = await trendSince(ctx.services, ctx.caller!, report, unit, trendDays);
    if (trend) answer.trend = trend;
  }
  if (previousAsOf !== undefined) {
    const previous = await statsReport(ctx, year, resolvePeriod(year, { asOf: previousAsOf }), unit);
    answer.previous = { ...scoped(previous), warnings: limitWarnings(previous.warnings, 0) };
  }
  return { status: 200, jsonBody: answer };
};

/**
 * Marks dossier figures that hold one unit's dossiers only (staff read their own unit's; `unit=`
 * narrows to one), with the unit's name, so a summary says whose they are. Outside the cache: two
 * callers with different scopes may share a cached report.
 */
async function dossierScope(
  ctx: Parameters<Handler>[1],
  year: number,
  unit: string | undefined,
): Promise<(r: StatsReport) => StatsReport> {
  const only = unit ?? (ctx.caller!.role === "staff" ? ctx.caller!.unit : undefined);
  if (only === undefined) return (r) => r;
  const units = (await ctx.services.reference.get(year, "units")) ?? [];
  const onlyUnit = { unit: only, name: units.find((u) => u.code === only)?.name ?? only };
  return (r) => ({ ...r, dossiers: { ...r.dossiers, onlyUnit } });
}

/**
 * The statistics of a plan year over a period, as the caller may read them; cached until a record
 * changes. Also what the daily snapshot stores (functions/src/snapshots).
 */
export async function statsReport(
  ctx: Pick<RouteContext, "services" | "caller">,
  year: number,
  { asOf, from, to }: { asOf: string; from: string; to: string },
  unit: string | undefined,
): Promise<StatsReport> {
  const scope = statsScope(ctx.caller!, await ctx.services.records.partitions(year), unit);
  const partitions = scope.tasks;
  // A period starting in the last month of the year before (the official Q1 and year run from
  // 15/12): that year's dossiers received since, or still processing then, belong to it too
  // (DOMAIN.md, period statistics).
  const earlier =
    from >= `${year - 1}-12-01` && from < `${year}-01-01`
      ? statsScope(ctx.caller!, await ctx.services.records.partitions(year - 1), unit).dossiers
      : [];
  // The year's stored field and unit lists (if any) name the rows: their ETags are part of the key too.
  const storedFields = await ctx.services.reference.stored(year, "fields");
  const calendar = await storedCalendar(ctx.services.reference, year); // the year's stored working days
  const storedUnits = await ctx.services.reference.stored(year, "units");
  const storedSettings = await ctx.services.reference.stored(year, "settings");
  const key = JSON.stringify([
    year,
    calendar.key,
    asOf,
    from,
    to,
    unit,
    storedFields?.etag,
    storedUnits?.etag,
    storedSettings?.etag,
    // A partition's epoch and its last write's random mark tell two histories of the same length
    // apart (a store restored or emptied, another store in the same process).
    partitions.map((p) => [p.partition, p.epoch, p.lastSeq, p.marks.at(-1)?.[1]]),
    scope.dossiers.map((p) => p.partition),
    earlier.map((p) => [p.partition, p.epoch, p.lastSeq, p.marks.at(-1)?.[1]]),
  ]);
  // Reports by query, field list and the partitions' histories (epoch, last sequence, last write).
  let report = ctx.services.recordCache.report(key);
  if (!report) {
    await ctx.services.recordCache.refresh(year, partitions);
    const { tasks } = ctx.services.recordCache.records(scope.tasks);
    const { dossiers } = ctx.services.recordCache.records(scope.dossiers);
    if (earlier.length > 0) {
      await ctx.services.recordCache.refresh(year - 1, earlier);
      // A dossier carried into this year's register is counted once, as this year has it.
      const here = new Set(dossiers.map((d) => d.code));
      for (const d of ctx.services.recordCache.records(earlier).dossiers)
        if (d.code === undefined || !here.has(d.code)) dossiers.push(d);
    }
    const fields = storedFields?.value ?? DEFAULT_FIELDS;
    const units = storedUnits?.value ?? defaultReference(year, "units") ?? [];
    // Due dates from processing times follow the stored calendar (records() returns a fresh array).
    dossiers.forEach((d, i) => (dossiers[i] = withCalendarDueDate(d, calendar.calendar)));
    // A unit the year's list no longer names (dropped mid-year) keeps the name the shipped list gives it.
    const unitName = (key: string) =>
      units.find((u) => u.code === key)?.name ?? DEFAULT_UNITS.find((u) => u.code === key)?.name ?? key;
    const warningSettings = storedSettings?.value ?? DEFAULT_WARNING_SETTINGS;
    report = buildStatsReport({
      year,
      asOf,
      from,
      to,
      tasks,
      dossiers,
      fields,
      unitName,
      warningSettings,
      // Warnings count working days, and due dates on a day off move, with the stored calendar too.
      calendar: calendar.calendar,
    });
    ctx.services.recordCache.keepReport(key, report);
  }
  return report;
}
