import ExcelJS from "exceljs";

/**
 * The dossier register as the hand-made workbooks of the sync tests write it: its sheet name, and
 * the seven headers every register has (STT, code, procedure, sector, unit, received, due).
 */
export const REGISTER_SHEET = "Sổ theo dõi hồ sơ";

export const REGISTER_HEADER: readonly string[] = [
  "STT",
  "Mã hồ sơ",
  "Tên TTHC",
  "Lĩnh vực",
  "Cơ quan chủ trì giải quyết",
  "Nhận hồ sơ",
  "Hẹn trả kết quả",
];

/** A register with every column the sync fills: channel, result date, status and notes too. */
export const FULL_REGISTER_HEADER: readonly string[] = [
  "STT",
  "Mã hồ sơ",
  "Tên TTHC",
  "Lĩnh vực",
  "Cơ quan chủ trì giải quyết",
  "Hình thức nộp",
  "Nhận hồ sơ",
  "Hẹn trả kết quả",
  "Ngày trả kết quả",
  "Trạng thái",
  "Ghi chú",
];

/**
 * A workbook holding a register as staff start one: its title row, then the header (the seven
 * columns, and any extra ones after them). Rows are added by the test.
 */
export function registerWorkbook(extra: readonly string[] = []): {
  wb: ExcelJS.Workbook;
  ws: ExcelJS.Worksheet;
} {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(REGISTER_SHEET);
  ws.addRow(["SỔ THEO DÕI HỒ SƠ - NĂM 2021"]);
  ws.addRow([...REGISTER_HEADER, ...extra]);
  return { wb, ws };
}
