import { strict as assert } from "node:assert";
import { randomUUID } from "node:crypto";
import { odata } from "@azure/data-tables";
import { partitionOf, rowOf } from "../../functions/src/storage/partition-entities";
import { TABLES, Tables } from "../../functions/src/storage/tables";
import { call, startTestServer, type TestServer } from "../helpers/server";

/** Issue 9: stored text is read through a schema; a damaged list of audit entities still purges. */
describe("server audit: a record whose list of audit entities is damaged is still purged", function () {
  this.timeout(120_000);
  let s: TestServer;
  let staff: string;
  let admin: string;
  const base = { receivedOn: "2021-01-05", dueOn: "2021-01-20", status: "processing", unit: "VP" };
  const push = (id: string, baseVersion: number | null, notes: string) =>
    call(s.url, "POST", "/api/sync", staff, {
      year: 2021,
      operationId: randomUUID(),
      cursor: {},
      push: [{ kind: "dossier", id, unit: "VP", baseVersion, data: { ...base, notes } }],
    });

  before(async () => {
    s = await startTestServer();
    staff = (await s.services.members.issue({ name: "Staff VP", role: "staff", unit: "VP" })).token;
    admin = (await s.services.members.issue({ name: "Admin", role: "admin" })).token;
  });
  after(() => s?.stop());

  for (const damaged of ["{not json", "null", '[1, "x"]', '"~audit_1"'])
    it(`removes the record's history when its list reads ${damaged}`, async () => {
      const id = `d-${randomUUID()}`;
      assert.equal((await push(id, null, "ghi chú riêng")).status, 200);
      assert.equal((await push(id, 1, "sửa ghi chú riêng")).status, 200);
      const table = await new Tables(s.azurite.connectionString).ready(TABLES.records);
      await table.updateEntity(
        { partitionKey: partitionOf(2021, "VP"), rowKey: rowOf("dossier", id), audit: damaged },
        "Merge",
      );
      const path = `/api/audit?year=2021&unit=VP&kind=dossier&record=${id}`;
      const purged = await call(s.url, "DELETE", path, admin);
      assert.equal(purged.status, 200, JSON.stringify(purged.json));
      assert.equal(purged.json.removed, 2);
      // Reading the history back goes through the same list (storage's reader, not this test's
      // subject): the audit entities themselves must no longer name the record.
      const left: string[] = [];
      const filter = odata`PartitionKey eq ${partitionOf(2021, "VP")} and RowKey ge ${"~audit_"} and RowKey lt ${"~audit`"}`;
      for await (const e of table.listEntities({ queryOptions: { filter } }))
        if (JSON.stringify(e).includes(id)) left.push(e.rowKey!);
      assert.deepEqual(left, []);
    });
});
