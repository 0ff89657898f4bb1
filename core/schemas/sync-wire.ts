import * as v from "valibot";
import { bilingual, plainObject, said } from "./problem";
import {
  DossierDataSchema,
  StoredDossierDataSchema,
  StoredTaskDataSchema,
  TaskDataSchema,
} from "./record-data";

/**
 * The sync contract of DESIGN.md as schemas: the server checks each request with them, the engine
 * each answer; the types of core/sync/protocol.ts are inferred from them.
 */
export const LIMITS = {
  maxRecordsPerPush: 1000,
  maxIdLength: 200,
  maxDataChars: 15_000,
  maxBodyBytes: 8 * 1024 * 1024,
};

export const MessageSchema = v.object({ vi: v.string(), en: v.string() });

export const RecordKindSchema = v.picklist(["task", "dossier"]);

/**
 * A record's data of either kind, read field by field (the sync state's last synced copies, a
 * conflict's other side): a JSON object; checked by kind where it crosses the wire.
 */
export const RecordDataSchema = plainObject(
  v.record(v.string(), v.unknown()),
  "data phải là một đối tượng.",
  "data must be an object.",
);

const CURSOR_TEXT = /^[A-Za-z0-9_-]{1,40}\.\d{1,15}(\.[A-Za-z0-9_-]{1,40})?$/;

/**
 * Partition → what the client has seen of it: `"<epoch>.<seq>"`, or `"<epoch>.<seq>.<mark>"` where
 * the mark names the write that ended at `seq` (a store rolled back to a backup hands the same
 * numbers out again under other marks). A bare number is the format of workbooks synced before
 * epochs existed: its epoch is unknown, so the partition is resent.
 */
export const CursorSchema = said(
  v.record(
    v.string(),
    v.union([v.pipe(v.number(), v.integer(), v.minValue(0)), v.pipe(v.string(), v.regex(CURSOR_TEXT))]),
  ),
  'Giá trị cursor phải là "<epoch>.<số>[.<dấu>]" (hoặc số nguyên không âm).',
  'Cursor values must be "<epoch>.<number>[.<mark>]" (or whole numbers ≥ 0).',
);

/** The longest unit the server takes (a code, or a name the reference list does not know). */
export const UNIT_MAX_LENGTH = 100;

const unitText = (name: string) =>
  said(
    v.pipe(v.string(), v.minLength(1), v.maxLength(UNIT_MAX_LENGTH)),
    `${name} phải là chuỗi 1–${UNIT_MAX_LENGTH} ký tự.`,
    `${name} must be a string of 1–${UNIT_MAX_LENGTH} characters.`,
  );

/**
 * A strict object's message: an unknown key is named (its pointer ends with the key), anything else
 * that is not an object gets the `vi`/`en` text.
 */
export const objectMessage =
  (vi: string, en: string) =>
  (issue: v.BaseIssue<unknown>): string =>
    issue.expected === "never"
      ? bilingual(
          `Trường không được hỗ trợ: "${String(issue.input)}".`,
          `Unknown field "${String(issue.input)}".`,
        )
      : // A required key left out (valibot names it, quoted, as what it expected): "is an object" misled.
        issue.received === "undefined" && issue.expected?.startsWith('"')
        ? bilingual(`Thiếu trường ${issue.expected}.`, `Missing field ${issue.expected}.`)
        : bilingual(vi, en);

const recordId = said(
  v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.maxIdLength)),
  `id phải là chuỗi 1–${LIMITS.maxIdLength} ký tự.`,
  `id must be a string of 1–${LIMITS.maxIdLength} characters.`,
);

/** A record's data within the size the server keeps for one record. */
const sized = <S extends v.GenericSchema<unknown, object>>(schema: S) =>
  v.pipe(
    plainObject(schema, "data phải là một đối tượng.", "data must be an object."),
    v.check(
      (d) => JSON.stringify(d).length <= LIMITS.maxDataChars,
      bilingual(
        `data là một đối tượng không quá ${LIMITS.maxDataChars} ký tự.`,
        `data must be an object of at most ${LIMITS.maxDataChars} characters.`,
      ),
    ),
  );

