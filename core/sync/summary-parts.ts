import { formatVi } from "../dates/local-date";
import { countVi, decimalVi, percentVi } from "../format/numbers";
import type { SourceRef } from "../model/records";
import type { StatsReport } from "../stats/report";
import { warningTotals, type DossierWarning, type TaskWarning, type Warnings } from "../stats/warnings";
import type { SummaryModel, SummaryTable } from "./summary-model";

/** A table before the layout gives it its row. */
export type TableSpec = Omit<SummaryTable, "top">;

/** Finds a stored record's row in the workbook (the id column), for warnings that come by id. */
export type SourceLocator = (id: string) => SourceRef | undefined;

/** One key figure, drawn as a large cell: label above, value, detail and change below. */
export interface KeyFigure {
  label: string;
  /** What the large cell shows ("17/38", "330", "45,0%"). */
  text: string;
  /** The number behind it (a fraction when `percent`), null when there is nothing to divide. */
  value: number | null;
  percent: boolean;
  detail: string;
  /** Change since the previous quarter's close (count, or fraction points), null when unknown. */
  change: number | null;
  changeText: string;
  /** good: moved the right way; bad: the wrong way; neutral: no change or unknown. */
  tone: "good" | "bad" | "neutral";
  /** The value itself needs attention (something overdue). */
  alert: boolean;
  /** Height in points of the label's row: a label naming a long unit takes two lines or more. */
  labelHeight?: number;
  /** Place: row of the label (value, detail and change in the three rows below), column, width. */
  row: number;
  col: number;
  span: number;
}

/**
 * A native chart the Excel add-in draws (Office.js `worksheet.charts.add(type, range, "Columns")`),
 * named so that a refresh deletes the chart of that name before adding it again: replaced, never
 * duplicated. `type` is the Excel.ChartType value.
 */
export interface SummaryChart {
  name: string;
  type: "BarStacked" | "ColumnClustered" | "Line";
  title: string;
  /** The id of its source table in `tables`. */
  table: string;
  /** Source on the summary sheet: header row + data rows, categories in the first column. */
  range: string;
  seriesBy: "Columns";
  series: string[];
  /** Placed beside its table: top-left and bottom-right cells. */
  from: string;
  to: string;
  /** What an adapter that cannot draw charts writes in that place. */
  placeholder: string;
}

const WIDTH = 15;
const FIRST_COLUMN = 46;
const OTHER_COLUMNS = 11.5;
/** Key figures: three per row, in A, B:E, F:I (each about as wide as column A). */
const FIGURE_PLACES = [
  { col: 1, span: 1 },
  { col: 2, span: 4 },
  { col: 6, span: 4 },
];
/** Lines of the warnings table: the engine asks the server for this many of each kind. */
export const WARNINGS_SHOWN = 25;
const CHART_ROWS = 16;
/** Height in points of a row of one line (the sheet's default), and of a table's header rows. */
const LINE = 15;
const HEADER_ROW = 30;
/**
 * Height in points of the sheet that a printed landscape A4 page holds at the summary's width, fit
 * to width: 487 printable points hold about 755 in Excel (the sheet is about 1,150 points wide, so
 * about 65%) and about 940 in LibreOffice (its columns are narrower). The smaller, less a margin.
 */
const PAGE_POINTS = 740;
/** Characters of 11-point text a cell of width w (Excel's characters) holds on one line, whole words. */
const charsPerLine = (w: number) => w * 1.05;

const columnWidth = (c: number) => (c === 0 ? FIRST_COLUMN : OTHER_COLUMNS);
/** A key figure's width in characters: column A alone, or `span` of the other columns. */
const figureWidth = (span: number) => (span === 1 ? FIRST_COLUMN : span * OTHER_COLUMNS);

/** Lines a text needs in a cell `width` characters wide (at least one). */
export function linesFor(text: string, width: number): number {
  return text
    .split("\n")
    .reduce((n, part) => n + Math.max(1, Math.ceil(part.length / charsPerLine(width))), 0);
}

