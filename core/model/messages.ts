import { CHANNEL_WORDS, DOSSIER_STATUS_WORDS, TASK_STATUS_WORDS, type Word } from "../parse/words";
import type { Message } from "./records";

/** The words to use, from words.ts: "A", "B" hoặc "C" / "A" (a), "B" (b) or "C" (c). */
function choices(words: Readonly<Record<string, Word>>, last: string, withEnglish = false): string {
  const list = Object.values(words).map((w) => `"${w.vi}"${withEnglish ? ` (${w.en.toLowerCase()})` : ""}`);
  return `${list.slice(0, -1).join(", ")} ${last} ${list[list.length - 1]}`;
}

/**
 * The texts of row and sheet errors, in Vietnamese and English. Each says what is wrong and what
 * to do; the sheet, row and column travel beside it in `RowError`.
 */
export const msg = {
  excelError: (header: string, value: string): Message => ({
    vi: `Ô "${header}" chứa lỗi công thức ${value}; hãy sửa công thức hoặc nhập giá trị.`,
    en: `Cell "${header}" holds the formula error ${value}; fix the formula or type a value.`,
  }),
  uncomputedFormula: (header: string): Message => ({
    vi: `Ô "${header}" là công thức mà tệp không lưu giá trị đã tính; hãy mở tệp trong Excel và lưu lại để tính công thức.`,
    en: `Cell "${header}" holds a formula whose computed value the file does not hold; open and save the file in Excel to compute formulas.`,
  }),
  tooLong: (header: string, length: number): Message => ({
    vi: `Ô "${header}" dài ${length} ký tự, vượt giới hạn 32.767 ký tự của Excel.`,
    en: `Cell "${header}" is ${length} characters long, over Excel's 32,767-character limit.`,
  }),
  badDate: (header: string, value: string): Message => ({
    vi: `Không đọc được ngày "${value}" ở cột "${header}"; hãy nhập theo dạng ngày/tháng/năm (dd/mm/yyyy).`,
    en: `Cannot read the date "${value}" in column "${header}"; enter it as day/month/year (dd/mm/yyyy).`,
  }),
  impossibleDate: (header: string, value: string): Message => ({
    vi: `Ngày "${value}" ở cột "${header}" không tồn tại (ngày/tháng/năm); hãy kiểm tra lại.`,
    en: `The date "${value}" in column "${header}" does not exist (day/month/year); check it.`,
  }),
  badDeadline: (header: string, value: string): Message => ({
    vi: `Không hiểu thời hạn "${value}" ở cột "${header}"; dùng một ngày (30/6/2021), "Quý I", "Tháng 6", "6 tháng đầu năm", "Năm 2021" hoặc "Thường xuyên".`,
    en: `Cannot read the deadline "${value}" in column "${header}"; use a date (30/6/2021), "Quý I", "Tháng 6", "6 tháng đầu năm", "Năm 2021" or "Thường xuyên".`,
  }),
  deadlineNeedsYear: (header: string, value: string): Message => ({
    vi: `Thời hạn "${value}" ở cột "${header}" không có năm và không rõ năm kế hoạch; ghi năm vào tiêu đề (… NĂM 2021) hoặc dùng --year.`,
    en: `The deadline "${value}" in column "${header}" has no year and the plan year is unknown; put the year in the title (… NĂM 2021) or pass --year.`,
  }),
  unknownTaskStatus: (header: string, value: string): Message => ({
    vi: `Không hiểu tình trạng "${value}" ở cột "${header}"; dùng ${choices(TASK_STATUS_WORDS, "hoặc")}.`,
    en: `Unknown status "${value}" in column "${header}"; use ${choices(TASK_STATUS_WORDS, "or", true)}.`,
  }),
  unknownDossierStatus: (header: string, value: string): Message => ({
    vi: `Không hiểu trạng thái hồ sơ "${value}" ở cột "${header}"; dùng ${choices(DOSSIER_STATUS_WORDS, "hoặc")}.`,
    en: `Unknown dossier status "${value}" in column "${header}"; use ${choices(DOSSIER_STATUS_WORDS, "or")}.`,
  }),
  unknownChannel: (header: string, value: string): Message => ({
    vi: `Không hiểu hình thức nộp "${value}" ở cột "${header}"; dùng ${choices(CHANNEL_WORDS, "hoặc")}.`,
    en: `Unknown channel "${value}" in column "${header}"; use ${choices(CHANNEL_WORDS, "or", true)}.`,
  }),
  unknownField: (header: string, value: string): Message => ({
    vi: `Không khớp lĩnh vực "${value}" ở cột "${header}" với danh mục lĩnh vực của kế hoạch; dùng tên lĩnh vực hoặc số thứ tự (1–8).`,
    en: `The field "${value}" in column "${header}" matches none of the plan's fields; use a field name or its number (1–8).`,
  }),
  missing: (header: string): Message => ({
    vi: `Thiếu giá trị bắt buộc ở cột "${header}"; hãy nhập giá trị hoặc xóa dòng.`,
    en: `Required value missing in column "${header}"; fill it in or delete the row.`,
  }),
  missingDue: (): Message => ({
    vi: `Hồ sơ không có ngày hẹn trả và không có thời hạn giải quyết (ngày làm việc) để tính; hãy nhập một trong hai.`,
    en: `The dossier has no appointment date and no processing time (working days) to compute one; enter either.`,
  }),
  notANumber: (header: string, value: string): Message => ({
    vi: `Cột "${header}" cần một số nguyên không âm, nhưng có "${value}".`,
    en: `Column "${header}" needs a whole number ≥ 0 but holds "${value}".`,
  }),
  resultBeforeReceived: (header: string, result: string, received: string): Message => ({
    vi: `Ngày ở cột "${header}" (${result}) trước ngày nhận hồ sơ (${received}); hãy kiểm tra lại hai ngày này.`,
    en: `The date in column "${header}" (${result}) is before the received date (${received}); check both dates.`,
  }),
  dueBeforeReceived: (header: string, due: string, received: string): Message => ({
    vi: `Ngày hẹn trả ở cột "${header}" (${due}) trước ngày nhận hồ sơ (${received}); hãy kiểm tra lại hai ngày này.`,
    en: `The appointment date in column "${header}" (${due}) is before the received date (${received}); check both dates.`,
  }),
  resolvedWithoutDate: (header: string): Message => ({
    vi: `Hồ sơ ghi đã giải quyết nhưng thiếu ngày trả kết quả ở cột "${header}"; không thể xếp trước hạn, đúng hạn hay quá hạn.`,
    en: `The dossier is marked resolved but has no result date in column "${header}"; it cannot be classed ahead, on time or overdue.`,
  }),
  syncedRowAsSection: (header: string): Message => ({
    vi: `Dòng này là một nhiệm vụ đã đồng bộ nhưng chỉ còn chữ ở cột "${header}" (các ô đã bị gộp hoặc xóa), nên đọc như một tiêu đề mục; nhiệm vụ được giữ nguyên trên máy chủ. Hãy bỏ gộp ô và nhập lại, hoặc xóa cả dòng nếu muốn xóa nhiệm vụ.`,
    en: `This row is a synced task but holds text only in column "${header}" (its cells were merged or cleared), so it reads as a section heading; the task is kept on the server as it was. Unmerge the cells and fill them in again, or delete the whole row to delete the task.`,
  }),
  duplicateCode: (header: string, value: string, firstRow: number): Message => ({
    vi: `Mã "${value}" ở cột "${header}" trùng với dòng ${firstRow}; dòng này không được tính; mỗi dòng cần một mã riêng.`,
    en: `The code "${value}" in column "${header}" duplicates row ${firstRow}; this row is not counted: give each row its own code.`,
  }),
  calendarMissing: (year: string): Message => ({
    vi: `Lịch ngày làm việc chưa có dữ liệu năm ${year}; không tính được ngày hẹn trả; hãy nhập ngày hẹn trả hoặc bổ sung lịch năm đó.`,
    en: `The working-day calendar has no data for ${year}; the due date cannot be computed; enter the appointment date or add that year to the calendar.`,
  }),
  emptyWorkbook: (): Message => ({
    vi: "Sổ tính không có trang tính nào có dữ liệu; hãy kiểm tra đã chọn đúng tệp.",
    en: "The workbook has no sheet with data; check that this is the right file.",
  }),
  noRecognisedSheet: (): Message => ({
    vi: 'Không tìm thấy trang tính nhiệm vụ hay sổ theo dõi hồ sơ: cần một dòng tiêu đề cột như "Nội dung nhiệm vụ | Đơn vị chủ trì | Thời gian hoàn thành" hoặc "Mã hồ sơ | Ngày nhận | Ngày hẹn trả".',
    en: 'No tasks sheet or dossier register found: a header row such as "Nội dung nhiệm vụ | Đơn vị chủ trì | Thời gian hoàn thành" or "Mã hồ sơ | Ngày nhận | Ngày hẹn trả" is needed.',
  }),
  /** A conflict held by a formula cell (core/sync/formula-holds.ts): "theirs" cannot be written into it. */
  formulaHeld: (): Message => ({
    vi: "ô có công thức: sửa công thức (hoặc gõ giá trị) cho khớp, hoặc chạy lại với --prefer mine để giữ giá trị của công thức",
    en: "the cell holds a formula: change the formula (or type a value) to match, or sync again with --prefer mine to keep the formula's value",
  }),
  sectionUnmatched: (title: string, number: number): Message => ({
    vi: `Mục "${title}" không khớp lĩnh vực nào trong danh mục; được tính là lĩnh vực số ${number} riêng của kế hoạch này.`,
    en: `Section "${title}" matches no listed field; it is counted as this plan's own field number ${number}.`,
  }),
};
