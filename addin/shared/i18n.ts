/** The pane's words in Vietnamese (default) and English (when Office's display language is English). */
export type Lang = "vi" | "en";

export function langFor(displayLanguage: string | undefined): Lang {
  return displayLanguage?.toLowerCase().startsWith("en") ? "en" : "vi";
}

const WORDS = {
  title: ["Đồng bộ CCHC", "CCHC sync"],
  role_staff: ["cán bộ", "staff"],
  role_coordinator: ["điều phối", "coordinator"],
  role_leader: ["lãnh đạo", "leader"],
  role_admin: ["quản trị", "admin"],
  outsideExcel: [
    "Trang này chạy trong Excel: mở sổ tính trong Excel và bấm CCHC trên thẻ Trang đầu.",
    "This page runs inside Excel: open the workbook in Excel and click CCHC on the Home tab.",
  ],
  server: ["Địa chỉ máy chủ", "Server address"],
  token: ["Mã cá nhân", "Personal token"],
  connect: ["Kết nối", "Connect"],
  signOut: ["Đăng xuất", "Sign out"],
  signedInAs: ["Đã đăng nhập", "Signed in"],
  roleUnknown: ["(máy chủ chưa cho biết vai trò)", "(the server does not tell the role yet)"],
  needBoth: ["Nhập địa chỉ máy chủ và mã cá nhân.", "Enter the server address and your personal token."],
  badServer: [
    "Địa chỉ máy chủ phải bắt đầu bằng https:// (hoặc http://localhost khi thử).",
    "The server address must start with https:// (or http://localhost for testing).",
  ],
  notAllowed: [
    "Bản add-in này không được phép gọi máy chủ {0} (cấu hình API_ORIGINS khi build).",
    "This build of the add-in may not call the server {0} (set API_ORIGINS at build time).",
  ],
  badToken: ["Mã cá nhân không đúng hoặc đã bị thu hồi.", "The personal token is wrong or was revoked."],
  sync: ["Đồng bộ", "Sync"],
  refreshSummary: ["Làm mới tổng hợp", "Refresh the summary"],
  cancel: ["Hủy", "Cancel"],
  cancelled: ["Đã hủy; sổ tính chưa bị thay đổi.", "Cancelled; the workbook was not changed."],
  busy: [
    "Một lần đồng bộ đang chạy; vui lòng đợi nó xong.",
    "A sync is already running; please wait for it to finish.",
  ],
  stageRead: ["Đang đọc sổ tính…", "Reading the workbook…"],
  stageSend: ["Đang gửi {0} bản ghi…", "Sending {0} records…"],
  stageReceive: ["Đã nhận {0} thay đổi…", "Received {0} changes…"],
  stageWrite: ["Đang ghi vào sổ tính…", "Writing to the workbook…"],
  result: [
    "Xong: gửi {0}, nhận {1}, gộp {2}, thêm {3}, xóa {4}, xung đột {5}, bị từ chối {6}.",
    "Done: pushed {0}, pulled {1}, merged {2}, inserted {3}, deleted {4}, conflicts {5}, refused {6}.",
  ],
  summaryDone: ["Đã làm mới trang Tổng hợp.", "The summary sheet was refreshed."],
  failed: ["Không đồng bộ được: {0}", "The sync failed: {0}"],
  conflicts: ["Xung đột", "Conflicts"],
  conflictLine: ["{0} dòng {1} · {2}", "{0} row {1} · {2}"],
  mine: ["Của tôi", "Mine"],
  theirs: ["Trên máy chủ", "On the server"],
  byWhom: ["{0}, lúc {1}", "{0}, at {1}"],
  keepMine: ["Giữ của tôi", "Keep mine"],
  keepTheirs: ["Lấy bản máy chủ", "Keep theirs"],
  allMine: ["Giữ tất cả của tôi", "Keep all mine"],
  allTheirs: ["Lấy tất cả bản máy chủ", "Keep all theirs"],
  chosen: ["Đã chọn: {0}", "Chosen: {0}"],
  deletedField: ["(bản ghi bị xóa)", "(record deleted)"],
  problems: ["Lỗi và từ chối", "Errors and refusals"],
  refused: ["Máy chủ từ chối", "Refused by the server"],
  rowAt: ["{0} dòng {1}", "{0} row {1}"],
  cellAt: ["{0} ô {1}{2}", "{0} cell {1}{2}"],
  mapping: ["Cách đọc sổ tính", "How the workbook was read"],
  mappingPreview: ["Xem cách đọc sổ tính", "Show how the workbook is read"],
  mappingSheet: ["Trang \u201c{0}\u201d: {1}", "Sheet \u201c{0}\u201d: {1}"],
  mappingNoMerges: [
    "Phiên bản Excel này không cho biết ô nào được gộp (cần ExcelApi 1.13): mỗi ô tiêu đề gộp chỉ được đọc ở ô trên cùng bên trái, nên tiêu đề hai dòng có thể bị đọc sai (nhóm cột chỉ gắn với cột đầu tiên; dòng tiêu đề phụ có thể bị coi là dữ liệu). Hãy kiểm tra các cột dưới đây, hoặc cập nhật Office, dùng Excel trên web hoặc lệnh cchc sync.",
    "This Excel cannot tell which cells are merged (ExcelApi 1.13 is missing): each merged header cell is read at its top-left cell only, so a two-row header may be misread (a column group names only its first column; the sub-header row may be taken for data). Check the columns below, or update Office, use Excel on the web or the cchc sync command.",
  ],
  mappingColumn: ["Cột {0} \u201c{1}\u201d → {2}", "Column {0} \u201c{1}\u201d → {2}"],
  kindTasks: ["danh sách nhiệm vụ", "a task list"],
  kindDossiers: ["sổ theo dõi hồ sơ", "a dossier register"],
  lastCommand: ["Lần đồng bộ từ thanh công cụ: {0}", "Last sync from the ribbon: {0}"],
  connectFirst: [
    "Chưa kết nối: mở ngăn CCHC, nhập địa chỉ máy chủ và mã cá nhân.",
    "Not connected: open the CCHC pane and enter the server address and your token.",
  ],
} as const satisfies Record<string, readonly [string, string]>;

export type WordKey = keyof typeof WORDS;

/** A role's name in the user's language (unknown roles as the server spells them). */
export function roleName(role: string, lang: Lang): string {
  const key = `role_${role}`;
  return key in WORDS ? WORDS[key as WordKey][lang === "en" ? 1 : 0] : role;
}

export function translator(lang: Lang): (key: WordKey, ...args: (string | number)[]) => string {
  const i = lang === "en" ? 1 : 0;
  return (key, ...args) =>
    WORDS[key][i].replace(/\{(\d)\}/g, (_, n: string) => String(args[Number(n)] ?? ""));
}
