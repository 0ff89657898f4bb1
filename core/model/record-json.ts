import { isIsoDate } from "../dates/local-date";
import type { DossierRecord, TaskRecord } from "./records";

/**
 * Records as they travel and are stored: plain JSON. These readers accept only well-formed records
 * (what the statistics need), so a stored record that someone broke is skipped, not misread.
 */
const str = (v: unknown): v is string => typeof v === "string";
const date = (v: unknown): v is string => str(v) && isIsoDate(v);
const TASK_STATUSES = ["done", "in-progress", "not-started"];
const DOSSIER_STATUSES = ["processing", "resolved", "returned", "withdrawn", "awaiting-supplement"];

export function taskFromJson(data: Record<string, unknown>, year: number): TaskRecord | undefined {
  if (!str(data.content) || !str(data.status) || !TASK_STATUSES.includes(data.status)) return undefined;
  const t: TaskRecord = {
    year,
    content: data.content,
    status: data.status as TaskRecord["status"],
    statusText: str(data.statusText) ? data.statusText : "",
  };
  if (typeof data.field === "number") t.field = data.field;
  if (str(data.leadUnit)) t.leadUnit = data.leadUnit;
  const dl = data.deadline as Record<string, unknown> | undefined;
  if (dl && typeof dl === "object") {
    t.deadline = { text: str(dl.text) ? dl.text : "", recurring: dl.recurring === true };
    if (date(dl.due)) t.deadline.due = dl.due;
  }
  if (date(data.completedOn)) t.completedOn = data.completedOn;
  return t;
}

export function dossierFromJson(data: Record<string, unknown>): DossierRecord | undefined {
  if (
    !date(data.receivedOn) ||
    !date(data.dueOn) ||
    !str(data.status) ||
    !DOSSIER_STATUSES.includes(data.status)
  )
    return undefined;
  const d: DossierRecord = {
    receivedOn: data.receivedOn,
    dueOn: data.dueOn,
    dueFrom: data.dueFrom === "processing-days" ? "processing-days" : "appointment",
    status: data.status as DossierRecord["status"],
  };
  if (date(data.resultOn)) d.resultOn = data.resultOn;
  if (data.channel === "online" || data.channel === "in-person" || data.channel === "post")
    d.channel = data.channel;
  if (str(data.sector)) d.sector = data.sector;
  if (str(data.unit)) d.unit = data.unit;
  if (str(data.code)) d.code = data.code;
  if (
    typeof data.processingDays === "number" &&
    Number.isInteger(data.processingDays) &&
    data.processingDays >= 0
  )
    d.processingDays = data.processingDays;
  return d;
}
