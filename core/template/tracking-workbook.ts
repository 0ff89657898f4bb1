import { parseDateText } from "../dates/parse-date";
import { cellWords, CHANNEL_WORDS, DOSSIER_STATUS_WORDS, TASK_STATUS_WORDS } from "../parse/words";
import { DEFAULT_FIELDS, type Field } from "../reference/fields";
import { DEFAULT_UNITS, unitsForYear, type Unit } from "../reference/units";
import type { SampleDossier } from "../samples/seed-dossiers";
import type { SampleTask } from "../samples/seed-tasks";
import type {
  Box,
  ListValidation,
  TemplateSheet,
  TemplateStyle,
  TemplateValue,
  TemplateWorkbook,
} from "./template-model";

/**
 * The tracking workbook a department recognises: the reform plan with a section row per field,
 * the dossier register in the layout of Mẫu số 06 (two header rows with merged group cells) with
 * the columns the statistics need, and a "Danh mục" sheet feeding the drop-down lists.
 */
export interface TrackingWorkbookOptions {
  year: number;
  /** Sample rows (the demo workbook); without them, blank numbered rows to fill in. */
  tasks?: SampleTask[];
  dossiers?: SampleDossier[];
  /** Reference data (the defaults when left out). */
  units?: readonly Unit[];
  fields?: readonly Field[];
}

export const LISTS_SHEET = "Danh mục";
export const taskSheetName = (year: number) => `Kế hoạch CCHC ${year}`;
export const DOSSIER_SHEET = "Sổ theo dõi hồ sơ";
/** Rows the drop-down lists cover (and blank dossier rows) in a blank template. */
const TEMPLATE_ROWS = 200;
const DATE_FORMAT = "dd/mm/yyyy";
const HEADER_FILL = "#DDEBF7";
const SECTION_FILL = "#F2F2F2";
const LIST_ERROR = { errorTitle: "Giá trị không hợp lệ", error: "Hãy chọn một giá trị trong danh sách." };

const TASK_HEADERS = [
  "STT",
  "Nội dung nhiệm vụ",
  "Đơn vị chủ trì",
  "Đơn vị phối hợp",
  "Thời gian hoàn thành",
  "Sản phẩm",
  "Tiến độ",
  "Ngày hoàn thành",
  "Ghi chú",
];
const TASK_WIDTHS = [6, 60, 22, 22, 18, 22, 16, 14, 20];

/** Mẫu số 06 (Thông tư 01/2018/TT-VPCP) plus sector, channel, processing time and status columns. */
const DOSSIER_COLUMNS: { head: string; sub?: string; width: number }[] = [
  { head: "STT", width: 6 },
  { head: "Mã hồ sơ", width: 26 },
  { head: "Tên TTHC", width: 44 },
  { head: "Lĩnh vực", width: 18 },
  { head: "Số lượng hồ sơ (bộ)", width: 9 },
  { head: "Tên cá nhân, tổ chức", width: 26 },
  { head: "Địa chỉ, số điện thoại", width: 30 },
  { head: "Cơ quan chủ trì giải quyết", width: 24 },
  { head: "Hình thức nộp", width: 12 },
  { head: "Thời hạn giải quyết (ngày làm việc)", width: 11 },
  { head: "Nhận hồ sơ (ngày, tháng, năm)", width: 13 },
  { head: "Hẹn trả kết quả (ngày, tháng, năm)", width: 13 },
  { head: "Chuyển hồ sơ đến cơ quan giải quyết", sub: "Ngày, tháng, năm", width: 13 },
  { head: "Chuyển hồ sơ đến cơ quan giải quyết", sub: "Ký nhận", width: 10 },
  { head: "Trả kết quả", sub: "Ngày, tháng, năm", width: 13 },
  { head: "Trả kết quả", sub: "Ký nhận", width: 10 },
  { head: "Trạng thái", width: 16 },
  { head: "Ghi chú", width: 20 },
];
const DOSSIER_DATE_COLUMNS = [11, 12, 13, 15];
const ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];

/** Cells, merges and styles of a sheet under construction. */
class SheetBuilder implements TemplateSheet {
  rows: (TemplateValue | null)[][] = [];
  rowHeights: { row: number; height: number }[] = [];
  merges: Box[] = [];
  styles: TemplateStyle[] = [];
  validations: ListValidation[] = [];
  constructor(
    readonly name: string,
    readonly columnWidths: number[],
    readonly frozenRows: number,
    readonly headerRows: number[],
  ) {}

