import * as v from "valibot";
import { DeadlineDataSchema, DossierDataSchema, TaskDataSchema } from "../schemas/record-data";
import type { DossierRecord, TaskRecord } from "./records";

/**
 * Records as they travel and are stored: plain JSON, checked field by field with the schemas of
 * core/schemas/record-data.ts. A record lacking what the statistics need (or with it mistyped) is
 * skipped, not misread; a mistyped optional field of an older stored record is left out, the record
 * still counts.
 */
const T = TaskDataSchema.entries;
const D = DossierDataSchema.entries;

/** `value` when present and valid by `schema`, else undefined. */
function valid<S extends v.GenericSchema>(schema: S, value: unknown): v.InferOutput<S> | undefined {
  return value !== undefined && v.is(schema, value) ? value : undefined;
}

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === "object" && x !== null && !Array.isArray(x);

export function taskFromJson(data: unknown, year: number): TaskRecord | undefined {
  if (!isObject(data)) return undefined;
  const content = valid(T.content, data.content);
  const status = valid(T.status, data.status);
  if (content === undefined || status === undefined) return undefined;
  const t: TaskRecord = { year, content, status, statusText: valid(T.statusText, data.statusText) ?? "" };
  const field = valid(T.field, data.field);
  if (field !== undefined) t.field = field;
  const leadUnit = valid(T.leadUnit, data.leadUnit);
  if (leadUnit !== undefined) t.leadUnit = leadUnit;
  const dl = data.deadline;
  if (isObject(dl)) {
    const E = DeadlineDataSchema.entries;
    t.deadline = { text: valid(E.text, dl.text) ?? "", recurring: dl.recurring === true };
    const due = valid(E.due, dl.due);
    if (due !== undefined) t.deadline.due = due;
  }
  const completedOn = valid(T.completedOn, data.completedOn);
  if (completedOn !== undefined) t.completedOn = completedOn;
  return t;
}

export function dossierFromJson(data: unknown): DossierRecord | undefined {
  if (!isObject(data)) return undefined;
  const receivedOn = valid(D.receivedOn, data.receivedOn);
  const dueOn = valid(D.dueOn, data.dueOn);
  const status = valid(D.status, data.status);
  if (receivedOn === undefined || dueOn === undefined || status === undefined) return undefined;
  const d: DossierRecord = {
    receivedOn,
    dueOn,
    // Older records may lack it: a due date then is the appointment written in the workbook.
    dueFrom: valid(D.dueFrom, data.dueFrom) ?? "appointment",
    status,
  };
  const resultOn = valid(D.resultOn, data.resultOn);
  if (resultOn !== undefined) d.resultOn = resultOn;
  const channel = valid(D.channel, data.channel);
  if (channel !== undefined) d.channel = channel;
  const sector = valid(D.sector, data.sector);
  if (sector !== undefined) d.sector = sector;
  const unit = valid(D.unit, data.unit);
  if (unit !== undefined) d.unit = unit;
  const code = valid(D.code, data.code);
  if (code !== undefined) d.code = code;
  const processingDays = valid(D.processingDays, data.processingDays);
  if (processingDays !== undefined) d.processingDays = processingDays;
  return d;
}
