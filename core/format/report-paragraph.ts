import type { StatsReport, UnitDossierCounts, UnitTaskCounts } from "../stats/report";
import { NO_UNIT } from "../stats/report";
import { summaryVi } from "./summary-text";

/** 44.7% → "44,7%" (Vietnamese decimal comma). */
export function percentVi(x: number | null): string {
  return x === null ? "—" : `${(x * 100).toFixed(1).replace(".", ",")}%`;
}

const taskFigure = (u: UnitTaskCounts) => `${u.done}/${u.total}, ${percentVi(u.completionRate)}`;

/**
 * Which unit leads and which lags on its tasks. Lead: the highest completion rate (ties: more
 * done). Lag: the most overdue tasks; when nothing is overdue, the lowest completion rate among
 * tasks already due (a unit whose tasks are not yet due does not lag). Nothing when no unit stands out.
 */
export function leadAndLag(
  units: readonly UnitTaskCounts[],
): { lead: UnitTaskCounts; lag?: UnitTaskCounts } | undefined {
  const named = units.filter((u) => u.unit !== NO_UNIT && u.total > 0);
  const lead = [...named].sort(
    (a, b) => (b.completionRate ?? 0) - (a.completionRate ?? 0) || b.done - a.done,
  )[0];
  if (!lead || named.every((u) => u.completionRate === lead.completionRate)) return undefined;
  const lagging = named
    .filter((u) => u !== lead && (u.notDoneOverdue > 0 || (u.dueByAsOf > 0 && u.doneOfDue < u.dueByAsOf)))
    .sort(
      (a, b) =>
        b.notDoneOverdue - a.notDoneOverdue ||
        (a.dueCompletionRate ?? 1) - (b.dueCompletionRate ?? 1) ||
        a.name.localeCompare(b.name, "vi"),
    );
  return lagging[0] ? { lead, lag: lagging[0] } : { lead };
}

function overdueSentence(r: StatsReport): string {
  const t = r.tasks;
  if (t.notDoneOverdue === 0) return "Không có nhiệm vụ nào quá hạn.";
  const units = t.byUnit
    .filter((u) => u.notDoneOverdue > 0)
    .sort((a, b) => b.notDoneOverdue - a.notDoneOverdue)
    .slice(0, 3)
    .map((u) => `${u.name} ${u.notDoneOverdue}`);
  return `Có ${t.notDoneOverdue} nhiệm vụ quá hạn chưa hoàn thành (${units.join("; ")}).`;
}

function dossierOverdueSentence(r: StatsReport): string {
  const late = (u: UnitDossierCounts) => u.resolved.overdue + u.processing.overdue;
  const units = r.dossiers.byUnit.filter((u) => late(u) > 0).sort((a, b) => late(b) - late(a));
  if (units.length === 0) return "";
  return ` Hồ sơ quá hạn nhiều nhất: ${units
    .slice(0, 2)
    .map((u) => `${u.name} (${late(u)})`)
    .join(", ")}.`;
}

/**
 * The report paragraph of the summary: the seed's own sentence, then what is overdue and which
 * units lead and lag, in the words a department's report uses.
 */
export function reportParagraphVi(r: StatsReport): string {
  const ranking = leadAndLag(r.tasks.byUnit);
  const lag = ranking?.lag;
  const units = ranking
    ? ` Đơn vị dẫn đầu: ${ranking.lead.name} (${taskFigure(ranking.lead)}).${
        lag
          ? ` Cần đôn đốc: ${lag.name} (${taskFigure(lag)}${lag.notDoneOverdue > 0 ? `; ${lag.notDoneOverdue} nhiệm vụ quá hạn` : `; đã đến hạn ${lag.doneOfDue}/${lag.dueByAsOf}`}).`
          : ""
      }`
    : "";
  return `${summaryVi(r)} ${overdueSentence(r)}${dossierOverdueSentence(r)}${units}`;
}