  put(row: number, col: number, v: TemplateValue | null | undefined): void {
    if (v === null || v === undefined) return;
    while (this.rows.length < row) this.rows.push([]);
    const cells = this.rows[row - 1]!;
    while (cells.length < col) cells.push(null);
    cells[col - 1] = v;
  }
  merge(top: number, left: number, bottom: number, right: number): void {
    this.merges.push({ top, left, bottom, right });
  }
  style(top: number, left: number, bottom: number, right: number, s: Omit<TemplateStyle, "box">): void {
    this.styles.push({ box: { top, left, bottom, right }, ...s });
  }
  /** A title row: merged across the table, bold, centred. */
  title(row: number, text: string, width: number, size: number): void {
    this.merge(row, 1, row, width);
    this.put(row, 1, text);
    this.style(row, 1, row, width, {
      bold: true,
      size,
      horizontal: "center",
      vertical: "middle",
      wrap: true,
    });
  }
  header(top: number, left: number, bottom: number, right: number): void {
    this.style(top, left, bottom, right, {
      bold: true,
      horizontal: "center",
      vertical: "middle",
      wrap: true,
      grid: true,
      fill: HEADER_FILL,
    });
  }
  /** The row of column numbers (1) (2) … under the header. */
  numbers(row: number, width: number): void {
    for (let c = 1; c <= width; c++) this.put(row, c, `(${c})`);
    this.style(row, 1, row, width, { horizontal: "center", italic: true, grid: true });
  }
  list(col: number, top: number, bottom: number, source: ListSource): void {
    this.validations.push({
      box: { top, left: col, bottom, right: col },
      source: { sheet: LISTS_SHEET, column: source.column, firstRow: 2 },
      words: source.words,
      ...LIST_ERROR,
    });
  }
}

interface ListSource {
  column: number;
  words: string[];
}

/** The "Danh mục" sheet's columns: each list's header and words. */
function listColumns(units: readonly Unit[], fields: readonly Field[]) {
  return {
    unitCodes: ["Mã đơn vị", units.map((u) => u.code)],
    unitNames: ["Tên đơn vị", units.map((u) => u.name)],
    taskStatuses: ["Tiến độ", cellWords(TASK_STATUS_WORDS)],
    channels: ["Hình thức nộp", cellWords(CHANNEL_WORDS)],
    dossierStatuses: ["Trạng thái hồ sơ", cellWords(DOSSIER_STATUS_WORDS)],
    fields: ["Lĩnh vực CCHC", fields.map((f) => f.vi)],
  } satisfies Record<string, [string, string[]]>;
}
type Lists = Record<keyof ReturnType<typeof listColumns>, ListSource>;

function listsSheet(columns: ReturnType<typeof listColumns>): SheetBuilder {
  const all = Object.values(columns);
  const widths = all.map(([, values]) => Math.max(14, ...values.map((v) => Math.min(50, v.length + 2))));
  const s = new SheetBuilder(LISTS_SHEET, widths, 0, [1]);
  all.forEach(([head, values], i) => {
    s.put(1, i + 1, head);
    values.forEach((v, j) => s.put(j + 2, i + 1, v));
  });
  s.header(1, 1, 1, all.length);
  return s;
}

function taskStatusWord(t: SampleTask): string {
  const status = t.doneOn ? "done" : t.inProgress ? "in-progress" : "not-started";
  return TASK_STATUS_WORDS[status].vi;
}

function tasksSheet(
  o: Required<Pick<TrackingWorkbookOptions, "year" | "units" | "fields">>,
  tasks: SampleTask[] | undefined,
  lists: Lists,
): SheetBuilder {
  const n = TASK_HEADERS.length;
  const s = new SheetBuilder(taskSheetName(o.year), TASK_WIDTHS, 6, [5]);
  s.title(1, "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", n, 11);
  s.title(2, `KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM ${o.year}`, n, 14);
  s.title(3, "(Theo dõi tiến độ thực hiện nhiệm vụ)", n, 11);
  TASK_HEADERS.forEach((h, i) => s.put(5, i + 1, h));
  s.header(5, 1, 5, n);
  s.rowHeights.push({ row: 5, height: 32 });
  s.numbers(6, n);
  const unitName = new Map(o.units.map((u) => [u.code, u.name]));
  let r = 7;
  for (const field of o.fields) {
    s.put(r, 1, ROMAN[field.number - 1] ?? String(field.number));
    s.put(r, 2, field.vi.toUpperCase());
    s.merge(r, 2, r, n);
    s.style(r, 1, r, n, { bold: true, grid: true, fill: SECTION_FILL });
    r++;
    const fieldTasks = (tasks ?? []).filter((t) => t.field === field.number);
    const count = tasks ? fieldTasks.length : 2;
    const first = r;
    for (let i = 0; i < count; i++, r++) {
      s.put(r, 1, i + 1);
      const t = fieldTasks[i];
      if (!t) continue;
      const done = t.doneOn ? parseDateText(t.doneOn) : undefined;
      [
        t.content,
        unitName.get(t.lead) ?? t.lead,
        t.coordinating,
        t.deadline,
        t.output,
        taskStatusWord(t),
        done?.ok ? { date: done.date } : undefined,
      ].forEach((v, j) => s.put(r, j + 2, v));
    }
    if (count === 0) continue;
    s.style(first, 1, r - 1, n, { grid: true, vertical: "top", wrap: false });
    for (const c of [2, 6]) s.style(first, c, r - 1, c, { wrap: true });
    s.style(first, 8, r - 1, 8, { numberFormat: DATE_FORMAT });
  }
  const last = Math.max(r, TEMPLATE_ROWS);
  s.list(7, 7, last, lists.taskStatuses);
  s.list(3, 7, last, lists.unitNames);
  return s;
}

