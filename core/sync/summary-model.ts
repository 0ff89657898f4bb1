import { formatVi } from "../dates/local-date";
import { summaryVi } from "../format/summary-text";
import {
  DOSSIER_RATE_COLUMNS,
  dossierCountsRow,
  TASK_RATE_COLUMNS,
  taskCountsRow,
} from "../format/report-rows";
import type { StatsReport } from "../stats/report";

/** A table of the summary sheet: numbers stay numbers, rates are fractions shown as percentages. */
export interface SummaryTable {
  title: string;
  /** One or two header rows; in two rows, a group cell spans the empty cells to its right. */
  header: string[][];
  rows: (string | number | null)[][];
  /** Columns (0-based) holding rates. */
  percentColumns: number[];
  /** The last row is a total. */
  total: boolean;
}

/** The "Tổng hợp" sheet, independent of how a workbook adapter draws it. */
export interface SummaryModel {
  sheetName: string;
  title: string;
  subtitle: string;
  paragraph: string;
  tables: SummaryTable[];
}

export const SUMMARY_SHEET = "Tổng hợp";

const TASK_HEADER = [
  ["", "Tổng số", "Đã hoàn thành", "", "", "", "Chưa hoàn thành", "", "", "", "Tỷ lệ hoàn thành"],
  [
    "",
    "",
    "Tổng",
    "Đúng hạn",
    "Quá hạn",
    "Không rõ ngày",
    "Tổng",
    "Trong hạn",
    "Quá hạn",
    "Chưa triển khai",
    "",
  ],
];
const taskRow = taskCountsRow;

const DOSSIER_HEADER = [
  [
    "",
    "Số hồ sơ nhận giải quyết",
    "",
    "",
    "",
    "Số hồ sơ đã giải quyết",
    "",
    "",
    "",
    "Số hồ sơ đang giải quyết",
    "",
    "",
    "Trả lại / rút",
    "Tỷ lệ đúng hạn",
    "Tỷ lệ trực tuyến",
  ],
  [
    "",
    "Tổng số",
    "Trực tuyến",
    "Trực tiếp, bưu chính",
    "Từ kỳ trước",
    "Tổng số",
    "Trước hạn",
    "Đúng hạn",
    "Quá hạn",
    "Tổng số",
    "Trong hạn",
    "Quá hạn",
    "",
    "",
    "",
  ],
];
const dossierRow = dossierCountsRow;

/** The leaders' summary from the server's statistics: task completion and the Biểu 06 columns. */
export function buildSummary(report: StatsReport, syncedAt: Date): SummaryModel {
  const t = report.tasks;
  const d = report.dossiers;
  const vn = new Date(syncedAt.getTime() + 7 * 3_600_000).toISOString(); // Vietnam's wall clock (UTC+7)
  const when = `${formatVi(vn.slice(0, 10))} ${vn.slice(11, 16)} (giờ Việt Nam, UTC+7)`;
  return {
    sheetName: SUMMARY_SHEET,
    title: `TỔNG HỢP KẾT QUẢ CẢI CÁCH HÀNH CHÍNH${report.year ? ` NĂM ${report.year}` : ""}`,
    subtitle: `Số liệu tính đến ngày ${formatVi(report.asOf)}; hồ sơ kỳ ${formatVi(d.from)} – ${formatVi(d.to)}; đồng bộ lúc ${when}`,
    paragraph: summaryVi(report),
    tables: [
      {
        title: "I. NHIỆM VỤ THEO KẾ HOẠCH — THEO LĨNH VỰC",
        header: TASK_HEADER,
        rows: [
          ...t.byField
            .filter((f) => f.total > 0 || f.field !== null)
            .map((f) => taskRow(f.field === null ? f.name : `${f.field}. ${f.name}`, f)),
          taskRow("Tổng cộng", t),
        ],
        percentColumns: TASK_RATE_COLUMNS,
        total: true,
      },
      {
        title: "II. NHIỆM VỤ THEO ĐƠN VỊ CHỦ TRÌ",
        header: TASK_HEADER,
        rows: [...t.byUnit.map((u) => taskRow(u.name, u)), taskRow("Tổng cộng", t)],
        percentColumns: TASK_RATE_COLUMNS,
        total: true,
      },
      {
        title: "III. HỒ SƠ THỦ TỤC HÀNH CHÍNH THEO LĨNH VỰC (Biểu 06/VPCP/KSTT)",
        header: DOSSIER_HEADER,
        rows: [...d.bySector.map((s) => dossierRow(s.sector, s)), dossierRow("Tổng cộng", d)],
        percentColumns: DOSSIER_RATE_COLUMNS,
        total: true,
      },
      {
        title: "IV. HỒ SƠ THỦ TỤC HÀNH CHÍNH THEO ĐƠN VỊ",
        header: DOSSIER_HEADER,
        rows: [...d.byUnit.map((u) => dossierRow(u.name, u)), dossierRow("Tổng cộng", d)],
        percentColumns: DOSSIER_RATE_COLUMNS,
        total: true,
      },
    ],
  };
}
