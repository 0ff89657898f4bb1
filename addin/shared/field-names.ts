import type { Lang } from "./i18n";

/** Plain words for the engine's field names, for "how the workbook was read" and the conflicts list. */
const NAMES: Record<string, [string, string]> = {
  recordId: ["mã bản ghi (cột ẩn)", "record id (hidden column)"],
  stt: ["số thứ tự", "row number"],
  id: ["mã nhiệm vụ", "task number"],
  content: ["nội dung", "content"],
  field: ["lĩnh vực", "field"],
  leadUnit: ["đơn vị chủ trì", "lead unit"],
  coordinatingUnits: ["đơn vị phối hợp", "coordinating units"],
  deadline: ["thời hạn", "deadline"],
  output: ["sản phẩm", "output"],
  status: ["tình trạng", "status"],
  statusText: ["tình trạng (chữ ghi trong sổ)", "status (as written)"],
  dueFrom: ["hạn tính từ ngày", "due counted from"],
  applicant: ["người nộp hồ sơ", "applicant"],
  completedOn: ["ngày hoàn thành", "completed on"],
  notes: ["ghi chú", "notes"],
  code: ["mã hồ sơ", "dossier code"],
  procedure: ["thủ tục", "procedure"],
  sector: ["lĩnh vực", "sector"],
  quantity: ["số lượng", "quantity"],
  applicantName: ["tên người nộp", "applicant's name"],
  applicantAddress: ["địa chỉ người nộp", "applicant's address"],
  applicantId: ["số giấy tờ người nộp", "applicant's ID number"],
  unit: ["đơn vị", "unit"],
  channel: ["hình thức nộp", "channel"],
  receivedOn: ["ngày nhận", "received on"],
  dueOn: ["ngày hẹn trả", "due on"],
  resultOn: ["ngày trả kết quả", "result on"],
  processingDays: ["thời gian giải quyết (ngày)", "processing days"],
  ignored: ["bỏ qua", "left alone"],
};

export function fieldName(field: string, lang: Lang): string {
  const n = NAMES[field];
  return n ? n[lang === "en" ? 1 : 0] : field;
}