const DELETED_MESSAGE = bilingual("deleted phải là true/false.", "deleted must be true or false.");

/**
 * One kind's pushed record: its base version (null when new to the server), its data, and a move's
 * old unit. A live record's data is checked as its kind's (a wrong-typed field is named by its
 * pointer); a tombstone's data is its last copy as it was stored (read as stored data is), which
 * nothing counts.
 */
function pushedOf<K extends string, L extends v.ObjectEntries, D extends v.GenericSchema<unknown, object>>(
  kind: K,
  live: v.LooseObjectSchema<L, v.ErrorMessage<v.LooseObjectIssue> | undefined>,
  tombstone: D,
) {
  const common = {
    kind: v.literal(kind),
    id: recordId,
    unit: unitText("unit"),
    /** The version the client's copy was based on; null for a record new to the server. */
    baseVersion: said(
      v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1))),
      "baseVersion phải là null hoặc số nguyên ≥ 1.",
      "baseVersion must be null or a whole number ≥ 1.",
    ),
    /**
     * A move: the unit whose partition holds the record now (`baseVersion` is its version there).
     * The server applies it whole (new copy in `unit`, tombstone in `fromUnit`) or refuses it whole.
     */
    fromUnit: v.optional(unitText("fromUnit")),
  };
  const message = objectMessage("Mỗi bản ghi phải là một đối tượng.", "Each record must be an object.");
  return v.variant(
    "deleted",
    [
      v.strictObject({ ...common, deleted: v.optional(v.literal(false)), data: sized(live) }, message),
      v.strictObject(
        {
          ...common,
          deleted: v.literal(true),
          data: said(
            sized(tombstone),
            "data của bản ghi xóa: mỗi trường đúng kiểu JSON của nó (chuỗi, số, …).",
            "A deleted record's data: each field of its JSON type (text, number, …).",
          ),
        },
        message,
      ),
    ],
    DELETED_MESSAGE,
  );
}

/** One record pushed, its data checked by its kind (core/schemas/record-data.ts). */
export const PushedRecordSchema = v.pipe(
  v.variant(
    "kind",
    [
      pushedOf("task", TaskDataSchema, StoredTaskDataSchema),
      pushedOf("dossier", DossierDataSchema, StoredDossierDataSchema),
    ],
    // The variant on `deleted` inside each kind reports through this one.
    (issue) =>
      issue.path?.at(-1)?.key === "deleted"
        ? DELETED_MESSAGE
        : bilingual('kind phải là "task" hoặc "dossier".', 'kind must be "task" or "dossier".'),
  ),
  v.forward(
    v.check(
      (r) =>
        r.fromUnit === undefined || (r.fromUnit !== r.unit && r.baseVersion !== null && r.deleted !== true),
      bilingual(
        "fromUnit là đơn vị cũ (khác unit) của một bản ghi đang có, với baseVersion, không xóa.",
        "fromUnit is the former unit (not unit) of an existing record, with a baseVersion, not deleted.",
      ),
    ),
    ["fromUnit"],
  ),
);

/** A record's identity is (kind, id) in the whole plan year: it is pushed at most once per request. */
const uniqueRecords = v.rawCheck<v.InferOutput<typeof PushedRecordSchema>[]>(({ dataset, addIssue }) => {
  if (!dataset.typed) return;
  const seen = new Set<string>();
  dataset.value.forEach((r, i) => {
    const key = `${r.kind}|${r.id}`;
    if (seen.has(key))
      addIssue({
        message: bilingual(
          "Một bản ghi xuất hiện hai lần trong cùng lần đẩy.",
          "A record appears twice in one push.",
        ),
        path: [{ type: "array", origin: "value", input: dataset.value, key: i, value: r }],
      });
    seen.add(key);
  });
});

