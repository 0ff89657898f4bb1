import { isIsoDate } from "../../../core/dates/local-date";
import { dossierFromJson, taskFromJson } from "../../../core/model/record-json";
import type { DossierRecord, TaskRecord } from "../../../core/model/records";
import { DEFAULT_FIELDS } from "../../../core/reference/fields";
import { buildStatsReport, type StatsReport } from "../../../core/stats/report";
import { resolvePeriod } from "../../../core/stats/workbook-stats";
import { problems } from "../http/problem";
import type { Handler } from "../http/route-table";

/** Reports by query and by the partitions' last sequence numbers: any change makes a new key. */
const cache = new Map<string, StatsReport>();
const CACHE_LIMIT = 200;

function dateParam(name: string, value: string | null): string | undefined {
  if (value === null || value === "") return undefined;
  if (!isIsoDate(value))
    throw problems.badRequest(
      { vi: `Tham số ${name} phải là ngày YYYY-MM-DD.`, en: `Parameter ${name} must be a date YYYY-MM-DD.` },
      { parameter: name },
    );
  return value;
}

/** GET /api/stats?year=&asOf=&from=&to=&unit=: the object of `cchc stats --json`, from stored records. */
export const statsHandler: Handler = async (request, ctx) => {
  const q = request.query;
  const yearText = q.get("year") ?? "";
  if (!/^\d{4}$/.test(yearText))
    throw problems.badRequest(
      { vi: "Thiếu hoặc sai tham số year (YYYY).", en: "Missing or invalid parameter year (YYYY)." },
      { parameter: "year" },
    );
  const year = Number(yearText);
  const { asOf, from, to } = resolvePeriod(year, {
    asOf: dateParam("asOf", q.get("asOf")),
    from: dateParam("from", q.get("from")),
    to: dateParam("to", q.get("to")),
  });
  const unit = q.get("unit") ?? undefined;
  const partitions = (await ctx.services.records.partitions(year)).filter(
    (p) => unit === undefined || p.unit === unit,
  );
  const key = JSON.stringify([year, asOf, from, to, unit, partitions.map((p) => [p.partition, p.lastSeq])]);
  let report = cache.get(key);
  if (!report) {
    const tasks: TaskRecord[] = [];
    const dossiers: DossierRecord[] = [];
    for (const p of partitions) {
      for (const r of await ctx.services.records.changesSince(p.partition, 0)) {
        if (r.deleted) continue;
        if (r.kind === "task") {
          const t = taskFromJson(r.data, year);
          if (t) tasks.push(t);
        } else {
          const d = dossierFromJson(r.data);
          if (d) dossiers.push(d);
        }
      }
    }
    report = buildStatsReport({ year, asOf, from, to, tasks, dossiers, fields: DEFAULT_FIELDS });
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(key, report);
  }
  return { status: 200, jsonBody: report };
};
