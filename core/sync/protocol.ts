import type * as v from "valibot";
import type { AuditEntrySchema, FieldChangeSchema, RedactedChangeSchema } from "../schemas/audit";
import { check, type Checked } from "../schemas/problem";
import type { RecordData } from "./record-data";
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
export type { DossierData, TaskData } from "../schemas/record-data";

/**
 * Records as the schemas check them: a union on `kind`, whose data is the kind's (TaskData,
 * DossierData; a pushed tombstone's is its last copy, read as stored data is). A stored record's data
 * is read leniently (each field of its JSON type, none required), as an older or newer version may
 * have stored it. What `parseSyncRequest` and `parseSyncResponse` hand out.
 */
export type CheckedPushedRecord = v.InferOutput<typeof PushedRecordSchema>;
export type CheckedStoredRecord = v.InferOutput<typeof StoredRecordSchema>;
export type CheckedSyncRequest = v.InferOutput<typeof SyncRequestSchema>;
export type CheckedSyncResponse = v.InferOutput<typeof SyncResponseSchema>;

/**
 * The same records seen kind-generically, for code that treats both kinds alike (merging field by
 * field, chunking, storing): every checked record is one of these.
 */
export type PushedRecord = Omit<CheckedPushedRecord, "kind" | "deleted" | "data"> & {
  kind: RecordKind;
  deleted?: boolean | undefined;
  data: RecordData;
};
export type StoredRecord = Omit<CheckedStoredRecord, "kind" | "deleted" | "data"> & {
  kind: RecordKind;
  deleted: boolean;
  data: RecordData;
};
/** Partition → `"<epoch>.<seq>[.<mark>]"` (or a bare number, the format before epochs). */
export type Cursor = v.InferOutput<typeof CursorSchema>;
export type SyncRequest = Omit<CheckedSyncRequest, "push"> & { push: PushedRecord[] };
export type MemberInfo = v.InferOutput<typeof MemberInfoSchema>;
export type PushResult =
  | Exclude<v.InferOutput<typeof PushResultSchema>, { status: "conflict" }>
  | { kind: RecordKind; id: string; status: "conflict"; server: StoredRecord | null };
export type SyncResponse = Omit<CheckedSyncResponse, "results" | "changes"> & {
  results: PushResult[];
  changes: StoredRecord[];
};
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

/** One field's change in the audit: from what to what (schemas: core/schemas/audit.ts). */
export type FieldChange = v.InferOutput<typeof FieldChangeSchema>;
/** A personal-data field's change in the audit: that it changed, never from what or to what. */
export type RedactedChange = v.InferOutput<typeof RedactedChangeSchema>;
/** One applied change of a record: who, when, and which fields changed from what to what. */
export type AuditEntry = v.InferOutput<typeof AuditEntrySchema>;

/** Validates a sync body; the first problem is named by its JSON pointer, in Vietnamese and English. */
export const parseSyncRequest = (body: unknown): Checked<CheckedSyncRequest> =>
  check(SyncRequestSchema, body);

/** Validates a sync answer before the engine reads it: anything else is a broken answer, not a crash. */
export const parseSyncResponse = (body: unknown): Checked<CheckedSyncResponse> =>
  check(SyncResponseSchema, body);
