import type ExcelJS from "exceljs";
import { readWorkbook } from "../../core/layout/read-workbook";
import type { AuditEntry, RecordKind } from "../../core/sync/protocol";
import { parseState } from "../../core/sync/sync-state";
import { TransportError } from "../../core/sync/transport";
import { workbookToGrids } from "../xlsx/read-xlsx";
import { loadWorkbook } from "../xlsx/workbook-file";
import { readSavedState } from "../xlsx/xlsx-port";
import { UsageError, type CommandIO } from "./io";

export interface HistoryArgs {
  file: string;
  row?: string;
  sheet?: string;
  server?: string;
  token?: string;
  json?: boolean;
}

interface Located {
  sheet: string;
  row: number;
  kind: RecordKind;
  id: string | undefined;
  label: string;
}

/** The record on row N (of --sheet, or of the one record sheet that has a record there). */
function locate(wb: ExcelJS.Workbook, row: number, sheet: string | undefined): Located {
  const read = readWorkbook(workbookToGrids(wb));
  const found: Located[] = [
    ...read.tasks.map((t) => ({ src: t.source, kind: "task" as const, id: t.syncId, label: t.content })),
    ...read.dossiers.map((d) => ({
      src: d.source,
      kind: "dossier" as const,
      id: d.syncId,
      label: d.code ?? d.procedure ?? "",
    })),
  ]
    .filter((r) => r.src?.row === row && (sheet === undefined || r.src.sheet === sheet))
    .map((r) => ({ sheet: r.src!.sheet, row, kind: r.kind, id: r.id, label: r.label }));
  if (found.length === 0)
    throw new UsageError({
      vi: `Dòng ${row}${sheet ? ` của trang "${sheet}"` : ""} không phải một dòng nhiệm vụ hay hồ sơ đọc được.`,
      en: `Row ${row}${sheet ? ` of sheet "${sheet}"` : ""} is not a readable task or dossier row.`,
    });
  if (found.length > 1)
    throw new UsageError({
      vi: `Dòng ${row} có ở nhiều trang (${found.map((f) => f.sheet).join(", ")}): dùng --sheet.`,
      en: `Row ${row} is on several sheets (${found.map((f) => f.sheet).join(", ")}): pass --sheet.`,
    });
  return found[0]!;
}

async function fetchAudit(
  server: string,
  token: string,
  query: { year: number; unit: string; kind: RecordKind; record: string },
): Promise<AuditEntry[]> {
  const qs = new URLSearchParams({
    year: String(query.year),
    unit: query.unit,
    kind: query.kind,
    record: query.record,
  });
  let res: Response;
  try {
    res = await fetch(`${server.replace(/\/+$/, "")}/api/audit?${qs}`, {
      headers: { authorization: `Bearer ${token}` },
    });
  } catch (e) {
    throw new TransportError("unreachable", {
      vi: `Không kết nối được máy chủ ${server} (${(e as Error).message}).`,
      en: `Cannot reach the server ${server} (${(e as Error).message}).`,
    });
  }
  const text = await res.text();
  if (!res.ok) {
    let problem: { vi?: string; en?: string } = {};
    try {
      problem = JSON.parse(text) as typeof problem;
    } catch {
      // not a problem document
    }
    const refused = res.status === 403;
    throw new TransportError(res.status, {
      vi: refused
        ? "Vai trò của bạn không được xem lịch sử thay đổi (chỉ đầu mối, lãnh đạo, quản trị)."
        : `Máy chủ trả lời ${res.status}: ${problem.vi ?? text.slice(0, 200)}`,
      en: refused
        ? "Your role may not read change history (coordinators, leaders and admins may)."
        : `The server answered ${res.status}: ${problem.en ?? text.slice(0, 200)}`,
    });
  }
  return JSON.parse(text) as AuditEntry[];
}

/** An ISO instant in Vietnam time (UTC+7, no daylight saving): "31/03/2021 17:05". */
export function vietnamTime(iso: string): string {
  const t = new Date(Date.parse(iso) + 7 * 3600_000).toISOString();
  return `${t.slice(8, 10)}/${t.slice(5, 7)}/${t.slice(0, 4)} ${t.slice(11, 16)}`;
}

const show = (v: unknown) =>
  v === null || v === undefined || v === "" ? "—" : typeof v === "string" ? v : JSON.stringify(v);

export function formatHistory(at: Located, entries: AuditEntry[]): string {
  const kind = at.kind === "task" ? "nhiệm vụ / task" : "hồ sơ / dossier";
  const out = [`Lịch sử / History — "${at.sheet}" dòng / row ${at.row}: ${kind} "${at.label}" (${at.id})`];
  if (entries.length === 0) out.push("  (chưa có thay đổi nào trên máy chủ / no change on the server yet)");
  for (const e of entries) {
    out.push(`  v${e.version}  ${vietnamTime(e.at)} (UTC+7)  ${e.who}`);
    for (const c of e.changes)
      out.push(
        "changed" in c
          ? `      ${c.field}: (đã đổi, không lưu giá trị — dữ liệu cá nhân / changed, value not kept — personal data)`
          : `      ${c.field}: ${show(c.from)} → ${show(c.to)}`,
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
  if (!args.token) throw new UsageError({ vi: "Cần --token.", en: "--token is required." });
  const wb = await loadWorkbook(args.file);
  const state = parseState(readSavedState(wb));
  const at = locate(wb, row, args.sheet);
  const record = at.id === undefined ? undefined : state.records[at.id];
  const server = args.server ?? state.server;
  if (!at.id || !record || state.year === undefined)
    throw new UsageError({
      vi: `Dòng ${row} chưa được đồng bộ: chạy "cchc sync" trước.`,
      en: `Row ${row} has not been synced yet: run "cchc sync" first.`,
    });
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
