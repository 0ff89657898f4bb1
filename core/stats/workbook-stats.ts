import { isoDate, todayIso, type IsoDate } from "../dates/local-date";
import type { WorkbookRead } from "../layout/read-workbook";
import { buildStatsReport, type StatsReport } from "./report";
import type { WarningSettings } from "./warnings";

export interface StatsOptions {
  asOf?: IsoDate;
  from?: IsoDate;
  to?: IsoDate;
  warningSettings?: WarningSettings;
}

/**
 * The defaults of `cchc stats`: as-of today, from 1 January of the plan year, to the as-of date.
 * Without a plan year, `from` falls back to 1 January of the as-of year.
 */
export function resolvePeriod(
  year: number | undefined,
  options: StatsOptions,
): { asOf: IsoDate; from: IsoDate; to: IsoDate } {
  const asOf = options.asOf ?? todayIso();
  const to = options.to ?? asOf;
  const from = options.from ?? isoDate(year ?? Number(asOf.slice(0, 4)), 1, 1);
  return { asOf, from, to };
}

export function statsFromWorkbook(read: WorkbookRead, options: StatsOptions = {}): StatsReport {
  const { asOf, from, to } = resolvePeriod(read.year, options);
  return buildStatsReport({
    year: read.year ?? null,
    asOf,
    from,
    to,
    tasks: read.tasks,
    dossiers: read.dossiers,
    fields: read.fields,
    unitName: (k) => read.context.unitName(k),
    mapping: read.mapping,
    errors: read.errors,
    calendar: read.context.calendar,
    ...(options.warningSettings && { warningSettings: options.warningSettings }),
  });
}
