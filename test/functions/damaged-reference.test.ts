import { strict as assert } from "node:assert";
import { TABLES, Tables } from "../../functions/src/storage/tables";
import { call, startTestServer, type TestServer } from "../helpers/server";

/** Issue 9: a stored reference list is read through its schema; a damaged one is named with its fix. */
describe("server reference data: a damaged stored list", function () {
  this.timeout(120_000);
  let s: TestServer;
  let admin: string;
  const unit = { code: "VP", name: "Văn phòng", kind: "division", fromYear: 2031 };

  before(async () => {
    s = await startTestServer();
    admin = (await s.services.members.issue({ name: "Admin", role: "admin" })).token;
  });
  after(() => s?.stop());

  it("says which list is damaged and where, and an admin's PUT puts it right", async () => {
    const table = await new Tables(s.azurite.connectionString).ready(TABLES.reference);
    const path = "/api/reference/units?year=2031";
    for (const [text, where] of [
      ["{not json", /at JSON/],
      [JSON.stringify([{ ...unit, code: 5 }]), /at "\/0\/code"/],
    ] as const) {
      await table.upsertEntity({ partitionKey: "2031", rowKey: "units", parts: 1, v0: text }, "Replace");
      const r = await call(s.url, "GET", path, admin);
      assert.equal(r.status, 500);
      assert.match(String(r.json.en), /stored units list of 2031 is damaged/);
      assert.match(String(r.json.en), where);
      assert.match(String(r.json.vi), /PUT \/api\/reference\/units\?year=2031/);
    }
    assert.equal((await call(s.url, "PUT", path, admin, [unit])).status, 200);
    const fixed = await call(s.url, "GET", path, admin);
    assert.equal(fixed.status, 200);
    assert.equal((fixed.json as unknown as { code: string }[])[0]!.code, "VP");
  });
});
