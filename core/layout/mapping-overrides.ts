import type { Message, RowError } from "../model/records";
import { fieldColumnsOf, type DetectedHeader, type HeaderColumn } from "./detect-header";
import { columnLetter, parseColumnLetters } from "./grid";
import { DOSSIER_VOCABULARY, TASK_VOCABULARY } from "./header-vocabulary";

/**
 * A user's corrections of how the workbook was read, kept in the workbook's sync state
 * (`mappingOverrides`) and applied by every later read, in both adapters:
 * a column's meaning ("Sheet!G=status", "Sheet!K=none"), a sheet not to sync ("Sheet=ignore"),
 * the plan year ("year=2021").
 */
export interface MappingOverrides {
  year?: number | undefined;
  sheets?: Record<string, SheetOverride> | undefined;
}

export interface SheetOverride {
  ignore?: boolean | undefined;
  /** Column letter → field name, or "none" (the column means nothing to the tracker). */
  columns?: Record<string, string> | undefined;
}

const fieldsOf = (vocab: { field: string }[]) =>
  [...new Set(vocab.map((v) => v.field))].filter((f) => f !== "recordId");
export const TASK_FIELDS = fieldsOf(TASK_VOCABULARY);
export const DOSSIER_FIELDS = fieldsOf(DOSSIER_VOCABULARY);

export type MapResult = { ok: true; value: MappingOverrides } | { ok: false; message: Message };

const bad = (vi: string, en: string): MapResult => ({ ok: false, message: { vi, en } });

/**
 * One correction as written on the command line or in a mapping file:
 * `year=2021`, `Sheet=ignore`, `Sheet=sync`, `Sheet!G=status`, `Sheet!G=none`, `Sheet!G=auto`
 * (auto: back to what the header says). A sheet name with `!` or `=` is quoted: `'A=B'!G=status`.
 */
export function parseMapArgument(text: string): MapResult {
  const t = text.trim();
  const year = /^(?:year|nam|năm)\s*=\s*(\d{4})$/i.exec(t);
  if (year) {
    const y = Number(year[1]);
    if (y < 2000 || y > 2100) return bad(`Năm không hợp lệ: ${y}.`, `Invalid year ${y}.`);
    return { ok: true, value: { year: y } };
  }
  const m = /^(?:'((?:[^']|'')+)'|([^!=]+))(?:!([A-Za-z]{1,3}))?\s*=\s*([A-Za-z]+)$/.exec(t);
  if (!m)
    return bad(
      `Không hiểu "${text}": dùng "Trang!G=status", "Trang!G=none", "Trang=ignore" hoặc "year=2021".`,
      `Cannot read "${text}": use "Sheet!G=status", "Sheet!G=none", "Sheet=ignore" or "year=2021".`,
    );
  const sheet = (m[1]?.replace(/''/g, "'") ?? m[2]!).trim();
  const what = m[4]!;
  if (m[3] === undefined) {
    if (what !== "ignore" && what !== "sync")
      return bad(
        `Trang "${sheet}": chỉ nhận =ignore hoặc =sync.`,
        `Sheet "${sheet}": only =ignore or =sync.`,
      );
    return { ok: true, value: { sheets: { [sheet]: { ignore: what === "ignore" } } } };
  }
  const column = m[3].toUpperCase();
  if (parseColumnLetters(column) === undefined)
    return bad(`Cột không hợp lệ: ${column}.`, `Invalid column ${column}.`);
  const known = [...TASK_FIELDS, ...DOSSIER_FIELDS, "none", "auto"];
  if (!known.includes(what))
    return bad(
      `"${what}" không phải tên trường. Nhiệm vụ: ${TASK_FIELDS.join(", ")}. Hồ sơ: ${DOSSIER_FIELDS.join(", ")}. Hoặc none, auto.`,
      `"${what}" is not a field. Tasks: ${TASK_FIELDS.join(", ")}. Dossiers: ${DOSSIER_FIELDS.join(", ")}. Or none, auto.`,
    );
  return { ok: true, value: { sheets: { [sheet]: { columns: { [column]: what } } } } };
}

/** Later corrections win; "auto" and "sync" remove what an earlier one set. */
export function mergeOverrides(base: MappingOverrides | undefined, add: MappingOverrides): MappingOverrides {
  const out: MappingOverrides = structuredClone(base ?? {});
  if (add.year !== undefined) out.year = add.year;
  for (const [sheet, o] of Object.entries(add.sheets ?? {})) {
    const target = ((out.sheets ??= {})[sheet] ??= {});
    if (o.ignore === true) target.ignore = true;
    if (o.ignore === false) delete target.ignore;
    for (const [col, field] of Object.entries(o.columns ?? {})) {
      if (field === "auto") delete target.columns?.[col];
      else (target.columns ??= {})[col] = field;
    }
    if (target.columns && Object.keys(target.columns).length === 0) delete target.columns;
    if (Object.keys(target).length === 0) delete out.sheets![sheet];
  }
  if (out.sheets && Object.keys(out.sheets).length === 0) delete out.sheets;
  return out;
}

/**
 * Corrections given together (several `--map`, a `--map-file`), later ones winning. Unlike
 * mergeOverrides, an undo ("Sheet!G=auto", "Sheet=sync") is kept as it is: merged into nothing
 * first, it vanished, and the correction saved in the workbook could never be removed.
 */
