/**
 * Reading the workbook for a sync: the plan year (from `--year`, a correction, the title, else the
 * one the state remembers) and units named as the server's list for that year names them.
 */
import { readWorkbook, type WorkbookRead } from "../layout/read-workbook";
import { unitsForYear } from "../reference/units";
import { stableJson } from "./record-data";
import { SyncSetupError } from "./sync-errors";
import type { SyncOptions } from "./sync-options";
import type { SyncState } from "./sync-state";
import type { SyncTransport } from "./transport";
import type { WorkbookSnapshot } from "./workbook-port";

/** A workbook read with its plan year known. */
export type ReadForSync = WorkbookRead & { year: number };

/**
 * The workbook read for a sync: the plan year from `--year`, a correction, the title, else the one
 * the state remembers; units as the server's list for that year names them. Refuses a workbook
 * with no plan year or nothing to sync.
 */
export async function readForSync(
  snapshot: WorkbookSnapshot,
  state: SyncState,
  options: SyncOptions,
  transport: SyncTransport,
): Promise<ReadForSync> {
  const readOptions = readOptionsFor(state, options);
  let read = readWorkbook(snapshot.sheets, readOptions);
  // Units are named as the server's list for the year has them (an admin may have merged or
  // renamed some): read again with that list when it is not the shipped one.
  const units = read.year === undefined ? undefined : await transport.units?.(read.year);
  if (units && read.year !== undefined && stableJson(units) !== stableJson(unitsForYear(read.year)))
    read = readWorkbook(snapshot.sheets, { ...readOptions, units });
  if (read.year === undefined)
    throw new SyncSetupError({
      vi: "Chưa rõ năm kế hoạch: ghi năm vào tiêu đề hoặc dùng --year.",
      en: "The plan year is unknown: put it in the title or pass --year.",
    });
  if (!read.mapping.some((m) => m.kind === "tasks" || m.kind === "dossiers"))
    throw new SyncSetupError({
      vi: "Không có trang nhiệm vụ hay sổ hồ sơ để đồng bộ.",
      en: "No tasks sheet or dossier register to sync.",
    });
  return read as ReadForSync; // its year checked just above
}

/** How to read the workbook: the calendar, and the plan year the user gave, corrected or the state remembers. */
function readOptionsFor(state: SyncState, options: SyncOptions) {
  return {
    ...(options.calendar ? { calendar: options.calendar } : {}),
    ...(options.year !== undefined && { year: options.year }),
    // The remembered year only when no title names one: a new year's title starts that year.
    ...(state.year !== undefined && { rememberedYear: state.year }),
    // The user's corrections; a plan year set by hand wins over the one the state remembers.
    ...(state.mappingOverrides && { overrides: state.mappingOverrides }),
    ...(state.mappingOverrides?.year !== undefined &&
      options.year === undefined && { year: state.mappingOverrides.year }),
  };
}
