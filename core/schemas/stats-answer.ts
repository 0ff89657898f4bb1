import * as v from "valibot";
import type { StatsReport } from "../stats/report";
import { check, type Checked } from "./problem";

/**
 * The statistics answer (`GET /api/stats`) as the engine and the task pane read it: counts are
 * numbers, rates numbers or null, lists are lists. Loose objects: fields this client does not read
 * pass through. The type stays the computation's (core/stats/report.ts); the schema guards the wire.
 */
const count = v.number();
const rate = v.nullable(v.number());

export const TaskCountsSchema = v.looseObject({
  total: count,
  done: count,
  doneOnTime: count,
  doneLate: count,
  doneDateUnknown: count,
  notDone: count,
  notDoneWithinDeadline: count,
  notDoneOverdue: count,
  notStarted: count,
  dueByAsOf: count,
  doneOfDue: count,
  completionRate: rate,
  dueCompletionRate: rate,
});

export const DossierCountsSchema = v.looseObject({
  received: v.looseObject({ total: count, online: count, inPersonOrPost: count, carriedOver: count }),
  resolved: v.looseObject({ total: count, ahead: count, onTime: count, overdue: count }),
  processing: v.looseObject({ total: count, withinDeadline: count, overdue: count }),
  returnedOrWithdrawn: count,
  onTimeRate: rate,
  onlineRate: rate,
});

const named = { name: v.string() };

const WarningCountsSchema = v.object({ overdue: count, dueSoon: count });

export const StatsReportSchema = v.looseObject({
  asOf: v.string(),
  year: v.nullable(v.number()),
  tasks: v.looseObject({
    ...TaskCountsSchema.entries,
    byField: v.array(v.looseObject({ ...TaskCountsSchema.entries, field: v.nullable(v.number()), ...named })),
    byUnit: v.array(v.looseObject({ ...TaskCountsSchema.entries, unit: v.string(), ...named })),
  }),
  dossiers: v.looseObject({
    ...DossierCountsSchema.entries,
    from: v.string(),
    to: v.string(),
    bySector: v.array(v.looseObject({ ...DossierCountsSchema.entries, sector: v.string() })),
    byUnit: v.array(v.looseObject({ ...DossierCountsSchema.entries, unit: v.string(), ...named })),
    byMonth: v.array(v.looseObject({ month: v.string(), received: count, resolved: count })),
    onlyUnit: v.optional(v.object({ unit: v.string(), name: v.string() })),
  }),
  warnings: v.looseObject({
    taskDays: count,
    dossierWorkingDays: count,
    tasks: v.array(v.looseObject({})),
    dossiers: v.array(v.looseObject({})),
    totals: v.optional(v.object({ tasks: WarningCountsSchema, dossiers: WarningCountsSchema })),
  }),
  mapping: v.array(v.looseObject({})),
  errors: v.array(v.looseObject({})),
});

/**
 * With `trend=N`: the change since the daily snapshot taken N days before the cut-off (or the
 * latest one in the N days before that): tasks completed and dossiers resolved since `since`.
 */
export const TrendSchema = v.object({ since: v.string(), tasksDone: count, resolved: count });
export type Trend = v.InferOutput<typeof TrendSchema>;

/** The answer with `previous=`: the same statistics at an earlier cut-off, alongside. */
export const StatsAnswerSchema = v.looseObject({
  ...StatsReportSchema.entries,
  previous: v.optional(StatsReportSchema),
  trend: v.optional(TrendSchema),
});

/**
 * What `GET /api/stats` answers: a report, with `previous=` the report at that earlier date, with
 * `trend=` the change since a daily snapshot (when there is one).
 */
export type StatsAnswer = StatsReport & { previous?: StatsReport; trend?: Trend };

/** A stats answer checked against the schema: on success, the report the server computed (passed through whole). */
export function checkStatsReport(answer: unknown): Checked<StatsAnswer> {
  const result = check(StatsAnswerSchema, answer);
  return result.ok ? { ok: true, value: answer as StatsAnswer } : result;
}
