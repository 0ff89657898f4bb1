/**
 * The 8 fields (lĩnh vực) of a reform plan, as the provincial PAR INDEX scores them, with the
 * older or other names seen in plans. A plan year may replace this list (reference data per year);
 * sections of a workbook are matched to it by name, never by position.
 */
export interface Field {
  number: number; // position in the plan's field list, 1-based
  code: string;
  vi: string;
  en: string;
  aliases: string[];
}

export const DEFAULT_FIELDS: Field[] = [
  {
    number: 1,
    code: "CDDH",
    vi: "Công tác chỉ đạo, điều hành CCHC",
    en: "Direction and management of reform",
    aliases: [
      "Công tác chỉ đạo, điều hành cải cách hành chính",
      "Chỉ đạo, điều hành",
      "Direction and management",
    ],
  },
  {
    number: 2,
    code: "TC",
    vi: "Cải cách thể chế",
    en: "Institutional reform",
    aliases: [
      "Xây dựng và tổ chức thực hiện văn bản QPPL",
      "Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật",
      "Thể chế",
    ],
  },
  {
    number: 3,
    code: "TTHC",
    vi: "Cải cách thủ tục hành chính",
    en: "Administrative-procedure reform",
    aliases: ["Thủ tục hành chính", "Kiểm soát thủ tục hành chính", "Administrative procedure reform"],
  },
  {
    number: 4,
    code: "TCBM",
    vi: "Cải cách tổ chức bộ máy hành chính nhà nước",
    en: "Reform of the administrative apparatus",
    aliases: [
      "Cải cách tổ chức, bộ máy",
      "Cải cách tổ chức bộ máy",
      "Tổ chức bộ máy",
      "Administrative apparatus reform",
    ],
  },
  {
    number: 5,
    code: "CV",
    vi: "Cải cách chế độ công vụ",
    en: "Civil-service reform",
    aliases: [
      "Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức",
      "Xây dựng nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức",
      "Cải cách chế độ công vụ, công chức",
      "Civil service reform",
    ],
  },
  {
    number: 6,
    code: "TCC",
    vi: "Cải cách tài chính công",
    en: "Public-finance reform",
    aliases: ["Đổi mới cơ chế tài chính", "Cải cách tài chính", "Public finance reform"],
  },
  {
    number: 7,
    code: "CPS",
    vi: "Xây dựng và phát triển chính quyền điện tử, chính quyền số",
    en: "E-government and digital government",
    aliases: [
      "Hiện đại hóa hành chính",
      "Hiện đại hóa nền hành chính",
      "Chính quyền điện tử",
      "Chính quyền số",
      "Chuyển đổi số",
      "E-government",
      "Digital government",
    ],
  },
  {
    number: 8,
    code: "TTTT",
    vi: "Thông tin, tuyên truyền CCHC",
    en: "Reform communication",
    aliases: [
      "Công tác thông tin, tuyên truyền",
      "Thông tin, tuyên truyền cải cách hành chính",
      "Tuyên truyền CCHC",
      "Communication",
    ],
  },
];
