import { formatVi } from "../../core/dates";
import type { DossierWarning, TaskWarning, Warnings } from "../../core/stats";
import type { Lang } from "./stats-text";

const L = {
  vi: {
    title: (w: Warnings) =>
      `CẢNH BÁO HẠN (nhiệm vụ trong ${w.taskDays} ngày tới, hồ sơ trong ${w.dossierWorkingDays} ngày làm việc tới)`,
    none: "Không có nhiệm vụ hay hồ sơ nào quá hạn hoặc sắp đến hạn.",
    overdue: "Quá hạn",
    dueSoon: "Sắp đến hạn",
    tasks: "Nhiệm vụ",
    dossiers: "Hồ sơ",
    days: (w: { days: number; state: string }, working: boolean) =>
      w.days < 0
        ? `trễ ${-w.days} ngày${working ? " làm việc" : ""}`
        : w.days === 0
          ? "đến hạn hôm nay"
          : `còn ${w.days} ngày${working ? " làm việc" : ""}`,
    date: formatVi,
    row: "dòng",
    noCode: "(không có mã)",
  },
  en: {
    title: (w: Warnings) =>
      `DEADLINE WARNINGS (tasks within ${w.taskDays} days, dossiers within ${w.dossierWorkingDays} working days)`,
    none: "No task or dossier is overdue or due soon.",
    overdue: "Overdue",
    dueSoon: "Due soon",
    tasks: "Tasks",
    dossiers: "Dossiers",
    days: (w: { days: number; state: string }, working: boolean) =>
      w.days < 0
        ? `${-w.days} ${working ? "working " : ""}day(s) late`
        : w.days === 0
          ? "due today"
          : `${w.days} ${working ? "working " : ""}day(s) left`,
    date: (d: string) => d,
    row: "row",
    noCode: "(no code)",
  },
};

function where(w: TaskWarning | DossierWarning, lang: Lang): string {
  if (w.sheet !== undefined) return `${w.sheet}!${L[lang].row} ${w.row}`;
  return w.id ?? "";
}

function clip(text: string, max = 70): string {
  const one = text.replace(/\s+/g, " ").trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** The warnings of `cchc stats`, grouped overdue / due soon, each naming unit, row, due date and days. */
export function formatWarningsText(w: Warnings, lang: Lang): string[] {
  const t = L[lang];
  const out = [t.title(w)];
  if (w.tasks.length === 0 && w.dossiers.length === 0) return [...out, t.none];
  for (const state of ["overdue", "dueSoon"] as const) {
    const tasks = w.tasks.filter((x) => x.state === state);
    const dossiers = w.dossiers.filter((x) => x.state === state);
    if (tasks.length + dossiers.length === 0) continue;
    out.push(`${t[state]} (${tasks.length + dossiers.length})`);
    if (tasks.length > 0) out.push(`  ${t.tasks} (${tasks.length})`);
    for (const x of tasks)
      out.push(
        `  - [${where(x, lang)}] ${clip(x.content)} — ${x.unitName ?? "—"} — ${t.date(x.due)}, ${t.days(x, false)}`,
      );
    if (dossiers.length > 0) out.push(`  ${t.dossiers} (${dossiers.length})`);
    for (const x of dossiers)
      out.push(
        `  - [${where(x, lang)}] ${x.code ?? t.noCode} — ${x.unitName ?? "—"} — ${t.date(x.due)}, ${t.days(x, true)}`,
      );
  }
  return out;
}
