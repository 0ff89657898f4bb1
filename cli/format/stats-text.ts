import { formatVi } from "../../core/dates";
import type { DossierCounts } from "../../core/stats";
import type { StatsReport } from "../../core/stats";
import type { TaskCounts } from "../../core/stats";
import { renderTable } from "./table";
import { DOSSIER_RATE_COLUMNS, dossierCountsRow, TASK_RATE_COLUMNS, taskCountsRow } from "../../core/format";
import { countEn, countVi, percentEn, percentVi, summaryEn, summaryVi } from "../../core/format";
import { formatWarningsText } from "./warnings-text";

export type Lang = "vi" | "en";

const L = {
  vi: {
    title: (r: StatsReport) =>
      `THỐNG KÊ CẢI CÁCH HÀNH CHÍNH${r.year ? ` NĂM ${r.year}` : ""} — tính đến ${formatVi(r.asOf)}`,
    tasks: "NHIỆM VỤ",
    taskHead: [
      "",
      "Tổng",
      "Đã HT",
      "Đúng hạn",
      "Quá hạn",
      "Không rõ ngày",
      "Chưa HT",
      "Trong hạn",
      "Quá hạn",
      "Chưa TH",
      "Tỷ lệ HT",
    ],
    byField: "Theo lĩnh vực",
    byUnit: "Theo đơn vị",
    total: "Tổng cộng",
    dueRate: (c: TaskCounts) =>
      c.dueByAsOf === 0
        ? "Chưa có nhiệm vụ nào đến hạn."
        : `Tỷ lệ hoàn thành trong số nhiệm vụ đã đến hạn: ${countVi(c.doneOfDue)}/${countVi(c.dueByAsOf)} (${pct(c.dueCompletionRate, "vi")})`,
    dossiers: (r: StatsReport) =>
      `HỒ SƠ THỦ TỤC HÀNH CHÍNH — kỳ ${formatVi(r.dossiers.from)} đến ${formatVi(r.dossiers.to)} (Biểu 06/VPCP/KSTT)`,
    dossierHead: [
      "",
      "Nhận",
      "Trực tuyến",
      "Trực tiếp/BC",
      "Kỳ trước",
      "Đã GQ",
      "Trước hạn",
      "Đúng hạn",
      "Quá hạn",
      "Đang GQ",
      "Trong hạn",
      "Quá hạn",
      "Trả lại/Rút",
      "Tỷ lệ đúng hạn",
      "Tỷ lệ trực tuyến",
    ],
    bySector: "Theo lĩnh vực thủ tục",
    summary: (r: StatsReport) => summaryVi(r),
    errors: (n: number, rows: number) => `LỖI (${n} lỗi, ${rows} dòng không được tính)`,
    mapping: "CÁCH ĐỌC SỔ TÍNH",
    sheet: "Trang",
    byHand: " (sửa tay)",
    row: "dòng",
    column: "cột",
  },
  en: {
    title: (r: StatsReport) =>
      `ADMINISTRATIVE REFORM STATISTICS${r.year ? ` ${r.year}` : ""} — as of ${r.asOf}`,
    tasks: "TASKS",
    taskHead: [
      "",
      "Total",
      "Done",
      "On time",
      "Late",
      "Date unknown",
      "Not done",
      "Within",
      "Overdue",
      "Not started",
      "Done %",
    ],
    byField: "By field",
    byUnit: "By unit",
    total: "Total",
    dueRate: (c: TaskCounts) =>
      c.dueByAsOf === 0
        ? "No task is due yet."
        : `Completion among tasks already due: ${countEn(c.doneOfDue)}/${countEn(c.dueByAsOf)} (${pct(c.dueCompletionRate)})`,
    dossiers: (r: StatsReport) =>
      `ADMINISTRATIVE-PROCEDURE DOSSIERS — period ${r.dossiers.from} to ${r.dossiers.to} (form 06/VPCP/KSTT)`,
    dossierHead: [
      "",
      "Received",
      "Online",
      "In person/post",
      "Carried over",
      "Resolved",
      "Ahead",
      "On time",
      "Overdue",
      "Processing",
      "Within",
      "Overdue",
      "Returned/withdrawn",
      "On-time rate",
      "Online rate",
    ],
    bySector: "By sector",
    summary: (r: StatsReport) => summaryEn(r),
    errors: (n: number, rows: number) => `ERRORS (${n}, ${rows} rows left out)`,
    mapping: "HOW THE WORKBOOK WAS READ",
    sheet: "Sheet",
    byHand: " (set by hand)",
    row: "row",
    column: "column",
  },
};

