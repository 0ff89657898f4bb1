import { strict as assert } from "node:assert";
import type { TransactionAction } from "@azure/data-tables";
import fc from "fast-check";
import type { PushedRecord, StoredRecord } from "../../core/sync/protocol";
import {
  auditEntries,
  logPairs,
  marksOf,
  MARKS_KEPT,
  savedResultsOf,
  type AuditEntity,
  type LogEntity,
  type MetaEntity,
} from "../../functions/src/storage/partition-entities";
import {
  contentionPause,
  planPush,
  type CurrentCopy,
  type LoadedPartition,
  type PushPlanInput,
} from "../../functions/src/storage/push-plan";

/** The pure middle of a chunk push: what a write answers and stores, without Azurite. */

type Entity = Record<string, unknown> & { partitionKey: string; rowKey: string };
const PK = "2024_VP";
const NOW = "2024-05-06T07:08:09.000Z";

const pushed = (
  id: string,
  baseVersion: number | null,
  data: Record<string, unknown> = {},
): PushedRecord => ({
  kind: "dossier",
  id,
  unit: "VP",
  baseVersion,
  data: { code: id, unit: "VP", ...data },
});

const copy = (
  id: string,
  version: number,
  data: Record<string, unknown> = {},
  refs: string[] = [],
): CurrentCopy => {
  const record: StoredRecord = {
    kind: "dossier",
    id,
    unit: "VP",
    year: 2024,
    version,
    seq: version,
    deleted: false,
    data: { code: id, unit: "VP", ...data },
    updatedBy: "Earlier",
    updatedAt: "2024-01-01T00:00:00.000Z",
  };
  return { record, etag: `etag-${id}`, auditRefs: refs };
};

const meta = (
  lastSeq: number,
  marks: [number, string][] = [[lastSeq, "m0"]],
): MetaEntity & { etag: string } => ({
  partitionKey: PK,
  rowKey: "~meta",
  etag: "meta-etag",
  year: 2024,
  unit: "VP",
  lastSeq,
  epoch: "E1",
  marks: JSON.stringify(marks),
});

const input = (
  records: PushedRecord[],
  loaded: LoadedPartition,
  over: Partial<PushPlanInput> = {},
): PushPlanInput => ({
  year: 2024,
  unit: "VP",
  partition: PK,
  records,
  loaded,
  operationKey: "~op_abc_0",
  who: "Chị Lan",
  now: NOW,
  mark: "MK",
  epoch: "NEW-EPOCH",
  ...over,
});

const entityOf = (a: TransactionAction): Entity => a[1] as Entity;
const byRow = (actions: TransactionAction[], prefix: string) =>
  actions.filter((a) => entityOf(a).rowKey.startsWith(prefix));

