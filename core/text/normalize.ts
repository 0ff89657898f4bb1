/**
 * Text folding for matching what people type in workbooks: case, diacritics, đ, punctuation
 * and spacing are all forgiven. "Đã hoàn thành", "da hoan thanh" and "ĐÃ  HOÀN THÀNH." fold alike.
 */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/&/g, " va ")
    .replace(/[^a-z0-9/.:\-() ]+/g, " ")
    .replace(/[.:\-()]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The text without invisible characters (zero-width space, joiners, word joiner, BOM, soft hyphen)
 * that a copy from a web portal or a PDF leaves in a code: "H40\u200B-0192" is "H40-0192", or one
 * dossier becomes two records.
 */
export function withoutInvisibles(text: string): string {
  return text.replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, "");
}

/** Like fold() but keeps `/`, `.` and `-` so that dates and "Quý I/2021" survive. */
export function foldKeepPunctuation(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** Words of a folded text, for token-overlap matching. */
export function words(folded: string): string[] {
  return folded.split(" ").filter((w) => w.length > 0);
}

const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100 };

/** Value of a Roman numeral (I … XX and beyond), or undefined when the text is not one. */
export function romanValue(text: string): number | undefined {
  const s = text.toLowerCase();
  if (!/^[ivxlc]+$/.test(s)) return undefined;
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN[s[i]!]!;
    const next = i + 1 < s.length ? ROMAN[s[i + 1]!]! : 0;
    total += v < next ? -v : v;
  }
  return total > 0 ? total : undefined;
}
