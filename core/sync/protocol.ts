import type { Message } from "../model/records";

/** The sync contract of DESIGN.md: one request carries the push and the pull. */
export type RecordKind = "task" | "dossier";

export interface PushedRecord {
  kind: RecordKind;
  id: string;
  unit: string;
  /** The version the client's copy was based on; null for a record new to the server. */
  baseVersion: number | null;
  deleted?: boolean;
  data: Record<string, unknown>;
  /**
   * A move: the unit whose partition holds the record now (`baseVersion` is its version there).
   * The server applies it whole (new copy in `unit`, tombstone in `fromUnit`) or refuses it whole.
   */
  fromUnit?: string;
}

/**
 * Partition → what the client has seen of it: `"<epoch>.<seq>"`, or `"<epoch>.<seq>.<mark>"` where
 * the mark names the write that ended at `seq` (a store rolled back to a backup hands the same
 * numbers out again under other marks). A bare number is the format of workbooks synced before
 * epochs existed: its epoch is unknown, so the partition is resent.
 */
export type Cursor = Record<string, string | number>;

export interface SyncRequest {
  year: number;
  operationId: string;
  cursor: Cursor;
  push: PushedRecord[];
}

/** Who the server took the caller for: a refusal belongs to this member (and these rights). */
export interface MemberInfo {
  id: string;
  role: string;
  unit: string | null;
}

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

export type PushResult =
  | { kind: RecordKind; id: string; status: "applied"; version: number }
  | { kind: RecordKind; id: string; status: "conflict"; server: StoredRecord | null }
  | { kind: RecordKind; id: string; status: "rejected"; httpStatus: number; reason: Message };

export interface StoredRecord {
  kind: RecordKind;
  id: string;
  unit: string;
  year: number;
  version: number;
  seq: number;
  deleted: boolean;
  data: Record<string, unknown>;
  updatedBy: string;
  updatedAt: string;
}

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

export interface SyncResponse {
  operationId: string;
  /** The caller, as the server knows it. */
  member: MemberInfo;
  results: PushResult[];
  changes: StoredRecord[];
  cursor: Cursor;
  /**
   * Units whose partition this answer resends from the start, because the cursor's epoch is not
   * the partition's (a store restored or that lost writes, another server) or the partition is
   * gone: the client reconciles its copies of their records by id.
   */
  resets?: string[];
  /** More changes wait after this page: sync again with the new cursor. */
  more?: boolean;
}

export const LIMITS = {
  maxRecordsPerPush: 1000,
  maxIdLength: 200,
  maxDataChars: 15_000,
  maxBodyBytes: 8 * 1024 * 1024,
};

type Check = { ok: true; value: SyncRequest } | { ok: false; message: Message; pointer: string };

