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
  officeNotLoaded: [
    "Không tải được thư viện Office (office.js, từ máy chủ của Microsoft): máy tính có thể đang mất mạng. Trong Excel: kiểm tra kết nối mạng rồi đóng và mở lại ngăn CCHC. Ngoài Excel: trang này chạy trong Excel.",
    "Office's library (office.js, from Microsoft's servers) did not load: this computer may be offline. In Excel: check the network, then close and reopen the CCHC pane. Outside Excel: this page runs inside Excel.",
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
    "Bản add-in này không được phép gọi máy chủ {0} (cấu hình API_ORIGINS khi build). Địa chỉ được phép: {1}.",
    "This build of the add-in may not call the server {0} (set API_ORIGINS at build time). Allowed addresses: {1}.",
  ],
  badToken: [
    "Mã cá nhân không đúng, đã hết hạn hoặc đã bị thu hồi: nhập mã mới (xin quản trị viên cấp).",
    "The personal token is wrong, expired or was revoked: enter a new one (ask your administrator for it).",
  ],
  adminToken: [
    "Đây là mã quản trị: quản trị cấp mã và sửa danh mục, không ghi nhiệm vụ hay hồ sơ, nên ở đây chỉ làm mới được trang Tổng hợp. Để đồng bộ sổ, hãy cấp cho mình một mã cán bộ hoặc điều phối (npx cchc admin add-member --role coordinator …) rồi đăng nhập bằng mã đó.",
    "This is an admin token: admins issue tokens and edit the reference lists, they write no tasks or dossiers, so here it only refreshes the summary sheet. To sync the workbook, issue yourself a staff or coordinator token (npx cchc admin add-member --role coordinator …) and sign in with it.",
  ],
  sync: ["Đồng bộ", "Sync"],
  refreshSummary: ["Làm mới tổng hợp", "Refresh the summary"],
  cancel: ["Hủy", "Cancel"],
  cancelled: ["Đã hủy; sổ tính chưa bị thay đổi.", "Cancelled; the workbook was not changed."],
  cancelledIdsWritten: [
    "Đã hủy; chưa đồng bộ gì. Các dòng mới đã được ghi mã ẩn (cột cchc_id), lần đồng bộ sau sẽ dùng lại.",
    "Cancelled; nothing was synced. New rows already got their hidden ids (column cchc_id), which the next sync uses.",
  ],
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
  heldInResult: [
    " {0} bản ghi chưa bị xóa trên máy chủ, chờ xác nhận (mở ngăn CCHC và bấm Đồng bộ để xem).",
    " {0} records were not deleted on the server: they wait for a confirmation (open the CCHC pane and sync to see them).",
  ],
  heldDeletions: ["Xóa chờ xác nhận", "Deletions waiting for a yes"],
  heldUndo: [
    "Không định xóa? “Lấy lại” đưa các dòng trở lại từ bản đã đồng bộ (vào một trang cùng loại), hoặc Hoàn tác trong Excel rồi đồng bộ lại: các bản ghi được nối lại, không tạo trùng. Đúng là muốn xóa? Chúng sẽ bị xóa trên máy chủ và ở sổ của mọi người.",
    "Not meant to delete them? “Give back” puts the rows back from the copies last synced (into a sheet of their kind), or undo in Excel and sync again: the records link again, nothing is created twice. Meant to? They will be deleted on the server and in everyone's copy.",
  ],
  confirmDeletes: ["Xóa {0} bản ghi trên máy chủ", "Delete {0} records on the server"],
  restoreDeletes: ["Lấy lại {0} dòng", "Give the {0} rows back"],
  unchanged: [
    "Không có gì thay đổi: sổ tính được giữ nguyên.",
    "Nothing changed: the workbook was left as it was.",
  ],
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
  mappingByHand: ["sửa tay", "set by hand"],
  mappingEdit: ["Sửa cách đọc", "Correct how it is read"],
  mappingAuto: ["tự động (theo tiêu đề)", "automatic (by its header)"],
  mappingNone: ["không đọc", "not read"],
  mappingColumnChoice: ["Cột {0} đọc là", "Column {0} is read as"],
  mappingIgnore: ["Không đồng bộ trang này", "Do not sync this sheet"],
  mappingIgnoredSheet: [
    "Trang \u201c{0}\u201d: không đồng bộ (sửa tay)",
    "Sheet \u201c{0}\u201d: not synced (set by hand)",
  ],
  mappingYear: ["Năm kế hoạch (để trống: theo tiêu đề)", "Plan year (blank: from the title)"],
  mappingYearRead: ["Đang đọc theo năm {0}.", "Read as the plan of {0}."],
  mappingBadYear: ["Năm kế hoạch là số từ 2000 đến 2100.", "The plan year is a number from 2000 to 2100."],
  mappingSave: ["Lưu cách đọc và đồng bộ", "Save and sync"],
  mappingConfirm: ["Đồng ý, đồng bộ với cách đọc mới", "Agree: sync with the new reading"],
  mappingDiscard: ["Bỏ sửa", "Discard"],
  mappingUnchanged: ["Không có gì thay đổi.", "Nothing changed."],
  mappingNoRecordChange: [
    "Sửa này không đổi bản ghi nào đã đồng bộ.",
    "This correction changes no record already synced.",
  ],
  mappingChanges: [
    "Sửa cách đọc này đổi {0} giá trị của bản ghi đã đồng bộ; lần đồng bộ tới sẽ gửi các thay đổi:",
    "This correction changes {0} values of records already synced; the next sync sends them:",
  ],
  mappingChangeLine: ["{0} dòng {1} · {2}: {3} → {4}", "{0} row {1} · {2}: {3} → {4}"],
  mappingGone: [
    "{0} dòng {1}: không còn được đọc, sẽ bị xóa trên máy chủ",
    "{0} row {1}: no longer read, will be deleted on the server",
  ],
  mappingConnectFirst: [
    "Kết nối để lưu: cách đọc mới được lưu vào sổ cùng lần đồng bộ tới.",
    "Connect to save: the new reading is saved in the workbook by the next sync.",
  ],
  mappingSaved: ["Đã lưu cách đọc vào sổ tính.", "The reading was saved in the workbook."],
  warnings: ["Cảnh báo hạn", "Deadline warnings"],
  warningsLoad: ["Xem cảnh báo hạn", "Show deadline warnings"],
  warningsAsOf: [
    "Ngày {0}: nhiệm vụ đến hạn trong {1} ngày, hồ sơ trong {2} ngày làm việc tới.",
    "On {0}: tasks due within {1} days, dossiers within {2} working days.",
  ],
  overdue: ["Quá hạn", "Overdue"],
  dueSoon: ["Sắp đến hạn", "Due soon"],
  noWarnings: [
    "Không có nhiệm vụ hay hồ sơ nào quá hạn hoặc sắp đến hạn.",
    "No task or dossier is overdue or due soon.",
  ],
  warningTask: ["Nhiệm vụ", "Task"],
  warningDossier: ["Hồ sơ", "Dossier"],
  warningLine: ["{0} · hạn {1} · {2}", "{0} · due {1} · {2}"],
  warningNotHere: ["(không có trong sổ này)", "(not in this workbook)"],
  warningsFailed: ["Không tải được cảnh báo: {0}", "Could not load the warnings: {0}"],
  noYearPane: [
    "Chưa rõ năm kế hoạch: ghi năm vào tiêu đề (ví dụ KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2021) hoặc đặt năm ở \u201cCách đọc sổ tính\u201d (sổ trống: bấm \u201cTạo sổ mẫu\u201d); sổ tính chưa bị thay đổi.",
    "The plan year is unknown: write it in the title (e.g. KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2021) or set it under \u201cHow the workbook was read\u201d (a blank workbook: click \u201cCreate template\u201d); the workbook was not changed.",
  ],
  noYear: [
    "Chưa rõ năm kế hoạch: đồng bộ một lần hoặc đặt năm ở \u201cCách đọc sổ tính\u201d.",
    "The plan year is unknown: sync once or set the year under \u201cHow the workbook was read\u201d.",
  ],
  history: ["Lịch sử dòng", "Row history"],
  historyButton: ["Lịch sử dòng này", "This row's history"],
  historyHint: [
    "Chọn một ô của dòng trong sổ tính rồi bấm nút.",
    "Select a cell of the row in the workbook, then click the button.",
  ],
  historyNotRecord: [
    "Ô đang chọn ({0} dòng {1}) không thuộc dòng nhiệm vụ hay hồ sơ nào.",
    "The selected cell ({0} row {1}) is not on a task or dossier row.",
  ],
  historyRowError: [
    "{0} dòng {1} có lỗi nên chưa được đọc: {2}",
    "{0} row {1} has an error and was not read: {2}",
  ],
  historyNotSynced: [
    "{0} dòng {1} chưa được đồng bộ: bấm Đồng bộ trước.",
    "{0} row {1} has not been synced yet: sync first.",
  ],
  historyTitle: ["{0} dòng {1}: {2}", "{0} row {1}: {2}"],
  historyEmpty: ["Chưa có thay đổi nào trên máy chủ.", "No change on the server yet."],
  historyEntry: ["Lần {0} · {1} (giờ Việt Nam) · {2}", "Version {0} · {1} (Vietnam time) · {2}"],
  historyChange: ["{0}: {1} → {2}", "{0}: {1} → {2}"],
  historyHidden: [
    "{0}: đã đổi (dữ liệu cá nhân, không lưu giá trị)",
    "{0}: changed (personal data, values not kept)",
  ],
  historyFailed: ["Không xem được lịch sử: {0}", "Could not read the history: {0}"],
  lastCommand: ["Lần đồng bộ từ thanh công cụ: {0}", "Last sync from the ribbon: {0}"],
  template: ["Sổ mẫu", "Template workbook"],
  templateHint: [
    "Thêm vào sổ tính này ba trang mới: kế hoạch CCHC của năm, sổ theo dõi hồ sơ (Mẫu số 06) và danh mục cho các ô chọn. Các trang đang có không bị thay đổi.",
    "Adds three new sheets to this workbook: the year's reform plan, the dossier register (Mẫu số 06) and the lists behind its drop-downs. The sheets already there are not changed.",
  ],
  templateYear: ["Năm kế hoạch", "Plan year"],
  templateButton: ["Tạo sổ mẫu", "Create template"],
  templateDone: ["Đã thêm các trang: {0}.", "Sheets added: {0}."],
  templateFailed: ["Không tạo được sổ mẫu: {0}", "Could not create the template: {0}"],
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