/** One request carries the push and the pull. */
export const SyncRequestSchema = plainObject(
  v.strictObject(
    {
      year: said(
        v.pipe(v.number(), v.integer(), v.minValue(2000), v.maxValue(2100)),
        "year phải là năm từ 2000 đến 2100.",
        "year must be a year from 2000 to 2100.",
      ),
      operationId: said(
        v.pipe(v.string(), v.regex(/^[A-Za-z0-9-]{8,64}$/)),
        "operationId phải là chuỗi 8–64 ký tự chữ, số, gạch ngang.",
        "operationId must be 8–64 letters, digits or dashes.",
      ),
      cursor: v.nullish(CursorSchema, {}),
      push: v.nullish(
        v.pipe(
          said(
            v.array(
              plainObject(
                PushedRecordSchema,
                "Mỗi bản ghi phải là một đối tượng.",
                "Each record must be an object.",
              ),
            ),
            "push phải là một mảng.",
            "push must be an array.",
          ),
          v.maxLength(
            LIMITS.maxRecordsPerPush,
            bilingual(
              `Tối đa ${LIMITS.maxRecordsPerPush} bản ghi mỗi lần đẩy.`,
              `At most ${LIMITS.maxRecordsPerPush} records per push.`,
            ),
          ),
          uniqueRecords,
        ),
        [],
      ),
    },
    objectMessage("Nội dung phải là một đối tượng JSON.", "The body must be a JSON object."),
  ),
  "Nội dung phải là một đối tượng JSON.",
  "The body must be a JSON object.",
);

/** Who the server took the caller for: a refusal belongs to this member (and these rights). */
export const MemberInfoSchema = v.object({ id: v.string(), role: v.string(), unit: v.nullable(v.string()) });

/**
 * One kind's record as the server keeps it, read leniently (core/schemas/record-data.ts): it may
 * have been stored by an older or newer version, and a tombstone's data is its last copy, or nothing.
 */
const storedOf = <K extends string, S extends v.GenericSchema<unknown, object>>(kind: K, data: S) =>
  v.object({
    kind: v.literal(kind),
    id: v.string(),
    unit: v.string(),
    year: v.number(),
    version: v.number(),
    seq: v.number(),
    deleted: v.boolean(),
    data: plainObject(data, "data phải là một đối tượng.", "data must be an object."),
    updatedBy: v.string(),
    updatedAt: v.string(),
  });

export const StoredRecordSchema = v.variant("kind", [
  storedOf("task", StoredTaskDataSchema),
  storedOf("dossier", StoredDossierDataSchema),
]);

export const PushResultSchema = v.variant("status", [
  v.object({ kind: RecordKindSchema, id: v.string(), status: v.literal("applied"), version: v.number() }),
  v.object({
    kind: RecordKindSchema,
    id: v.string(),
    status: v.literal("conflict"),
    server: v.nullable(StoredRecordSchema),
  }),
  v.object({
    kind: RecordKindSchema,
    id: v.string(),
    status: v.literal("rejected"),
    httpStatus: v.number(),
    reason: MessageSchema,
  }),
]);

export const SyncResponseSchema = v.object({
  operationId: v.string(),
  /** The caller, as the server knows it. */
  member: MemberInfoSchema,
  results: v.array(PushResultSchema),
  changes: v.array(StoredRecordSchema),
  cursor: v.record(v.string(), v.union([v.string(), v.number()])),
  /**
   * Units whose partition this answer resends from the start, because the cursor's epoch is not
   * the partition's (a store restored or that lost writes, another server) or the partition is
   * gone: the client reconciles its copies of their records by id.
   */
  resets: v.optional(v.array(v.string())),
  /** More changes wait after this page: sync again with the new cursor. */
  more: v.optional(v.boolean()),
});
