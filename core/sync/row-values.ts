import { parseIso } from "../dates/local-date";
import type { ColumnMapping } from "../model/records";
import type { CellValue } from "../parse/cell";
import { dossierStatusWhenBlank } from "../parse/dossier-status";
import { taskStatusWhenBlank } from "../parse/task-status";
import { CHANNEL_WORDS, DOSSIER_STATUS_WORDS, TASK_STATUS_WORDS, viByValue } from "../parse/words";
import type { Field } from "../reference/fields";
import { columnIndex } from "../layout/grid";
import type { RecordKind } from "./protocol";
import type { RecordData } from "./record-data";

/** The words written for statuses and channels: words.ts's, the same as the template's drop-down lists. */
export const TASK_STATUS_VI: Readonly<Record<string, string>> = viByValue(TASK_STATUS_WORDS);
export const DOSSIER_STATUS_VI: Readonly<Record<string, string>> = viByValue(DOSSIER_STATUS_WORDS);
export const CHANNEL_VI: Readonly<Record<string, string>> = viByValue(CHANNEL_WORDS);

/** A date as adapters write it: a UTC-midnight Date (a whole Excel serial, shown dd/mm/yyyy). */
export function dateCell(iso: unknown): CellValue {
  if (typeof iso !== "string") return null;
  const { year, month, day } = parseIso(iso);
  return new Date(Date.UTC(year, month - 1, day));
}

export interface ValueContext {
  fields: readonly Field[];
  unitName: (key: string) => string;
}

type Getter = (data: RecordData, ctx: ValueContext) => CellValue;
const text =
  (key: string): Getter =>
  (d) =>
    typeof d[key] === "string" || typeof d[key] === "number" ? (d[key] as string | number) : null;
const applicant =
  (key: string): Getter =>
  (d) => {
    const a = d.applicant as Record<string, string> | undefined;
    return a?.[key] ?? null;
  };

/**
 * A deadline read from a date cell: its text is the date itself (in records pushed before that, the
 * cell's serial number, "44377"). It is written back as a date cell: a serial written as text reads
 * as no deadline at all. A year typed as text ("2021") stays text.
 */
const isDateCellText = (text: string | undefined, due: string): boolean =>
  !text || text === due || /^\d{5}(\.\d+)?$/.test(text);

/**
 * Which data fields each column shows, and how; the data keys a column depends on decide when it
 * is rewritten.
 *
 * A pulled status goes into a copy's cell as blank wherever blank reads back as the same status
 * (core/parse: taskStatusWhenBlank, dossierStatusWhenBlank). A record pushed from a blank cell
 * carries no status word: writing one would read back as a change in the copy, and a result date
 * entered there would not resolve a dossier whose cell says "processing".
 */
const TASK_COLUMNS: Record<string, { keys: string[]; get: Getter }> = {
  id: { keys: ["id"], get: text("id") },
  content: { keys: ["content"], get: text("content") },
  field: { keys: ["field"], get: (d, c) => c.fields.find((f) => f.number === d.field)?.vi ?? null },
  leadUnit: {
    keys: ["leadUnit"],
    get: (d, c) => (typeof d.leadUnit === "string" ? c.unitName(d.leadUnit) : null),
  },
  coordinatingUnits: { keys: ["coordinatingUnits"], get: text("coordinatingUnits") },
  deadline: {
    keys: ["deadline"],
    get: (d) => {
      const dl = d.deadline as { text?: string; due?: string } | undefined;
      return dl?.due && isDateCellText(dl.text, dl.due) ? dateCell(dl.due) : (dl?.text ?? null);
    },
  },
  output: { keys: ["output"], get: text("output") },
  status: {
    keys: ["status", "statusText", "completedOn"],
    get: (d) =>
      typeof d.statusText === "string" && d.statusText
        ? d.statusText
        : taskStatusWhenBlank(d.completedOn) === d.status
          ? null
          : (TASK_STATUS_VI[d.status as string] ?? null),
  },
  completedOn: { keys: ["completedOn"], get: (d) => dateCell(d.completedOn) },
  notes: { keys: ["notes"], get: text("notes") },
};

