import type * as v from "valibot";
import { check, type Checked } from "../schemas/problem";
import {
  LIMITS,
  type CursorSchema,
  type MemberInfoSchema,
  type PushedRecordSchema,
  type PushResultSchema,
  type RecordKindSchema,
  type StoredRecordSchema,
  SyncRequestSchema,
  SyncResponseSchema,
} from "../schemas/sync-wire";

/** The sync contract of DESIGN.md: one request carries the push and the pull (schemas: core/schemas/sync-wire.ts). */
export type RecordKind = v.InferOutput<typeof RecordKindSchema>;
export type PushedRecord = v.InferOutput<typeof PushedRecordSchema>;
/** Partition → `"<epoch>.<seq>[.<mark>]"` (or a bare number, the format before epochs). */
export type Cursor = v.InferOutput<typeof CursorSchema>;
export type SyncRequest = v.InferOutput<typeof SyncRequestSchema>;
export type MemberInfo = v.InferOutput<typeof MemberInfoSchema>;
export type PushResult = v.InferOutput<typeof PushResultSchema>;
export type StoredRecord = v.InferOutput<typeof StoredRecordSchema>;
export type SyncResponse = v.InferOutput<typeof SyncResponseSchema>;
export { LIMITS };

export const sameMember = (a: MemberInfo | undefined, b: MemberInfo | undefined): boolean =>
  a !== undefined && b !== undefined && a.id === b.id && a.role === b.role && a.unit === b.unit;

/** One partition's place in a cursor: its epoch (undefined for the old format) and last sequence. */
export function parseCursorEntry(value: string | number | undefined): {
  epoch?: string;
  seq: number;
  mark?: string;
} {
  if (value === undefined) return { seq: 0 };
  if (typeof value === "number") return { seq: value };
  const [epoch, seq, mark] = value.split(".");
  return { epoch: epoch!, seq: Number(seq), ...(mark ? { mark } : {}) };
}

export const cursorEntry = (epoch: string, seq: number, mark?: string): string =>
  mark ? `${epoch}.${seq}.${mark}` : `${epoch}.${seq}`;

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** A personal-data field's change in the audit: that it changed, never from what or to what. */
export interface RedactedChange {
  field: string;
  changed: true;
}

/** One applied change of a record: who, when, and which fields changed from what to what. */
export interface AuditEntry {
  kind: RecordKind;
  id: string;
  unit: string;
  year: number;
  version: number;
  seq: number;
  who: string;
  at: string;
  changes: (FieldChange | RedactedChange)[];
}

/** Validates a sync body; the first problem is named by its JSON pointer, in Vietnamese and English. */
export const parseSyncRequest = (body: unknown): Checked<SyncRequest> => check(SyncRequestSchema, body);

/** Validates a sync answer before the engine reads it: anything else is a broken answer, not a crash. */
export const parseSyncResponse = (body: unknown): Checked<SyncResponse> => check(SyncResponseSchema, body);
