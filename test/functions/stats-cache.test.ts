import { strict as assert } from "node:assert";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { createLocalHost } from "../../functions/src/local-host";
import { servicesFor } from "../../functions/src/services";
import { call, startTestServer, type TestServer } from "../helpers/server";

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

  it("two stores with partitions of the same name and length answer their own figures", async () => {
    // Two stores in one process (as after a store was emptied and written again): same partition,
    // same last sequence, different records.
    for (const status of ["done", "not-started"]) {
      const s = await startTestServer();
      servers.push(s);
      const token = (await s.services.members.issue({ name: "Điều phối", role: "coordinator" })).token;
      assert.equal((await call(s.url, "POST", "/api/sync", token, push(status))).status, 200);
      const stats = await call(s.url, "GET", "/api/stats?year=2021&asOf=2021-03-31", token);
      assert.equal((stats.json.tasks as { done: number }).done, status === "done" ? 1 : 0, status);
    }
  });

  it("a fresh host computes its statistics from the store, not from another host's cache in the process", async () => {
    const s = await startTestServer();
    servers.push(s);
    const token = (await s.services.members.issue({ name: "Điều phối", role: "coordinator" })).token;
    assert.equal((await call(s.url, "POST", "/api/sync", token, push("done"))).status, 200);
    const query = "/api/stats?year=2021&asOf=2021-03-31";
    assert.equal((await call(s.url, "GET", query, token)).status, 200);
    // A second host over the same store (a restarted or another Function instance): cold.
    const fresh = servicesFor(s.azurite.connectionString);
    const host = createLocalHost(() => fresh).listen(0, "127.0.0.1");
    await new Promise((r) => host.once("listening", r));
    try {
      const url = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
      const stats = await call(url, "GET", query, token);
      assert.equal((stats.json.tasks as { done: number }).done, 1);
      assert.ok(fresh.records.entitiesRead > 0, "the fresh host answered from another host's cached report");
    } finally {
      await new Promise((r) => host.close(r));
    }
  });
});