const DOSSIER_COLUMNS: Record<string, { keys: string[]; get: Getter }> = {
  code: { keys: ["code"], get: text("code") },
  procedure: { keys: ["procedure"], get: text("procedure") },
  sector: { keys: ["sector"], get: text("sector") },
  unit: { keys: ["unit"], get: (d, c) => (typeof d.unit === "string" ? c.unitName(d.unit) : null) },
  channel: { keys: ["channel"], get: (d) => CHANNEL_VI[d.channel as string] ?? null },
  receivedOn: { keys: ["receivedOn"], get: (d) => dateCell(d.receivedOn) },
  dueOn: { keys: ["dueOn"], get: (d) => (d.dueFrom === "processing-days" ? null : dateCell(d.dueOn)) },
  processingDays: { keys: ["processingDays"], get: text("processingDays") },
  resultOn: { keys: ["resultOn"], get: (d) => dateCell(d.resultOn) },
  status: {
    keys: ["status", "resultOn", "notes"],
    get: (d) =>
      dossierStatusWhenBlank(d.notes, d.resultOn) === d.status
        ? null
        : (DOSSIER_STATUS_VI[d.status as string] ?? null),
  },
  notes: { keys: ["notes"], get: text("notes") },
  applicantName: { keys: ["applicant"], get: applicant("name") },
  applicantAddress: { keys: ["applicant"], get: applicant("address") },
  applicantId: { keys: ["applicant"], get: applicant("idNumber") },
};

export function columnsOf(kind: RecordKind) {
  return kind === "task" ? TASK_COLUMNS : DOSSIER_COLUMNS;
}

/** The key of one of a field's tick columns in a sheet's columns map ("status#tick:Đã hoàn thành"). */
const tickKey = (field: string, label: string) => `${field}#tick:${label}`;

/**
 * The column (0-based) of each mapped field of a sheet; a field over several columns (a status
 * read from ticks under "Đã hoàn thành | Chưa hoàn thành") also has each column by its label.
 */
export function fieldColumns(columns: readonly ColumnMapping[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of columns) if (!out.has(c.field)) out.set(c.field, columnIndex(c.column));
  for (const c of columns)
    if (c.field === "status" && columns.filter((o) => o.field === c.field).length > 1)
      out.set(tickKey(c.field, c.header.split(" / ").pop()!.trim()), columnIndex(c.column));
  return out;
}

/**
 * A task's status in a sheet that ticks it: an "x" under the column whose label is the status as
 * the record's own sheet wrote it, the other columns cleared (a word under "Đã hoàn thành" read
 * back right but looked wrong, T12). Undefined when no label is the record's status text: the word
 * is then written as in any sheet (a tick for another wording would read back as another text).
 */
function tickCells(data: RecordData, columns: Map<string, number>): Map<number, CellValue> | undefined {
  const ticks = [...columns].filter(([key]) => key.startsWith(tickKey("status", "")));
  if (ticks.length < 2) return undefined;
  const said = typeof data.statusText === "string" ? data.statusText.trim().normalize("NFC") : "";
  const blank = TASK_COLUMNS.status!.get(data, { fields: [], unitName: (k) => k }) === null;
  const at = ticks.findIndex(([key]) => key.slice(tickKey("status", "").length).normalize("NFC") === said);
  if (at < 0 && !blank) return undefined;
  return new Map(ticks.map(([, col], i) => [col, i === at ? "x" : null]));
}

/**
 * The cells a record's data fills in a row: every mapped column, or only those whose data keys are
 * in `changedKeys` (an update writes only what changed). Personal-data columns are written only
 * when the data carries them.
 */
export function rowCells(
  kind: RecordKind,
  data: RecordData,
  columns: Map<string, number>,
  ctx: ValueContext,
  changedKeys?: Set<string>,
): Map<number, CellValue> {
  const out = new Map<number, CellValue>();
  for (const [field, spec] of Object.entries(columnsOf(kind))) {
    const col = columns.get(field);
    if (col === undefined) continue;
    if (changedKeys && !spec.keys.some((k) => changedKeys.has(k))) continue;
    if (spec.keys.includes("applicant") && data.applicant === undefined) continue;
    const ticks = kind === "task" && field === "status" ? tickCells(data, columns) : undefined;
    if (ticks) for (const [at, value] of ticks) out.set(at, value);
    else out.set(col, spec.get(data, ctx));
  }
  return out;
}
