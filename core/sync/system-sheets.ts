import { STATE_SHEET } from "./state-sheet";
import { SUMMARY_SHEET } from "./summary-model";

/**
 * What the engine itself writes into a workbook besides record cells, defined once for every
 * adapter: the conflicts sheet and its columns, the mark of the engine's cell notes, and the list
 * of the sheets it writes (never read as data).
 */
export const CONFLICT_SHEET = "Xung đột";
/** The conflicts sheet's tab colour (RGB). */
export const CONFLICT_TAB_COLOR = "C00000";
export const CONFLICT_COLUMNS: readonly { header: string; width: number }[] = [
  { header: "Trang", width: 18 },
  { header: "Dòng", width: 7 },
  { header: "Loại", width: 10 },
  { header: "Trường", width: 16 },
  { header: "Giá trị của tôi", width: 30 },
  { header: "Giá trị trên máy chủ", width: 30 },
  { header: "Người sửa", width: 18 },
  { header: "Thời điểm", width: 22 },
  { header: "Mã bản ghi", width: 38 },
];

/** The sheets the engine writes: a reader skips them, whatever else a workbook holds. */
export const SYSTEM_SHEETS: readonly string[] = [SUMMARY_SHEET, CONFLICT_SHEET, STATE_SHEET];

/**
 * Every note the engine writes starts with this mark. Each sync first removes the notes that carry
 * it (on any sheet), then writes the current ones; notes written by people are never touched.
 */
export const NOTE_MARK = "CCHC: ";
export const engineNote = (text: string): string => NOTE_MARK + text;
export const isEngineNote = (text: string): boolean => text.startsWith(NOTE_MARK);

const KIND_VI: Record<string, string> = { task: "Nhiệm vụ", dossier: "Hồ sơ" };

/** A value as the user reads it in a note or in the conflicts sheet. */
export const shownValue = (v: unknown): string =>
  v === undefined || v === null
    ? ""
    : typeof v === "object"
      ? ((v as { text?: string }).text ?? JSON.stringify(v))
      : String(v);

/** The conflicts sheet's rows, header first; none when there is no conflict (the sheet goes). */
export function conflictSheetRows(
  conflicts: readonly {
    sheet: string;
    row: number;
    kind: string;
    field: string;
    mine: unknown;
    theirs: unknown;
    who: string;
    at: string;
    id: string;
    formula?: true | undefined;
  }[],
): string[][] {
  if (conflicts.length === 0) return [];
  return [
    CONFLICT_COLUMNS.map((c) => c.header),
    ...conflicts.map((c) => [
      c.sheet,
      String(c.row),
      KIND_VI[c.kind] ?? c.kind,
      // A held formula field: the user's way out is the formula (or --prefer mine), not "theirs".
      c.formula ? `${c.field} (ô công thức / formula cell)` : c.field,
      shownValue(c.mine),
      shownValue(c.theirs),
      c.who,
      c.at,
      c.id,
    ]),
  ];
}
