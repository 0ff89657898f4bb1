import { promises as fs } from "node:fs";
import {
  combineCorrections,
  describeOverrides,
  mergeOverrides,
  parseMapArgument,
  parseMapFile,
  type MappingOverrides,
} from "../../core/layout";
import { mappingChanges, type MappingChange } from "../../core/sync";
import { parseState, serializeState, type SyncState } from "../../core/sync";
import { workbookToGrids } from "../xlsx/read-xlsx";
import { loadWorkbook, writeWorkbookFile } from "../xlsx/workbook-file";
import { assertNotOpenElsewhere, readSavedState, writeStateCells } from "../xlsx/xlsx-port";
import { encodeStateCells } from "../../core/sync";
import { UsageError, type CommandIO } from "./io";
import type ExcelJS from "exceljs";

/** The corrections of `--map` (repeatable) and `--map-file`, merged in that order; undefined when none. */
export async function overridesFromArgs(
  map: string[] | undefined,
  mapFile: string | undefined,
): Promise<MappingOverrides | undefined> {
  if ((map === undefined || map.length === 0) && mapFile === undefined) return undefined;
  let value: MappingOverrides = {};
  if (mapFile !== undefined) {
    let text: string;
    try {
      text = await fs.readFile(mapFile, "utf8");
    } catch {
      throw new UsageError({
        vi: `Không đọc được tệp --map-file "${mapFile}".`,
        en: `Cannot read the --map-file "${mapFile}".`,
      });
    }
    const r = parseMapFile(text);
    if (!r.ok) throw new UsageError({ vi: `${mapFile}: ${r.message.vi}`, en: `${mapFile}: ${r.message.en}` });
    value = r.value;
  }
  for (const m of map ?? []) {
    const r = parseMapArgument(m);
    if (!r.ok) throw new UsageError(r.message);
    value = combineCorrections(value, r.value);
  }
  return value;
}

/** The corrections saved in a workbook's sync state. */
export function savedOverrides(wb: ExcelJS.Workbook): MappingOverrides | undefined {
  return parseState(readSavedState(wb)).mappingOverrides;
}

const show = (v: unknown) =>
  v === null || v === undefined ? "—" : typeof v === "string" ? v : JSON.stringify(v);

export function formatMappingChanges(changes: MappingChange[]): string[] {
  if (changes.length === 0) return [];
  const out = [
    `Sửa cách đọc này thay đổi ${changes.length} giá trị của bản ghi đã đồng bộ; lần đồng bộ tới sẽ gửi các thay đổi:`,
    `This correction changes ${changes.length} values of records already synced; the next sync sends them:`,
  ];
  for (const c of changes.slice(0, 100))
    out.push(
      c.field === "*"
        ? `  - ${c.sheet}!${c.row}: không còn được đọc, sẽ bị xóa trên máy chủ / no longer read, will be deleted on the server`
        : `  - ${c.sheet}!${c.row} ${c.field}: ${show(c.from)} → ${show(c.to)}`,
    );
  if (changes.length > 100) out.push(`  … (+${changes.length - 100})`);
  return out;
}

/**
 * Saves the corrections into the workbook's sync state (the state sheet only: the file is written
 * atomically, the previous one kept as .bak) and answers what they change in synced records.
 */
export async function saveCorrections(
  file: string,
  add: MappingOverrides,
  io: CommandIO,
  save = true,
): Promise<{ overrides: MappingOverrides; changes: MappingChange[] }> {
  // Saving rewrites the file: what it cannot keep is refused first, as by `cchc sync`.
  const wb = await loadWorkbook(file, save ? "sync" : "read");
  const state = parseState(readSavedState(wb));
  const overrides = mergeOverrides(state.mappingOverrides, add);
  const changes = mappingChanges(workbookToGrids(wb), state, overrides);
  const next: SyncState = { ...state, mappingOverrides: overrides };
  if (Object.keys(overrides).length === 0) delete next.mappingOverrides;
  const list = describeOverrides(overrides).join(", ") || "(none)";
  if (save) {
    writeStateCells(wb, encodeStateCells(serializeState(next)));
    await assertNotOpenElsewhere(file);
    const tmp = `${file}.${process.pid}.tmp`;
    await writeWorkbookFile(wb, tmp, file);
    await fs.copyFile(file, `${file}.bak`);
    await fs.rename(tmp, file);
    io.err(`Đã lưu sửa cách đọc vào sổ / corrections saved in the workbook: ${list}`);
  } else io.err(`Sửa cách đọc (chưa lưu, --dry-run) / corrections (not saved, --dry-run): ${list}`);
  for (const line of formatMappingChanges(changes)) io.err(line);
  return { overrides, changes };
}