const fail = (pointer: string, vi: string, en: string): Check => ({
  ok: false,
  pointer,
  message: { vi, en },
});
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Validates a sync body field by field; the first problem is named by its JSON pointer. */
export function parseSyncRequest(body: unknown): Check {
  if (!isObject(body))
    return fail("", "Nội dung phải là một đối tượng JSON.", "The body must be a JSON object.");
  const allowed = new Set(["year", "operationId", "cursor", "push"]);
  for (const k of Object.keys(body))
    if (!allowed.has(k)) return fail(`/${k}`, `Trường không được hỗ trợ: "${k}".`, `Unknown field "${k}".`);
  const { year, operationId, cursor, push } = body;
  if (typeof year !== "number" || !Number.isInteger(year) || year < 2000 || year > 2100)
    return fail("/year", "year phải là năm từ 2000 đến 2100.", "year must be a year from 2000 to 2100.");
  if (typeof operationId !== "string" || !/^[A-Za-z0-9-]{8,64}$/.test(operationId))
    return fail(
      "/operationId",
      "operationId phải là chuỗi 8–64 ký tự chữ, số, gạch ngang.",
      "operationId must be 8–64 letters, digits or dashes.",
    );
  const cur = cursor ?? {};
  if (!isObject(cur))
    return fail(
      "/cursor",
      "cursor phải là đối tượng {phân vùng: số}.",
      "cursor must be an object {partition: number}.",
    );
  for (const [k, v] of Object.entries(cur))
    if (
      !(typeof v === "number" && Number.isInteger(v) && v >= 0) &&
      !(typeof v === "string" && /^[A-Za-z0-9_-]{1,40}\.\d{1,15}(\.[A-Za-z0-9_-]{1,40})?$/.test(v))
    )
      return fail(
        `/cursor/${k}`,
        'Giá trị cursor phải là "<epoch>.<số>[.<dấu>]" (hoặc số nguyên không âm).',
        'Cursor values must be "<epoch>.<number>[.<mark>]" (or whole numbers ≥ 0).',
      );
  const list = push ?? [];
  if (!Array.isArray(list)) return fail("/push", "push phải là một mảng.", "push must be an array.");
  if (list.length > LIMITS.maxRecordsPerPush)
    return fail(
      "/push",
      `Tối đa ${LIMITS.maxRecordsPerPush} bản ghi mỗi lần đẩy.`,
      `At most ${LIMITS.maxRecordsPerPush} records per push.`,
    );
  const records: PushedRecord[] = [];
  for (let i = 0; i < list.length; i++) {
    const r: unknown = list[i];
    const at = `/push/${i}`;
    if (!isObject(r)) return fail(at, "Mỗi bản ghi phải là một đối tượng.", "Each record must be an object.");
    for (const k of Object.keys(r))
      if (!["kind", "id", "unit", "baseVersion", "deleted", "data", "fromUnit"].includes(k))
        return fail(`${at}/${k}`, `Trường không được hỗ trợ: "${k}".`, `Unknown field "${k}".`);
    if (r.kind !== "task" && r.kind !== "dossier")
      return fail(`${at}/kind`, 'kind phải là "task" hoặc "dossier".', 'kind must be "task" or "dossier".');
    if (typeof r.id !== "string" || r.id.length === 0 || r.id.length > LIMITS.maxIdLength)
      return fail(
        `${at}/id`,
        `id phải là chuỗi 1–${LIMITS.maxIdLength} ký tự.`,
        `id must be a string of 1–${LIMITS.maxIdLength} characters.`,
      );
    if (typeof r.unit !== "string" || r.unit.length === 0 || r.unit.length > 100)
      return fail(
        `${at}/unit`,
        "unit phải là chuỗi 1–100 ký tự.",
        "unit must be a string of 1–100 characters.",
      );
    if (
      r.baseVersion !== null &&
      (typeof r.baseVersion !== "number" || !Number.isInteger(r.baseVersion) || r.baseVersion < 1)
    )
      return fail(
        `${at}/baseVersion`,
        "baseVersion phải là null hoặc số nguyên ≥ 1.",
        "baseVersion must be null or a whole number ≥ 1.",
      );
    if (
      r.fromUnit !== undefined &&
      (typeof r.fromUnit !== "string" ||
        r.fromUnit.length === 0 ||
        r.fromUnit.length > 100 ||
        r.fromUnit === r.unit ||
        r.baseVersion === null ||
        r.deleted === true)
    )
      return fail(
        `${at}/fromUnit`,
        "fromUnit là đơn vị cũ (khác unit) của một bản ghi đang có, với baseVersion, không xóa.",
        "fromUnit is the former unit (not unit) of an existing record, with a baseVersion, not deleted.",
      );
    if (r.deleted !== undefined && typeof r.deleted !== "boolean")
      return fail(`${at}/deleted`, "deleted phải là true/false.", "deleted must be true or false.");
    if (!isObject(r.data))
      return fail(`${at}/data`, "data phải là một đối tượng.", "data must be an object.");
    if (JSON.stringify(r.data).length > LIMITS.maxDataChars)
      return fail(
        `${at}/data`,
        `data vượt quá ${LIMITS.maxDataChars} ký tự.`,
        `data exceeds ${LIMITS.maxDataChars} characters.`,
      );
    records.push({
      kind: r.kind,
      id: r.id,
      unit: r.unit,
      baseVersion: r.baseVersion as number | null,
      deleted: r.deleted === true,
      data: r.data,
      ...(typeof r.fromUnit === "string" ? { fromUnit: r.fromUnit } : {}),
    });
  }
  const seen = new Set<string>();
  for (const [i, r] of records.entries()) {
    // A record's identity is (kind, id) in the whole plan year.
    const key = `${r.kind}|${r.id}`;
    if (seen.has(key))
      return fail(
        `/push/${i}`,
        "Một bản ghi xuất hiện hai lần trong cùng lần đẩy.",
        "A record appears twice in one push.",
      );
    seen.add(key);
  }
  return { ok: true, value: { year, operationId, cursor: cur as Cursor, push: records } };
}
