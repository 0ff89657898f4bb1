import { strict as assert } from "node:assert";
import { randomUUID } from "node:crypto";
import { call, serverWithCoordinator } from "../helpers/server";

/**
 * Found by killing the host mid-sync (host-kill.test.ts): the sync after the restart pushes records
 * the server already applied, so a whole chunk of 100 answers "conflict" with the server's copy, and
 * the operation's kept results overflowed Table Storage's 64 KiB property: the push answered 500.
 */
describe("a push whose whole chunk conflicts (issue 12, found by the host-kill test)", function () {
  this.timeout(60_000);
  const suite = serverWithCoordinator();

  const push = (baseVersion: number | null, note: string) =>
    Array.from({ length: 100 }, (_, i) => ({
      kind: "task",
      id: `t${i}`,
      unit: "VP",
      baseVersion,
      data: { content: `Nhiệm vụ ${i} ${"x".repeat(600)}`, status: "in-progress", notes: note },
    }));

  it("answers 200 with each conflict and the server's copy, and a retry answers the same", async () => {
    const first = await call(suite.server.url, "POST", "/api/sync", suite.token, {
      year: 2021,
      operationId: randomUUID(),
      cursor: {},
      push: push(null, "a"),
    });
    assert.equal(first.status, 200, JSON.stringify(first.json).slice(0, 300));
    const body = { year: 2021, operationId: randomUUID(), cursor: {}, push: push(null, "b") };
    const stale = await call(suite.server.url, "POST", "/api/sync", suite.token, body);
    assert.equal(stale.status, 200, JSON.stringify(stale.json).slice(0, 300));
    const results = stale.json.results as { status: string; server: { data: { notes: string } } | null }[];
    assert.equal(results.length, 100);
    for (const r of results) {
      assert.equal(r.status, "conflict");
      assert.equal(r.server?.data.notes, "a", "the conflict carries the server's copy");
    }
    const retry = await call(suite.server.url, "POST", "/api/sync", suite.token, body);
    assert.equal(retry.status, 200);
    assert.deepEqual(retry.json.results, stale.json.results, "the retry answers as the first time");
  });
});