/** A rate as a percentage with one decimal: a decimal comma in Vietnamese (44,7%), as the summary sheet writes it. */
const pct = (x: number | null, lang: Lang = "en"): string => (lang === "vi" ? percentVi(x) : percentEn(x));

/** Rates as percentages, counts with the language's thousands separator (100.000 / 100,000). */
const withPercent = (row: (string | number | null)[], rateColumns: number[], lang: Lang) =>
  row.map((v, i) =>
    rateColumns.includes(i)
      ? pct(v as number | null, lang)
      : typeof v === "number"
        ? (lang === "vi" ? countVi : countEn)(v)
        : (v ?? "—"),
  );
const taskRow = (label: string, c: TaskCounts, lang: Lang) =>
  withPercent(taskCountsRow(label, c), TASK_RATE_COLUMNS, lang);
const dossierRow = (label: string, c: DossierCounts, lang: Lang) =>
  withPercent(dossierCountsRow(label, c), DOSSIER_RATE_COLUMNS, lang);

export function formatStatsText(r: StatsReport, lang: Lang): string {
  const t = L[lang];
  const out: string[] = [t.title(r), "", t.summary(r), "", `${t.tasks}`];
  out.push(renderTable(t.taskHead, [taskRow(t.total, r.tasks, lang)]), t.dueRate(r.tasks), "");
  out.push(
    t.byField,
    renderTable(
      t.taskHead,
      r.tasks.byField
        .filter((f) => f.total > 0 || f.field !== null)
        .map((f) => taskRow(f.field === null ? f.name : `${f.field}. ${f.name}`, f, lang)),
    ),
    "",
  );
  out.push(
    t.byUnit,
    renderTable(
      t.taskHead,
      r.tasks.byUnit.map((u) => taskRow(u.name, u, lang)),
    ),
    "",
  );
  out.push(t.dossiers(r), renderTable(t.dossierHead, [dossierRow(t.total, r.dossiers, lang)]), "");
  if (r.dossiers.bySector.length > 0)
    out.push(
      t.bySector,
      renderTable(
        t.dossierHead,
        r.dossiers.bySector.map((s) => dossierRow(s.sector, s, lang)),
      ),
      "",
    );
  if (r.dossiers.byUnit.length > 0)
    out.push(
      t.byUnit,
      renderTable(
        t.dossierHead,
        r.dossiers.byUnit.map((u) => dossierRow(u.name, u, lang)),
      ),
      "",
    );
  out.push(...formatWarningsText(r.warnings, lang), "");
  out.push(t.mapping);
  for (const m of r.mapping) {
    if (m.kind !== "workbook")
      out.push(
        `- ${t.sheet} "${m.sheet}": ${m.kind}${m.headerRows ? ` (${t.row} ${m.headerRows.join("–")})` : ""}${
          m.columns
            ? ": " +
              m.columns
                .filter((c) => c.field !== "unknown")
                .map((c) => `${c.column}=${c.field}${c.byHand ? t.byHand : ""}`)
                .join(", ")
            : ""
        }`,
      );
    for (const n of m.notes) out.push(`  • ${n[lang]}`);
  }
  if (r.errors.length > 0) {
    // A row may hold several errors; a workbook's or a sheet's error holds no row.
    const rows = new Set(r.errors.filter((e) => e.row !== null).map((e) => `${e.sheet}\u0000${e.row}`));
    out.push("", t.errors(r.errors.length, rows.size));
    for (const e of r.errors.slice(0, 200)) {
      const place = [
        e.sheet ? `${t.sheet} "${e.sheet}"` : "",
        e.row ? `${t.row} ${e.row}` : "",
        e.column ? `${t.column} ${e.column}` : "",
      ].filter((p) => p !== "");
      out.push(`- ${place.length > 0 ? `${place.join(", ")}: ` : ""}${e.message[lang]}`);
    }
    if (r.errors.length > 200) out.push(`… (+${r.errors.length - 200})`);
  }
  return out.join("\n");
}
