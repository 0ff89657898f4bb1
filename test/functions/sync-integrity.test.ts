import { strict as assert } from "node:assert";
import { randomUUID } from "node:crypto";
import { TableClient } from "@azure/data-tables";
import type { Caller } from "../../functions/src/auth/tokens";
import { servicesFor } from "../../functions/src/services";
import { sync } from "../../functions/src/sync/sync-service";
import { call, startTestServer, type TestServer } from "../helpers/server";

type Json = Record<string, unknown>;
const YEAR = 2022;
const task = (id: string, unit: string, baseVersion: number | null, content: string, extra: Json = {}) => ({
  kind: "task",
  id,
  unit,
  baseVersion,
  data: { content, leadUnit: unit, status: "in-progress", ...extra },
});
const dossier = (id: string, unit: string, extra: Json = {}) => ({
  kind: "dossier",
  id,
  unit,
  baseVersion: null,
  data: { code: id, unit, receivedOn: "2022-03-01", dueOn: "2022-03-10", status: "processing", ...extra },
});
const body = (push: unknown[], cursor: Json = {}, operationId = randomUUID()) => ({
  year: YEAR,
  operationId,
  cursor,
  push,
});
const results = (r: { json: Json }) => r.json.results as Json[];

describe("server: sync integrity (members, ids per year, moves, units, big conflicts, contention, epochs)", function () {
  this.timeout(120_000);
  let s: TestServer;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const post = (who: string, payload: unknown) => call(s.url, "POST", "/api/sync", tokens[who], payload);
  const totals = async (unit: string) => {
    const r = await call(s.url, "GET", `/api/stats?year=${YEAR}&asOf=2022-03-31&unit=${unit}`, tokens.leader);
    return {
      tasks: (r.json.tasks as Json).total,
      dossiers: ((r.json.dossiers as Json).received as Json).total,
    };
  };

  before(async () => {
    s = await startTestServer();
    const issue = async (
      key: string,
      name: string,
      role: "staff" | "coordinator" | "leader" | "admin",
      unit?: string,
    ) => {
      const m = await s.services.members.issue({ name, role, ...(unit ? { unit } : {}) });
      tokens[key] = m.token;
      ids[key] = m.tokenId;
    };
    await issue("staffVP", "Staff VP", "staff", "VP");
    await issue("staffNCC", "Staff NCC", "staff", "NCC");
    await issue("coordinator", "Coordinator", "coordinator");
    await issue("leader", "Leader", "leader");
    await issue("admin", "Admin", "admin");
  });
  after(() => s?.stop());

  it("names the caller in every sync answer and in GET /api/me (defect 3)", async () => {
    const r = await post("staffVP", body([]));
    assert.deepEqual(r.json.member, { id: ids.staffVP, role: "staff", unit: "VP" });
    const admin = await post("admin", body([task("adm-1", "VP", null, "x")]));
    assert.deepEqual(admin.json.member, { id: ids.admin, role: "admin", unit: null });
    assert.equal(results(admin)[0]!.status, "rejected");
    const me = await call(s.url, "GET", "/api/me", tokens.coordinator);
    assert.equal(me.status, 200);
    assert.deepEqual(me.json, { id: ids.coordinator, role: "coordinator", unit: null, name: "Coordinator" });
    assert.equal((await call(s.url, "GET", "/api/me")).status, 401);
  });

  it("refuses an id that already lives in another unit's partition of the year (defect 10)", async () => {
    const vp = await post("staffVP", body([dossier("D-vp-1", "VP")]));
    assert.equal(results(vp)[0]!.status, "applied");
    const injected = await post(
      "staffNCC",
      body([dossier("D-vp-1", "NCC", { notes: "injected" }), dossier("D-ncc-1", "NCC")]),
    );
    assert.equal(injected.status, 200);
    const [stolen, own] = results(injected);
    assert.equal(stolen!.status, "rejected");
    assert.equal(stolen!.httpStatus, 409);
    assert.match(String((stolen!.reason as Json).en), /already belongs to another unit \("VP"\)/);
    assert.equal(own!.status, "applied", "the rest of the push is applied");
    // The coordinator pulls one D-vp-1 only: VP's.
    const pull = await post("coordinator", body([]));
    const copies = (pull.json.changes as Json[]).filter((c) => c.id === "D-vp-1");
    assert.deepEqual(
      copies.map((c) => c.unit),
      ["VP"],
    );
    // A task may reuse a dossier's id: identity is (kind, id).
    assert.equal(
      results(await post("staffNCC", body([task("D-vp-1", "NCC", null, "a task")])))[0]!.status,
      "applied",
    );
  });

  it("refuses only the held id in a later chunk of a large push, and a retry answers the same", async () => {
    await post("staffVP", body([dossier("D-vp-held", "VP")]));
    // 250 new records (three chunks, whose ids are claimed while the chunk before is written);
    // the one at 200 holds VP's id.
    const push = Array.from({ length: 250 }, (_, i) =>
      dossier(i === 200 ? "D-vp-held" : `D-ncc-big-${i}`, "NCC"),
    );
    const payload = body(push);
    const first = await post("staffNCC", payload);
    const statuses = (r: { json: Json }) => results(r).map((x) => x.status);
    assert.deepEqual(
      statuses(first),
      push.map((_, i) => (i === 200 ? "rejected" : "applied")),
    );
    assert.equal(results(first)[200]!.httpStatus, 409);
    const again = await post("staffNCC", payload);
    assert.deepEqual(results(again), results(first), "the retried operation answers the same");
  });

  it("writes no chunk of a large push before its ids are claimed, and claims at most two chunks ahead", async () => {
    const repo = s.services.records;
    const events: string[] = [];
    const claimIds = repo.claimIds.bind(repo);
    const pushChunk = repo.pushChunk.bind(repo);
    repo.claimIds = async (year, unit, list) => {
      const tag = list[0]?.id.replace(/^D-ahead-(\d+)$/, (_, i: string) => String(Math.floor(+i / 96)));
      events.push(`claim ${tag}`);
      const held = await claimIds(year, unit, list);
      events.push(`claimed ${tag}`);
      return held;
    };
    repo.pushChunk = (year, unit, records, key, who) => {
      events.push(`write ${key.slice(key.lastIndexOf("_") + 1)}`);
      return pushChunk(year, unit, records, key, who);
    };
    try {
      const push = Array.from({ length: 96 * 5 }, (_, i) => dossier(`D-ahead-${i}`, "NCC"));
      const answer = await post("staffNCC", body(push));
      assert.ok(results(answer).every((r) => r.status === "applied"));
    } finally {
      repo.claimIds = claimIds;
      repo.pushChunk = pushChunk;
    }
    for (let n = 0; n < 5; n++) {
      const written = events.indexOf(`write ${n}`);
      assert.ok(
        written > events.indexOf(`claimed ${n}`),
        `chunk ${n} written after its claims: ${events.join(", ")}`,
      );
      // The claims of chunk n + 2 are asked for only once chunk n is on its way.
      if (n + 2 < 5) assert.ok(events.indexOf(`claim ${n + 2}`) > written, events.join(", "));
    }
  });

  it("applies a move whole or refuses it whole (defect 11)", async () => {
    await post("staffVP", body([task("mv-1", "VP", null, "to move")]));
    const before = { vp: await totals("VP"), ncc: await totals("NCC") };
    // Staff of VP may not write NCC: refused whole, nothing changes anywhere.
    const refused = await post("staffVP", body([{ ...task("mv-1", "NCC", 1, "to move"), fromUnit: "VP" }]));
    assert.equal(results(refused)[0]!.status, "rejected");
    assert.equal(results(refused)[0]!.httpStatus, 403);
    assert.deepEqual({ vp: await totals("VP"), ncc: await totals("NCC") }, before, "server totals unchanged");
    // A coordinator's move is applied whole: the record lives in NCC only, and a retry answers the same.
    const move = body([{ ...task("mv-1", "NCC", 1, "moved"), fromUnit: "VP" }]);
    const moved = await post("coordinator", move);
    assert.equal(results(moved)[0]!.status, "applied");
    assert.deepEqual(
      await post("coordinator", move).then(results),
      results(moved),
      "a retry gives the same answer",
    );
    assert.equal((await totals("VP")).tasks, (before.vp.tasks as number) - 1);
    assert.equal((await totals("NCC")).tasks, (before.ncc.tasks as number) + 1);
    const all = await post("leader", body([]));
    const copies = (all.json.changes as Json[]).filter((c) => c.id === "mv-1");
    assert.deepEqual(copies.map((c) => [c.unit, c.deleted]).sort(), [
      ["NCC", false],
      ["VP", true],
    ]);
    // A move based on a stale version is a conflict, and nothing moves.
    const stale = await post("coordinator", body([{ ...task("mv-1", "VP", 9, "back"), fromUnit: "NCC" }]));
    assert.equal(results(stale)[0]!.status, "conflict");
    assert.equal((await totals("NCC")).tasks, (before.ncc.tasks as number) + 1);
  });

  it("counts a record for the unit whose partition holds it (issue 8 item 1)", async () => {
    const ncc = await totals("NCC");
    const r = await post("staffVP", body([dossier("D-forged", "VP", { unit: "NCC", dueOn: "2022-03-02" })]));
    assert.equal(results(r)[0]!.status, "rejected");
    assert.equal(results(r)[0]!.httpStatus, 422);
    const t = await post(
      "staffVP",
      body([
        { ...task("t-forged", "VP", null, "x"), data: { content: "x", leadUnit: "NCC", status: "done" } },
      ]),
    );
    assert.equal(results(t)[0]!.status, "rejected");
    assert.deepEqual(await totals("NCC"), ncc, "NCC's statistics do not change");
    // Data naming no unit counts for the partition's unit.
    const vp = await totals("VP");
    const plain = await post(
      "staffVP",
      body([
        {
          ...dossier("D-plain", "VP"),
          data: { code: "D-plain", receivedOn: "2022-03-01", dueOn: "2022-03-10", status: "processing" },
        },
      ]),
    );
    assert.equal(results(plain)[0]!.status, "applied");
    assert.equal((await totals("VP")).dossiers, (vp.dossiers as number) + 1);
  });

  it("answers 1,000 stale edits with conflicts, never 500, and a retry gets the same answer (defect 12)", async () => {
    const many = Array.from({ length: 1000 }, (_, i) =>
      task(`big-${i}`, "KHTC", null, `Nhiệm vụ số ${i} ` + "nội dung dài ".repeat(20)),
    );
    const created = await post("coordinator", body(many));
    assert.equal(created.status, 200);
    const stale = body(many.map((t) => ({ ...t, baseVersion: 7 })));
    const first = await post("coordinator", stale);
    assert.equal(first.status, 200, JSON.stringify(first.json).slice(0, 300));
    assert.ok(results(first).every((r) => r.status === "conflict" && (r.server as Json).version === 1));
    const again = await post("coordinator", stale);
    assert.equal(again.status, 200);
    assert.deepEqual(results(again), results(first));
  });

  it("takes 100 concurrent new-record pushes to one partition without a failure (issue 8 item 6)", async () => {
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        post("coordinator", body([task(`busy-${i}`, "BUSY", null, `n${i}`)])),
      ),
    );
    const failed = answers.filter((a) => a.status !== 200 || results(a)[0]!.status !== "applied");
    assert.equal(failed.length, 0, JSON.stringify(failed.slice(0, 2).map((f) => [f.status, f.json])));
    const pull = await post("leader", body([]));
    assert.equal((pull.json.changes as Json[]).filter((c) => c.unit === "BUSY").length, 100);
    console.log(`      100 concurrent pushes through one host: ${Date.now() - started} ms`);
  });

  it("takes 60 concurrent pushes to one partition from three server instances (ETag clashes, backoff)", async () => {
    const started = Date.now();
    const instances = [
      s.services.records,
      ...[1, 2].map(() => servicesFor(s.azurite.connectionString).records),
    ];
    const caller: Caller = { tokenId: "x", name: "instances", role: "coordinator" };
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        sync(instances[i % 3]!, caller, {
          year: YEAR,
          operationId: randomUUID(),
          cursor: {},
          push: [
            { kind: "task", id: `inst-${i}`, unit: "INST", baseVersion: null, data: { content: `n${i}` } },
          ],
        }),
      ),
    );
    assert.ok(answers.every((a) => a.results[0]!.status === "applied"));
    console.log(`      60 concurrent pushes through three instances: ${Date.now() - started} ms`);
  });

  it("gives each partition's sequence an epoch: a lost meta row (a restore) resends the partition (defect 5)", async () => {
    await post("coordinator", body([task("ep-1", "EPO", null, "one"), task("ep-2", "EPO", null, "two")]));
    const first = await post("leader", body([]));
    const cursor = first.json.cursor as Record<string, string>;
    assert.match(
      cursor[`${YEAR}_EPO`]!,
      /^[A-Za-z0-9_-]+\.2\.[A-Za-z0-9_-]+$/,
      "the cursor carries the epoch",
    );
    // Nothing new: nothing resent.
    const quiet = await post("leader", body([], cursor));
    assert.deepEqual(quiet.json.changes, []);
    assert.equal(quiet.json.resets, undefined);
    // The store loses the partition's meta row (as a restore from an older backup would): a new epoch.
    const records = TableClient.fromConnectionString(s.azurite.connectionString, "records", {
      allowInsecureConnection: true,
    });
    await records.deleteEntity(`${YEAR}_EPO`, "~meta");
    const three = await post("coordinator", body([task("ep-3", "EPO", null, "three")]));
    assert.equal(results(three)[0]!.status, "applied");
    const after = await post("leader", body([], cursor));
    assert.deepEqual(after.json.resets, ["EPO"]);
    assert.deepEqual(
      (after.json.changes as Json[])
        .filter((c) => c.unit === "EPO")
        .map((c) => c.id)
        .sort(),
      ["ep-1", "ep-2", "ep-3"],
      "the whole partition is resent, so ep-3 (seq 1 again) is not skipped",
    );
    // A base version of the old epoch is not trusted: answered as a conflict with today's copy.
    const edit = await post("coordinator", body([task("ep-1", "EPO", 1, "edited")], cursor));
    assert.equal(results(edit)[0]!.status, "conflict");
    // A cursor past the last sequence of the same epoch (a store rolled back): resent too.
    const epoch = String((after.json.cursor as Record<string, string>)[`${YEAR}_EPO`]).split(".")[0]!;
    const ahead = await post("leader", body([], { [`${YEAR}_EPO`]: `${epoch}.99` }));
    assert.deepEqual(ahead.json.resets, ["EPO"]);
    // An old cursor (a bare number) has no epoch: resent too.
    const legacyAnswer = await post("leader", body([], { [`${YEAR}_EPO`]: 5 }));
    assert.deepEqual(legacyAnswer.json.resets, ["EPO"]);
  });

  it("tells a store rolled back to a backup (same epoch, sequence numbers handed out again) (defect 5)", async () => {
    const records = TableClient.fromConnectionString(s.azurite.connectionString, "records", {
      allowInsecureConnection: true,
    });
    const pk = `${YEAR}_BAK`;
    await post("coordinator", body([task("bak-1", "BAK", null, "one")]));
    const backup = await records.getEntity<Record<string, unknown>>(pk, "~meta"); // the backup is taken here
    await post("coordinator", body([task("bak-2", "BAK", null, "two")]));
    const seen = (await post("leader", body([]))).json.cursor as Record<string, string>;
    // Restore: bak-2 and the meta row go back to the backup's state (same epoch, lastSeq 1).
    await records.deleteEntity(pk, "task_bak-2");
    const meta: Record<string, unknown> = { ...backup };
    delete meta.etag;
    delete meta.timestamp;
    // (This process's cached meta row is now stale: its next write meets a changed ETag and reads again.)
    await records.upsertEntity({ ...meta, partitionKey: pk, rowKey: "~meta" }, "Replace");
    // Another member writes: sequence 2 again, another write.
    const three = await post("coordinator", body([task("bak-3", "BAK", null, "three")]));
    assert.equal(results(three)[0]!.status, "applied");
    const after = await post("leader", body([], seen));
    assert.deepEqual(after.json.resets, ["BAK"], "the cursor's write is not the store's");
    assert.deepEqual(
      (after.json.changes as Json[])
        .filter((c) => c.unit === "BAK")
        .map((c) => c.id)
        .sort(),
      ["bak-1", "bak-3"],
      "bak-3 reaches the leader; bak-2 is gone from the store (the workbook gives it back)",
    );
  });
});