function dossierValues(d: SampleDossier, unitName: Map<string, string>): (TemplateValue | null)[] {
  const status = d.resultOn ? "resolved" : "processing";
  return [
    d.code,
    d.procedure.name,
    d.procedure.sector,
    1,
    d.applicant,
    d.address,
    unitName.get(d.procedure.unit) ?? d.procedure.unit,
    CHANNEL_WORDS[d.channel].vi,
    d.procedure.days,
    { date: d.receivedOn },
    { date: d.dueOn },
    null,
    null,
    d.resultOn ? { date: d.resultOn } : null,
    null,
    DOSSIER_STATUS_WORDS[status].vi,
  ];
}

function dossiersSheet(
  o: Required<Pick<TrackingWorkbookOptions, "year" | "units">>,
  dossiers: SampleDossier[] | undefined,
  lists: Lists,
): SheetBuilder {
  const n = DOSSIER_COLUMNS.length;
  const s = new SheetBuilder(
    DOSSIER_SHEET,
    DOSSIER_COLUMNS.map((c) => c.width),
    6,
    [4, 5],
  );
  s.title(1, "SỔ THEO DÕI HỒ SƠ", n, 14);
  s.title(2, `(Mẫu số 06 - Thông tư số 01/2018/TT-VPCP) - Năm ${o.year}`, n, 11);
  DOSSIER_COLUMNS.forEach((col, i) => {
    const c = i + 1;
    if (!col.sub) {
      s.merge(4, c, 5, c);
      s.put(4, c, col.head);
      return;
    }
    if (DOSSIER_COLUMNS[i - 1]?.head !== col.head) {
      let end = c;
      while (DOSSIER_COLUMNS[end]?.head === col.head) end++;
      s.merge(4, c, 4, end);
      s.put(4, c, col.head);
    }
    s.put(5, c, col.sub);
  });
  s.header(4, 1, 5, n);
  s.rowHeights.push({ row: 4, height: 45 });
  s.numbers(6, n);
  const unitName = new Map(o.units.map((u) => [u.code, u.name]));
  const rows = dossiers ?? [];
  const count = Math.max(rows.length, dossiers ? 0 : TEMPLATE_ROWS);
  for (let i = 0; i < count; i++) {
    s.put(7 + i, 1, i + 1);
    const d = rows[i];
    if (d) dossierValues(d, unitName).forEach((v, j) => s.put(7 + i, j + 2, v));
  }
  if (count > 0) {
    s.style(7, 1, 6 + count, n, { grid: true });
    for (const c of DOSSIER_DATE_COLUMNS) s.style(7, c, 6 + count, c, { numberFormat: DATE_FORMAT });
  }
  const last = 7 + Math.max(count, TEMPLATE_ROWS) - 1;
  s.list(9, 7, last, lists.channels);
  s.list(17, 7, last, lists.dossierStatuses);
  return s;
}

/** The tracking workbook of a plan year: plan, dossier register, lists; a pure function of its options. */
export function trackingWorkbook(options: TrackingWorkbookOptions): TemplateWorkbook {
  const year = options.year;
  const units = unitsForYear(year, options.units ?? DEFAULT_UNITS);
  const fields = options.fields ?? DEFAULT_FIELDS;
  const columns = listColumns(units, fields);
  const lists = Object.fromEntries(
    Object.entries(columns).map(([key, [, words]], i) => [key, { column: i + 1, words }]),
  ) as Lists;
  return {
    year,
    sheets: [
      tasksSheet({ year, units: options.units ?? DEFAULT_UNITS, fields }, options.tasks, lists),
      dossiersSheet({ year, units: options.units ?? DEFAULT_UNITS }, options.dossiers, lists),
      listsSheet(columns),
    ],
  };
}