/**
 * Each row's height in points: its longest text wrapped over the columns its cell spans. Files and
 * Excel do not grow a written or merged row by themselves, so the sheet gives it the lines it needs;
 * a text cut at its cell's edge (a unit whose number ends its name) would not say which unit.
 */
function rowHeights(t: TableSpec): number[] {
  return t.rows.map((row) => {
    let col = 0;
    let lines = 1;
    row.forEach((v, c) => {
      const span = t.spans?.[c] ?? 1;
      let width = 0;
      for (let k = col; k < col + span; k++) width += columnWidth(k);
      if (typeof v === "string") lines = Math.max(lines, linesFor(v, width));
      col += span;
    });
    return LINE * lines;
  });
}

const signed = (n: number, digits = 0) =>
  `${n > 0 ? "+" : n < 0 ? "−" : "±"}${digits === 0 ? countVi(Math.abs(n)) : decimalVi(Math.abs(n), digits)}`;

function figure(
  label: string,
  text: string,
  value: number | null,
  detail: string,
  change: { now: number | null; before: number | null | undefined; since: string | undefined },
  options: { percent?: boolean; higherIsBetter: boolean; alert?: boolean },
): Omit<KeyFigure, "row" | "col" | "span"> {
  const { now, before, since } = change;
  const delta =
    since !== undefined && now !== null && before !== null && before !== undefined ? now - before : null;
  const rounded = delta === null ? null : options.percent ? Math.round(delta * 1000) / 1000 : delta;
  const changeText =
    rounded === null
      ? since !== undefined && now === null
        ? "Chưa có số liệu kỳ này để so sánh" // e.g. no dossier received yet: the rate is "—"
        : "Chưa có số liệu quý trước để so sánh"
      : `${options.percent ? `${signed(rounded * 100, 1)} điểm %` : signed(rounded)} so với ${since}`;
  const tone =
    rounded === null || rounded === 0 ? "neutral" : rounded > 0 === options.higherIsBetter ? "good" : "bad";
  return {
    label,
    text,
    value,
    percent: options.percent ?? false,
    detail,
    change: rounded,
    changeText,
    tone,
    alert: options.alert ?? false,
  };
}

/** " — <unit>" after a dossier title when the figures hold one unit's dossiers only. */
const whose = (r: StatsReport) => (r.dossiers.onlyUnit ? ` — ${r.dossiers.onlyUnit.name}` : "");

/**
 * The six figures a leader reads first, each with its change since the close of the previous
 * official quarter (the same statistics computed at that cut-off), when that report is given.
 */
