import type { StatsReport, UnitDossierCounts, UnitTaskCounts } from "../stats/report";
import { NO_UNIT } from "../stats/report";
import { countVi, percentVi } from "./numbers";
import { summaryVi } from "./summary-text";

const taskFigure = (u: UnitTaskCounts) =>
  `${countVi(u.done)}/${countVi(u.total)}, ${percentVi(u.completionRate)}`;

/**
 * Which unit needs pushing and which leads on its tasks. Lag: the most overdue tasks; when nothing
 * is overdue, the lowest completion among tasks already due (a unit whose tasks are not yet due
 * does not lag). Lead: among the others with something done and nothing overdue, the best
 * completion among tasks already due, then of the whole plan. Either may be absent.
 */
export function leadAndLag(units: readonly UnitTaskCounts[]): {
  lead?: UnitTaskCounts;
  lag?: UnitTaskCounts;
} {
  const named = units.filter((u) => u.unit !== NO_UNIT && u.total > 0);
  const lag = named
    .filter((u) => u.notDoneOverdue > 0 || u.doneOfDue < u.dueByAsOf)
    .sort(
      (a, b) =>
        b.notDoneOverdue - a.notDoneOverdue ||
        (a.dueCompletionRate ?? 1) - (b.dueCompletionRate ?? 1) ||
        a.name.localeCompare(b.name, "vi"),
    )[0];
  const lead = named
    .filter((u) => u !== lag && u.done > 0 && u.notDoneOverdue === 0)
    .sort(
      (a, b) =>
        (b.dueCompletionRate ?? 0) - (a.dueCompletionRate ?? 0) ||
        (b.completionRate ?? 0) - (a.completionRate ?? 0) ||
        b.done - a.done ||
        a.name.localeCompare(b.name, "vi"),
    )[0];
  // With one unit, or all alike, nobody leads.
  const alike = named.every((u) => u.completionRate === named[0]!.completionRate && u.notDoneOverdue === 0);
  return { ...(lead && !alike && { lead }), ...(lag && { lag }) };
}

function overdueSentence(r: StatsReport): string {
  const t = r.tasks;
  if (t.notDoneOverdue === 0) return "Không có nhiệm vụ nào quá hạn.";
  const units = t.byUnit
    .filter((u) => u.notDoneOverdue > 0)
    .sort((a, b) => b.notDoneOverdue - a.notDoneOverdue)
    .slice(0, 3)
    .map((u) => `${u.name} ${countVi(u.notDoneOverdue)}`);
  return `Có ${countVi(t.notDoneOverdue)} nhiệm vụ quá hạn chưa hoàn thành (${units.join("; ")}).`;
}

function dossierOverdueSentence(r: StatsReport): string {
  const late = (u: UnitDossierCounts) => u.resolved.overdue + u.processing.overdue;
  const units = r.dossiers.byUnit.filter((u) => late(u) > 0).sort((a, b) => late(b) - late(a));
  if (units.length === 0) return "";
  return ` Hồ sơ quá hạn nhiều nhất: ${units
    .slice(0, 2)
    .map((u) => `${u.name} (${countVi(late(u))})`)
    .join(", ")}.`;
}

/**
 * The report paragraph of the summary: the seed's own sentence, then what is overdue and which
 * units lead and lag, in the words a department's report uses.
 */
export function reportParagraphVi(r: StatsReport): string {
  const { lead, lag } = leadAndLag(r.tasks.byUnit);
  const units =
    (lead ? ` Đơn vị dẫn đầu: ${lead.name} (${taskFigure(lead)}).` : "") +
    (lag
      ? ` Cần đôn đốc: ${lag.name} (${taskFigure(lag)}${lag.notDoneOverdue > 0 ? `; ${countVi(lag.notDoneOverdue)} nhiệm vụ quá hạn` : `; đã đến hạn ${countVi(lag.doneOfDue)}/${countVi(lag.dueByAsOf)}`}).`
      : "");
  return `${summaryVi(r)} ${overdueSentence(r)}${dossierOverdueSentence(r)}${units}`;
}
