import { strict as assert } from "node:assert";
import { startTestServer, type TestServer } from "../helpers/server";

/**
 * (Statistics, T9 S7.) An uncached statistics report is computed on the host's one thread (66–220 ms over 20,000
 * dossiers). One staff member running 16 loops of new cut-offs made a colleague's push take
 * 4.4–5.7 s instead of ~50 ms (T9 S7, tmp/a11.ts). Each member's statistics requests now run one at
 * a time: a member can keep at most one computation going, others are served between them.
 */
describe("statistics and pulls: one member's requests run one at a time, a colleague's beside them", function () {
  this.timeout(60_000);
  let s: TestServer;
  let busy: string;
  let colleague: string;
  const running = new Map<string, number>();
  const most = new Map<string, number>();

  before(async () => {
    s = await startTestServer();
    busy = (await s.services.members.issue({ name: "Hay hỏi", role: "staff", unit: "VP" })).token;
    colleague = (await s.services.members.issue({ name: "Đồng nghiệp", role: "leader" })).token;
    // Each report's reading takes a while (a big register): count how many run at once, per year asked.
    // A pull starts by listing the year's partitions: count those too, per year asked.
    const records = s.services.records;
    const partitions = records.partitions.bind(records);
    records.partitions = async (year) => {
      const who = year === 2023 ? "puller" : year === 2024 ? "colleague" : undefined;
      if (who) {
        running.set(who, (running.get(who) ?? 0) + 1);
        most.set(who, Math.max(most.get(who) ?? 0, running.get(who)!));
        await new Promise((resolve) => setTimeout(resolve, 40));
        running.set(who, running.get(who)! - 1);
      }
      return partitions(year);
    };
    const cache = s.services.recordCache;
    const refresh = cache.refresh.bind(cache);
    cache.refresh = async (year, infos) => {
      const who = year === 2021 ? "busy" : "colleague";
      running.set(who, (running.get(who) ?? 0) + 1);
      most.set(who, Math.max(most.get(who) ?? 0, running.get(who)!));
      await new Promise((resolve) => setTimeout(resolve, 40));
      running.set(who, running.get(who)! - 1);
      return refresh(year, infos);
    };
  });
  after(() => s?.stop());

  const stats = (token: string, query: string) =>
    fetch(`${s.url}/api/stats?${query}`, { headers: { authorization: `Bearer ${token}` } }).then(
      (r) => r.status,
    );

  it("8 cut-offs asked at once by one member are computed one after another; a colleague's goes beside them", async () => {
    const done: string[] = [];
    const mine = Array.from({ length: 8 }, (_, i) =>
      stats(busy, `year=2021&asOf=2021-03-${String(10 + i)}`).finally(() => done.push("busy")),
    );
    const theirs = stats(colleague, "year=2022&asOf=2022-03-10").finally(() => done.push("colleague"));
    assert.deepEqual(await Promise.all([...mine, theirs]), Array(9).fill(200));
    assert.ok(
      done.indexOf("colleague") < 4,
      `the colleague waited for the busy member's queue: ${done.join(" ")}`,
    );
    assert.equal(most.get("busy"), 1, "one member's computations never overlap");
    assert.equal(most.get("colleague"), 1);
  });

  it("8 pulls sent at once by one member are answered one after another; a colleague's goes beside them (T9 S9)", async () => {
    const pull = (token: string, year: number) =>
      fetch(`${s.url}/api/sync`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({
          year,
          operationId: `pull-${year}-${Math.random()}`.replace(".", ""),
          cursor: {},
          push: [],
        }),
      }).then((r) => r.status);
    const done: string[] = [];
    const mine = Array.from({ length: 8 }, () => pull(busy, 2023).finally(() => done.push("puller")));
    const theirs = pull(colleague, 2024).finally(() => done.push("colleague"));
    assert.deepEqual(await Promise.all([...mine, theirs]), Array(9).fill(200));
    assert.equal(most.get("puller"), 1, "one member's pulls never overlap");
    assert.ok(
      done.indexOf("colleague") < 4,
      `the colleague waited for the busy member's queue: ${done.join(" ")}`,
    );
  });
});