export function keyFigures(r: StatsReport, previous?: StatsReport): KeyFigure[] {
  const t = r.tasks;
  const d = r.dossiers;
  const p = previous;
  const since = p ? formatVi(p.asOf) : undefined;
  const late = (x: StatsReport) => x.dossiers.resolved.overdue + x.dossiers.processing.overdue;
  const newly = d.received.online + d.received.inPersonOrPost;
  const ofUnit = whose(r);
  const figures = [
    figure(
      "Nhiệm vụ đã hoàn thành",
      `${countVi(t.done)}/${countVi(t.total)}`,
      t.done,
      `${percentVi(t.completionRate)} kế hoạch năm; ${t.dueByAsOf === 0 ? "chưa có nhiệm vụ nào đến hạn" : `đã đến hạn: ${countVi(t.doneOfDue)}/${countVi(t.dueByAsOf)}`}`,
      { now: t.done, before: p?.tasks.done, since },
      { higherIsBetter: true },
    ),
    figure(
      "Hoàn thành đúng hạn",
      countVi(t.doneOnTime),
      t.doneOnTime,
      `${countVi(t.doneOnTime)}/${countVi(t.done)} nhiệm vụ đã hoàn thành; trễ hạn ${countVi(t.doneLate)}${t.doneDateUnknown > 0 ? `; không rõ ngày ${countVi(t.doneDateUnknown)}` : ""}`,
      { now: t.doneOnTime, before: p?.tasks.doneOnTime, since },
      { higherIsBetter: true },
    ),
    figure(
      "Nhiệm vụ quá hạn",
      countVi(t.notDoneOverdue),
      t.notDoneOverdue,
      t.notDoneOverdue === 0 ? "Không có nhiệm vụ quá hạn" : "Chưa hoàn thành, đã quá hạn",
      { now: t.notDoneOverdue, before: p?.tasks.notDoneOverdue, since },
      { higherIsBetter: false, alert: t.notDoneOverdue > 0 },
    ),
    figure(
      `Hồ sơ đã giải quyết${ofUnit}`,
      countVi(d.resolved.total),
      d.resolved.total,
      `Đúng và trước hạn ${percentVi(d.onTimeRate)}; đang giải quyết ${countVi(d.processing.total)}`,
      { now: d.resolved.total, before: p?.dossiers.resolved.total, since },
      { higherIsBetter: true },
    ),
    figure(
      `Hồ sơ quá hạn${ofUnit}`,
      countVi(late(r)),
      late(r),
      `Giải quyết quá hạn ${countVi(d.resolved.overdue)}; đang giải quyết quá hạn ${countVi(d.processing.overdue)}`,
      { now: late(r), before: p && late(p), since },
      { higherIsBetter: false, alert: late(r) > 0 },
    ),
    figure(
      `Tỷ lệ hồ sơ trực tuyến${ofUnit}`,
      percentVi(d.onlineRate),
      d.onlineRate,
      newly === 0
        ? "Chưa tiếp nhận hồ sơ mới"
        : `${countVi(d.received.online)}/${countVi(newly)} hồ sơ tiếp nhận mới`,
      { now: d.onlineRate, before: p?.dossiers.onlineRate, since },
      { percent: true, higherIsBetter: true },
    ),
  ];
  // Figures side by side share their label's row: it takes the lines of the longest of them.
  const labelHeight = (i: number) => {
    const inRow = figures.slice(i - (i % 3), i - (i % 3) + 3);
    const lines = Math.max(...inRow.map((f, k) => linesFor(f.label, figureWidth(FIGURE_PLACES[k]!.span))));
    return lines > 1 ? LINE * lines + 5 : 20;
  };
  return figures.map((f, i) => ({
    ...f,
    labelHeight: labelHeight(i),
    row: 5 + Math.floor(i / 3) * 5,
    ...FIGURE_PLACES[i % 3]!,
  }));
}

function where(w: TaskWarning | DossierWarning, locate: SourceLocator | undefined): string {
  const at = w.sheet !== undefined ? { sheet: w.sheet, row: w.row! } : w.id ? locate?.(w.id) : undefined;
  // A record the server names that has no row here (a leader's blank copy): its id means nothing to a reader.
  return at ? `${at.sheet}, dòng ${at.row}` : "không có trong sổ này";
}

const daysText = (w: { days: number }, working: boolean) =>
  w.days < 0
    ? `trễ ${-w.days} ngày${working ? " làm việc" : ""}`
    : w.days === 0
      ? "hôm nay"
      : `còn ${w.days} ngày${working ? " làm việc" : ""}`;

/**
 * The warnings section: overdue first, then due soon; tasks and dossiers; at most 25 lines.
 * `onlyUnit` names the unit when the dossiers are that unit's only (a staff member's sync).
 */
