/**
 * The words that name each column in real workbooks, folded (no diacritics, lower case). A header
 * label matches the field whose phrase it contains as whole words, the longest phrase winning;
 * `exact` phrases must be the whole label (short ones such as "stt" or "ma").
 */
export interface ColumnVocabulary<F extends string> {
  field: F;
  phrases: string[];
  exact?: string[];
}

export type TaskField =
  | "recordId"
  | "stt"
  | "id"
  | "content"
  | "field"
  | "leadUnit"
  | "coordinatingUnits"
  | "deadline"
  | "output"
  | "status"
  | "completedOn"
  | "notes";

export type DossierField =
  | "recordId"
  | "stt"
  | "code"
  | "procedure"
  | "sector"
  | "quantity"
  | "applicantName"
  | "applicantAddress"
  | "applicantId"
  | "unit"
  | "channel"
  | "receivedOn"
  | "dueOn"
  | "resultOn"
  | "status"
  | "processingDays"
  | "notes";

/** Columns that are recognised in order to be left alone (signatures, hand-over steps). */
export const IGNORED_PHRASES = [
  "ky nhan",
  "ky ten",
  "chu ky",
  "chuyen ho so",
  "signature",
  "ban giao",
  // How the applicant gets the result (portal exports): not the channel the dossier came in by.
  "hinh thuc nhan ket qua",
  "phuong thuc nhan ket qua",
  "hinh thuc tra ket qua",
  "phuong thuc tra ket qua",
  "noi nhan ket qua",
  "dia diem nhan ket qua",
  "nhan ket qua qua",
];

/**
 * Columns naming a person ("Người phụ trách", "Cán bộ thực hiện"): the department's own, left alone
 * (they are not units: "phụ trách" alone would read them as the lead unit), unless the label also
 * names a unit ("Đơn vị/người phụ trách").
 */
export const PERSON_PHRASES = [
  "nguoi phu trach",
  "can bo phu trach",
  "chuyen vien phu trach",
  "nguoi thuc hien",
  "can bo thuc hien",
  "chuyen vien thuc hien",
  "nguoi theo doi",
  "can bo theo doi",
  "chuyen vien theo doi",
  "nguoi xu ly",
  "can bo xu ly",
];
export const UNIT_WORDS = ["don vi", "co quan", "phong", "bo phan"];

/** The hidden column the sync engine adds: each row's record id (row numbers are never identities). */
export const RECORD_ID_HEADER = "cchc_id";
const RECORD_ID: { field: "recordId"; phrases: string[]; exact: string[] } = {
  field: "recordId",
  phrases: [],
  exact: ["cchc id"],
};

const STT_EXACT = ["stt", "tt", "so tt", "so thu tu", "no", "#", "n0"];

export const TASK_VOCABULARY: ColumnVocabulary<TaskField>[] = [
  RECORD_ID,
  { field: "stt", phrases: [], exact: STT_EXACT },
  {
    field: "id",
    phrases: ["ma nhiem vu", "task id", "task code"],
    exact: ["ma", "ma so", "id", "code", "ky hieu", "ma nv"],
  },
  {
    field: "content",
    phrases: [
      "noi dung",
      "nhiem vu",
      "ten nhiem vu",
      "noi dung nhiem vu",
      "noi dung cong viec",
      "cong viec",
      "task",
      "content",
      "description",
      "hoat dong",
    ],
  },
  { field: "field", phrases: ["linh vuc", "field", "area", "nhom nhiem vu"] },
  {
    field: "leadUnit",
    phrases: [
      "don vi chu tri",
      "chu tri",
      "co quan chu tri",
      "don vi thuc hien",
      "don vi phu trach",
      "phu trach",
      "lead unit",
      "responsible unit",
      "owner",
      "don vi",
      "unit",
      "responsible",
      "co quan thuc hien",
    ],
  },
  {
    field: "coordinatingUnits",
    phrases: [
      "don vi phoi hop",
      "phoi hop",
      "co quan phoi hop",
      "coordinating units",
      "coordinating unit",
      "coordinating",
      "support units",
    ],
  },
  {
    field: "deadline",
    phrases: [
      "thoi gian hoan thanh",
      "thoi han hoan thanh",
      "thoi han",
      "han hoan thanh",
      "thoi gian thuc hien",
      "deadline",
      "due date",
      "due",
      "moc thoi gian",
    ],
  },
  {
    field: "output",
    phrases: [
      "san pham",
      "san pham dau ra",
      "ket qua dau ra",
      "hinh thuc san pham",
      "output",
      "deliverable",
      "product",
      "expected output",
    ],
  },
  {
    field: "status",
    phrases: [
      "tien do",
      "tinh trang",
      "trang thai",
      "ket qua thuc hien",
      "tien do thuc hien",
      "tinh hinh thuc hien",
      "status",
      "progress",
      "ket qua",
    ],
  },
  {
    field: "completedOn",
    phrases: [
      "ngay hoan thanh",
      "thoi diem hoan thanh",
      "hoan thanh thuc te",
      "thoi gian hoan thanh thuc te",
      "ngay thuc te hoan thanh",
      "completion date",
      "completed on",
      "date completed",
      "done on",
      "ngay xong",
      "date done",
    ],
  },
  { field: "notes", phrases: ["ghi chu", "notes", "note", "remarks", "comment", "comments"] },
];

