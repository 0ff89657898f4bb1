import type { SetSupport } from "./office";

/** The add-in's minimum (the manifest's <Requirements>): every member used unguarded is in it. */
export const MIN_EXCEL_API = "1.9";
/** Members above the minimum, used only when Office says the set is there. */
export const GUARDED = { notes: "1.18", mergedAreas: "1.13" } as const;

export function notesSupported(supports: SetSupport): boolean {
  return supports("ExcelApi", GUARDED.notes);
}
