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
