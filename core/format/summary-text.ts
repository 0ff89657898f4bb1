import { formatVi } from "../dates/local-date";
import type { StatsReport } from "../stats/report";
import { countEn, countVi } from "./numbers";

/**
 * The dossier period when it is not the plan year to date (01/01 to the cut-off): a quarter, a
 * month. The sentence is pasted into reports, so it must say which period its figures cover.
 */
function ownPeriod(r: StatsReport): { from: string; to: string } | undefined {
  const { from, to } = r.dossiers;
  const yearToDate = r.year !== null && from === `${r.year}-01-01` && to === r.asOf;
  return yearToDate || from > to ? undefined : { from, to };
}

/**
 * The sentence of the department's own report, from its figures: "Tính đến ngày …, đã hoàn thành
 * 17/38 nhiệm vụ theo kế hoạch; đã giải quyết trước hạn 330 hồ sơ, không có hồ sơ quá hạn; còn 9 hồ
 * sơ đang giải quyết (chưa tới hạn)." Dossiers of another period than the year to date say it
 * ("trong kỳ 15/12/2020 – 14/03/2021, đã giải quyết …").
 */
export function summaryVi(r: StatsReport): string {
  const d = r.dossiers;
  const overdue =
    d.resolved.overdue === 0
      ? "không có hồ sơ quá hạn"
      : `${countVi(d.resolved.overdue)} hồ sơ giải quyết quá hạn`;
  const processing =
    d.processing.total === 0
      ? "không còn hồ sơ đang giải quyết"
      : d.processing.overdue === 0
        ? `còn ${countVi(d.processing.total)} hồ sơ đang giải quyết (chưa tới hạn)`
        : `còn ${countVi(d.processing.total)} hồ sơ đang giải quyết (${countVi(d.processing.withinDeadline)} trong hạn, ${countVi(d.processing.overdue)} quá hạn)`;
  const onTime = d.resolved.onTime > 0 ? `, đúng hạn ${countVi(d.resolved.onTime)} hồ sơ` : "";
  // One unit's dossiers only (a staff member's read scope): say whose, never as the department's.
  const whose = d.onlyUnit ? ` của ${d.onlyUnit.name}` : "";
  const period = ownPeriod(r);
  const during = period ? `trong kỳ ${formatVi(period.from)} – ${formatVi(period.to)}, ` : "";
  return `Tính đến ngày ${formatVi(r.asOf)}, đã hoàn thành ${countVi(r.tasks.done)}/${countVi(r.tasks.total)} nhiệm vụ theo kế hoạch; ${during}đã giải quyết trước hạn ${countVi(d.resolved.ahead)} hồ sơ${whose}${onTime}, ${overdue}; ${processing}.`;
}

export function summaryEn(r: StatsReport): string {
  const d = r.dossiers;
  const whose = d.onlyUnit ? ` of ${d.onlyUnit.name}` : "";
  const period = ownPeriod(r);
  const during = period ? `in the period ${period.from} to ${period.to}, ` : "";
  const processing =
    d.processing.total === 0
      ? "none still being processed"
      : `${countEn(d.processing.total)} still being processed (${countEn(d.processing.withinDeadline)} within deadline, ${countEn(d.processing.overdue)} overdue)`;
  return `As of ${r.asOf}: ${countEn(r.tasks.done)}/${countEn(r.tasks.total)} tasks completed; ${during}${countEn(d.resolved.ahead)} dossiers${whose} resolved ahead of deadline, ${countEn(d.resolved.onTime)} on time, ${d.resolved.overdue === 0 ? "none" : countEn(d.resolved.overdue)} overdue; ${processing}.`;
}