describe("server: the chunk push's plan (pure: no storage)", () => {
  it("answers a record whose base version is not the current one with a conflict and today's copy, and writes it not", () => {
    const today = copy("D-1", 3, { status: "resolved" });
    const plan = planPush(
      input([pushed("D-1", 2, { status: "processing" })], { meta: meta(10), floor: 0, current: [today] }),
    );
    assert.deepEqual(plan.results, [
      { kind: "dossier", id: "D-1", status: "conflict", server: today.record },
    ]);
    assert.equal(byRow(plan.actions, "dossier_").length, 0);
  });

  it("answers a 'new' record that exists (read on a careful attempt) with a conflict", () => {
    const plan = planPush(
      input([pushed("D-1", null)], { meta: meta(4), floor: 0, current: [copy("D-1", 1)] }),
    );
    assert.equal(plan.results[0]!.status, "conflict");
  });

  it("numbers written records from the meta row's last sequence on, skipping conflicts; versions go up by one", () => {
    const plan = planPush(
      input([pushed("A", null), pushed("B", 5), pushed("C", 2), pushed("D", null)], {
        meta: meta(40),
        floor: 0,
        current: [undefined, copy("B", 1), copy("C", 2), undefined],
      }),
    );
    assert.deepEqual(
      plan.results.map((r) => [r.id, r.status, r.status === "applied" ? r.version : null]),
      [
        ["A", "applied", 1],
        ["B", "conflict", null],
        ["C", "applied", 3],
        ["D", "applied", 1],
      ],
    );
    assert.deepEqual(plan.seqs, [41, 42, 43]);
    const records = byRow(plan.actions, "dossier_");
    assert.deepEqual(
      records.map((a) => [a[0], entityOf(a).id, entityOf(a).seq, entityOf(a).version]),
      [
        ["create", "A", 41, 1],
        ["update", "C", 42, 3],
        ["create", "D", 43, 1],
      ],
    );
    // An update is conditional on the copy it was decided against.
    assert.deepEqual(records[1]!.slice(2), ["Replace", { etag: "etag-C" }]);
  });

  it("starts after the records' highest sequence when the meta row is missing, and creates it with a new epoch", () => {
    const plan = planPush(input([pushed("A", null)], { meta: undefined, floor: 17, current: [undefined] }));
    assert.deepEqual(plan.seqs, [18]);
    const [metaAction] = byRow(plan.actions, "~meta");
    assert.equal(metaAction![0], "create");
    assert.equal(entityOf(metaAction!).epoch, "NEW-EPOCH");
    assert.equal(entityOf(metaAction!).lastSeq, 18);
    assert.deepEqual(marksOf(entityOf(metaAction!).marks as string), [[18, "MK"]]);
  });

  it("writes records, one audit entity, one change log, the meta row and the operation row in one transaction", () => {
    const plan = planPush(
      input([pushed("A", 1, { status: "resolved" }), pushed("B", null)], {
        meta: meta(7, [
          [3, "m-1"],
          [7, "m0"],
        ]),
        floor: 0,
        current: [copy("A", 1, { status: "processing" }, ["~audit_000000000003_m-1"]), undefined],
      }),
    );
    assert.deepEqual(
      plan.actions.map((a) => entityOf(a).rowKey),
      ["dossier_A", "dossier_B", "~audit_000000000008_MK", "~log_000000000008_MK", "~meta", "~op_abc_0"],
    );
    assert.ok(plan.actions.every((a) => entityOf(a).partitionKey === PK));
    const [audit] = byRow(plan.actions, "~audit_");
    const entries = auditEntries(entityOf(audit!) as AuditEntity);
    assert.deepEqual(
      entries.map((e) => [e.id, e.version, e.seq, e.who, e.at]),
      [
        ["A", 2, 8, "Chị Lan", NOW],
        ["B", 1, 9, "Chị Lan", NOW],
      ],
    );
    assert.deepEqual(entries[0]!.changes, [{ field: "status", from: "processing", to: "resolved" }]);
    const [log] = byRow(plan.actions, "~log_");
    assert.deepEqual(logPairs(entityOf(log!) as LogEntity), [
      [8, "dossier_A"],
      [9, "dossier_B"],
    ]);
    // Each record names its audit entities, the new one last.
    const a = entityOf(plan.actions[0]!);
    assert.deepEqual(JSON.parse(a.audit as string), ["~audit_000000000003_m-1", "~audit_000000000008_MK"]);
    assert.equal(a.updatedBy, "Chị Lan");
    assert.equal(a.updatedAt, NOW);
    const [metaAction] = byRow(plan.actions, "~meta");
    assert.deepEqual(metaAction!.slice(2), ["Replace", { etag: "meta-etag" }]);
    assert.equal(entityOf(metaAction!).epoch, "E1", "an existing partition keeps its epoch");
    assert.deepEqual(marksOf(entityOf(metaAction!).marks as string), [
      [3, "m-1"],
      [7, "m0"],
      [9, "MK"],
    ]);
    assert.deepEqual(plan.meta && { lastSeq: plan.meta.lastSeq, rowKey: plan.meta.rowKey }, {
      lastSeq: 9,
      rowKey: "~meta",
    });
  });

  it("writes only the operation row for a chunk of conflicts only (a retry answers the same; the sequence does not move)", () => {
    const plan = planPush(
      input([pushed("A", 1), pushed("B", 4)], {
        meta: meta(9),
        floor: 0,
        current: [copy("A", 2), copy("B", 5)],
      }),
    );
    assert.deepEqual(
      plan.actions.map((a) => [a[0], entityOf(a).rowKey]),
      [["create", "~op_abc_0"]],
    );
    assert.deepEqual(plan.seqs, []);
    assert.equal(plan.meta, undefined);
    const op = entityOf(plan.actions[0]!);
    assert.deepEqual(savedResultsOf(op, 2), [{ s: "c" }, { s: "c" }]);
  });

  it("keeps personal data out of the audit: only that the field changed", () => {
    const plan = planPush(
      input([pushed("A", 1, { applicantName: "Nguyễn Văn B" })], {
        meta: meta(1),
        floor: 0,
        current: [copy("A", 1, { applicantName: "Nguyễn Văn A" })],
      }),
    );
    const [audit] = byRow(plan.actions, "~audit_");
    assert.deepEqual(auditEntries(entityOf(audit!) as AuditEntity)[0]!.changes, [
      { field: "applicantName", changed: true },
    ]);
    assert.ok(!JSON.stringify(entityOf(audit!)).includes("Nguyễn Văn"));
  });

  it("records a delete as the field 'deleted' changing, and keeps at most 1,000 audit keys per record", () => {
    const refs = Array.from({ length: 1000 }, (_, i) => `~audit_${String(i).padStart(12, "0")}_x`);
    const plan = planPush(
      input([{ ...pushed("A", 1), deleted: true }], {
        meta: meta(1),
        floor: 0,
        current: [copy("A", 1, {}, refs)],
      }),
    );
    const record = entityOf(plan.actions[0]!);
    assert.equal(record.deleted, true);
    const kept = JSON.parse(record.audit as string) as string[];
    assert.equal(kept.length, 1000);
    assert.equal(kept[0], refs[1]);
    assert.equal(kept[999], "~audit_000000000002_MK");
    const [audit] = byRow(plan.actions, "~audit_");
    assert.deepEqual(auditEntries(entityOf(audit!) as AuditEntity)[0]!.changes, [
      { field: "deleted", from: false, to: true },
    ]);
  });

  it("keeps the meta row's last 64 marks", () => {
    const marks = Array.from({ length: MARKS_KEPT }, (_, i): [number, string] => [i + 1, `m${i}`]);
    const plan = planPush(
      input([pushed("A", null)], { meta: meta(64, marks), floor: 0, current: [undefined] }),
    );
    const kept = marksOf(plan.meta!.marks);
    assert.equal(kept.length, MARKS_KEPT);
    assert.deepEqual(kept[0], [2, "m1"]);
    assert.deepEqual(kept[MARKS_KEPT - 1], [65, "MK"]);
  });

  it("for any chunk: one result per record, consecutive sequences, ≤ 100 entities, saved results read back (property)", () => {
    const slot = fc.record({
      current: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
      base: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(slot, { minLength: 1, maxLength: 96 }), fc.nat(1_000_000), (slots, lastSeq) => {
        const records = slots.map((s, i) => pushed(`R${i}`, s.base));
        const current = slots.map((s, i) => (s.current === undefined ? undefined : copy(`R${i}`, s.current)));
        const plan = planPush(input(records, { meta: meta(lastSeq), floor: 0, current }));
        const applied = slots.filter((s) => (s.current ?? null) === s.base).length;
        assert.equal(plan.results.length, records.length);
        assert.deepEqual(
          plan.results.map((r) => r.id),
          records.map((r) => r.id),
        );
        assert.equal(plan.results.filter((r) => r.status === "applied").length, applied);
        assert.deepEqual(
          plan.seqs,
          Array.from({ length: applied }, (_, i) => lastSeq + 1 + i),
        );
        assert.equal(plan.actions.length, applied + (applied > 0 ? 3 : 0) + 1);
        assert.ok(plan.actions.length <= 100);
        assert.equal(plan.meta?.lastSeq ?? lastSeq, lastSeq + applied);
        const op = entityOf(plan.actions[plan.actions.length - 1]!);
        const back = savedResultsOf(op, records.length);
        plan.results.forEach((r, i) =>
          assert.deepEqual(back[i], r.status === "applied" ? { s: "a", v: r.version } : { s: "c" }),
        );
      }),
      { seed: 12, numRuns: 300 },
    );
  });

  it("pauses after a clash for a jittered, growing time: 10·2^attempt ms × [0.5, 1.5), at most 1.5 s", () => {
    assert.equal(
      contentionPause(1, () => 0),
      10,
    );
    assert.equal(contentionPause(1, () => 0.999999) < 30, true);
    assert.equal(
      contentionPause(3, () => 0.5),
      80,
    );
    assert.equal(
      contentionPause(20, () => 0),
      500,
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (a, r) => {
          const pause = contentionPause(a, () => r);
          const base = Math.min(1000, 10 * 2 ** Math.min(a, 10));
          assert.ok(pause >= base * 0.5 && pause < base * 1.5 && pause < 1500);
        },
      ),
      { seed: 3 },
    );
  });
});
