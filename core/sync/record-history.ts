import { inVietnam } from "../dates/local-date";
import type { SheetGrid } from "../layout/grid";
import { readWorkbook, type WorkbookRead } from "../layout/read-workbook";
import type { AuditEntry, RecordKind } from "./protocol";
import type { SyncState } from "./sync-state";
import { AuditAnswerSchema } from "../schemas/audit";
import { check, parseJsonText } from "../schemas/problem";
import { problemError, TransportError } from "./transport";

/**
 * A record's row in a workbook, and a record's history from `GET /api/audit`: shared by
 * `cchc history`, the task pane's "Lịch sử dòng này" and its warnings list (which name stored
 * records by id), so that a row is found, and a history is shown, the same way everywhere.
 */
export interface RecordPlace {
  sheet: string;
  /** 1-based row. */
  row: number;
  kind: RecordKind;
  /** The record id in the hidden id column; undefined for a row never synced. */
  id: string | undefined;
  /** What the row is about: a task's content, a dossier's code (or procedure). */
  label: string;
}

/** The workbook as the last sync read it: the saved corrections and the plan year of its state. */
export function readAsSynced(sheets: SheetGrid[], state: SyncState): WorkbookRead {
  const year = state.mappingOverrides?.year ?? state.year;
  return readWorkbook(sheets, {
    ...(year !== undefined && { year }),
    ...(state.mappingOverrides && { overrides: state.mappingOverrides }),
  });
}

/** Every task and dossier row read, with its place. */
export function recordPlaces(read: WorkbookRead): RecordPlace[] {
  const out: RecordPlace[] = [];
  for (const t of read.tasks)
    if (t.source) out.push({ ...t.source, kind: "task", id: t.syncId, label: t.content });
  for (const d of read.dossiers)
    if (d.source)
      out.push({ ...d.source, kind: "dossier", id: d.syncId, label: d.code ?? d.procedure ?? "" });
  return out;
}

/** The records on a row (1-based), of one sheet or of every sheet. */
export function placesAtRow(read: WorkbookRead, row: number, sheet?: string): RecordPlace[] {
  return recordPlaces(read).filter((p) => p.row === row && (sheet === undefined || p.sheet === sheet));
}

/** Finds a stored record's row by its id (server warnings and conflicts name records by id). */
export function placeLocator(read: WorkbookRead): (id: string) => RecordPlace | undefined {
  const byId = new Map<string, RecordPlace>();
  for (const p of recordPlaces(read)) if (p.id !== undefined) byId.set(p.id, p);
  return (id) => byId.get(id);
}

export interface AuditQuery {
  year: number;
  unit: string;
  kind: RecordKind;
  record: string;
}

/** `GET /api/audit`: the record's history, oldest first; a 403 says which roles may read it. */
export async function fetchAudit(server: string, token: string, query: AuditQuery): Promise<AuditEntry[]> {
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
    if (res.status !== 403) throw problemError(res.status, text);
    throw new TransportError(403, {
      vi: "Vai trò của bạn không được xem lịch sử thay đổi (chỉ đầu mối, lãnh đạo, quản trị).",
      en: "Your role may not read change history (coordinators, leaders and admins may).",
    });
  }
  const json = parseJsonText(text);
  const history = json.ok ? check(AuditAnswerSchema, json.value) : undefined;
  if (!history?.ok)
    throw new TransportError("unreachable", {
      vi: `Máy chủ ${server} trả lời lịch sử thay đổi không đúng hợp đồng (${history ? `tại "${history.pointer}"` : "không phải JSON"}).`,
      en: `The server ${server} answered the change history off the contract (${history ? `at "${history.pointer}"` : "not JSON"}).`,
    });
  return history.value;
}

/** An ISO instant in Vietnam time (UTC+7, no daylight saving): "31/03/2021 17:05". */
export function vietnamTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const t = inVietnam(new Date(ms)).toISOString();
  return `${t.slice(8, 10)}/${t.slice(5, 7)}/${t.slice(0, 4)} ${t.slice(11, 16)}`;
}

/** A value of the history as a user reads it: blanks as "—", deadlines and dates by their text. */
export function historyValue(v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "string") return v;
  if (typeof v === "object" && typeof (v as { text?: unknown }).text === "string")
    return (v as { text: string }).text;
  return JSON.stringify(v);
}

/** One field's change as shown: from → to, or only that it changed (personal data keeps no values). */
export type ShownChange = { field: string; from: string; to: string } | { field: string; changed: true };

export interface ShownEntry {
  version: number;
  /** Vietnam time, "dd/mm/yyyy hh:mm". */
  when: string;
  who: string;
  changes: ShownChange[];
}

/** The entries as shown; `show` writes a value (the pane translates statuses and dates). */
export function shownHistory(
  entries: AuditEntry[],
  show: (v: unknown) => string = historyValue,
): ShownEntry[] {
  return entries.map((e) => ({
    version: e.version,
    when: vietnamTime(e.at),
    who: e.who,
    changes: e.changes.map((c) =>
      "changed" in c
        ? { field: c.field, changed: true as const }
        : { field: c.field, from: show(c.from), to: show(c.to) },
    ),
  }));
}
