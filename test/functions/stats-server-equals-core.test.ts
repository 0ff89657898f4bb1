import { strict as assert } from "node:assert";
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import type { DossierRecord, TaskRecord } from "../../core/model/records";
import { DEFAULT_FIELDS } from "../../core/reference/fields";
import { buildStatsReport, type StatsReport } from "../../core/stats/report";
import { dayOf2021, dossierArb, periodArb, taskArb } from "../helpers/arbitraries";
import { call, startTestServer, type TestServer } from "../helpers/server";

const UNITS = ["VP", "KHTC", "NCC"] as const;

/** Names aside (the server names units from its reference list), the figures a leader reads. */
function figures(r: StatsReport) {
  const byUnit = <T extends { unit: string; name: string }>(xs: T[]) =>
    xs.map((x) => ({ ...x, name: x.unit })).sort((a, b) => a.unit.localeCompare(b.unit));
  const warning = <T extends { unitName: string | null; sheet?: string; row?: number; id?: string }>(
    xs: T[],
  ) => xs.map(({ unitName: _n, sheet: _s, row: _r, id: _i, ...w }) => w);
  return {
    asOf: r.asOf,
    tasks: { ...r.tasks, byUnit: byUnit(r.tasks.byUnit) },
    dossiers: { ...r.dossiers, byUnit: byUnit(r.dossiers.byUnit) },
    warnings: {
      ...r.warnings,
      tasks: warning(r.warnings.tasks).sort((a, b) => a.content.localeCompare(b.content) || a.days - b.days),
      dossiers: warning(r.warnings.dossiers).sort((a, b) => (a.code ?? "").localeCompare(b.code ?? "")),
    },
  };
}

/**
 * GET /api/stats equals core's statistics (what `cchc stats` prints) on the same records, for any
 * records and any period: nothing is lost or changed on the way through the store, the record
 * cache or the read scope of a coordinator. Each run uses a plan year of its own on one server.
 */
describe("the server's figures equal core's on the same records (property)", function () {
  this.timeout(120_000);
  let s: TestServer;
  let token = "";
  before(async () => {
    s = await startTestServer();
    token = (await s.services.members.issue({ name: "Điều phối", role: "coordinator" })).token;
  });
  after(() => s?.stop());

  it("tasks, Biểu 06 figures, monthly trend and warnings, at any cut-off and period", async () => {
    let year = 2040;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(taskArb, fc.constantFrom(...UNITS)), { maxLength: 25 }),
        fc.array(fc.tuple(dossierArb, fc.constantFrom(...UNITS)), { maxLength: 40 }),
        periodArb,
        dayOf2021,
        async (taskRows, dossierRows, p, asOf) => {
          year++;
          const tasks: TaskRecord[] = taskRows.map(([t, unit], i) => ({
            ...t,
            year,
            content: `t${i}`,
            leadUnit: unit,
          }));
          const dossiers: DossierRecord[] = dossierRows.map(([d, unit], i) => ({
            ...d,
            code: `d${i}`,
            unit,
          }));
          const push = [
            ...tasks.map((t, i) => ({
              kind: "task",
              id: `t${i}`,
              unit: t.leadUnit!,
              baseVersion: null,
              data: t,
            })),
            ...dossiers.map((d, i) => ({
              kind: "dossier",
              id: `d${i}`,
              unit: d.unit!,
              baseVersion: null,
              data: d,
            })),
          ];
          if (push.length > 0) {
            const pushed = await call(s.url, "POST", "/api/sync", token, {
              year,
              operationId: randomUUID(),
              cursor: {},
              push,
            });
            assert.equal(pushed.status, 200, JSON.stringify(pushed.json).slice(0, 500));
          }
          const q = `year=${year}&asOf=${asOf}&from=${p.from}&to=${p.to}`;
          const remote = await call(s.url, "GET", `/api/stats?${q}`, token);
          assert.equal(remote.status, 200, JSON.stringify(remote.json).slice(0, 500));
          const local = buildStatsReport({
            year,
            asOf,
            from: p.from,
            to: p.to,
            tasks,
            dossiers,
            fields: DEFAULT_FIELDS,
          });
          assert.deepEqual(figures(remote.json as unknown as StatsReport), figures(local));
        },
      ),
      { numRuns: 12 },
    );
  });
});
