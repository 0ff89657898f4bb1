import type { SetSupport } from "./office";

/**
 * The add-in's minimum (the manifest's <Requirements>): every member used unguarded is in it.
 * 1.13 because merged areas (Range.getMergedAreasOrNullObject) are how two-row headers with merged
 * group cells are read right. It costs no one who could run the pane anyway: Excel 2016 has only
 * ExcelApi 1.1 and Excel 2019 1.8 (and their Internet Explorer / old Edge web views cannot run the
 * pane's ES2020); Office 2021 and later, Microsoft 365 since 2021, Excel on the web and on the Mac
 * have 1.13. Users of older Excel sync their file with `cchc sync`, which reads merges from the file.
 */
export const MIN_EXCEL_API = "1.13";
/**
 * Members used only when Office says their set is there: notes (above the minimum), and merged
 * areas, still checked so that a host that loads the add-in without 1.13 (a manifest edited to ask
 * for less) reads merged header cells by their top-left cell instead of failing; the pane then says
 * so in its mapping view. The AutoFilter (1.9) and Table.resize (1.13), which take the id column and
 * new rows into a filter or a table, are checked too: without them the write goes on with a notice.
 */
export const GUARDED = {
  notes: "1.18",
  mergedAreas: "1.13",
  autoFilter: "1.9",
  tableResize: "1.13",
} as const;

export function notesSupported(supports: SetSupport): boolean {
  return supports("ExcelApi", GUARDED.notes);
}
