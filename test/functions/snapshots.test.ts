import { strict as assert } from "node:assert";
import { randomUUID } from "node:crypto";
import { TABLES, Tables } from "../../functions/src/storage/tables";
import { fitUnits, MAX_UNIT_CHARS, type UnitSnapshot } from "../../functions/src/snapshots/snapshot-store";
import { takeSnapshots } from "../../functions/src/snapshots/take-snapshots";
import { startLocalTimers, type Clock } from "../../functions/src/timers/local-timers";
import { call, startTestServer, type TestServer } from "../helpers/server";

const task = (id: string, status: string, due: string, completedOn?: string, unit = "VP") => ({
  kind: "task",
  id,
  unit,
  baseVersion: null,
  data: {
    content: `Nhiệm vụ ${id}`,
    status,
    leadUnit: unit,
    deadline: { text: due, due, recurring: false },
    ...(completedOn && { completedOn }),
  },
});

const dossier = (id: string, unit: string, receivedOn: string, dueOn: string, resultOn?: string) => ({
  kind: "dossier",
  id,
  unit,
  baseVersion: null,
  data: {
    code: id,
    unit,
    receivedOn,
    dueOn,
    status: resultOn ? "resolved" : "processing",
    ...(resultOn && { resultOn }),
  },
});

/** Totals of a stats answer's tasks and dossiers, without the breakdowns: what a snapshot keeps. */
function totals(stats: Record<string, unknown>) {
  const { byField: _f, byUnit: _u, ...tasks } = stats.tasks as Record<string, unknown>;
  const {
    from: _a,
    to: _b,
    bySector: _s,
    byUnit: _v,
    byMonth: _m,
    ...dossiers
  } = stats.dossiers as Record<string, unknown>;
  return { tasks, dossiers };
}

type Entry = { date: string; takenAt: string; asOf: string; from: string; to: string } & Record<
  string,
  unknown
>;

