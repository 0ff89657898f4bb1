import { addDays } from "../../../core/dates";
import type { Trend } from "../../../core/schemas";
import type { StatsReport } from "../../../core/stats";
import type { Caller } from "../auth/tokens";
import type { Services } from "../http/route-table";
import type { Snapshot } from "./snapshot-store";

/**
 * The change of a year-to-date report since the daily snapshot taken `days` before its cut-off
 * (or, that day missing, the latest of the `days` before it): tasks completed and dossiers resolved
 * since. Compared in the report's own scope: `unit=` compares that unit's tasks and dossiers, a
 * staff member's own unit's dossiers. Undefined when there is no such snapshot, when the report is
 * not year-to-date (another period would not compare), or the unit's figures were left out.
 */
export async function trendSince(
  services: Services,
  caller: Caller,
  report: StatsReport,
  unit: string | undefined,
  days: number,
): Promise<Trend | undefined> {
  const year = report.year;
  if (year === null || report.dossiers.from !== `${year}-01-01` || report.dossiers.to !== report.asOf)
    return undefined;
  const dossierUnit = unit ?? (caller.role === "staff" ? caller.unit : undefined);
  const target = addDays(report.asOf, -days);
  const list = await services.snapshots.list(
    year,
    { from: addDays(target, -days), to: target },
    dossierUnit !== undefined,
  );
  const snapshot = list
    .filter((s): s is Snapshot => !("damaged" in s) && s.from === report.dossiers.from)
    .at(-1);
  if (!snapshot) return undefined;
  const own = dossierUnit === undefined ? undefined : snapshot.byUnit.find((u) => u.unit === dossierUnit);
  if (dossierUnit !== undefined && !own && snapshot.unitsOmitted > 0) return undefined;
  // A unit absent from that day's figures had none then.
  const tasksDone = unit === undefined ? snapshot.tasks.done : (own?.tasks?.done ?? 0);
  const resolved =
    dossierUnit === undefined ? snapshot.dossiers.resolved.total : (own?.dossiers?.resolved.total ?? 0);
  return {
    since: snapshot.date,
    tasksDone: report.tasks.done - tasksDone,
    resolved: report.dossiers.resolved.total - resolved,
  };
}