export function warningsTable(w: Warnings, locate?: SourceLocator, onlyUnit?: string): TableSpec {
  const items = [
    ...w.tasks.map((x) => ({ x, kind: "Nhiệm vụ", what: x.content, working: false })),
    ...w.dossiers.map((x) => ({ x, kind: "Hồ sơ", what: x.code ?? "(không có mã)", working: true })),
  ].sort(
    // Overdue first; tasks before dossiers (their days are in different units); the most urgent first.
    (a, b) =>
      (a.x.state === b.x.state ? 0 : a.x.state === "overdue" ? -1 : 1) ||
      (a.kind === b.kind ? 0 : a.kind === "Nhiệm vụ" ? -1 : 1) ||
      a.x.days - b.x.days,
  );
  const rows = items
    .slice(0, WARNINGS_SHOWN)
    .map(({ x, kind, what, working }) => [
      what,
      kind,
      x.state === "overdue" ? "Quá hạn" : "Sắp đến hạn",
      formatVi(x.due),
      daysText(x, working),
      x.unitName ?? "—",
      where(x, locate),
    ]);
  // The server may send only the most urgent of each kind (enough for these lines), with the counts of all.
  const totals = warningTotals(w);
  const overdue = totals.tasks.overdue + totals.dossiers.overdue;
  const all = overdue + totals.tasks.dueSoon + totals.dossiers.dueSoon;
  const table: TableSpec = {
    id: "warnings",
    title: `CẢNH BÁO HẠN — ${countVi(overdue)} quá hạn, ${countVi(all - overdue)} sắp đến hạn (nhiệm vụ trong ${w.taskDays} ngày, hồ sơ${onlyUnit ? ` của ${onlyUnit}` : ""} trong ${w.dossierWorkingDays} ngày làm việc tới)`,
    header: [["Nhiệm vụ / mã hồ sơ", "Loại", "Tình trạng", "Hạn", "Thời hạn", "Đơn vị", "Vị trí"]],
    rows:
      rows.length > 0
        ? rows
        : [["Không có nhiệm vụ hay hồ sơ nào quá hạn hoặc sắp đến hạn.", "", "", "", "", "", ""]],
    spans: [1, 1, 1, 1, 2, 4, 3],
    percentColumns: [],
    total: false,
  };
  if (all > rows.length)
    table.note = `… và ${countVi(all - rows.length)} mục khác (xem đầy đủ: cchc stats, hoặc ngăn tác vụ của add-in).`;
  return table;
}

/** The source tables of the three charts (no total rows: a chart shows the parts). */
export function chartTables(r: StatsReport): TableSpec[] {
  const fields = r.tasks.byField.filter((f) => f.total > 0);
  const monthName = (m: string) => `Tháng ${Number(m.slice(5, 7))}`;
  return [
    {
      id: "chart-tasks-by-field",
      title: "Biểu đồ 1. Tiến độ nhiệm vụ theo lĩnh vực",
      // Done without a completion date is its own bar: its timeliness is unknown (DOMAIN.md), not on time.
      header: [
        ["Lĩnh vực", "Đúng hạn", "HT, không rõ ngày", "Trễ hạn", "Chưa HT, trong hạn", "Chưa HT, quá hạn"],
      ],
      rows: fields.map((f) => [
        f.field === null ? f.name : `${f.field}. ${f.name}`,
        f.doneOnTime,
        f.doneDateUnknown,
        f.doneLate,
        f.notDoneWithinDeadline,
        f.notDoneOverdue,
      ]),
      percentColumns: [],
      total: false,
    },
    {
      id: "chart-dossiers-by-sector",
      title: `Biểu đồ 2. Hồ sơ theo lĩnh vực thủ tục${whose(r)}`,
      header: [["Lĩnh vực thủ tục", "Trước hạn", "Đúng hạn", "Quá hạn", "Đang giải quyết"]],
      rows: r.dossiers.bySector.map((s) => [
        s.sector,
        s.resolved.ahead,
        s.resolved.onTime,
        s.resolved.overdue,
        s.processing.total,
      ]),
      percentColumns: [],
      total: false,
    },
    {
      id: "chart-dossiers-by-month",
      title: `Biểu đồ 3. Hồ sơ tiếp nhận và giải quyết theo tháng${r.year ? ` năm ${r.year}` : ""}${whose(r)}`,
      header: [["Tháng", "Tiếp nhận", "Đã giải quyết"]],
      rows: r.dossiers.byMonth.map((m) => [monthName(m.month), m.received, m.resolved]),
      percentColumns: [],
      total: false,
    },
  ];
}