describe("daily snapshots of the statistics (table snapshots, GET /api/snapshots)", function () {
  this.timeout(60_000);
  let s: TestServer;
  let admin: string;
  let leader: string;
  let coordinator: string;
  let staff: string;
  let ncc: string;

  /** Staff write their own unit's records: each record pushed by a member of its unit. */
  const push = async (records: { unit: string }[]) => {
    for (const unit of new Set(records.map((r) => r.unit)))
      await pushAs(
        unit,
        records.filter((r) => r.unit === unit),
      );
  };
  const pushAs = async (unit: string, records: unknown[]) => {
    const token = unit === "VP" ? staff : ncc;
    const r = await call(s.url, "POST", "/api/sync", token, {
      year: 2021,
      operationId: randomUUID(),
      cursor: {},
      push: records,
    });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    for (const result of r.json.results as { status: string }[]) assert.notEqual(result.status, "rejected");
  };
  const snapshots = async (query: string, token = leader) =>
    call(s.url, "GET", `/api/snapshots${query}`, token);

  before(async () => {
    s = await startTestServer();
    admin = (await s.services.members.issue({ name: "Admin", role: "admin" })).token;
    leader = (await s.services.members.issue({ name: "Lãnh đạo", role: "leader" })).token;
    coordinator = (await s.services.members.issue({ name: "Điều phối", role: "coordinator" })).token;
    staff = (await s.services.members.issue({ name: "Staff VP", role: "staff", unit: "VP" })).token;
    ncc = (await s.services.members.issue({ name: "Staff NCC", role: "staff", unit: "NCC" })).token;
    await push([
      task("t1", "done", "2021-03-31", "2021-03-10"),
      task("t2", "done", "2021-04-30", "2021-03-29"),
      task("t3", "in-progress", "2021-03-20"),
      task("t4", "not-started", "2021-06-30", undefined, "NCC"),
      dossier("H-1", "VP", "2021-03-01", "2021-03-22", "2021-03-15"),
      dossier("H-2", "VP", "2021-03-02", "2021-03-12"),
      dossier("H-3", "NCC", "2021-03-20", "2021-04-10", "2021-03-26"),
    ]);
  });
  after(() => s?.stop());

  it("stores the statistics the server computes on that Vietnam day, for each year with records, one entity a day", async () => {
    // 10:00 UTC is 17:00 in Vietnam on the 24th; 17:30 UTC on the 27th is already the 28th there.
    const first = await takeSnapshots(s.services, new Date("2021-03-24T10:00:00Z"));
    assert.deepEqual(first, { date: "2021-03-24", years: [2021] }, "2020 and 2022 have no records");
    const second = await takeSnapshots(s.services, new Date("2021-03-27T17:30:00Z"));
    assert.equal(second.date, "2021-03-28");
    const r = await snapshots("?year=2021");
    assert.equal(r.status, 200);
    const list = r.json.snapshots as Entry[];
    assert.deepEqual(
      list.map((e) => [e.date, e.asOf, e.from, e.to, e.takenAt]),
      [
        ["2021-03-24", "2021-03-24", "2021-01-01", "2021-03-24", "2021-03-24T10:00:00.000Z"],
        ["2021-03-28", "2021-03-28", "2021-01-01", "2021-03-28", "2021-03-27T17:30:00.000Z"],
      ],
    );
    for (const e of list) {
      const stats = await call(s.url, "GET", `/api/stats?year=2021&asOf=${e.date}`, leader);
      assert.deepEqual({ tasks: e.tasks, dossiers: e.dossiers }, totals(stats.json), e.date);
    }
    // What a leader sees change: t2 was completed on the 29th, not yet by the 28th; H-3 resolved on the 26th.
    const [a, b] = list as unknown as {
      tasks: { done: number; total: number };
      dossiers: { resolved: { total: number } };
    }[];
    assert.deepEqual([a!.tasks.done, a!.tasks.total, b!.tasks.done], [1, 4, 1]);
    assert.deepEqual([a!.dossiers.resolved.total, b!.dossiers.resolved.total], [1, 2]);
    assert.deepEqual(r.json.damaged, []);
  });

  it("a second run the same day replaces the first with the later figures (upsert); a missed day is not back-filled", async () => {
    await takeSnapshots(s.services, new Date("2021-03-30T02:00:00Z"));
    await push([task("t5", "done", "2021-03-31", "2021-03-30")]);
    await takeSnapshots(s.services, new Date("2021-03-30T16:30:00Z"));
    const r = await snapshots("?year=2021&from=2021-03-29&to=2021-03-31");
    const list = r.json.snapshots as {
      date: string;
      takenAt: string;
      tasks: { total: number; done: number };
    }[];
    assert.deepEqual(
      list.map((e) => [e.date, e.takenAt, e.tasks.total, e.tasks.done]),
      [["2021-03-30", "2021-03-30T16:30:00.000Z", 5, 3]],
      "one snapshot on the 30th, the later one; none on the 29th (no run that day)",
    );
    const all = await snapshots("?year=2021");
    assert.deepEqual(
      (all.json.snapshots as Entry[]).map((e) => e.date),
      ["2021-03-24", "2021-03-28", "2021-03-30"],
    );
  });

  it("unit= gives that unit's tasks and dossiers each day (null on a day it had none)", async () => {
    const r = await snapshots("?year=2021&from=2021-03-24&to=2021-03-24&unit=NCC", coordinator);
    assert.equal(r.status, 200);
    const [e] = r.json.snapshots as {
      unit: {
        unit: string;
        name: string;
        tasks: { total: number };
        dossiers: { received: { total: number } };
      };
    }[];
    assert.equal(e!.unit.unit, "NCC");
    assert.equal(e!.unit.tasks.total, 1);
    assert.equal(e!.unit.dossiers.received.total, 1);
    const none = await snapshots("?year=2021&from=2021-03-24&to=2021-03-24&unit=KHONG", admin);
    assert.equal((none.json.snapshots as { unit: unknown }[])[0]!.unit, null);
    const plain = await snapshots("?year=2021&from=2021-03-24&to=2021-03-24");
    assert.ok(!("unit" in (plain.json.snapshots as object[])[0]!), "no unit asked: totals only");
  });

  it("staff get 403 in Vietnamese and English; no token 401", async () => {
    const r = await snapshots("?year=2021", staff);
    assert.equal(r.status, 403);
    assert.match(String(r.json.vi), /Vai trò "staff"/);
    assert.match(String(r.json.en), /Role "staff"/);
    assert.equal((await call(s.url, "GET", "/api/snapshots?year=2021")).status, 401);
  });

  it("bad queries get 400 naming the parameter, never 500", async () => {
    for (const [query, parameter] of [
      ["", "year"],
      ["?year=21", "year"],
      ["?year=2021&from=2021-02-30", "from"],
      ["?year=2021&to=31/03/2021", "to"],
      ["?year=2021&from=2021-04-01&to=2021-03-01", "from"],
      ["?year=2021&unit=%01", "unit"],
    ]) {
      const r = await snapshots(query!);
      assert.equal(r.status, 400, `${query}: ${JSON.stringify(r.json)}`);
      assert.equal(r.json.parameter, parameter, query);
      assert.ok(r.json.vi && r.json.en, query);
    }
  });

  it("a damaged stored snapshot is listed by its date with what is wrong; the others still answer", async () => {
    const tables = new Tables(s.azurite.connectionString);
    const table = await tables.ready(TABLES.snapshots);
    await table.upsertEntity(
      {
        partitionKey: "2021",
        rowKey: "2021-03-25",
        takenAt: "x",
        asOf: "x",
        from: "x",
        to: "x",
        tasks: "{",
        dossiers: "{}",
      },
      "Replace",
    );
    const r = await snapshots("?year=2021&to=2021-03-28");
    assert.equal(r.status, 200);
    assert.deepEqual(
      (r.json.snapshots as Entry[]).map((e) => e.date),
      ["2021-03-24", "2021-03-28"],
    );
    const damaged = r.json.damaged as { date: string; vi: string; en: string }[];
    assert.equal(damaged.length, 1);
    assert.equal(damaged[0]!.date, "2021-03-25");
    assert.match(damaged[0]!.en, /2021 \/ 2021-03-25 \/ tasks/);
    await table.deleteEntity("2021", "2021-03-25");
  });

  it("the local host's timer takes the day's snapshot at start when it is missing, then not again until 16:30 UTC", async () => {
    let now = new Date("2021-04-02T01:00:00Z");
    const waits: number[] = [];
    const clock: Clock = { now: () => now, after: (ms) => (waits.push(ms), () => {}) };
    const timers = startLocalTimers(() => s.services, { clock, log: () => {} });
    await timers.started;
    const dates = async () =>
      ((await snapshots("?year=2021&from=2021-04-01")).json.snapshots as Entry[]).map((e) => [
        e.date,
        e.takenAt,
      ]);
    assert.deepEqual(await dates(), [["2021-04-02", "2021-04-02T01:00:00.000Z"]]);
    assert.deepEqual(waits, [15.5 * 3_600_000]);
    await timers.stop();
    // Restarted the same day: today's snapshot is there, nothing is owed.
    now = new Date("2021-04-02T03:00:00Z");
    const again = startLocalTimers(() => s.services, { clock, log: () => {} });
    await again.started;
    assert.deepEqual(await dates(), [["2021-04-02", "2021-04-02T01:00:00.000Z"]]);
    await again.stop();
  });

  it("keeps the units within the entity's size: the units with the fewest records are left out first, and counted", () => {
    const counts = (n: number) => ({ total: n }) as NonNullable<UnitSnapshot["tasks"]>;
    const units: UnitSnapshot[] = Array.from({ length: 2000 }, (_, i) => ({
      unit: `U${i}`,
      name: "Phòng ".padEnd(150, "x"),
      tasks: counts(i),
    }));
    const { json, omitted } = fitUnits(units);
    assert.ok(json.length <= MAX_UNIT_CHARS);
    const kept = JSON.parse(json) as UnitSnapshot[];
    assert.equal(kept.length + omitted, 2000);
    assert.ok(omitted > 0);
    assert.equal(kept[0]!.unit, `U${omitted}`, "the smallest units went first, the order of the rest kept");
    assert.deepEqual(fitUnits(units.slice(0, 10)), { json: JSON.stringify(units.slice(0, 10)), omitted: 0 });
  });
});
