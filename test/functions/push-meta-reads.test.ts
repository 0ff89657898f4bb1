import { strict as assert } from "node:assert";
import { randomUUID } from "node:crypto";
import { call, startTestServer, type TestServer } from "../helpers/server";

const YEAR = 2024;
const dossier = (id: string, baseVersion: number | null, status = "processing") => ({
  kind: "dossier",
  id,
  unit: "VP",
  baseVersion,
  data: { code: id, unit: "VP", receivedOn: "2024-03-01", dueOn: "2024-03-10", status },
});

/**
 * A push of many records is one transaction per 96, each advancing the partition's meta row with
 * its ETag. The host keeps the ETag its last write got back, so a unit's big first sync does not
 * read the meta row before every transaction (on Azurite each point read scans the partition), and
 * never sends a transaction with a stale ETag that storage refuses and the host must redo.
 */
describe("server: a big push reads the partition's meta row once (issue 12)", function () {
  this.timeout(120_000);
  let s: TestServer;
  let token = "";
  const post = (push: unknown[]) =>
    call(s.url, "POST", "/api/sync", token, { year: YEAR, operationId: randomUUID(), cursor: {}, push });

  before(async () => {
    s = await startTestServer();
    token = (await s.services.members.issue({ name: "Coordinator", role: "coordinator" })).token;
  });
  after(() => s?.stop());

  it("writes 1,000 new dossiers (11 transactions) reading the meta row once, retrying none", async () => {
    const repo = s.services.records;
    const [metaReads, retried] = [repo.metaReads, repo.retriedWrites];
    const first = await post(Array.from({ length: 1000 }, (_, i) => dossier(`M-${i}`, null)));
    assert.equal(first.status, 200);
    assert.ok((first.json.results as { status: string }[]).every((r) => r.status === "applied"));
    assert.equal(repo.retriedWrites - retried, 0, "a transaction was refused and written again");
    assert.equal(repo.metaReads - metaReads, 1, "the meta row was read more than once");
  });

  it("edits after that, in the next request, without reading the meta row again", async () => {
    const repo = s.services.records;
    const [metaReads, retried] = [repo.metaReads, repo.retriedWrites];
    const edit = await post(Array.from({ length: 200 }, (_, i) => dossier(`M-${i}`, 1, "resolved")));
    assert.ok((edit.json.results as { status: string }[]).every((r) => r.status === "applied"));
    assert.equal(repo.retriedWrites - retried, 0);
    assert.equal(repo.metaReads - metaReads, 0);
  });
});
