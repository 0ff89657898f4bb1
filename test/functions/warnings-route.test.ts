import { strict as assert } from "node:assert";
import { randomUUID } from "node:crypto";
import type { Warnings } from "../../core/stats/warnings";
import { call, startTestServer, type TestServer } from "../helpers/server";

describe("server: deadline warnings in GET /api/stats and the year's settings", function () {
  this.timeout(60_000);
  let s: TestServer;
  let admin: string;
  let staff: string;

  before(async () => {
    s = await startTestServer();
    admin = (await s.services.members.issue({ name: "Admin", role: "admin" })).token;
    staff = (await s.services.members.issue({ name: "Staff VP", role: "staff", unit: "VP" })).token;
    const push = [
      {
        kind: "task",
        id: "t-due-soon",
        unit: "VP",
        baseVersion: null,
        data: {
          content: "Báo cáo CCHC quý I",
          status: "in-progress",
          leadUnit: "VP",
          deadline: { text: "31/3/2021", due: "2021-03-31", recurring: false },
        },
      },
      {
        kind: "task",
        id: "t-far",
        unit: "VP",
        baseVersion: null,
        data: {
          content: "Kế hoạch năm",
          status: "not-started",
          leadUnit: "VP",
          deadline: { text: "10/4/2021", due: "2021-04-10", recurring: false },
        },
      },
      {
        kind: "dossier",
        id: "d-late",
        unit: "VP",
        baseVersion: null,
        data: {
          code: "H-1",
          unit: "VP",
          receivedOn: "2021-03-01",
          dueOn: "2021-03-22",
          status: "processing",
        },
      },
    ];
    const r = await call(s.url, "POST", "/api/sync", staff, {
      year: 2021,
      operationId: randomUUID(),
      cursor: {},
      push,
    });
    assert.equal(r.status, 200);
  });
  after(() => s?.stop());

  const warnings = async (asOf: string) =>
    (await call(s.url, "GET", `/api/stats?year=2021&asOf=${asOf}`, staff)).json
      .warnings as unknown as Warnings;

  it("answers warnings naming stored records by id, with the default windows", async () => {
    const w = await warnings("2021-03-24");
    assert.equal(w.taskDays, 7);
    assert.equal(w.dossierWorkingDays, 2);
    assert.deepEqual(
      w.tasks.map((t) => [t.id, t.state, t.days, t.unit]),
      [["t-due-soon", "dueSoon", 7, "VP"]],
    );
    assert.deepEqual(
      w.dossiers.map((d) => [d.id, d.code, d.state, d.days]),
      [["d-late", "H-1", "overdue", -2]],
    );
  });

  it("lists only the most urgent with warnings=N, counting them all; previous= adds an earlier cut-off (issue 12)", async () => {
    const full = (await call(s.url, "GET", "/api/stats?year=2021&asOf=2021-03-24", staff)).json;
    const got = await call(
      s.url,
      "GET",
      "/api/stats?year=2021&asOf=2021-03-24&warnings=0&previous=2021-03-14",
      staff,
    );
    assert.equal(got.status, 200);
    const w = got.json.warnings as unknown as Warnings;
    assert.deepEqual([w.tasks.length, w.dossiers.length], [0, 0]);
    assert.deepEqual(w.totals, { tasks: { overdue: 0, dueSoon: 1 }, dossiers: { overdue: 1, dueSoon: 0 } });
    assert.deepEqual(got.json.tasks, full.tasks, "the figures are those of the full answer");
    const previous = got.json.previous as { asOf: string; warnings: Warnings };
    assert.equal(previous.asOf, "2021-03-14");
    assert.deepEqual(previous.warnings.totals, {
      tasks: { overdue: 0, dueSoon: 0 },
      dossiers: { overdue: 0, dueSoon: 0 },
    });
    const one = (await call(s.url, "GET", "/api/stats?year=2021&asOf=2021-03-24&warnings=1", staff)).json;
    assert.deepEqual(
      (one.warnings as unknown as Warnings).dossiers,
      (full.warnings as unknown as Warnings).dossiers,
    );
    assert.equal(full.previous, undefined, "nothing added unasked");
    for (const bad of ["warnings=-1", "warnings=x", "warnings=10001", "previous=2021-13-01"]) {
      const r = await call(s.url, "GET", `/api/stats?year=2021&${bad}`, staff);
      assert.equal(r.status, 400, bad);
    }
  });

  it("uses the windows an admin sets for the year (reference kind settings), validated", async () => {
    const got = await call(s.url, "GET", "/api/reference/settings?year=2021", staff);
    assert.deepEqual(got.json, { taskDays: 7, dossierWorkingDays: 2 });
    assert.equal(
      (
        await call(s.url, "PUT", "/api/reference/settings?year=2021", staff, {
          taskDays: 20,
          dossierWorkingDays: 2,
        })
      ).status,
      403,
    );
    const bad = await call(s.url, "PUT", "/api/reference/settings?year=2021", admin, {
      taskDays: -1,
      dossierWorkingDays: 2,
    });
    assert.equal(bad.status, 400);
    assert.match(JSON.stringify(bad.json), /taskDays/);
    const put = await call(s.url, "PUT", "/api/reference/settings?year=2021", admin, {
      taskDays: 20,
      dossierWorkingDays: 3,
    });
    assert.equal(put.status, 200);
    const w = await warnings("2021-03-24");
    assert.deepEqual([w.taskDays, w.dossierWorkingDays], [20, 3]);
    assert.deepEqual(
      w.tasks.map((t) => t.id),
      ["t-due-soon", "t-far"],
    );
  });
});
