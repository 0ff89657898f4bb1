import ExcelJS from "exceljs";
import { getDefaultCalendar } from "../../core/calendar/working-days";
import { parseDateText } from "../../core/dates/parse-date";
import { DEFAULT_FIELDS } from "../../core/reference/fields";
import { DEFAULT_UNITS, unitsForYear } from "../../core/reference/units";
import { SEED_TASKS_2021, type SampleTask } from "../../core/samples/seed-tasks";
import { seedDossiersQ1_2021, type SampleDossier } from "../../core/samples/seed-dossiers";
import { isoToExcelDate } from "./excel-dates";

/**
 * The tracking workbook a department recognises: the reform plan with a section row per field,
 * the dossier register in the layout of Mẫu số 06 (two header rows with merged group cells) with
 * the columns the statistics need, and a "Danh mục" sheet feeding the drop-down lists.
 */
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
export const TASK_STATUSES = ["Đã hoàn thành", "Đang thực hiện", "Chưa thực hiện"];
export const CHANNELS = ["Trực tuyến", "Trực tiếp", "Bưu chính"];
export const DOSSIER_STATUSES = ["Đang giải quyết", "Đã giải quyết", "Trả lại", "Rút hồ sơ", "Chờ bổ sung"];
const LISTS_SHEET = "Danh mục";
const TEMPLATE_ROWS = 200;

const thin: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};
const DATE_FORMAT = "dd/mm/yyyy";

export interface TrackingWorkbookOptions {
  year: number;
  tasks?: SampleTask[];
  dossiers?: SampleDossier[];
}

function title(ws: ExcelJS.Worksheet, row: number, text: string, lastCol: number, size = 12): void {
  ws.mergeCells(row, 1, row, lastCol);
  const cell = ws.getCell(row, 1);
  cell.value = text;
  cell.font = { bold: true, size };
  cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
}

function headerCell(cell: ExcelJS.Cell, text: string): void {
  cell.value = text;
  cell.font = { bold: true };
  cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  cell.border = thin;
  cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
}

function listValidation(
  ws: ExcelJS.Worksheet,
  col: number,
  fromRow: number,
  toRow: number,
  listColumn: string,
  count: number,
): void {
  for (let r = fromRow; r <= toRow; r++) {
    ws.getCell(r, col).dataValidation = {
      type: "list",
      allowBlank: true,
      formulae: [`'${LISTS_SHEET}'!$${listColumn}$2:$${listColumn}$${count + 1}`],
      showErrorMessage: true,
      errorTitle: "Giá trị không hợp lệ",
      error: "Hãy chọn một giá trị trong danh sách.",
    };
  }
}

function writeLists(wb: ExcelJS.Workbook, year: number): void {
  const ws = wb.addWorksheet(LISTS_SHEET);
  const units = unitsForYear(year, DEFAULT_UNITS);
  const columns: [string, string[]][] = [
    ["Mã đơn vị", units.map((u) => u.code)],
    ["Tên đơn vị", units.map((u) => u.name)],
    ["Tiến độ", TASK_STATUSES],
    ["Hình thức nộp", CHANNELS],
    ["Trạng thái hồ sơ", DOSSIER_STATUSES],
    ["Lĩnh vực CCHC", DEFAULT_FIELDS.map((f) => f.vi)],
  ];
  columns.forEach(([head, values], i) => {
    headerCell(ws.getCell(1, i + 1), head);
    values.forEach((v, j) => (ws.getCell(j + 2, i + 1).value = v));
    ws.getColumn(i + 1).width = Math.max(14, ...values.map((v) => Math.min(50, v.length + 2)));
  });
}

function writeTasks(wb: ExcelJS.Workbook, year: number, tasks: SampleTask[] | undefined): void {
  const ws = wb.addWorksheet(`Kế hoạch CCHC ${year}`, { views: [{ state: "frozen", ySplit: 6 }] });
  title(ws, 1, "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", TASK_HEADERS.length, 11);
  title(ws, 2, `KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM ${year}`, TASK_HEADERS.length, 14);
  title(ws, 3, "(Theo dõi tiến độ thực hiện nhiệm vụ)", TASK_HEADERS.length, 11);
  TASK_HEADERS.forEach((h, i) => {
    headerCell(ws.getCell(5, i + 1), h);
    const n = ws.getCell(6, i + 1);
    n.value = `(${i + 1})`;
    n.alignment = { horizontal: "center" };
    n.font = { italic: true };
    n.border = thin;
    ws.getColumn(i + 1).width = TASK_WIDTHS[i]!;
  });
  ws.getRow(5).height = 32;
  let r = 7;
  const roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];
  const units = new Map(DEFAULT_UNITS.map((u) => [u.code, u.name]));
  for (const field of DEFAULT_FIELDS) {
    const sec = ws.getRow(r);
    sec.getCell(1).value = roman[field.number - 1]!;
    sec.getCell(2).value = field.vi.toUpperCase();
    ws.mergeCells(r, 2, r, TASK_HEADERS.length);
    for (let c = 1; c <= TASK_HEADERS.length; c++) {
      sec.getCell(c).font = { bold: true };
      sec.getCell(c).border = thin;
      sec.getCell(c).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };
    }
    r++;
    const fieldTasks = (tasks ?? []).filter((t) => t.field === field.number);
    const rows = tasks ? fieldTasks.length : 2;
    for (let i = 0; i < rows; i++, r++) {
      const row = ws.getRow(r);
      row.getCell(1).value = i + 1;
      const t = fieldTasks[i];
      if (t) {
        row.getCell(2).value = t.content;
        row.getCell(3).value = units.get(t.lead) ?? t.lead;
        if (t.coordinating) row.getCell(4).value = t.coordinating;
        row.getCell(5).value = t.deadline;
        row.getCell(6).value = t.output;
        row.getCell(7).value = t.doneOn
          ? "Đã hoàn thành"
          : t.inProgress
            ? "Đang thực hiện"
            : "Chưa thực hiện";
        if (t.doneOn) {
          const d = parseDateText(t.doneOn);
          if (d.ok) row.getCell(8).value = isoToExcelDate(d.date);
        }
      }
      for (let c = 1; c <= TASK_HEADERS.length; c++) {
        const cell = row.getCell(c);
        cell.border = thin;
        cell.alignment = { vertical: "top", wrapText: c === 2 || c === 6 };
      }
      row.getCell(8).numFmt = DATE_FORMAT;
    }
  }
  listValidation(ws, 7, 7, Math.max(r, TEMPLATE_ROWS), "C", TASK_STATUSES.length);
  listValidation(ws, 3, 7, Math.max(r, TEMPLATE_ROWS), "B", unitsForYear(year).length);
}

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

