import { strict as assert } from "node:assert";
import { randomUUID } from "node:crypto";
import type { TableClient } from "@azure/data-tables";
import {
  auditEntries,
  auditRefs,
  logPairs,
  marksOf,
  savedResultsOf,
  storedRecordOf,
  type RecordEntity,
  partitionOf,
} from "../../functions/src/storage/partition-entities";
import { DamagedStoreError } from "../../functions/src/storage/stored-text";
import { TABLES, Tables } from "../../functions/src/storage/tables";
import { call, startTestServer, type TestServer } from "../helpers/server";

/**
 * The JSON texts the server keeps in its entities (record data, audit keys, audit entries, change
 * logs, marks, operation results) are checked when read: a damaged one stops with its place named
 * (partition, row, property) instead of being served or built upon.
 */
const entity = (over: Partial<RecordEntity> = {}): RecordEntity => ({
  partitionKey: "2024_VP",
  rowKey: "dossier_D-1",
  kind: "dossier",
  id: "D-1",
  unit: "VP",
  year: 2024,
  version: 2,
  seq: 5,
  deleted: false,
  data: JSON.stringify({ code: "D-1", unit: "VP" }),
  updatedBy: "A",
  updatedAt: "2024-01-01T00:00:00.000Z",
  audit: "[]",
  ...over,
});

const damaged =
  (property: string, row = "dossier_D-1") =>
  (e: unknown) => {
    assert.ok(e instanceof DamagedStoreError, String(e));
    assert.deepEqual(e.place, { partition: "2024_VP", row, property });
    assert.match(e.detail.vi, /Dữ liệu lưu trữ bị hỏng tại 2024_VP/);
    assert.match(e.detail.en, /Damaged stored data at 2024_VP/);
    return true;
  };

describe("server: stored texts are checked when read, a damaged one named", () => {
  it("reads a well-formed record, and refuses data that is not a JSON object or fields of the wrong type", () => {
    assert.deepEqual(storedRecordOf(entity()).data, { code: "D-1", unit: "VP" });
    assert.throws(() => storedRecordOf(entity({ data: "{bad" })), damaged("data"));
    assert.throws(() => storedRecordOf(entity({ data: "[1,2]" })), damaged("(record)"));
    assert.throws(() => storedRecordOf(entity({ data: "null" })), damaged("(record)"));
    assert.throws(() => storedRecordOf(entity({ version: "2" as unknown as number })), damaged("(record)"));
    assert.throws(() => storedRecordOf(entity({ kind: "memo" as "task" })), damaged("(record)"));
  });

  it("refuses audit keys that are not a list of texts", () => {
    assert.deepEqual(auditRefs(entity({ audit: '["~audit_1_x"]' })), ["~audit_1_x"]);
    assert.deepEqual(auditRefs({ partitionKey: "2024_VP", rowKey: "dossier_D-1" }), []);
    assert.throws(() => auditRefs(entity({ audit: '"~audit_1_x"' })), damaged("audit"));
    assert.throws(() => auditRefs(entity({ audit: "[1]" })), damaged("audit"));
  });

  it("refuses audit entries that are cut short or of another shape", () => {
    const row = "~audit_000000000001_m";
    const good = [
      {
        kind: "task",
        id: "T",
        unit: "VP",
        year: 2024,
        version: 1,
        seq: 1,
        who: "A",
        at: "x",
        changes: [{ field: "f", from: null, to: 1 }],
      },
    ];
    const audit = (text: string) => ({ partitionKey: "2024_VP", rowKey: row, parts: 1, e0: text });
    assert.deepEqual(auditEntries(audit(JSON.stringify(good))), good);
    assert.throws(() => auditEntries(audit(JSON.stringify(good).slice(0, 40))), damaged("e0…", row));
    assert.throws(() => auditEntries(audit('[{"kind":"task"}]')), damaged("e0…", row));
    assert.throws(() => auditEntries({ ...audit(JSON.stringify(good)), parts: 2 }), damaged("e0…", row));
  });

  it("refuses an operation row's results of another shape or count", () => {
    const op = (results: unknown) => ({ partitionKey: "2024_VP", rowKey: "~op_x_0", results });
    assert.deepEqual(savedResultsOf(op('[{"s":"a","v":3},{"s":"c"}]'), 2), [{ s: "a", v: 3 }, { s: "c" }]);
    assert.throws(() => savedResultsOf(op('[{"s":"a"}]'), 1), damaged("results", "~op_x_0"));
    assert.throws(() => savedResultsOf(op('[{"s":"c"}]'), 2), damaged("results", "~op_x_0"));
    assert.throws(() => savedResultsOf(op(undefined), 1), damaged("results", "~op_x_0"));
  });

  it("reads a damaged change log as missing and damaged marks as none (the pull then scans: nothing skipped)", () => {
    const log = (text: string) => ({ partitionKey: "2024_VP", rowKey: "~log_1_m", parts: 1, c0: text });
    assert.deepEqual(logPairs(log('[[1,"dossier_A"]]')), [[1, "dossier_A"]]);
    assert.equal(logPairs(log('[[1,"dossier_A"]')), undefined);
    assert.equal(logPairs(log('[["1","dossier_A"]]')), undefined);
    assert.deepEqual(marksOf('[[4,"m"]]'), [[4, "m"]]);
    assert.deepEqual(marksOf('[[4,"m"],[5]]'), []);
    assert.deepEqual(marksOf("{"), []);
  });

  describe("through the server", function () {
    this.timeout(60_000);
    let s: TestServer;
    let token = "";
    let records: TableClient;
    const YEAR = 2024;
    const pk = partitionOf(YEAR, "VP");
    const post = (push: unknown[], cursor: Record<string, unknown> = {}) =>
      call(s.url, "POST", "/api/sync", token, { year: YEAR, operationId: randomUUID(), cursor, push });
    const dossier = (id: string, baseVersion: number | null) => ({
      kind: "dossier",
      id,
      unit: "VP",
      baseVersion,
      data: { code: id, unit: "VP", receivedOn: "2024-03-01", dueOn: "2024-03-15", status: "processing" },
    });

    before(async () => {
      s = await startTestServer();
      token = (await s.services.members.issue({ name: "Coordinator", role: "coordinator" })).token;
      records = await new Tables(s.azurite.connectionString).ready(TABLES.records);
    });
    after(() => s?.stop());

    it("does not serve a record whose stored data is damaged: the pull fails, naming the place", async () => {
      assert.equal((await post([dossier("D-1", null), dossier("D-2", null)])).status, 200);
      await records.updateEntity({ partitionKey: pk, rowKey: "dossier_D-2", data: "[1,2]" }, "Merge");
      const pull = await post([]);
      assert.equal(pull.status, 500, "a damaged record was served as if it were data");
      await assert.rejects(s.services.records.changesSince(pk, 0), damaged("(record)", "dossier_D-2"));
      // Repaired, it pulls again.
      await records.updateEntity(
        { partitionKey: pk, rowKey: "dossier_D-2", data: JSON.stringify(dossier("D-2", null).data) },
        "Merge",
      );
      assert.equal((await post([])).status, 200);
    });

    it("does not build on a record's damaged audit keys: the edit fails, naming the place", async () => {
      assert.equal((await post([dossier("D-3", null)])).status, 200);
      await records.updateEntity({ partitionKey: pk, rowKey: "dossier_D-3", audit: '"xyz"' }, "Merge");
      await assert.rejects(
        s.services.records.pushChunk(YEAR, "VP", [dossier("D-3", 1) as never], `~op_${randomUUID()}_0`, "A"),
        damaged("audit", "dossier_D-3"),
      );
    });
  });
});