export const DOSSIER_VOCABULARY: ColumnVocabulary<DossierField>[] = [
  RECORD_ID,
  { field: "stt", phrases: [], exact: STT_EXACT },
  {
    field: "code",
    phrases: [
      "ma ho so",
      "so ho so",
      "ma so ho so",
      "so bien nhan",
      "ma bien nhan",
      "dossier code",
      "dossier id",
      "dossier no",
      "dossier number",
      "case id",
      "ma hs",
      "so hs",
    ],
    exact: ["ma", "code", "id"],
  },
  {
    field: "procedure",
    phrases: [
      "ten tthc",
      "ten thu tuc hanh chinh",
      "ten thu tuc",
      "thu tuc hanh chinh",
      "thu tuc",
      "tthc",
      "procedure",
      "procedure name",
    ],
  },
  { field: "sector", phrases: ["linh vuc", "sector", "field", "nganh"] },
  { field: "quantity", phrases: ["so luong ho so", "so luong", "quantity", "so bo"] },
  {
    field: "applicantName",
    phrases: [
      "ten ca nhan to chuc",
      "ten ca nhan",
      "ten to chuc",
      "nguoi nop",
      "ho ten",
      "ho va ten",
      "chu ho so",
      "applicant",
      "applicant name",
      "ten nguoi nop",
      "to chuc ca nhan",
      "ca nhan to chuc",
    ],
  },
  {
    field: "applicantAddress",
    phrases: ["dia chi", "so dien thoai", "dien thoai", "address", "phone", "email"],
  },
  {
    field: "applicantId",
    phrases: ["cccd", "cmnd", "so dinh danh", "can cuoc", "id number", "so giay to", "cmt"],
  },
  {
    field: "unit",
    phrases: [
      "co quan chu tri giai quyet",
      "co quan giai quyet",
      "don vi giai quyet",
      "co quan chu tri",
      "don vi chu tri",
      "don vi xu ly",
      "don vi",
      "co quan",
      "unit",
      "resolving unit",
      "agency",
      "phong ban",
      "bo phan giai quyet",
      // "Đơn vị tiếp nhận" names a unit, not the received date ("tiếp nhận" alone).
      "don vi tiep nhan",
      "co quan tiep nhan",
      "don vi thuc hien",
      "co quan thuc hien",
    ],
  },
  {
    field: "channel",
    phrases: [
      "hinh thuc nop",
      "hinh thuc tiep nhan",
      "kenh tiep nhan",
      "kenh",
      "hinh thuc",
      "channel",
      "nop qua",
      "hinh thuc nhan",
      "phuong thuc nop",
      "phuong thuc tiep nhan",
    ],
  },
  {
    field: "receivedOn",
    phrases: [
      "nhan ho so",
      "ngay nhan",
      "ngay tiep nhan",
      "tiep nhan",
      "ngay nhan ho so",
      "received",
      "date received",
      "received on",
      "received date",
      "ngay nop",
    ],
  },
  {
    field: "dueOn",
    phrases: [
      "hen tra ket qua",
      "ngay hen tra",
      "hen tra",
      "ngay hen",
      "due date",
      "appointment",
      "appointment date",
      "due",
      "ngay het han",
      // Portal exports: "Ngày dự kiến trả (kết quả)", "Hạn xử lý", "Hạn giải quyết" (a date; the
      // longer "Thời hạn giải quyết" is a processing time in days).
      "du kien tra",
      "ngay du kien tra",
      "han tra ket qua",
      "han giai quyet",
      "han xu ly",
    ],
  },
  {
    field: "resultOn",
    phrases: [
      "tra ket qua",
      "ngay tra ket qua",
      "ngay tra",
      "ngay co ket qua",
      "ngay giai quyet xong",
      "ngay hoan thanh",
      "result date",
      "returned on",
      "date returned",
      "resolved on",
      "ngay tra ho so",
      "ngay ket thuc",
      "date resolved",
    ],
  },
  {
    field: "status",
    phrases: [
      "trang thai",
      "tinh trang",
      "ket qua giai quyet",
      "tinh trang giai quyet",
      "status",
      "tinh trang ho so",
    ],
  },
  {
    field: "processingDays",
    phrases: [
      "thoi han giai quyet",
      "thoi gian giai quyet",
      "so ngay giai quyet",
      "so ngay lam viec",
      "processing time",
      "processing days",
      "thoi han xu ly",
      "thoi gian xu ly",
    ],
  },
  // "Ghi chú hồ sơ" (notes on the dossier) holds "chu ho so" (the applicant): the longer phrase wins.
  { field: "notes", phrases: ["ghi chu", "ghi chu ho so", "notes", "remarks", "comment", "comments"] },
];

/** Fields whose presence marks a sheet as one kind or the other, with their weight. */
export const TASK_SIGNATURE: Partial<Record<TaskField, number>> = {
  content: 2,
  deadline: 2,
  leadUnit: 1,
  status: 1,
  completedOn: 1,
  output: 1,
  coordinatingUnits: 1,
};
export const DOSSIER_SIGNATURE: Partial<Record<DossierField, number>> = {
  receivedOn: 2,
  dueOn: 2,
  resultOn: 2,
  procedure: 2,
  code: 1,
  processingDays: 1,
  applicantName: 1,
  channel: 1,
};