function writeDossiers(wb: ExcelJS.Workbook, year: number, dossiers: SampleDossier[] | undefined): void {
  const ws = wb.addWorksheet("Sổ theo dõi hồ sơ", { views: [{ state: "frozen", ySplit: 6 }] });
  const n = DOSSIER_COLUMNS.length;
  title(ws, 1, "SỔ THEO DÕI HỒ SƠ", n, 14);
  title(ws, 2, `(Mẫu số 06 - Thông tư số 01/2018/TT-VPCP) - Năm ${year}`, n, 11);
  DOSSIER_COLUMNS.forEach((col, i) => {
    ws.getColumn(i + 1).width = col.width;
    if (!col.sub) {
      ws.mergeCells(4, i + 1, 5, i + 1);
      headerCell(ws.getCell(4, i + 1), col.head);
    } else {
      if (DOSSIER_COLUMNS[i - 1]?.head !== col.head) {
        ws.mergeCells(4, i + 1, 4, i + 2);
        headerCell(ws.getCell(4, i + 1), col.head);
      }
      headerCell(ws.getCell(5, i + 1), col.sub);
    }
    const num = ws.getCell(6, i + 1);
    num.value = `(${i + 1})`;
    num.alignment = { horizontal: "center" };
    num.font = { italic: true };
    num.border = thin;
  });
  ws.getRow(4).height = 45;
  const unitNames = new Map(DEFAULT_UNITS.map((u) => [u.code, u.name]));
  const rows = dossiers ?? [];
  const channelText = { online: "Trực tuyến", "in-person": "Trực tiếp", post: "Bưu chính" } as const;
  const count = Math.max(rows.length, dossiers ? 0 : TEMPLATE_ROWS);
  for (let i = 0; i < count; i++) {
    const row = ws.getRow(7 + i);
    const d = rows[i];
    row.getCell(1).value = i + 1;
    if (d) {
      const values: (string | number | Date | null)[] = [
        d.code,
        d.procedure.name,
        d.procedure.sector,
        1,
        d.applicant,
        d.address,
        unitNames.get(d.procedure.unit) ?? d.procedure.unit,
        channelText[d.channel],
        d.procedure.days,
        isoToExcelDate(d.receivedOn),
        isoToExcelDate(d.dueOn),
        null,
        null,
        d.resultOn ? isoToExcelDate(d.resultOn) : null,
        null,
        d.resultOn ? "Đã giải quyết" : "Đang giải quyết",
        null,
      ];
      values.forEach((v, j) => (row.getCell(j + 2).value = v));
    }
    for (let c = 1; c <= n; c++) row.getCell(c).border = thin;
    for (const c of [11, 12, 13, 15]) row.getCell(c).numFmt = DATE_FORMAT;
  }
  const last = 7 + Math.max(count, TEMPLATE_ROWS) - 1;
  listValidation(ws, 9, 7, last, "D", CHANNELS.length);
  listValidation(ws, 17, 7, last, "E", DOSSIER_STATUSES.length);
}

export function buildTrackingWorkbook(options: TrackingWorkbookOptions): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "CCHC Tracker";
  wb.created = new Date(Date.UTC(options.year, 0, 1));
  writeTasks(wb, options.year, options.tasks);
  writeDossiers(wb, options.year, options.dossiers);
  writeLists(wb, options.year);
  return wb;
}

/** The seed's first quarter of 2021: `cchc stats` on it as of 31/03/2021 gives 17/38; 330 ahead; 9 within deadline. */
export function buildDemoWorkbook(): ExcelJS.Workbook {
  return buildTrackingWorkbook({
    year: 2021,
    tasks: SEED_TASKS_2021,
    dossiers: seedDossiersQ1_2021(getDefaultCalendar()),
  });
}
