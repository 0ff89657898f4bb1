import type { Message } from "../model/records";
import { fold, romanValue } from "../text/normalize";

/**
 * "Tổng cộng", "Tổng số …", and a section's subtotal: "Cộng mục I: 2 nhiệm vụ", "Cộng lĩnh vực Việc
 * làm", "Cộng: 1", "Cộng II" (never "Cộng đồng …", which may begin a task).
 */
const TOTAL =
  /^(tong|cong|total|grand total|subtotal|sub total)$|^(tong cong|tong so)\b|^cong (muc|phan|linh vuc|nhom|[ivx]+|\d+)\b/;

/** Rows that sum the table ("Tổng cộng", "Tổng số nhiệm vụ: 38") rather than hold a record. */
export function isTotalRow(texts: string[]): boolean {
  const first = fold(texts[0] ?? "");
  const second = fold(texts[1] ?? "");
  return TOTAL.test(first) || (/^\d+$|^[ivx]+$/.test(first) && /^(tong cong|tong so|total)\b/.test(second));
}

/**
 * A row that reads as a total or a note but holds a record id: an earlier reader took it for a
 * record ("Cộng mục II", "Ghi chú: …" were tasks before 2026-11), and skipping it would delete that
 * record at the next sync. It is kept and reported, for its owner to delete or fill in.
 */
export function syncedRowAsTotal(text: string): Message {
  return {
    vi: `Dòng "${text}" giống một dòng cộng hoặc ghi chú nhưng đã được đồng bộ như một bản ghi (có mã ở cột cchc_id); bản ghi được giữ nguyên trên máy chủ. Nếu không phải bản ghi, hãy xóa cả dòng (bản ghi sẽ bị xóa); nếu là một bản ghi thật, hãy điền đủ các ô của nó.`,
    en: `Row "${text}" reads as a total or a note but was synced as a record (it has an id in column cchc_id); the record is kept on the server as it was. If it is no record, delete the whole row (the record is deleted); if it is a real one, fill in its cells.`,
  };
}

const FOOTER =
  /^(?:(?:kt|tl|tm|q|ttl)\.?\s+)?(nguoi lap( bieu)?|can bo lap bieu|nguoi kiem tra|nguoi duyet|thu truong|giam doc|pho giam doc|(pho )?truong phong|(pho )?chanh van phong|(pho )?truong ban|ke toan truong|ky ghi ro|noi nhan|xac nhan|prepared by|approved by|lanh dao)/;
/** "Hà Nội, ngày 31 tháng 3 năm 2021", "…, ngày … tháng … năm …" (folded): the date line above a signature. */
const DATE_LINE = /^([a-z ]{1,40} )?ngay( \d{1,2})? thang( \d{1,2})? nam\b/;

/** Signature blocks and addressees below a table: the table has ended. */
export function isFooterRow(texts: string[]): boolean {
  const first = fold(texts[0] ?? "");
  return FOOTER.test(first) || DATE_LINE.test(first);
}

/**
 * A note under (or within) a table: "Ghi chú: số liệu tính đến …", "Lưu ý: …", "Chú thích", "Nguồn:",
 * "(*) Nhiệm vụ số 2 đã điều chỉnh thời hạn". Skipped, not an end: a note may sit above the rows too.
 */
export function isNoteRow(texts: string[]): boolean {
  const first = texts[0] ?? "";
  return (
    /^\s*(\(\*+\)|\*+|\(\d\))\s*\S/.test(first) ||
    /^(ghi chu|chu thich|luu y|nguon|note|notes)\b/.test(fold(first))
  );
}

/**
 * A row of signature-block texts only ("Nơi nhận:" on the left, "KT. GIÁM ĐỐC" under "Tiến độ" on
 * the right, "(Ký, ghi rõ họ tên)", the date line): the table has ended, whichever columns they are in.
 */
export function isSignatureRow(texts: string[]): boolean {
  return (
    texts.length > 0 &&
    texts.every((t) => {
      const f = fold(t);
      return FOOTER.test(f) || DATE_LINE.test(f);
    })
  );
}

/** "I", "II", "A", "I." in an STT cell: the numbering of a section, not of a task. */
export function isSectionNumber(text: string): boolean {
  const t = text.trim().replace(/[.:)-]+$/, "");
  return romanValue(t) !== undefined || /^[A-H]$/.test(t);
}

/** A title that begins with its section's numbering: "I. CÔNG TÁC …", "II - Cải cách …", "Lĩnh vực 3: …". */
export function hasSectionPrefix(text: string): boolean {
  return (
    /^\s*([IVXL]+|[A-H])\s*[.:)\-–]\s*\S/.test(text) ||
    /^\s*([IVXL]+)\s+\S/.test(text) ||
    /^linh vuc\b/.test(fold(text))
  );
}

/** A section title without its numbering: "I. Cải cách thể chế" → "Cải cách thể chế". */
export function withoutSectionNumber(title: string): string {
  return title
    .replace(/^\s*([IVXL]+|[A-H])\s*[.:)–-]\s*/, "")
    .replace(/^\s*lĩnh vực\s*\d*\s*:?\s*/i, "")
    .trim();
}

export function isArabicNumber(text: string): boolean {
  return /^\d+(\.\d+)*\.?$/.test(text.trim());
}
