import { strict as assert } from "node:assert";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { createLocalHost } from "../../functions/src/local-host";
import { servicesFor } from "../../functions/src/services";
import { call, startTestServer, type TestServer } from "../helpers/server";

/** A second host over the same store (another Function instance), listening on a free port. */
async function secondHost(s: TestServer) {
  const services = servicesFor(s.azurite.connectionString);
  const host = createLocalHost(() => services).listen(0, "127.0.0.1");
  await new Promise((r) => host.once("listening", r));
  return {
    url: `http://127.0.0.1:${(host.address() as AddressInfo).port}`,
    services,
    close: () => new Promise((r) => host.close(r)),
  };
}

/** One task of unit VP under the same id, done or not. */
const push = (status: string) => ({
  year: 2021,
  operationId: randomUUID(),
  cursor: {},
  push: [
    {
      kind: "task",
      id: "t-1",
      unit: "VP",
      baseVersion: null,
      data: {
        content: "Báo cáo",
        status,
        leadUnit: "VP",
        completedOn: status === "done" ? "2021-02-01" : undefined,
      },
    },
  ],
});

describe("server: cached statistics follow the store, not just its sequence numbers", function () {
  this.timeout(120_000);
  const servers: TestServer[] = [];
  after(() => Promise.all(servers.map((s) => s.stop())));
  /** A store of its own, its host, and a coordinator's token. */
  const coordinatorServer = async () => {
    const s = await startTestServer();
    servers.push(s);
    return { s, token: (await s.services.members.issue({ name: "Điều phối", role: "coordinator" })).token };
  };

  it("two stores with partitions of the same name and length answer their own figures", async () => {
    // Two stores in one process (as after a store was emptied and written again): same partition,
    // same last sequence, different records.
    for (const status of ["done", "not-started"]) {
      const { s, token } = await coordinatorServer();
      assert.equal((await call(s.url, "POST", "/api/sync", token, push(status))).status, 200);
      const stats = await call(s.url, "GET", "/api/stats?year=2021&asOf=2021-03-31", token);
      assert.equal((stats.json.tasks as { done: number }).done, status === "done" ? 1 : 0, status);
    }
  });

  it("a fresh host computes its statistics from the store, not from another host's cache in the process", async () => {
    const { s, token } = await coordinatorServer();
    assert.equal((await call(s.url, "POST", "/api/sync", token, push("done"))).status, 200);
    const query = "/api/stats?year=2021&asOf=2021-03-31";
    assert.equal((await call(s.url, "GET", query, token)).status, 200);
    // A second host over the same store (a restarted or another Function instance): cold.
    const fresh = await secondHost(s);
    try {
      const stats = await call(fresh.url, "GET", query, token);
      assert.equal((stats.json.tasks as { done: number }).done, 1);
      assert.ok(
        fresh.services.records.entitiesRead > 0,
        "the fresh host answered from another host's cached report",
      );
    } finally {
      await fresh.close();
    }
  });

  it("statistics right after a first push count what it wrote without reading it back", async () => {
    const { s, token } = await coordinatorServer();
    assert.equal((await call(s.url, "POST", "/api/sync", token, push("done"))).status, 200);
    const read = s.services.records.entitiesRead;
    const query = "/api/stats?year=2021&asOf=2021-03-31";
    const stats = await call(s.url, "GET", query, token);
    assert.equal(s.services.records.entitiesRead, read, "the statistics read the records just pushed");
    const fresh = await secondHost(s);
    try {
      assert.deepEqual(stats.json, (await call(fresh.url, "GET", query, token)).json);
    } finally {
      await fresh.close();
    }
  });

  it("two hosts writing one partition in turn, asked for statistics at any point, count every write (fast-check)", async () => {
    const { s, token } = await coordinatorServer();
    const other = await secondHost(s);
    const urls = [s.url, other.url];
    let year = 2030;
    const step = fc.record({
      host: fc.integer({ min: 0, max: 1 }),
      id: fc.constantFrom("t-1", "t-2", "t-3"),
      action: fc.constantFrom("done", "not-started", "delete", "stats"),
    });
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
          year++; // a plan year of its own per run: a fresh partition
          const model = new Map<string, { version: number; status: string | undefined }>();
          const check = async (url: string) => {
            const stats = await call(url, "GET", `/api/stats?year=${year}&asOf=${year}-12-31`, token);
            const tasks = stats.json.tasks as { total: number; done: number };
            const live = [...model.values()].filter((r) => r.status !== undefined);
            assert.equal(tasks.total, live.length, "tasks counted");
            assert.equal(tasks.done, live.filter((r) => r.status === "done").length, "tasks done");
          };
          for (const { host, id, action } of steps) {
            if (action === "stats") {
              await check(urls[host]!);
              continue;
            }
            const known = model.get(id);
            if (action === "delete" && known?.status === undefined) continue;
            const status = action === "delete" ? (known!.status as string) : action;
            const record = {
              kind: "task",
              id,
              unit: "VP",
              baseVersion: known?.version ?? null,
              ...(action === "delete" && { deleted: true }),
              data: {
                content: `Nhiệm vụ ${id}`,
                status,
                leadUnit: "VP",
                ...(status === "done" && { completedOn: `${year}-02-01` }),
              },
            };
            const body = { year, operationId: randomUUID(), cursor: {}, push: [record] };
            const answer = await call(urls[host]!, "POST", "/api/sync", token, body);
            const result = (answer.json.results as { status: string; version: number }[])[0]!;
            assert.equal(result.status, "applied", JSON.stringify(answer.json));
            model.set(id, { version: result.version, status: action === "delete" ? undefined : status });
          }
          for (const url of urls) await check(url);
        }),
        { numRuns: 25 },
      );
    } finally {
      await other.close();
    }
  });
});
