import { formatVi } from "../dates/local-date";
import {
  DOSSIER_RATE_COLUMNS,
  dossierCountsRow,
  TASK_RATE_COLUMNS,
  taskCountsRow,
} from "../format/report-rows";
import type { StatsReport } from "../stats/report";
import type { Trend } from "../schemas/stats-answer";
import { reportParagraphVi } from "../format/report-paragraph";
import { previousQuarterClose } from "../stats/periods";
import type { SyncTransport } from "./transport";
import {
  chartTables,
  keyFigures,
  keyFiguresTitle,
  placeSummary,
  warningsTable,
  WARNINGS_SHOWN,
  type KeyFigure,
  type SourceLocator,
  type SummaryChart,
  type TableSpec,
} from "./summary-parts";

/** A table of the summary sheet: numbers stay numbers, rates are fractions shown as percentages. */
export interface SummaryTable {
  /** Stable name (a chart names its table by it). */
  id: string;
  /** Row (1-based) of the table's title; the header follows, then the rows. Column A is the first. */
  top: number;
  /** Sheet columns each column spans (merged), when not 1: a long text gets a wide cell. */
  spans?: number[];
  /** A line under the table (e.g. "… and 12 more"). */
  note?: string;
  title: string;
  /** One or two header rows; in two rows, a group cell spans the empty cells to its right. */
  header: string[][];
  rows: (string | number | null)[][];
  /** Columns (0-based) holding rates. */
  percentColumns: number[];
  /** The last row is a total. */
  total: boolean;
  /** Each row's height in points, as many lines as its longest text needs (absent: one line each). */
  rowHeights?: number[];
}

/**
 * The "Tổng hợp" sheet, independent of how a workbook adapter draws it. The layout is decided
 * here (every position is in the model), so the file adapter and the add-in draw the same sheet:
 * rows 1–2 title and subtitle, row 3 the charts note, the key figures, the report paragraph, the
 * warnings, the chart source tables (charts beside them), then the detailed tables.
 */
export interface SummaryModel {
  sheetName: string;
  title: string;
  subtitle: string;
  /** Height in points of the subtitle's row, enough for its lines (absent: one line). */
  subtitleRowHeight?: number;
  /** Says that the charts are drawn by the add-in when it refreshes the sheet. */
  chartNote: string;
  /** Heading above the key figures (row 4): what their changes compare with. */
  keyFiguresTitle: string;
  /** The key figures as large cells, each at its place, with the change since the last quarter. */
  keyFigures: KeyFigure[];
  paragraph: string;
  /** Row of the paragraph (merged over `paragraphRows` rows across the sheet's width). */
  paragraphRow: number;
  paragraphRows: number;
  /** Height in points of each of the paragraph's rows, enough for its lines (absent: 22). */
  paragraphRowHeight?: number;
  /** Columns the sheet uses (A = 1); `columnWidths[i]` is column i+1's width in characters. */
  width: number;
  columnWidths: number[];
  tables: SummaryTable[];
  charts: SummaryChart[];
  /** Rows that start a printed page (the charts, the detailed tables). */
  pageBreaksBefore: number[];
}

export type { KeyFigure, SummaryChart } from "./summary-parts";

export interface SummaryOptions {
  /** The same statistics at the close of the previous official quarter: the figures' changes. */
  previous?: StatsReport;
  /** The change since the server's daily snapshot a week before: a line under the title. */
  trend?: Trend;
  /** Where a stored record is in this workbook (warnings from the server name records by id). */
  locate?: SourceLocator;
}

export const SUMMARY_SHEET = "Tổng hợp";
/** What a table cell without a figure (null: a rate of nothing) shows, in both adapters. */
export const NO_FIGURE = "—";
/** How the summary sheet begins (its title in A1, then the plan year). */
export const SUMMARY_TITLE = "TỔNG HỢP KẾT QUẢ CẢI CÁCH HÀNH CHÍNH";

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

/** The dossier period as a leader reads it; next year's plan synced before 1 January has none yet. */
const dossierPeriod = (from: string, to: string) =>
  from <= to
    ? `hồ sơ kỳ ${formatVi(from)} – ${formatVi(to)}`
    : `hồ sơ: kỳ bắt đầu từ ${formatVi(from)} (chưa có số liệu)`;

