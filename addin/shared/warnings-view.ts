import { formatVi } from "../../core/dates";
import type { DossierWarning, TaskWarning, Warnings } from "../../core/stats";
import type { RecordPlace } from "../../core/sync";
import type { Lang } from "./i18n";

/** One line of the pane's warnings list, in the user's language. */
export interface WarningItem {
  kind: "task" | "dossier";
  /** A task's content, a dossier's code. */
  what: string;
  unit: string;
  /** dd/mm/yyyy */
  due: string;
  /** "trễ 3 ngày", "còn 2 ngày làm việc", "hôm nay" / "3 days late", … */
  daysText: string;
  late: boolean;
  /** The row in this workbook (1-based), when the record is in it. */
  place?: { sheet: string; row: number };
}

export interface WarningGroups {
  overdue: WarningItem[];
  dueSoon: WarningItem[];
  taskDays: number;
  dossierWorkingDays: number;
}

/** Days left or late in the user's language: calendar days for tasks, working days for dossiers. */
export function daysText(days: number, working: boolean, lang: Lang): string {
  const n = Math.abs(days);
  if (lang === "en") {
    if (days === 0) return "due today";
    const unit = `${working ? "working " : ""}day${n === 1 ? "" : "s"}`;
    return days < 0 ? `${n} ${unit} late` : `${n} ${unit} left`;
  }
  if (days === 0) return "hạn hôm nay";
  const unit = `ngày${working ? " làm việc" : ""}`;
  return days < 0 ? `trễ ${n} ${unit}` : `còn ${n} ${unit}`;
}

/**
 * The stats' warnings grouped for the pane: overdue, then due soon; tasks before dossiers (their
 * days count differently), each list in the server's order (the most urgent first). A record the
 * server names by id is found in this workbook by `locate` (its hidden id column).
 */
export function warningGroups(
  w: Warnings,
  locate: (id: string) => RecordPlace | undefined,
  lang: Lang,
): WarningGroups {
  const none = lang === "en" ? "(no code)" : "(không có mã)";
  const noUnit = lang === "en" ? "(no unit)" : "(không ghi đơn vị)";
  const item = (x: TaskWarning | DossierWarning, kind: "task" | "dossier", what: string): WarningItem => {
    const at =
      x.sheet !== undefined && x.row !== undefined
        ? { sheet: x.sheet, row: x.row }
        : x.id !== undefined
          ? locate(x.id)
          : undefined;
    return {
      kind,
      what,
      unit: x.unitName ?? x.unit ?? noUnit,
      due: formatVi(x.due),
      daysText: daysText(x.days, kind === "dossier", lang),
      late: x.days < 0,
      ...(at && { place: { sheet: at.sheet, row: at.row } }),
    };
  };
  const all = [
    ...w.tasks.map((t) => ({ state: t.state, item: item(t, "task", t.content) })),
    ...w.dossiers.map((d) => ({ state: d.state, item: item(d, "dossier", d.code ?? none) })),
  ];
  return {
    overdue: all.filter((x) => x.state === "overdue").map((x) => x.item),
    dueSoon: all.filter((x) => x.state === "dueSoon").map((x) => x.item),
    taskDays: w.taskDays,
    dossierWorkingDays: w.dossierWorkingDays,
  };
}
