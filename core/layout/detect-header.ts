import { cellText } from "../parse/cell";
import { fold } from "../text/normalize";
import {
  DOSSIER_SIGNATURE,
  DOSSIER_VOCABULARY,
  IGNORED_PHRASES,
  PERSON_PHRASES,
  RECORD_ID_HEADER,
  UNIT_WORDS,
  TASK_SIGNATURE,
  TASK_VOCABULARY,
  type ColumnVocabulary,
  type DossierField,
  type TaskField,
} from "./header-vocabulary";
import { MergedView, type SheetGrid } from "./grid";

export type SheetKind = "tasks" | "dossiers";

/** How far down a sheet the header row is looked for (title blocks are rarely longer). */
const HEADER_SEARCH_ROWS = 40;

function containsPhrase(label: string, phrase: string): boolean {
  return ` ${label} `.includes(` ${phrase} `);
}

/** The field a header label names, "ignored" for a recognised column we leave alone, or undefined. */
export function matchLabel<F extends string>(
  label: string,
  vocabulary: ColumnVocabulary<F>[],
): F | "ignored" | undefined {
  // "Thời gian thực hiện/hoàn thành": a slash separates words in a header.
  const folded = fold(label).replace(/\//g, " ").replace(/\s+/g, " ").trim();
  if (folded === "") return undefined;
  if (IGNORED_PHRASES.some((p) => containsPhrase(folded, p))) return "ignored";
  if (
    PERSON_PHRASES.some((p) => containsPhrase(folded, p)) &&
    !UNIT_WORDS.some((w) => containsPhrase(folded, w))
  )
    return "ignored";
  let best: { field: F; length: number } | undefined;
  for (const entry of vocabulary) {
    if (entry.exact?.includes(folded)) return entry.field;
    for (const phrase of entry.phrases) {
      if (containsPhrase(folded, phrase) && (!best || phrase.length > best.length))
        best = { field: entry.field, length: phrase.length };
    }
  }
  return best?.field;
}

export interface HeaderColumn<F extends string> {
  index: number;
  label: string;
  field: F | "ignored" | undefined;
}

export interface DetectedHeader<F extends string> {
  kind: SheetKind;
  /** 0-based rows that form the header (one or two). */
  headerRows: number[];
  /** 0-based first row after the header (and after a row of column numbers, if any). */
  dataStart: number;
  columns: HeaderColumn<F>[];
  /** Field → column index, the first column naming it. */
  fieldColumns: Partial<Record<F, number>>;
  score: number;
}

function labelsFor<F extends string>(
  view: MergedView,
  row: number,
  span: 1 | 2,
  width: number,
  vocabulary: ColumnVocabulary<F>[],
) {
  const columns: HeaderColumn<F>[] = [];
  for (let c = 0; c < width; c++) {
    const group = view.text(row, c);
    if (span === 1) {
      columns.push({ index: c, label: group, field: matchLabel(group, vocabulary) });
      continue;
    }
    const sameMerge = view.mergeAt(row, c) !== undefined && view.mergeAt(row, c) === view.mergeAt(row + 1, c);
    const sub = sameMerge ? "" : view.text(row + 1, c);
    // The sub-header is the more specific label: "Kết quả / Ngày hoàn thành" is a completion date.
    const subField = sub ? matchLabel(sub, vocabulary) : undefined;
    const label = sub && group && sub !== group ? `${group} / ${sub}` : group || sub;
    const field = subField ?? matchLabel(sub && group ? `${group} ${sub}` : label, vocabulary);
    columns.push({ index: c, label, field });
  }
  return columns;
}

/**
 * Labels read since 2026-11 for portal exports ("Hạn giải quyết", "Ngày dự kiến trả", "Mã HS"):
 * beside another column of the same field ("Ngày hẹn trả", "Mã hồ sơ") they give way to it, so a
 * register synced before reads its dates and codes from the columns it did.
 */
const SECOND_CHOICE = /^(ngay )?du kien tra\b|^han (giai quyet|xu ly|tra ket qua)\b|^(ma|so) hs\b/;

const isSecondChoice = (label: string): boolean => SECOND_CHOICE.test(fold(label.split(" / ").pop() ?? ""));

/**
 * Field → column: the first column naming the field, one named by a second-choice label last (never
 * a column the user mapped by hand, `byHand`).
 */
export function fieldColumnsOf<F extends string>(
  columns: readonly HeaderColumn<F>[],
  byHand: ReadonlySet<number> = new Set(),
): Partial<Record<F, number>> {
  const fieldColumns: Partial<Record<F, number>> = {};
  const secondChoice = new Set<F>();
  for (const col of columns) {
    if (!col.field || col.field === "ignored") continue;
    const second = !byHand.has(col.index) && isSecondChoice(col.label);
    if (fieldColumns[col.field] !== undefined && (second || !secondChoice.has(col.field))) continue;
    fieldColumns[col.field] = col.index;
    if (second) secondChoice.add(col.field);
    else secondChoice.delete(col.field);
  }
  return fieldColumns;
}

function scoreColumns<F extends string>(columns: HeaderColumn<F>[], signature: Partial<Record<F, number>>) {
  const fieldColumns = fieldColumnsOf(columns);
  let score = 0;
  let signatureFields = 0;
  for (const [field, weight] of Object.entries(signature) as [F, number][]) {
    if (fieldColumns[field] !== undefined) {
      score += weight;
      signatureFields++;
    }
  }
  return { fieldColumns, score, signatureFields };
}

function qualifies(
  kind: SheetKind,
  fields: Partial<Record<string, number>>,
  signatureFields: number,
): boolean {
  if (signatureFields < 2) return false;
  if (kind === "tasks")
    return (
      fields.content !== undefined &&
      (fields.deadline !== undefined || fields.leadUnit !== undefined || fields.status !== undefined)
    );
  return (
    fields.receivedOn !== undefined &&
    (fields.dueOn !== undefined || fields.resultOn !== undefined || fields.processingDays !== undefined)
  );
}

/** A cell merged across columns in `row` with labels under it in `row + 1`. */
function hasGroupCell(view: MergedView, row: number, width: number): boolean {
  for (let c = 0; c < width; c++) {
    const m = view.mergeAt(row, c);
    if (!m || m.left === m.right || m.bottom > row) continue;
    const below = view.grid.rows[row + 1]?.[c];
    if (typeof below === "string" && below.trim() !== "") return true;
  }
  return false;
}

/** The row holds the id column's header (`cchc_id`), which the sync writes into a header's last row. */
function holdsIdHeader(view: MergedView, row: number, width: number): boolean {
  for (let c = 0; c < width; c++) if (fold(view.text(row, c)) === fold(RECORD_ID_HEADER)) return true;
  return false;
}

/** The row qualifies as a header of the kind on its own. */
function isHeaderAlone<F extends string>(
  view: MergedView,
  row: number,
  width: number,
  kind: SheetKind,
  vocabulary: ColumnVocabulary<F>[],
  signature: Partial<Record<F, number>>,
): boolean {
  const { fieldColumns, signatureFields } = scoreColumns(
    labelsFor(view, row, 1, width, vocabulary),
    signature,
  );
  return qualifies(kind, fieldColumns, signatureFields);
}

/** A cell of the row itself (not of a merge from above) that is a number or a date. */
function holdsData(view: MergedView, row: number, width: number): boolean {
  for (let c = 0; c < width; c++) {
    const v = view.grid.rows[row]?.[c];
    if (typeof v === "number" || v instanceof Date) return true;
  }
  return false;
}

const COLUMN_NUMBER = /^\(?\s*(\d{1,2}|[a-zA-Z])\s*\)?(\s*[=+x*-]\s*\(?\s*(\d{1,2})\s*\)?)*$/;

/** A row of column numbers "(1) (2) (3) …" or letters under the header. */
function isColumnNumberRow(view: MergedView, row: number, width: number): boolean {
  let count = 0;
  for (let c = 0; c < width; c++) {
    const t = cellText(view.grid.rows[row]?.[c] ?? null);
    if (t === "") continue;
    if (!COLUMN_NUMBER.test(t)) return false;
    count++;
  }
  return count >= 3;
}

/**
 * Finds the header of a tasks sheet or dossier register: the row (or pair of rows, a group cell
 * over sub-headers) whose labels name the most of a kind's characteristic columns.
 */
export function detectHeader(
  grid: SheetGrid,
): DetectedHeader<TaskField> | DetectedHeader<DossierField> | undefined {
  const limit = Math.min(grid.rows.length, HEADER_SEARCH_ROWS);
  const view = new MergedView(grid, limit + 2);
  const width = view.width();
  let best: DetectedHeader<TaskField> | DetectedHeader<DossierField> | undefined;
  for (let r = 0; r < limit; r++) {
    for (const span of [1, 2] as const) {
      if (span === 2 && r + 1 >= grid.rows.length) continue;
      for (const kind of ["tasks", "dossiers"] as const) {
        const candidate =
          kind === "tasks"
            ? evaluate(view, r, span, width, kind, TASK_VOCABULARY, TASK_SIGNATURE)
            : evaluate(view, r, span, width, kind, DOSSIER_VOCABULARY, DOSSIER_SIGNATURE);
        if (candidate && (!best || candidate.score > best.score)) best = candidate;
      }
    }
  }
  if (!best) return undefined;
  let dataStart = best.headerRows[best.headerRows.length - 1]! + 1;
  if (dataStart < grid.rows.length && isColumnNumberRow(view, dataStart, width)) dataStart++;
  best.dataStart = dataStart;
  return best;
}

function evaluate<F extends string>(
  view: MergedView,
  row: number,
  span: 1 | 2,
  width: number,
  kind: SheetKind,
  vocabulary: ColumnVocabulary<F>[],
  signature: Partial<Record<F, number>>,
): DetectedHeader<F> | undefined {
  // A row holding a number or a date is data: taken for sub-headers, a register's first dossier
  // was lost (no error) when its texts happened to name one more field ("Hồ sơ 0: …").
  if (span === 2 && holdsData(view, row + 1, width)) return undefined;
  const columns = labelsFor(view, row, span, width, vocabulary);
  const { fieldColumns, score, signatureFields } = scoreColumns(columns, signature);
  if (!qualifies(kind, fieldColumns, signatureFields)) return undefined;
  // A second header row counts when a group cell spans sub-headers beneath it, or when it holds the
  // id column's header under a row that is a header by itself (the sync writes the id header into
  // the last header row: a copy made with values only keeps no merges, and its rows would lose their
  // ids; a title row above a one-row header is no header by itself). Otherwise the single row wins
  // ties (the row below is data, not labels).
  const second =
    span === 2 &&
    (hasGroupCell(view, row, width) ||
      (holdsIdHeader(view, row + 1, width) && isHeaderAlone(view, row, width, kind, vocabulary, signature)));
  const adjusted = score * 10 + (span === 2 ? (second ? 1 : -1) : 0);
  return {
    kind,
    headerRows: span === 1 ? [row] : [row, row + 1],
    dataStart: row + span,
    columns,
    fieldColumns,
    score: adjusted,
  };
}
