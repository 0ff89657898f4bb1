import { renameSync } from "node:fs";
import ExcelJS from "exceljs";
import { getDefaultCalendar } from "../core/calendar/working-days";
import { addDays } from "../core/dates/local-date";
import { SAMPLE_PROCEDURES, seededRandom } from "../core/samples/seed-dossiers";
import { isoToExcelDate } from "../cli/xlsx/excel-dates";

/**
 * Writes a large tracking workbook with exceljs's streaming writer: `tasks` tasks in 8 sections and
 * `dossiers` dossiers over 2021 in a register with a two-row header. Deterministic for a given size.
 */
export async function generateWorkbook(file: string, tasks: number, dossiers: number): Promise<void> {
  const random = seededRandom(7);
  const calendar = getDefaultCalendar();
  const partial = `${file}.partial`; // renamed when complete: an interrupted run leaves no half file
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: partial,
    useSharedStrings: false,
    useStyles: true,
  });

  const plan = wb.addWorksheet("Kế hoạch");
  plan.addRow(["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2021"]).commit();
  plan
    .addRow([
      "STT",
      "Nội dung nhiệm vụ",
      "Đơn vị chủ trì",
      "Thời gian hoàn thành",
      "Tiến độ",
      "Ngày hoàn thành",
    ])
    .commit();
  const deadlines = [
    "Quý I",
    "Quý II",
    "Tháng 6",
    "6 tháng đầu năm",
    "Năm 2021",
    "Thường xuyên",
    "30/9/2021",
  ];
  for (let f = 1; f <= 8; f++) {
    plan.addRow([["I", "II", "III", "IV", "V", "VI", "VII", "VIII"][f - 1], `Lĩnh vực ${f}`]).commit();
    for (let i = 0; i < tasks / 8; i++) {
      const done = random() < 0.45;
      plan
        .addRow([
          i + 1,
          `Nhiệm vụ ${f}.${i + 1}`,
          "Văn phòng Sở",
          deadlines[i % deadlines.length],
          done ? "Đã hoàn thành" : "Đang thực hiện",
          done ? isoToExcelDate(addDays("2021-01-10", Math.floor(random() * 300))) : null,
        ])
        .commit();
    }
  }
  await plan.commit();

  const reg = wb.addWorksheet("Sổ hồ sơ");
  reg.addRow(["SỔ THEO DÕI HỒ SƠ - NĂM 2021"]).commit();
  const group = reg.addRow([
    "STT",
    "Mã hồ sơ",
    "Tên TTHC",
    "Lĩnh vực",
    "Cơ quan chủ trì giải quyết",
    "Hình thức nộp",
    "Nhận hồ sơ",
    "Hẹn trả kết quả",
    "Trả kết quả",
    null,
    "Ghi chú",
  ]);
  const sub = reg.addRow([
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    "Ngày, tháng, năm",
    "Ký nhận",
    null,
  ]);
  reg.mergeCells("I2:J2"); // the streaming writer needs merges before their rows are committed
  group.commit();
  sub.commit();
  for (let n = 1; n <= dossiers; n++) {
    const p = SAMPLE_PROCEDURES[n % SAMPLE_PROCEDURES.length]!;
    const received = addDays("2021-01-04", Math.floor(random() * 330));
    const workingReceived = calendar.isWorkingDay(received) ? received : calendar.addWorkingDays(received, 0);
    const due = calendar.addWorkingDays(workingReceived, p.days);
    const r = random();
    const result =
      r < 0.9 ? calendar.addWorkingDays(workingReceived, Math.floor(random() * (p.days + 3))) : null;
    reg
      .addRow([
        n,
        `H40-${String(n).padStart(6, "0")}`,
        p.name,
        p.sector,
        "Văn phòng Sở",
        random() < 0.4 ? "Trực tuyến" : "Trực tiếp",
        isoToExcelDate(workingReceived),
        isoToExcelDate(due),
        result ? isoToExcelDate(result) : null,
        null,
        r > 0.98 ? "Trả lại hồ sơ" : null,
      ])
      .commit();
  }
  await reg.commit();
  await wb.commit();
  renameSync(partial, file);
}
