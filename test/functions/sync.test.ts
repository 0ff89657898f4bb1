import { strict as assert } from "node:assert";
import { randomUUID } from "node:crypto";
import { computeFileStats } from "../../cli/commands/stats";
import { buildDemoWorkbook } from "../../cli/xlsx/tracking-workbook";
import { readWorkbook } from "../../core/layout/read-workbook";
import { workbookToGrids } from "../../cli/xlsx/read-xlsx";
import { call, startTestServer, type TestServer } from "../helpers/server";
import { tempDir } from "../helpers/tmp";

type Json = Record<string, unknown>;
const task = (id: string, unit: string, baseVersion: number | null, content: string, extra: Json = {}) => ({
  kind: "task",
  id,
  unit,
  baseVersion,
  data: {
    content,
    status: "in-progress",
    deadline: { text: "Quý II", due: "2021-06-30", recurring: false },
    ...extra,
  },
});
const body = (push: unknown[], cursor: Record<string, number> = {}, operationId = randomUUID()) => ({
  year: 2021,
  operationId,
  cursor,
  push,
});

describe("server: sync, statistics and authorization (Azurite + local host)", function () {
  this.timeout(60_000);
  let s: TestServer;
  const tokens: Record<string, string> = {};

  before(async () => {
    s = await startTestServer();
    tokens.staffVP = (await s.services.members.issue({ name: "Staff VP", role: "staff", unit: "VP" })).token;
    tokens.staffNCC = (
      await s.services.members.issue({ name: "Staff NCC", role: "staff", unit: "NCC" })
    ).token;
    tokens.coordinator = (await s.services.members.issue({ name: "Coordinator", role: "coordinator" })).token;
    tokens.leader = (await s.services.members.issue({ name: "Leader", role: "leader" })).token;
  });
  after(() => s?.stop());

  it("answers health without a token, and 401 problem+json without one elsewhere", async () => {
    assert.equal((await call(s.url, "GET", "/api/health")).status, 200);
    const r = await call(s.url, "POST", "/api/sync", undefined, body([]));
    assert.equal(r.status, 401);
    assert.match(r.type, /application\/problem\+json/);
    assert.ok(typeof r.json.vi === "string" && typeof r.json.en === "string");
    assert.equal(
      (await call(s.url, "POST", "/api/sync", "cchc_AAAAAAAAAAAA." + "x".repeat(43), body([]))).status,
      401,
    );
  });

  it("applies a push, gives versions, and lets exactly one of two concurrent editors win", async () => {
    const first = await call(
      s.url,
      "POST",
      "/api/sync",
      tokens.staffVP,
      body([task("t1", "VP", null, "Ban hành kế hoạch")]),
    );
    assert.equal(first.status, 200);
    assert.deepEqual((first.json.results as Json[])[0], {
      kind: "task",
      id: "t1",
      status: "applied",
      version: 1,
    });
    assert.deepEqual(first.json.changes, [], "the writer's own change is not sent back to it");
    const [a, b] = await Promise.all([
      call(s.url, "POST", "/api/sync", tokens.staffVP, body([task("t1", "VP", 1, "edit A")])),
      call(s.url, "POST", "/api/sync", tokens.coordinator, body([task("t1", "VP", 1, "edit B")])),
    ]);
    const statuses = [a, b].map((r) => (r.json.results as Json[])[0]!.status).sort();
    assert.deepEqual(statuses, ["applied", "conflict"]);
    const loser = [a, b].find((r) => (r.json.results as Json[])[0]!.status === "conflict")!;
    const server = (loser.json.results as Json[])[0]!.server as Json;
    assert.equal(server.version, 2, "the conflict carries the server's copy");
  });

  it("applies a retried push once (operation id)", async () => {
    const op = body([task("t2", "VP", null, "Once")]);
    const r1 = await call(s.url, "POST", "/api/sync", tokens.staffVP, op);
    const r2 = await call(s.url, "POST", "/api/sync", tokens.staffVP, op);
    assert.deepEqual(r1.json.results, r2.json.results);
    const again = await call(
      s.url,
      "POST",
      "/api/sync",
      tokens.staffVP,
      body([task("t2", "VP", null, "Twice")]),
    );
    assert.equal(
      (again.json.results as Json[])[0]!.status,
      "conflict",
      "a new push of the same new record conflicts",
    );
  });

  it("rejects, per record, a staff write to another unit (403), and applies the rest", async () => {
    const r = await call(
      s.url,
      "POST",
      "/api/sync",
      tokens.staffNCC,
      body([task("n1", "NCC", null, "mine"), task("v9", "VP", null, "not mine")]),
    );
    assert.equal(r.status, 200);
    const [mine, other] = r.json.results as Json[];
    assert.equal(mine!.status, "applied");
    assert.equal(other!.status, "rejected");
    assert.equal(other!.httpStatus, 403);
    const leader = await call(s.url, "POST", "/api/sync", tokens.leader, body([task("l1", "VP", null, "x")]));
    assert.equal((leader.json.results as Json[])[0]!.status, "rejected", "leaders write nothing");
  });

  it("returns every change after the cursor exactly once, including deletes, across many transactions", async () => {
    const start = await call(s.url, "POST", "/api/sync", tokens.leader, body([]));
    let cursor = start.json.cursor as Record<string, number>;
    const many = Array.from({ length: 150 }, (_, i) => task(`bulk-${i}`, "KHTC", null, `Bulk ${i}`));
    const pushed = await call(s.url, "POST", "/api/sync", tokens.coordinator, body(many));
    assert.ok((pushed.json.results as Json[]).every((r) => r.status === "applied"));
    await call(
      s.url,
      "POST",
      "/api/sync",
      tokens.coordinator,
      body([{ ...task("bulk-0", "KHTC", 1, "gone"), deleted: true }]),
    );
    const pull = await call(s.url, "POST", "/api/sync", tokens.leader, body([], cursor));
    const changes = pull.json.changes as Json[];
    const ids = changes.map((c) => c.id);
    assert.equal(new Set(ids).size, 150, "each record once, at its latest version");
    assert.equal(ids.length, 150);
    assert.equal(changes.find((c) => c.id === "bulk-0")!.deleted, true);
    cursor = pull.json.cursor as Record<string, number>;
    const empty = await call(s.url, "POST", "/api/sync", tokens.leader, body([], cursor));
    assert.deepEqual(empty.json.changes, []);
  });

  it("answers 400 problems naming what is wrong, never 500", async () => {
    const bad: [unknown, RegExp][] = [
      ["{not json", /Malformed JSON/],
      [{ year: "2021", operationId: randomUUID(), push: [] }, /year/],
      [{ ...body([]), extra: 1 }, /Unknown field "extra"/],
      [body([{ ...task("x", "VP", null, "x"), kind: "memo" }]), /kind/],
      [body([task("x", "VP", 0, "x")]), /baseVersion/],
      [body(Array.from({ length: 1001 }, (_, i) => task(`x${i}`, "VP", null, "x"))), /At most 1000/],
    ];
    for (const [payload, message] of bad) {
      const r = await call(s.url, "POST", "/api/sync", tokens.staffVP, payload);
      assert.equal(r.status, 400, String(message));
      assert.match(String(r.json.en), message);
    }
  });

  it("stores ids with / \\ # ?, refuses control characters, and keeps OData injection inert", async () => {
    const odd = "a/b\\c#d?e'f or 1 eq 1";
    const r = await call(s.url, "POST", "/api/sync", tokens.staffVP, body([task(odd, "VP", null, "odd id")]));
    assert.equal((r.json.results as Json[])[0]!.status, "applied");
    const control = await call(
      s.url,
      "POST",
      "/api/sync",
      tokens.staffVP,
      body([task("a\u0001b", "VP", null, "x")]),
    );
    assert.equal(control.status, 400);
    assert.equal(control.json.pointer, "/push/0/id");
    const stats = await call(
      s.url,
      "GET",
      `/api/stats?year=2021&unit=${encodeURIComponent("VP' or PartitionKey ne '")}`,
      tokens.leader,
    );
    assert.equal(stats.status, 200);
    assert.equal((stats.json.tasks as Json).total, 0, "the injected unit matches nothing");
  });

  it("computes statistics from stored records, refreshed by every change", async () => {
    const before = await call(s.url, "GET", "/api/stats?year=2021&asOf=2021-03-31", tokens.leader);
    assert.equal(before.status, 200);
    const total = (before.json.tasks as Json).total as number;
    await call(
      s.url,
      "POST",
      "/api/sync",
      tokens.coordinator,
      body([task("done-1", "NCC", null, "Done", { status: "done", completedOn: "2021-03-01" })]),
    );
    const after = await call(s.url, "GET", "/api/stats?year=2021&asOf=2021-03-31", tokens.leader);
    assert.equal((after.json.tasks as Json).total, total + 1);
    assert.equal((await call(s.url, "GET", "/api/stats?year=abc", tokens.leader)).status, 400);
    assert.equal(
      (await call(s.url, "GET", "/api/stats?year=2021&asOf=31/03/2021", tokens.leader)).status,
      400,
    );
  });

  it("computes the same statistics as `cchc stats` on the same records (the seed demo)", async () => {
    const tmp = tempDir("server-stats");
    try {
      const file = tmp.file("demo.xlsx");
      await buildDemoWorkbook().xlsx.writeFile(file);
      const local = await computeFileStats({ file, asOf: "2021-03-31" });
      const wb = buildDemoWorkbook();
      const read = readWorkbook(workbookToGrids(wb));
      const push = [
        ...read.tasks.map((t, i) => ({
          kind: "task",
          id: `demo-t${i}`,
          unit: t.leadUnit ?? "-",
          baseVersion: null,
          data: { ...t, source: undefined },
        })),
        ...read.dossiers.map((d) => ({
          kind: "dossier",
          id: d.code!,
          unit: d.unit ?? "-",
          baseVersion: null,
          data: { ...d, applicant: undefined, source: undefined },
        })),
      ];
      const fresh = await startTestServer();
      try {
        const coordinator = (await fresh.services.members.issue({ name: "C", role: "coordinator" })).token;
        for (let i = 0; i < push.length; i += 500)
          await call(fresh.url, "POST", "/api/sync", coordinator, body(push.slice(i, i + 500)));
        const remote = (await call(fresh.url, "GET", "/api/stats?year=2021&asOf=2021-03-31", coordinator))
          .json as unknown as typeof local;
        const strip = (r: typeof local) => ({
          tasks: { ...r.tasks, byUnit: r.tasks.byUnit.map((u) => ({ ...u, name: u.unit })) },
          dossiers: { ...r.dossiers, byUnit: r.dossiers.byUnit.map((u) => ({ ...u, name: u.unit })) },
        });
        const sortUnits = (r: ReturnType<typeof strip>) => {
          r.tasks.byUnit.sort((a, b) => a.unit.localeCompare(b.unit));
          r.dossiers.byUnit.sort((a, b) => a.unit.localeCompare(b.unit));
          return r;
        };
        assert.deepEqual(sortUnits(strip(remote)), sortUnits(strip(local)));
        assert.equal(remote.tasks.done, 17);
        assert.equal(remote.dossiers.resolved.ahead, 330);
      } finally {
        await fresh.stop();
      }
    } finally {
      tmp.remove();
    }
  });
});
