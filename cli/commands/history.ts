import type ExcelJS from "exceljs";
import type { AuditEntry } from "../../core/sync";
import {
  fetchAudit,
  placesAtRow,
  readAsSynced,
  shownHistory,
  vietnamTime,
  type RecordPlace,
} from "../../core/sync";
import { parseState, type SyncState } from "../../core/sync";
import { workbookToGrids } from "../xlsx/read-xlsx";
import { loadWorkbook } from "../xlsx/workbook-file";
import { readSavedState } from "../xlsx/xlsx-port";
import { UsageError, type CommandIO } from "./io";
import { TOKEN_HELP } from "./token";

export interface HistoryArgs {
  file: string;
  row?: string | undefined;
  sheet?: string | undefined;
  server?: string | undefined;
  token?: string | undefined;
  json?: boolean | undefined;
}

type Located = RecordPlace;

/** The record on row N (of --sheet, or of the one record sheet that has a record there). */
function locate(wb: ExcelJS.Workbook, state: SyncState, row: number, sheet: string | undefined): Located {
  const found = placesAtRow(readAsSynced(workbookToGrids(wb), state), row, sheet);
  if (found.length === 0)
    throw new UsageError(
      {
        vi: `Dòng ${row}${sheet ? ` của trang "${sheet}"` : ""} không phải một dòng nhiệm vụ hay hồ sơ đọc được.`,
        en: `Row ${row}${sheet ? ` of sheet "${sheet}"` : ""} is not a readable task or dossier row.`,
      },
      false,
    );
  if (found.length > 1)
    throw new UsageError(
      {
        vi: `Dòng ${row} có ở nhiều trang (${found.map((f) => f.sheet).join(", ")}): dùng --sheet.`,
        en: `Row ${row} is on several sheets (${found.map((f) => f.sheet).join(", ")}): pass --sheet.`,
      },
      false,
    );
  return found[0]!;
}

export { vietnamTime };

export function formatHistory(at: Located, entries: AuditEntry[]): string {
  const kind = at.kind === "task" ? "nhiệm vụ / task" : "hồ sơ / dossier";
  const out = [`Lịch sử / History — "${at.sheet}" dòng / row ${at.row}: ${kind} "${at.label}" (${at.id})`];
  if (entries.length === 0) out.push("  (chưa có thay đổi nào trên máy chủ / no change on the server yet)");
  for (const e of shownHistory(entries)) {
    out.push(`  v${e.version}  ${e.when} (UTC+7)  ${e.who}`);
    for (const c of e.changes)
      out.push(
        "changed" in c
          ? `      ${c.field}: (đã đổi, không lưu giá trị — dữ liệu cá nhân / changed, value not kept — personal data)`
          : `      ${c.field}: ${c.from} → ${c.to}`,
      );
  }
  return out.join("\n");
}

/** `cchc history <file.xlsx> --row N [--sheet S] [--server URL] --token TOKEN [--json]` */
export async function historyCommand(args: HistoryArgs, io: CommandIO): Promise<number> {
  const row = Number(args.row);
  if (args.row === undefined || !Number.isInteger(row) || row < 1)
    throw new UsageError({
      vi: "Cần --row N (số dòng, từ 1).",
      en: "--row N is required (a row number from 1).",
    });
  if (!args.token) throw new UsageError(TOKEN_HELP);
  const wb = await loadWorkbook(args.file);
  const state = parseState(readSavedState(wb));
  const at = locate(wb, state, row, args.sheet);
  const record = at.id === undefined ? undefined : state.records[at.id];
  const server = args.server ?? state.server;
  if (!at.id || !record || state.year === undefined)
    throw new UsageError(
      {
        vi: `Dòng ${row} chưa được đồng bộ: chạy "cchc sync" trước.`,
        en: `Row ${row} has not been synced yet: run "cchc sync" first.`,
      },
      false,
    );
  if (!server)
    throw new UsageError({ vi: "Cần --server (sổ chưa nhớ máy chủ).", en: "--server is required." });
  const entries = await fetchAudit(server, args.token, {
    year: state.year,
    unit: record.unit,
    kind: at.kind,
    record: at.id,
  });
  io.out(args.json ? JSON.stringify({ ...at, entries }, null, 2) : formatHistory(at, entries));
  return 0;
}