export function combineCorrections(a: MappingOverrides, b: MappingOverrides): MappingOverrides {
  const out: MappingOverrides = structuredClone(a);
  if (b.year !== undefined) out.year = b.year;
  for (const [sheet, o] of Object.entries(b.sheets ?? {})) {
    const target = ((out.sheets ??= {})[sheet] ??= {});
    if (o.ignore !== undefined) target.ignore = o.ignore;
    for (const [col, field] of Object.entries(o.columns ?? {})) (target.columns ??= {})[col] = field;
  }
  return out;
}

/** Reads a mapping file: one correction a line (the `--map` syntax), `#` starts a comment. */
export function parseMapFile(text: string): MapResult {
  let value: MappingOverrides = {};
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.replace(/(^|\s)#.*$/, "").trim();
    if (line === "") continue;
    const r = parseMapArgument(line);
    if (!r.ok)
      return {
        ok: false,
        message: { vi: `Dòng ${i + 1}: ${r.message.vi}`, en: `Line ${i + 1}: ${r.message.en}` },
      };
    value = combineCorrections(value, r.value);
  }
  return { ok: true, value };
}

/**
 * The detected header with the user's column corrections: a column set by hand takes its field
 * (another column that had that field loses it), "none" leaves a column unread. A field that does
 * not belong to the sheet's kind is an error naming sheet and column, and is not applied.
 */
export function applyColumnOverrides<F extends string>(
  sheet: string,
  header: DetectedHeader<F>,
  columns: Record<string, string> | undefined,
  errors: RowError[],
): { header: DetectedHeader<F>; byHand: Set<number>; replaced: Map<number, F> } {
  const byHand = new Set<number>();
  // The field a column's header gave, where the user set the column to something else.
  const replaced = new Map<number, F>();
  if (!columns || Object.keys(columns).length === 0) return { header, byHand, replaced };
  const allowed = header.kind === "tasks" ? TASK_FIELDS : DOSSIER_FIELDS;
  const cols: HeaderColumn<F>[] = header.columns.map((c) => ({ ...c }));
  for (const [letter, field] of Object.entries(columns)) {
    const index = parseColumnLetters(letter);
    if (index === undefined) continue;
    if (field !== "none" && !allowed.includes(field)) {
      errors.push({
        sheet,
        row: null,
        column: letter,
        message: {
          vi: `Sửa cách đọc cột ${letter}: "${field}" không phải trường của trang ${header.kind === "tasks" ? "nhiệm vụ" : "hồ sơ"} (${allowed.join(", ")}); bỏ qua.`,
          en: `Column ${letter} correction: "${field}" is not a field of a ${header.kind} sheet (${allowed.join(", ")}); not applied.`,
        },
      });
      continue;
    }
    const target = field === "none" ? "ignored" : (field as F);
    if (field !== "none")
      for (const c of cols) if (c.field === target && c.index !== index) c.field = undefined;
    const existing = cols.find((c) => c.index === index);
    const given = header.columns.find((c) => c.index === index)?.field;
    if (given && given !== "ignored" && given !== target) replaced.set(index, given);
    if (existing) existing.field = target;
    else cols.push({ index, label: "", field: target });
    byHand.add(index);
  }
  cols.sort((a, b) => a.index - b.index);
  return {
    header: { ...header, columns: cols, fieldColumns: fieldColumnsOf(cols, byHand) },
    byHand,
    replaced,
  };
}

/** "G=status (sửa tay)" lines for the mapping report. */
export function describeOverrides(o: MappingOverrides): string[] {
  const out: string[] = [];
  if (o.year !== undefined) out.push(`year=${o.year}`);
  for (const [sheet, s] of Object.entries(o.sheets ?? {})) {
    if (s.ignore) out.push(`${sheet}=ignore`);
    for (const [col, field] of Object.entries(s.columns ?? {})) out.push(`${sheet}!${col}=${field}`);
  }
  return out;
}

export { columnLetter };

/** Sheet names as Excel compares them: case aside, and in NFC (a name made on a Mac may be NFD). */
function sheetKey(name: string): string {
  return name.normalize("NFC").trim().toLocaleLowerCase("vi");
}

/**
 * Each sheet's corrections, matched by name as Excel matches sheet names ("sổ hồ sơ" typed for
 * "Sổ hồ sơ", NFC typed for an NFD name); and the names of corrections no sheet of the workbook
 * answers (a typo, or a sheet since renamed), which the reader reports rather than drops.
 */
export function sheetOverridesOf(
  overrides: Record<string, SheetOverride>,
  sheetNames: readonly string[],
): { bySheet: Map<string, SheetOverride>; unmatched: string[] } {
  const bySheet = new Map<string, SheetOverride>();
  const unmatched: string[] = [];
  for (const [given, o] of Object.entries(overrides)) {
    const sheet = sheetNames.includes(given)
      ? given
      : sheetNames.find((s) => sheetKey(s) === sheetKey(given));
    if (sheet === undefined) unmatched.push(given);
    // The exact spelling wins over a near one for the same sheet.
    else if (sheet === given || !bySheet.has(sheet)) bySheet.set(sheet, o);
  }
  return { bySheet, unmatched };
}

export function unmatchedSheetMessage(
  given: string,
  sheetNames: readonly string[],
  example: string,
): Message {
  const list = sheetNames.map((s) => `"${s.normalize("NFC")}"`).join(", ");
  return {
    vi: `Sửa tay cho trang "${given}" không được áp dụng: sổ tính không có trang này (các trang: ${list}). Sửa lại tên trang, hoặc bỏ sửa tay này (${example}).`,
    en: `The correction for sheet "${given}" was not applied: the workbook has no such sheet (its sheets: ${list}). Fix the sheet name, or remove the correction (${example}).`,
  };
}
