import { strict as assert } from "node:assert";
import { randomUUID } from "node:crypto";
import { MAX_CURSOR_PARTITIONS } from "../../functions/src/handlers/sync";
import { call, startTestServer, type TestServer } from "../helpers/server";

/**
 * A cursor names one partition per unit of the plan year. One naming 170,000 made-up partitions
 * cost the host 2.1 s of its one thread and answered 1.6 MB of resets (T9 S8): now a 400 naming the
 * cursor, while a province's few hundred units still pull.
 */
describe("server: a cursor naming more partitions than any plan has is refused", function () {
  this.timeout(60_000);
  let s: TestServer;
  let token: string;
  before(async () => {
    s = await startTestServer();
    token = (await s.services.members.issue({ name: "Cán bộ", role: "staff", unit: "VP" })).token;
  });
  after(() => s?.stop());

  const pull = (partitions: number) =>
    call(s.url, "POST", "/api/sync", token, {
      year: 2021,
      operationId: randomUUID(),
      cursor: Object.fromEntries(Array.from({ length: partitions }, (_, i) => [`2021_U${i}`, 0])),
      push: [],
    });

  it(`answers 400 at /cursor to ${MAX_CURSOR_PARTITIONS + 1} partitions, in both languages`, async () => {
    const r = await pull(MAX_CURSOR_PARTITIONS + 1);
    assert.equal(r.status, 400);
    assert.equal(r.json.pointer, "/cursor");
    assert.ok(
      String(r.json.vi).includes("cursor") && String(r.json.en).includes(String(MAX_CURSOR_PARTITIONS)),
    );
  });

  it("pulls with a cursor of 300 units (a province)", async () => {
    assert.equal((await pull(300)).status, 200);
  });
});