/** Days back the summary compares with the server's daily snapshot ("3 more than a week ago"). */
export const TREND_DAYS = 7;

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** The line under the title: what changed since the snapshot a week before (one unit's dossiers named). */
export function trendLine(trend: Trend, onlyUnitName?: string): string {
  const whose = onlyUnitName ? ` của ${onlyUnitName}` : "";
  return `So với ${formatVi(trend.since)}: ${signed(trend.tasksDone)} nhiệm vụ hoàn thành, ${signed(trend.resolved)} hồ sơ${whose} đã giải quyết`;
}

/** The leaders' summary from the server's statistics: task completion and the Biểu 06 columns. */
export function buildSummary(
  report: StatsReport,
  syncedAt: Date,
  options: SummaryOptions = {},
): SummaryModel {
  const t = report.tasks;
  const d = report.dossiers;
  // Figures of one unit's dossiers only (a staff member's sync) say so wherever they are shown.
  const onlyUnit = d.onlyUnit ? ` — CHỈ HỒ SƠ CỦA ${d.onlyUnit.name.toLocaleUpperCase("vi")}` : "";
  const vn = new Date(syncedAt.getTime() + 7 * 3_600_000).toISOString(); // Vietnam's wall clock (UTC+7)
  const when = `${formatVi(vn.slice(0, 10))} ${vn.slice(11, 16)} (giờ Việt Nam, UTC+7)`;
  const detail: TableSpec[] = [
    {
      id: "tasks-by-field",
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
      id: "tasks-by-unit",
      title: "II. NHIỆM VỤ THEO ĐƠN VỊ CHỦ TRÌ",
      header: TASK_HEADER,
      rows: [...t.byUnit.map((u) => taskRow(u.name, u)), taskRow("Tổng cộng", t)],
      percentColumns: TASK_RATE_COLUMNS,
      total: true,
    },
    {
      id: "dossiers-by-sector",
      title: `III. HỒ SƠ THỦ TỤC HÀNH CHÍNH THEO LĨNH VỰC (Biểu 06/VPCP/KSTT)${onlyUnit}`,
      header: DOSSIER_HEADER,
      rows: [...d.bySector.map((s) => dossierRow(s.sector, s)), dossierRow("Tổng cộng", d)],
      percentColumns: DOSSIER_RATE_COLUMNS,
      total: true,
    },
    {
      id: "dossiers-by-unit",
      title: `IV. HỒ SƠ THỦ TỤC HÀNH CHÍNH THEO ĐƠN VỊ${onlyUnit}`,
      header: DOSSIER_HEADER,
      rows: [...d.byUnit.map((u) => dossierRow(u.name, u)), dossierRow("Tổng cộng", d)],
      percentColumns: DOSSIER_RATE_COLUMNS,
      total: true,
    },
  ];
  return placeSummary({
    sheetName: SUMMARY_SHEET,
    title: `${SUMMARY_TITLE}${report.year ? ` NĂM ${report.year}` : ""}`,
    subtitle:
      `Số liệu tính đến ngày ${formatVi(report.asOf)}; ${dossierPeriod(d.from, d.to)}${d.onlyUnit ? ` (chỉ hồ sơ của ${d.onlyUnit.name}: người đồng bộ chỉ được xem hồ sơ của đơn vị mình)` : ""}; đồng bộ lúc ${when}` +
      (options.trend ? `\n${trendLine(options.trend, d.onlyUnit?.name)}` : ""),
    paragraph: reportParagraphVi(report),
    keyFiguresTitle: keyFiguresTitle(options.previous),
    keyFigures: keyFigures(report, options.previous),
    warnings: warningsTable(report.warnings, options.locate, d.onlyUnit?.name),
    chartTables: chartTables(report),
    detail,
  });
}

/**
 * The summary a sync writes: the statistics at the cut-off, compared with the last quarter's close
 * and with the server's daily snapshot a week before (when it has one), in one request listing only
 * the warnings the summary shows (a server that does not know the `previous` parameter is asked a
 * second time).
 */
export async function fetchSummaryModel(
  transport: Pick<SyncTransport, "stats">,
  year: number,
  asOf: string,
  syncedAt: Date,
  locate?: SourceLocator,
): Promise<SummaryModel> {
  const close = previousQuarterClose(asOf);
  // Year-to-date figures: before the plan year starts there is nothing to compare with.
  const compare = close >= `${year}-01-01`;
  const report = await transport.stats({
    year,
    asOf,
    warnings: WARNINGS_SHOWN,
    ...(compare && { previous: close }),
    trend: TREND_DAYS,
  });
  const previous = !compare
    ? undefined
    : (report.previous ?? (await transport.stats({ year, asOf: close, warnings: 0 })));
  return buildSummary(report, syncedAt, {
    ...(previous && { previous }),
    ...(locate && { locate }),
    ...(report.trend && { trend: report.trend }),
  });
}
