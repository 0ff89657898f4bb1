import * as v from "valibot";
import { RecordKindSchema } from "./sync-wire";

/**
 * A record's history as `GET /api/audit` answers it (and the server stores it): the types AuditEntry,
 * FieldChange and RedactedChange of core/sync/protocol.ts are inferred from these schemas.
 */

/** A personal-data field's change: that it changed, never from what or to what. */
export const RedactedChangeSchema = v.object({ field: v.string(), changed: v.literal(true) });

/** A field changed from what to what (null or absent: blank). */
export const FieldChangeSchema = v.object({
  field: v.string(),
  from: v.optional(v.unknown()),
  to: v.optional(v.unknown()),
});

export const AuditEntrySchema = v.object({
  kind: RecordKindSchema,
  id: v.string(),
  unit: v.string(),
  year: v.number(),
  version: v.number(),
  seq: v.number(),
  who: v.string(),
  at: v.string(),
  // The redacted form first: a field change would take it too (with no from/to).
  changes: v.array(v.union([RedactedChangeSchema, FieldChangeSchema])),
});

export const AuditAnswerSchema = v.array(AuditEntrySchema);
