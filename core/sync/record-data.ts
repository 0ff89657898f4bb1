import type { DossierRecord, TaskRecord } from "../model/records";
import type { DossierData, TaskData } from "../schemas/record-data";
import type { RecordKind } from "./protocol";

/**
 * A record's data read field by field, whatever its kind: merging, conflicts and the audit compare
 * fields by name. Its typed forms are TaskData and DossierData (core/schemas/record-data.ts).
 */
export type RecordData = Record<string, unknown>;

/** The unit whose partition holds a record; records with no unit share one. */
export const NO_UNIT_KEY = "-";

/** The object without its undefined fields: JSON leaves them out, and so does the comparison. */
function compact<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}

export function taskData(t: TaskRecord): TaskData {
  return compact<TaskData>({
    id: t.id,
    field: t.field,
    content: t.content,
    leadUnit: t.leadUnit,
    coordinatingUnits: t.coordinatingUnits,
    deadline: t.deadline && { ...t.deadline },
    output: t.output,
    status: t.status,
    statusText: t.statusText || undefined,
    completedOn: t.completedOn,
    notes: t.notes,
  });
}

/** Applicants' personal data leaves the workbook only when its owner turned that on. */
export function dossierData(d: DossierRecord, includePersonalData: boolean): DossierData {
  return compact<DossierData>({
    code: d.code,
    procedure: d.procedure,
    sector: d.sector,
    unit: d.unit,
    channel: d.channel,
    receivedOn: d.receivedOn,
    dueOn: d.dueOn,
    dueFrom: d.dueFrom,
    processingDays: d.processingDays,
    resultOn: d.resultOn,
    status: d.status,
    notes: d.notes,
    applicant: includePersonalData && d.applicant ? { ...d.applicant } : undefined,
  });
}

export function unitOf(kind: RecordKind, data: RecordData): string {
  const unit = kind === "task" ? data.leadUnit : data.unit;
  return typeof unit === "string" && unit !== "" ? unit : NO_UNIT_KEY;
}

/** JSON with sorted keys: equal data, equal text, whatever order the fields were set in. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as RecordData)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as RecordData)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value);
}

/** A short fingerprint (cyrb53): runs alike in the browser and in Node, no crypto needed. */
export function fingerprint(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, "0") + (h1 >>> 0).toString(16).padStart(8, "0");
}

export const sameData = (a: RecordData, b: RecordData) => stableJson(a) === stableJson(b);
