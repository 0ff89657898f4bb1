import { fold, romanValue, words } from "../text/normalize";
import type { Field } from "./fields";
import type { Unit } from "./units";

/** Abbreviations that plans write both ways; folded text is brought to the short form. */
const ABBREVIATIONS: [RegExp, string][] = [
  [/\bcai cach hanh chinh\b/g, "cchc"],
  [/\bthu tuc hanh chinh\b/g, "tthc"],
  [/\bquy pham phap luat\b/g, "qppl"],
  [/\blao dong thuong binh va xa hoi\b/g, "ldtbxh"],
  [/\bld tb va xh\b/g, "ldtbxh"],
  [/\bldtb va xh\b/g, "ldtbxh"],
  [/\bld tbxh\b/g, "ldtbxh"],
  [/\bhien dai hoa\b/g, "hdh"],
  [/\bp\s(?=\S)/g, "phong "],
  [/\btt\s(?=\S)/g, "trung tam "],
  [/\bvp\s(?=\S)/g, "van phong "],
  [/\btp\b/g, "thanh pho"],
];

export function canonical(text: string): string {
  let s = fold(text);
  for (const [re, short] of ABBREVIATIONS) s = s.replace(re, short);
  return s.replace(/\s+/g, " ").trim();
}

/** Strips a section's numbering: "I.", "II -", "1.", "A.", "Lĩnh vực 3:", "Phần II". */
export function stripSectionNumber(text: string): { number?: number; rest: string } {
  const folded = canonical(text);
  const m = /^(?:(?:phan|muc|linh vuc)\s+)?([ivxlc]+|\d{1,2})\b\s*(.*)$/.exec(folded);
  if (m) {
    const n = /^\d+$/.test(m[1]!) ? Number(m[1]) : romanValue(m[1]!);
    if (n !== undefined) return { number: n, rest: m[2]!.trim() };
  }
  return { rest: folded.replace(/^linh vuc\s+/, "").trim() };
}

function dice(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const setB = new Set(b);
  const common = new Set(a.filter((w) => setB.has(w))).size;
  return (2 * common) / (new Set(a).size + setB.size);
}

function nameScore(text: string, candidate: string): number {
  const a = canonical(text);
  const b = canonical(candidate);
  if (a === b) return 1;
  const wa = words(a);
  const wb = words(b);
  if (wa.length >= 2 && wb.length >= 2 && (` ${a} `.includes(` ${b} `) || ` ${b} `.includes(` ${a} `)))
    return 0.9;
  return dice(wa, wb);
}

export interface FieldMatch {
  field: Field;
  score: number;
  exact: boolean;
}

/**
 * The field a section title or a field cell names: by number (1–8, I–VIII) or code when the cell
 * holds only that, else by name. A fuzzy name match must be clear (score ≥ 0.6 and ahead of the
 * runner-up), so "Kiểm tra CCHC" matches nothing rather than the nearest field.
 */
export function matchField(
  text: string,
  fields: readonly Field[],
  allowNumber = true,
): FieldMatch | undefined {
  const folded = canonical(text);
  if (folded === "") return undefined;
  if (allowNumber) {
    const n = /^\d+$/.test(folded) ? Number(folded) : romanValue(folded);
    const byNumber = n !== undefined ? fields.find((f) => f.number === n) : undefined;
    if (byNumber) return { field: byNumber, score: 1, exact: true };
  }
  const byCode = fields.find((f) => canonical(f.code) === folded);
  if (byCode) return { field: byCode, score: 1, exact: true };
  const { rest } = stripSectionNumber(text);
  const scored = fields
    .map((field) => ({
      field,
      score: Math.max(...[field.vi, field.en, ...field.aliases].map((n) => nameScore(rest, n))),
    }))
    .sort((x, y) => y.score - x.score);
  const [best, second] = scored;
  if (!best || best.score < 0.6) return undefined;
  if (second && best.score < 1 && best.score - second.score < 0.1) return undefined;
  return { field: best.field, score: best.score, exact: best.score === 1 };
}

/**
 * The unit a cell names, by code or by name or alias after folding and abbreviation. No fuzzy
 * matching: "huyện A" and "huyện B" differ by one letter, and a wrong unit is worse than none.
 */
export function matchUnit(text: string, units: readonly Unit[]): Unit | undefined {
  const folded = canonical(text);
  if (folded === "") return undefined;
  return units.find(
    (u) =>
      canonical(u.code) === folded ||
      canonical(u.name) === folded ||
      u.aliases.some((a) => canonical(a) === folded),
  );
}
