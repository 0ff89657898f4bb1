import { formatVi, isoDate, todayIso, type IsoDate } from "../dates/local-date";
import type { Message } from "../model/records";
import type { WorkbookRead } from "../layout/read-workbook";
import { buildStatsReport, type StatsReport } from "./report";
import type { WarningSettings } from "./warnings";

export interface StatsOptions {
  asOf?: IsoDate | undefined;
  from?: IsoDate | undefined;
  to?: IsoDate | undefined;
  warningSettings?: WarningSettings | undefined;
}

/**
 * The as-of date when none is given: today (Vietnam's date), or the last day of a plan year that
 * has already ended (a 2021 plan is reported on 31/12/2021, not on today's date).
 */
export function defaultAsOf(year: number | undefined, today: IsoDate = todayIso()): IsoDate {
  return year !== undefined && isoDate(year, 12, 31) < today ? isoDate(year, 12, 31) : today;
}

/**
 * The defaults of `cchc stats` and of the server's statistics: as-of today (31/12 of a closed plan
 * year), from 1 January of the plan year, to the as-of date. A period's end (`to`, e.g. from
 * `--period Q1/2021`) given without an as-of date is the cut-off, unless it is after today: a
 * quarter's report is "as of" the quarter's end, tasks and dossiers at the same date — also a
 * period running past a closed plan year's 31/12 (Q1/2022 of a 2021 register kept on into
 * January), whose figures go to 14/03/2022 and must not be printed "tính đến 31/12/2021".
 * Without a plan year, `from` falls back to 1 January of the as-of year.
 */
export function resolvePeriod(
  year: number | undefined,
  options: StatsOptions,
  today: IsoDate = todayIso(),
): { asOf: IsoDate; from: IsoDate; to: IsoDate } {
  const byDefault = defaultAsOf(year, today);
  const periodEnd = options.to !== undefined && options.to < today ? options.to : undefined;
  const asOf = options.asOf ?? periodEnd ?? byDefault;
  const to = options.to ?? asOf;
  const from = options.from ?? isoDate(year ?? Number(asOf.slice(0, 4)), 1, 1);
  return { asOf, from, to };
}

/**
 * A period that ends before the start it was given (`--from` after `--to`, or after the as-of date
 * the end defaults to) has no figures: every adapter refuses it with this message, never answers
 * "0". A start by default (1 January of the plan year) is never refused: next year's plan read
 * before it starts (a sync in November) is a plan with nothing received yet.
 */
export function periodError(
  given: StatsOptions,
  period: { from: IsoDate; to: IsoDate },
): Message | undefined {
  if (given.from === undefined || period.from <= period.to) return undefined;
  const [from, to] = [formatVi(period.from), formatVi(period.to)];
  return {
    vi: `Kỳ số liệu không hợp lệ: từ ngày (--from, from) ${from} sau ngày cuối kỳ ${to} (--to, hoặc ngày tính số liệu --as-of).`,
    en: `Invalid period: the start (--from, from) ${from} is after its end ${to} (--to, or the as-of date).`,
  };
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
