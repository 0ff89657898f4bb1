import { strict as assert } from "node:assert";
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { LOG_WINDOW, writesInWindow } from "../../functions/src/storage/records-repository";
import { partitionOf } from "../../functions/src/storage/partition-entities";
import { call, startTestServer, type TestServer } from "../helpers/server";

type Json = Record<string, unknown>;
const YEAR = 2023;
const dossier = (id: string, baseVersion: number | null, status = "processing") => ({
  kind: "dossier",
  id,
  unit: "VP",
  baseVersion,
  data: { code: id, unit: "VP", receivedOn: "2023-03-01", dueOn: "2023-03-10", status },
});

describe("server: pulls read the change log, not the partition (issue 12)", function () {
  this.timeout(120_000);
  let s: TestServer;
  let coordinator = "";
  let leader = "";
  const post = (token: string, push: unknown[], cursor: Json = {}) =>
    call(s.url, "POST", "/api/sync", token, { year: YEAR, operationId: randomUUID(), cursor, push });

  before(async () => {
    s = await startTestServer();
    coordinator = (await s.services.members.issue({ name: "Coordinator", role: "coordinator" })).token;
    leader = (await s.services.members.issue({ name: "Leader", role: "leader" })).token;
  });
  after(() => s?.stop());

  it("answers a pull of a few changes with point reads of the log and the changed records, no scan", async () => {
    const first = await post(
      coordinator,
      Array.from({ length: 300 }, (_, i) => dossier(`P-${i}`, null)),
    );
    assert.equal(first.status, 200);
    const seen = await post(leader, []);
    let cursor = seen.json.cursor as Json;
    while (seen.json.more === true) cursor = (await post(leader, [], cursor)).json.cursor as Json;
    const edited = ["P-3", "P-150", "P-299"];
    const edit = await post(
      coordinator,
      edited.map((id) => dossier(id, 1, "resolved")),
    );
    assert.deepEqual(
      (edit.json.results as Json[]).map((r) => r.status),
      ["applied", "applied", "applied"],
    );
    const repo = s.services.records;
    const [reads, scans, logs] = [repo.entitiesRead, repo.partitionScans, repo.logEntitiesRead];
    const pull = await post(leader, [], cursor);
    assert.deepEqual(
      (pull.json.changes as Json[]).map((c) => [c.id, (c.data as Json).status]),
      edited.map((id) => [id, "resolved"]),
    );
    assert.equal(repo.partitionScans - scans, 0, "the pull scanned a partition");
    assert.equal(repo.entitiesRead - reads, 3);
    assert.equal(repo.logEntitiesRead - logs, 1);
  });

  it("gives, for every window, the same changes through the log as a scan (fast-check)", async () => {
    const repo = s.services.records;
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        // Writes: each a list of [id index, delete?] pairs, some big enough to take two transactions.
        fc.array(fc.array(fc.tuple(fc.nat(40), fc.boolean()), { minLength: 1, maxLength: 130 }), {
          minLength: 1,
          maxLength: 5,
        }),
        fc.nat(),
        fc.nat(),
        fc.constantFrom(undefined, "task", "dossier"),
        fc.boolean(),
        async (writes, a, b, kind, byKey) => {
          const unit = `U${n++}`;
          const versions = new Map<string, number>();
          for (const write of writes) {
            const seen = new Set<string>();
            const push = write
              .filter(([i]) => !seen.has(`${i}`) && seen.add(`${i}`))
              .map(([i, del]) => {
                const key = `${i % 2 ? "task" : "dossier"}:${i}`;
                return {
                  kind: i % 2 ? "task" : "dossier",
                  id: `${unit}-${i}`,
                  unit,
                  baseVersion: versions.get(key) ?? null,
                  deleted: del,
                  data:
                    i % 2
                      ? { content: `t${i}`, leadUnit: unit, status: "in-progress" }
                      : {
                          code: `${unit}-${i}`,
                          unit,
                          receivedOn: "2023-03-01",
                          dueOn: "2023-03-10",
                          status: "processing",
                        },
                };
              });
            const r = await post(coordinator, push);
            assert.equal(r.status, 200);
            push.forEach((p, j) => {
              const res = (r.json.results as Json[])[j]!;
              if (res.status === "applied")
                versions.set(`${p.kind}:${p.id.slice(unit.length + 1)}`, res.version as number);
            });
          }
          const info = (await repo.partitions(YEAR)).find((p) => p.partition === partitionOf(YEAR, unit))!;
          // Mostly windows that start inside the kept marks (the log's reach), sometimes anywhere.
          const low = b % 4 === 0 ? 0 : (info.marks[0]?.[0] ?? 0);
          const after = low + (a % (info.lastSeq - low + 1));
          const upTo = after + (b % (info.lastSeq - after + 1));
          const scans = repo.partitionScans;
          // Without marks, the logs are found by a row-key range (a cursor older than the kept marks).
          const marks = byKey ? info.marks : [];
          const viaLog = await repo.changesSince(info.partition, after, kind, upTo, marks);
          if (upTo - after <= LOG_WINDOW && (!byKey || writesInWindow(marks, after, upTo)))
            assert.equal(repo.partitionScans, scans);
          const viaScan = await repo.changesSince(info.partition, after, kind, upTo);
          assert.deepEqual(
            viaLog.map((r) => [r.kind, r.id, r.seq, r.version]),
            viaScan.map((r) => [r.kind, r.id, r.seq, r.version]),
          );
        },
      ),
      { numRuns: 16 },
    );
  });

  it("keeps pulling a record whose history an admin purged", async () => {
    await post(coordinator, [dossier("Q-1", null), dossier("Q-2", null)]);
    const info = (await s.services.records.partitions(YEAR)).find(
      (p) => p.partition === partitionOf(YEAR, "VP"),
    )!;
    const purged = await s.services.history.purge(YEAR, "VP", "dossier", "Q-2", "Admin");
    assert.ok(purged > 0);
    const found = await s.services.records.changesSince(
      info.partition,
      info.lastSeq - 2,
      undefined,
      info.lastSeq,
      info.marks,
    );
    assert.deepEqual(
      found.map((r) => r.id),
      ["Q-1", "Q-2"],
    );
  });

  it("refreshes warm statistics after a few changes through the log, without a scan", async () => {
    const stats = async () => {
      const r = await call(s.url, "GET", `/api/stats?year=${YEAR}&asOf=2023-12-31&unit=VP`, leader);
      assert.equal(r.status, 200);
      return ((r.json.dossiers as Json).resolved as Json).total as number;
    };
    const resolvedBefore = await stats();
    const edit = await post(coordinator, [dossier("P-10", 1, "resolved"), dossier("P-11", 1, "resolved")]);
    assert.deepEqual(
      (edit.json.results as Json[]).map((r) => r.status),
      ["applied", "applied"],
    );
    const scans = s.services.records.partitionScans;
    assert.equal(await stats(), resolvedBefore + 2);
    assert.equal(s.services.records.partitionScans - scans, 0, "the statistics' refresh scanned a partition");
  });
});
