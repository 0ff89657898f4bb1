import { strict as assert } from "node:assert";
import { randomUUID } from "node:crypto";
import { call, startTestServer, type TestServer } from "../helpers/server";

interface Change {
  id: string;
  data: { content: string };
}

/**
 * An operation id makes a retried push apply once. It is the client's to choose and predictable
 * (the engine derives it from the pushed content), so it must not let one push stand in for another:
 * a colleague who sends other records under the id a member's sync will use must not make that
 * member's records vanish behind an "applied" answer.
 */
describe("server: an operation id stands for one push, not for whatever comes under it", function () {
  this.timeout(60_000);
  let s: TestServer;
  let lan: string;
  let minh: string;

  before(async () => {
    s = await startTestServer();
    lan = (await s.services.members.issue({ name: "Chị Lan", role: "staff", unit: "VP" })).token;
    minh = (await s.services.members.issue({ name: "Anh Minh", role: "staff", unit: "VP" })).token;
  });
  after(() => s?.stop());

  const task = (id: string, content: string) => ({
    kind: "task",
    id,
    unit: "VP",
    baseVersion: null,
    data: { content, status: "not-started", leadUnit: "VP" },
  });
  const push = (token: string, operationId: string, records: unknown[]) =>
    call(s.url, "POST", "/api/sync", token, { year: 2021, operationId, cursor: {}, push: records });
  const stored = async () => {
    const pull = await push(lan, `pull-${randomUUID()}`, []);
    return new Map((pull.json.changes as Change[]).map((c) => [c.id, c.data.content]));
  };

  it("a colleague's other records sent first under the same id do not stand for a member's push", async () => {
    const op = `op-${randomUUID()}`;
    const first = await push(minh, op, [task("rac", "Rác")]);
    assert.equal(first.status, 200);
    const mine = await push(lan, op, [task("that", "Nhiệm vụ thật")]);
    assert.equal(mine.status, 200);
    assert.equal(mine.json.operationId, op, "the answer names the operation as sent");
    assert.deepEqual(mine.json.results, [{ kind: "task", id: "that", status: "applied", version: 1 }]);
    assert.equal((await stored()).get("that"), "Nhiệm vụ thật", "what was answered applied is stored");
  });

  it("the same push retried under its id is still applied once", async () => {
    const op = `op-${randomUUID()}`;
    const records = [task("retry-1", "Một lần"), task("retry-2", "Hai lần")];
    const first = await push(lan, op, records);
    const again = await push(lan, op, records);
    assert.deepEqual(again.json.results, first.json.results);
    const versions = (again.json.results as { version: number }[]).map((r) => r.version);
    assert.deepEqual(versions, [1, 1], "not written twice");
    const pull = await push(lan, `pull-${randomUUID()}`, []);
    const copies = (pull.json.changes as Change[]).filter((c) => c.id.startsWith("retry-"));
    assert.equal(copies.length, 2);
  });
});
