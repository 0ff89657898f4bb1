import type { IsoDate } from "../dates/local-date";
import type { Channel } from "../parse/channel";
import type { Deadline } from "../parse/deadline";
import type { DossierStatus } from "../parse/dossier-status";
import type { TaskStatus } from "../parse/task-status";

/** Every message a user reads comes in both languages. */
export interface Message {
  vi: string;
  en: string;
}

/** Where a record came from in its workbook (1-based row, column letter). */
export interface SourceRef {
  sheet: string;
  row: number;
}

export interface TaskRecord {
  /** The record's id in the hidden id column, once the workbook has synced. */
  syncId?: string;
  id?: string;
  year: number;
  /** Number in the plan's field list (DEFAULT_FIELDS unless the plan adds its own). */
  field?: number;
  content: string;
  leadUnit?: string;
  coordinatingUnits?: string;
  deadline?: Deadline;
  /**
   * The date the deadline cell holds when its format shows only a month or year (the deadline is
   * that period's end): a sync keeps a deadline last synced as exactly that day (T19, keep-synced-day.ts).
   */
  deadlineCell?: IsoDate;
  output?: string;
  status: TaskStatus;
  statusText: string;
  completedOn?: IsoDate;
  notes?: string;
  source?: SourceRef;
}

/** Applicants' personal data: never needed by statistics, never sent unless the owner opts in. */
export interface ApplicantData {
  name?: string;
  address?: string;
  idNumber?: string;
}

export interface DossierRecord {
  /** The record's id in the hidden id column, once the workbook has synced. */
  syncId?: string;
  code?: string;
  procedure?: string;
  sector?: string;
  unit?: string;
  channel?: Channel;
  receivedOn: IsoDate;
  /** The appointment date (ngày hẹn trả), or received + processing time in working days. */
  dueOn: IsoDate;
  dueFrom: "appointment" | "processing-days";
  processingDays?: number;
  /** The date the result was returned, or the dossier returned/withdrawn. */
  resultOn?: IsoDate;
  status: DossierStatus;
  notes?: string;
  applicant?: ApplicantData;
  source?: SourceRef;
}

export interface RowError {
  sheet: string;
  row: number | null;
  column: string | null;
  message: Message;
}

export interface ColumnMapping {
  column: string;
  header: string;
  field: string;
  /** Set by the user's correction (`--map`, the task pane), not by the header. */
  byHand?: boolean;
  /** The field the header gave, which the user's correction says this column is not. */
  insteadOf?: string;
}

export interface SheetMapping {
  sheet: string;
  kind: "tasks" | "dossiers" | "ignored" | "workbook";
  headerRows?: number[];
  firstDataRow?: number;
  lastDataRow?: number;
  columns?: ColumnMapping[];
  /** Section rows of a tasks sheet (1-based) and the field each names. */
  sections?: { row: number; field?: number }[];
  notes: Message[];
}
