import { strict as assert } from "node:assert";
import { randomUUID } from "node:crypto";
import { call, startTestServer, type TestServer } from "../helpers/server";

type Who = "anonymous" | "staffVP" | "staffNCC" | "coordinator" | "leader" | "admin";
const EVERYONE: Who[] = ["anonymous", "staffVP", "staffNCC", "coordinator", "leader", "admin"];

interface Report {
  tasks: { total: number; byUnit: { unit?: string; name: string; total: number }[] };
  dossiers: { received: { total: number }; byUnit: { unit?: string; name: string }[] };
}

/**
 * Route × role × unit: what each identity may read of statistics and audit and may write, written
 * out here independently of the server's rules (DOMAIN.md "Who reads what"). VP holds 2 tasks and
 * 3 dossiers, NCC 1 task and 2 dossiers.
 */
describe("server read rules: route × role × unit for statistics, audit and writes", function () {
  this.timeout(120_000);
  let s: TestServer;
  const tokens: Partial<Record<Who, string>> = {};

  const dossier = (id: string, unit: string) => ({
    kind: "dossier",
    id,
    unit,
    baseVersion: null,
    data: { receivedOn: "2021-01-05", dueOn: "2021-01-20", status: "processing", unit, channel: "online" },
  });
  const task = (id: string, unit: string) => ({
    kind: "task",
    id,
    unit,
    baseVersion: null,
    data: { content: `Nhiệm vụ ${id}`, status: "not-started", leadUnit: unit },
  });
  const push = (who: Who, records: unknown[]) =>
    call(s.url, "POST", "/api/sync", tokens[who as Exclude<Who, "anonymous">], {
      year: 2021,
      operationId: randomUUID(),
      cursor: {},
      push: records,
    });
  const stats = (who: Who, unit?: string) =>
    call(
      s.url,
      "GET",
      `/api/stats?year=2021&asOf=2021-03-31${unit ? `&unit=${unit}` : ""}`,
      tokens[who as Exclude<Who, "anonymous">],
    );

  before(async () => {
    s = await startTestServer();
    tokens.staffVP = (await s.services.members.issue({ name: "Staff VP", role: "staff", unit: "VP" })).token;
    tokens.staffNCC = (
      await s.services.members.issue({ name: "Staff NCC", role: "staff", unit: "NCC" })
    ).token;
    tokens.coordinator = (await s.services.members.issue({ name: "Coordinator", role: "coordinator" })).token;
    tokens.leader = (await s.services.members.issue({ name: "Leader", role: "leader" })).token;
    tokens.admin = (await s.services.members.issue({ name: "Admin", role: "admin" })).token;
    const seeded = await push("coordinator", [
      task("t1", "VP"),
      task("t2", "VP"),
      task("t3", "NCC"),
      dossier("d1", "VP"),
      dossier("d2", "VP"),
      dossier("d3", "VP"),
      dossier("d4", "NCC"),
      dossier("d5", "NCC"),
    ]);
    assert.equal(seeded.status, 200);
  });
  after(() => s?.stop());

  it("statistics without unit: staff see the whole plan's tasks and only their unit's dossiers", async () => {
    const expected: Record<
      Exclude<Who, "anonymous">,
      { tasks: number; dossiers: number; units: string[] }
    > = {
      staffVP: { tasks: 3, dossiers: 3, units: ["VP"] },
      staffNCC: { tasks: 3, dossiers: 2, units: ["NCC"] },
      coordinator: { tasks: 3, dossiers: 5, units: ["NCC", "VP"] },
      leader: { tasks: 3, dossiers: 5, units: ["NCC", "VP"] },
      admin: { tasks: 3, dossiers: 5, units: ["NCC", "VP"] },
    };
    assert.equal((await stats("anonymous")).status, 401);
    for (const [who, want] of Object.entries(expected)) {
      const r = await stats(who as Who);
      assert.equal(r.status, 200, who);
      const report = r.json as unknown as Report;
      assert.equal(report.tasks.total, want.tasks, `${who}: tasks`);
      assert.equal(report.tasks.byUnit.length, 2, `${who}: tasks by unit list the whole plan`);
      assert.equal(report.dossiers.received.total, want.dossiers, `${who}: dossiers`);
      const units = report.dossiers.byUnit.map((u) => u.unit ?? u.name).sort();
      assert.deepEqual(units, want.units, `${who}: dossiers by unit`);
    }
  });

  it("statistics with unit=: staff only their own unit (else 403); others any unit", async () => {
    const matrix: [Who, string, number, number?][] = [
      ["staffVP", "VP", 200, 3],
      ["staffVP", "NCC", 403],
      ["staffNCC", "NCC", 200, 2],
      ["staffNCC", "VP", 403],
      ["coordinator", "NCC", 200, 2],
      ["leader", "NCC", 200, 2],
      ["leader", "VP", 200, 3],
      ["admin", "VP", 200, 3],
      ["anonymous", "VP", 401],
    ];
    for (const [who, unit, status, dossiers] of matrix) {
      const r = await stats(who, unit);
      assert.equal(r.status, status, `${who} unit=${unit}`);
      if (dossiers !== undefined)
        assert.equal((r.json as unknown as Report).dossiers.received.total, dossiers, `${who} unit=${unit}`);
    }
  });

  it("audit: coordinators, leaders and admins read any unit's history; staff and anonymous none", async () => {
    for (const unit of ["VP", "NCC"]) {
      const id = unit === "VP" ? "d1" : "d4";
      for (const who of EVERYONE) {
        const r = await call(
          s.url,
          "GET",
          `/api/audit?year=2021&unit=${unit}&kind=dossier&record=${id}`,
          tokens[who as Exclude<Who, "anonymous">],
        );
        const want = who === "anonymous" ? 401 : who.startsWith("staff") ? 403 : 200;
        assert.equal(r.status, want, `${who} audit ${unit}`);
        if (want === 200) assert.equal((r.json as unknown as unknown[]).length, 1);
      }
    }
  });

  it("writes: staff their own unit only, coordinators every unit, leaders and admins none", async () => {
    for (const unit of ["VP", "NCC"])
      for (const who of EVERYONE) {
        const r = await push(who, [task(`w-${who}-${unit}-${randomUUID()}`, unit)]);
        if (who === "anonymous") {
          assert.equal(r.status, 401);
          continue;
        }
        assert.equal(r.status, 200, who);
        const result = (r.json.results as { status: string; httpStatus?: number }[])[0]!;
        const allowed = who === "coordinator" || who === `staff${unit}`;
        assert.equal(result.status, allowed ? "applied" : "rejected", `${who} writes ${unit}`);
        if (!allowed) assert.equal(result.httpStatus, 403);
      }
  });

  it("pulls follow the same rule: staff get every unit's tasks but only their unit's dossiers", async () => {
    const r = await call(s.url, "POST", "/api/sync", tokens.staffNCC, {
      year: 2021,
      operationId: randomUUID(),
      cursor: {},
      push: [],
    });
    const changes = r.json.changes as { kind: string; unit: string }[];
    assert.ok(changes.some((c) => c.kind === "task" && c.unit === "VP"));
    assert.ok(!changes.some((c) => c.kind === "dossier" && c.unit !== "NCC"));
  });
});
