import { fold, romanValue } from "../text/normalize";

/** Rows that sum the table ("Tổng cộng") rather than hold a record. */
export function isTotalRow(texts: string[]): boolean {
  const first = fold(texts[0] ?? "");
  const second = fold(texts[1] ?? "");
  return (
    /^(tong cong|tong so|tong|cong|total|grand total)$/.test(first) ||
    (/^\d+$|^[ivx]+$/.test(first) && /^(tong cong|tong so|total)$/.test(second))
  );
}

/** Signature blocks and addressees below a table: the table has ended. */
export function isFooterRow(texts: string[]): boolean {
  const first = fold(texts[0] ?? "");
  return /^(nguoi lap( bieu)?|thu truong|giam doc|pho giam doc|ky ghi ro|noi nhan|xac nhan|prepared by|approved by|lanh dao)/.test(
    first,
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
