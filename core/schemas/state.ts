import * as v from "valibot";
import { MemberInfoSchema, MessageSchema, RecordDataSchema, RecordKindSchema } from "./sync-wire";

/**
 * The sync state kept in the workbook's hidden sheet (core/sync/sync-state.ts infers its types from
 * these schemas). Fields that older workbooks may lack have defaults; anything else that does not
 * fit is a damaged state, never a crash later in the engine.
 */
export const RecordStateSchema = v.object({
  kind: RecordKindSchema,
  unit: v.string(),
  /** Server version; null when the record is not (yet) on this server (never accepted there). */
  version: v.optional(v.nullable(v.number()), null),
  /** The values last synced: the base of the three-way merge. */
  base: RecordDataSchema,
  /**
   * The server refused the record as it is now (a fingerprint of what was pushed) to this member:
   * it is not pushed again unchanged by the same member with the same rights; anyone else retries.
   */
  refused: v.optional(v.object({ member: MemberInfoSchema, push: v.string(), reason: MessageSchema })),
  /** The sheet its row was on at the last sync (core/sync/held-deletions.ts: a sheet's deletions held). */
  sheet: v.optional(v.string()),
  /**
   * Its deletion was held and reported by a sync written to the workbook: what `--confirm-deletes`
   * (confirmDeletes: true) confirms, never a deletion no sync has shown yet (T19).
   */
  held: v.optional(v.literal(true)),
});

/** A field changed on both sides, waiting for the user (--prefer mine|theirs, or an edit). */
export const OpenConflictSchema = v.pipe(
  v.object({
    id: v.string(),
    kind: RecordKindSchema,
    field: v.string(),
    // An empty side is undefined, which JSON leaves out.
    mine: v.optional(v.unknown()),
    theirs: v.optional(v.unknown()),
    theirsVersion: v.number(),
    theirsData: RecordDataSchema,
    who: v.string(),
    at: v.string(),
    /** Mine is a formula's value: held until the formula gives theirs (core/sync/formula-holds.ts). */
    formula: v.optional(v.literal(true)),
  }),
  v.transform((c) => ({ ...c, mine: c.mine as unknown, theirs: c.theirs as unknown })),
);

export const MappingOverridesSchema = v.object({
  year: v.optional(v.number()),
  sheets: v.optional(
    v.record(
      v.string(),
      v.object({
        ignore: v.optional(v.boolean()),
        /** Column letter → field name, or "none" (the column means nothing to the tracker). */
        columns: v.optional(v.record(v.string(), v.string())),
      }),
    ),
  ),
});

export const SyncStateSchema = v.object({
  format: v.literal(1),
  server: v.optional(v.string()),
  year: v.optional(v.number()),
  cursor: v.record(v.string(), v.union([v.string(), v.number()])),
  includePersonalData: v.optional(v.boolean(), false),
  records: v.record(v.string(), RecordStateSchema),
  conflicts: v.optional(v.array(OpenConflictSchema), () => []),
  lastSync: v.optional(v.string()),
  /** How the workbook was read at the last sync: each sheet's kind and columns. */
  mapping: v.optional(
    v.array(
      v.object({
        sheet: v.string(),
        kind: v.string(),
        columns: v.array(
          v.object({
            column: v.string(),
            header: v.string(),
            field: v.string(),
            byHand: v.optional(v.boolean()),
            insteadOf: v.optional(v.string()),
          }),
        ),
      }),
    ),
  ),
  /** The user's corrections of how the workbook is read (`--map`, the task pane): used by every read. */
  mappingOverrides: v.optional(MappingOverridesSchema),
  /** Fingerprints of the texts and numbers the last sync wrote into the summary (core/sync/summary-edits.ts). */
  summaryWritten: v.optional(v.array(v.string())),
  /** What the last summary showed but for its time (core/sync/summary-edits.ts): a sync changing nothing is not written. */
  summaryDigest: v.optional(v.string()),
});