const CHART_KINDS: Record<string, Pick<SummaryChart, "name" | "type">> = {
  "chart-tasks-by-field": { name: "cchc_chart_tasks_by_field", type: "BarStacked" },
  "chart-dossiers-by-sector": { name: "cchc_chart_dossiers_by_sector", type: "BarStacked" },
  "chart-dossiers-by-month": { name: "cchc_chart_dossiers_by_month", type: "Line" },
};

/** Column letters of the first 26 columns (the summary uses 15). */
const col = (c: number) => String.fromCharCode(64 + c);

/** The rows a table takes: title, header rows, rows, its note. */
const tableHeight = (t: TableSpec) => 1 + t.header.length + t.rows.length + (t.note ? 1 : 0);

/** The points a table takes on paper: title, header rows, rows as tall as their texts, its note. */
const tablePoints = (t: TableSpec, heights: number[]) =>
  LINE * (1 + (t.note ? 1 : 0)) + HEADER_ROW * t.header.length + heights.reduce((a, b) => a + b, 0);

/** How many of a table's rows fit in `room` points with its title, header and the gap after it (its note with the last row). */
function rowsThatFit(t: TableSpec, heights: number[], room: number): number {
  let used = LINE + HEADER_ROW * t.header.length + LINE;
  for (let i = 0; i < heights.length; i++) {
    const last = i === heights.length - 1;
    used += heights[i]! + (last && t.note ? LINE : 0);
    if (used > room) return i;
  }
  return heights.length;
}

/** The heading of the key figures: what the changes compare with. */
export function keyFiguresTitle(previous: StatsReport | undefined): string {
  return previous
    ? `CHỈ SỐ CHÍNH (dòng cuối mỗi ô: thay đổi so với ngày chốt số liệu quý trước, ${formatVi(previous.asOf)})`
    : "CHỈ SỐ CHÍNH";
}

