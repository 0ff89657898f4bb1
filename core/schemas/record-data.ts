import * as v from "valibot";
import { isIsoDate } from "../dates/local-date";
import { DEADLINE_READINGS } from "../parse/deadline";
import { CHANNELS, DOSSIER_STATUSES, TASK_STATUSES } from "../parse/words";
import { bilingual, said } from "./problem";

/**
 * A record's data as it travels and is stored: the fields of core/model/records.ts as
 * core/sync/record-data.ts writes them (dates as ISO text, numbers as numbers, absent fields left
 * out). The server checks a pushed record's data with these schemas, and the engine the data it
 * pulls; the types TaskData and DossierData are inferred from them. Fields this version does not
 * know (a newer client's) are kept, never dropped or refused.
 */

const text = (name: string) => said(v.string(), `${name} phải là chuỗi.`, `${name} must be a string.`);

const isoDate = (name: string) =>
  said(
    v.pipe(v.string(), v.check(isIsoDate)),
    `${name} phải là ngày dạng YYYY-MM-DD.`,
    `${name} must be a date written YYYY-MM-DD.`,
  );

const oneOf = <const T extends readonly [string, ...string[]]>(name: string, words: T) =>
  said(
    v.picklist(words),
    `${name} phải là một trong: ${words.join(", ")}.`,
    `${name} must be one of: ${words.join(", ")}.`,
  );

const wholeNumber = (name: string, min: number) =>
  said(
    v.pipe(v.number(), v.integer(), v.minValue(min)),
    `${name} phải là số nguyên ≥ ${min}.`,
    `${name} must be a whole number ≥ ${min}.`,
  );

/** An object's message: a required field missing (named by its pointer), or not an object at all. */
const objectOf = (name: string) => (issue: v.BaseIssue<unknown>) => {
  const key = issue.path?.at(-1)?.key;
  return issue.input !== undefined || key === undefined
    ? bilingual(`${name} phải là một đối tượng.`, `${name} must be an object.`)
    : bilingual(
        `${name} thiếu trường bắt buộc "${String(key)}".`,
        `${name} lacks the required field "${String(key)}".`,
      );
};

/** A task's deadline as written and as read (core/parse/deadline.ts). */
export const DeadlineDataSchema = v.looseObject(
  {
    text: text("deadline.text"),
    due: v.optional(isoDate("deadline.due")),
    recurring: said(
      v.boolean(),
      "deadline.recurring phải là true/false.",
      "deadline.recurring must be true or false.",
    ),
    readAs: v.optional(oneOf("deadline.readAs", DEADLINE_READINGS)),
  },
  objectOf("deadline"),
);

export const TaskDataSchema = v.looseObject(
  {
    /** The task's number (STT) as written. */
    id: v.optional(text("id")),
    field: v.optional(wholeNumber("field", 1)),
    content: text("content"),
    leadUnit: v.optional(text("leadUnit")),
    coordinatingUnits: v.optional(text("coordinatingUnits")),
    deadline: v.optional(DeadlineDataSchema),
    output: v.optional(text("output")),
    status: oneOf("status", TASK_STATUSES),
    statusText: v.optional(text("statusText")),
    completedOn: v.optional(isoDate("completedOn")),
    notes: v.optional(text("notes")),
  },
  objectOf("data"),
);

/** Applicants' personal data: sent only when the workbook's owner turned that on. */
export const ApplicantDataSchema = v.looseObject(
  {
    name: v.optional(text("applicant.name")),
    address: v.optional(text("applicant.address")),
    idNumber: v.optional(text("applicant.idNumber")),
  },
  objectOf("applicant"),
);

export const DossierDataSchema = v.looseObject(
  {
    code: v.optional(text("code")),
    procedure: v.optional(text("procedure")),
    sector: v.optional(text("sector")),
    unit: v.optional(text("unit")),
    channel: v.optional(oneOf("channel", CHANNELS)),
    receivedOn: isoDate("receivedOn"),
    dueOn: isoDate("dueOn"),
    /** How dueOn was found; absent in some older records, which read it as "appointment". */
    dueFrom: v.optional(oneOf("dueFrom", ["appointment", "processing-days"])),
    processingDays: v.optional(wholeNumber("processingDays", 0)),
    resultOn: v.optional(isoDate("resultOn")),
    status: oneOf("status", DOSSIER_STATUSES),
    notes: v.optional(text("notes")),
    applicant: v.optional(ApplicantDataSchema),
  },
  objectOf("data"),
);

export type TaskData = v.InferOutput<typeof TaskDataSchema>;
export type DossierData = v.InferOutput<typeof DossierDataSchema>;

/**
 * Stored data as a client reads it back: each known field of its JSON type only (no date format,
 * no word list, nothing required; unknown fields kept), so that a row an older or newer version
 * stored (a date of 1899, a status word added later) never makes a whole answer unreadable. The
 * statistics check each field themselves (core/model/record-json.ts).
 */
const str = v.optional(v.string());
const num = v.optional(v.number());
export const StoredTaskDataSchema = v.looseObject({
  id: str,
  field: num,
  content: str,
  leadUnit: str,
  coordinatingUnits: str,
  deadline: v.optional(
    v.looseObject({ text: str, due: str, recurring: v.optional(v.boolean()), readAs: str }),
  ),
  output: str,
  status: str,
  statusText: str,
  completedOn: str,
  notes: str,
});
export const StoredDossierDataSchema = v.looseObject({
  code: str,
  procedure: str,
  sector: str,
  unit: str,
  channel: str,
  receivedOn: str,
  dueOn: str,
  dueFrom: str,
  processingDays: num,
  resultOn: str,
  status: str,
  notes: str,
  applicant: v.optional(v.looseObject({ name: str, address: str, idNumber: str })),
});