/** Gives every part its place on the sheet, top to bottom, and the charts their ranges. */
export function placeSummary(parts: {
  sheetName: string;
  title: string;
  subtitle: string;
  paragraph: string;
  keyFiguresTitle: string;
  keyFigures: KeyFigure[];
  warnings: TableSpec;
  chartTables: TableSpec[];
  detail: TableSpec[];
}): SummaryModel {
  const tables: SummaryTable[] = [];
  const pageBreaksBefore: number[] = [];
  const charts: SummaryChart[] = [];
  const paragraphRow = 5 + Math.ceil(parts.keyFigures.length / 3) * 5;
  const paragraphRows = 3;
  const sheetWidth = FIRST_COLUMN + (WIDTH - 1) * OTHER_COLUMNS;
  // The paragraph names units: with long names it takes more lines than three default rows hold.
  const paragraphRowHeight = Math.max(
    22,
    Math.ceil((LINE * linesFor(parts.paragraph, sheetWidth)) / paragraphRows) + 1,
  );
  let row = paragraphRow + 4;
  // Where the next row starts on its printed page, in points: rows 1–4, the figures, the paragraph.
  const figureBlocks = Math.ceil(parts.keyFigures.length / 3);
  const labels = parts.keyFigures
    .filter((_, i) => i % 3 === 0)
    .reduce((sum, f) => sum + (f.labelHeight ?? 20) - 20, 0);
  // A staff member's subtitle names their unit and why: it may take two lines.
  const subtitleRowHeight = LINE * linesFor(parts.subtitle, sheetWidth);
  let y =
    26 +
    2 * LINE +
    subtitleRowHeight +
    figureBlocks * (88 + LINE) +
    labels +
    paragraphRows * paragraphRowHeight +
    LINE;
  /** Places a table at `row` (on a new page first when `breakBefore`), and moves past it. */
  const place = (spec: TableSpec, breakBefore: boolean, minRows = 0) => {
    if (breakBefore && y > 0) {
      pageBreaksBefore.push(row);
      y = 0;
    }
    const heights = rowHeights(spec);
    tables.push({ ...spec, top: row, rowHeights: heights });
    const rows = Math.max(tableHeight(spec), minRows);
    y = (y + Math.max(tablePoints(spec, heights), minRows * LINE) + LINE) % PAGE_POINTS;
    row += rows + 1;
    return { top: row - rows - 1, height: rows };
  };
  /**
   * Places a table that may be taller than what is left of the page: the rows that fit, then on
   * each next page the rest under its title marked "(tiếp)" and its header again (a sheet has one
   * print-title range, which the summary's own title rows would need). A table of which fewer than
   * two rows fit starts the next page instead.
   */
  const placeFlowing = (spec: TableSpec, breakBefore: boolean) => {
    let part = spec;
    let fresh = breakBefore || y === 0;
    for (let piece = 2; ; piece++) {
      const heights = rowHeights(part);
      const room = PAGE_POINTS - (fresh ? 0 : y);
      const fit = rowsThatFit(part, heights, room);
      if (fit >= part.rows.length) return place(part, fresh && y > 0);
      if (fit < 2 && !fresh) {
        fresh = true;
        continue;
      }
      const taken = Math.max(fit, 1); // a row taller than a page still goes somewhere
      const { note: _note, ...head } = part; // the note ("… và N mục khác") goes under the last piece
      place({ ...head, rows: part.rows.slice(0, taken), total: false }, fresh && y > 0);
      part = {
        ...part,
        id: `${spec.id}-${piece}`,
        title: `${spec.title} (tiếp)`,
        rows: part.rows.slice(taken),
      };
      fresh = true;
    }
  };
  placeFlowing(parts.warnings, false);
  for (const [i, spec] of parts.chartTables.entries()) {
    // Page 1 holds the figures, the warnings and the first chart when they fit; page 2 the others.
    const points = Math.max(tablePoints(spec, rowHeights(spec)), CHART_ROWS * LINE);
    const { top, height } = place(spec, i === 1 || (i === 0 && y + points > PAGE_POINTS), CHART_ROWS);
    const width = spec.header[0]!.length;
    const kind = CHART_KINDS[spec.id]!;
    const chartLeft = Math.max(width + 1, 7); // every chart from column G, beside its table (A–F at most)
    if (spec.rows.length === 0) continue;
    charts.push({
      ...kind,
      title: spec.title.replace(/^Biểu đồ \d+\. /, ""),
      table: spec.id,
      range: `A${top + 1}:${col(width)}${top + tableHeight(spec) - 1}`,
      seriesBy: "Columns",
      series: spec.header[0]!.slice(1),
      from: `${col(chartLeft)}${top}`,
      to: `${col(WIDTH)}${top + height - 1}`,
      placeholder: `[${spec.title}: biểu đồ được vẽ khi làm mới sổ từ add-in Excel; số liệu ở bảng bên trái]`,
    });
  }
  // The detailed tables start a page; each one that would run over the page's end starts the next.
  y = PAGE_POINTS;
  for (const spec of parts.detail) {
    const points = tablePoints(spec, rowHeights(spec));
    placeFlowing(spec, y + points > PAGE_POINTS);
  }
  return {
    sheetName: parts.sheetName,
    title: parts.title,
    subtitle: parts.subtitle,
    subtitleRowHeight,
    chartNote:
      "Biểu đồ được vẽ khi làm mới sổ từ add-in Excel (ngăn tác vụ CCHC); bảng số liệu của từng biểu đồ nằm bên trái vị trí biểu đồ.",
    keyFiguresTitle: parts.keyFiguresTitle,
    keyFigures: parts.keyFigures,
    paragraph: parts.paragraph,
    paragraphRow,
    paragraphRows,
    paragraphRowHeight,
    width: WIDTH,
    columnWidths: [FIRST_COLUMN, ...Array.from({ length: WIDTH - 1 }, () => OTHER_COLUMNS)],
    tables,
    charts,
    pageBreaksBefore,
  };
}
