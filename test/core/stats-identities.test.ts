import { strict as assert } from "node:assert";
import fc from "fast-check";
import { addDays, type IsoDate } from "../../core/dates/local-date";
import type { DossierRecord, TaskRecord } from "../../core/model/records";
import { DEFAULT_FIELDS } from "../../core/reference/fields";
import type { DossierCounts } from "../../core/stats/dossier-stats";
import { officialQuarter, officialYear } from "../../core/stats/periods";
import { buildStatsReport, type StatsReport } from "../../core/stats/report";
import type { TaskCounts } from "../../core/stats/task-stats";
import { dayOf2021, dossierArb, periodArb, taskArb } from "../helpers/arbitraries";

/**
 * The identities a leader checks by adding up the summary's tables: every column of the per-field
 * and per-unit task tables, and of the per-sector and per-unit dossier tables (Biểu 06), adds up to
 * its "Tổng cộng" row; the monthly chart adds up to the dossiers received and resolved in the year;
 * and a period's figures are the sum of its parts (the four official quarters make the year).
 */
const report = (tasks: TaskRecord[], dossiers: DossierRecord[], asOf: IsoDate, from: IsoDate, to: IsoDate) =>
  buildStatsReport({ year: 2021, asOf, from, to, tasks, dossiers, fields: DEFAULT_FIELDS });

const TASK_COLUMNS = [
  "total",
  "done",
  "doneOnTime",
  "doneLate",
  "doneDateUnknown",
  "notDone",
  "notDoneWithinDeadline",
  "notDoneOverdue",
  "notStarted",
  "dueByAsOf",
  "doneOfDue",
] as const satisfies readonly (keyof TaskCounts)[];

/** Every count column of a Biểu 06 row (rates left out: they are not sums). */
function dossierColumns(c: DossierCounts): number[] {
  return [
    ...Object.values(c.received),
    ...Object.values(c.resolved),
    ...Object.values(c.processing),
    c.returnedOrWithdrawn,
  ];
}

const sumColumns = (rows: number[][]) => rows.reduce((s, r) => s.map((x, i) => x + r[i]!));

const inYearUpTo = (date: IsoDate | undefined, asOf: IsoDate) =>
  date !== undefined && date.startsWith("2021-") && date <= asOf;

/** Dossier counts that add up over adjacent periods: newly received, and what ended in each. */
function additive(r: StatsReport) {
  const d = r.dossiers;
  return {
    newlyReceived: d.received.online + d.received.inPersonOrPost,
    online: d.received.online,
    resolved: d.resolved,
    returnedOrWithdrawn: d.returnedOrWithdrawn,
  };
}

function addUp(parts: ReturnType<typeof additive>[]) {
  return parts.reduce((a, b) => ({
    newlyReceived: a.newlyReceived + b.newlyReceived,
    online: a.online + b.online,
    resolved: {
      total: a.resolved.total + b.resolved.total,
      ahead: a.resolved.ahead + b.resolved.ahead,
      onTime: a.resolved.onTime + b.resolved.onTime,
      overdue: a.resolved.overdue + b.resolved.overdue,
    },
    returnedOrWithdrawn: a.returnedOrWithdrawn + b.returnedOrWithdrawn,
  }));
}

describe("the summary's tables add up (statistics identities, property)", () => {
  const tasks = fc.array(taskArb, { maxLength: 50 });
  const dossiers = fc.array(dossierArb, { maxLength: 100 });

  it("every column of the tables by field and by unit adds up to the 'Tổng cộng' row of tasks", () => {
    fc.assert(
      fc.property(tasks, dayOf2021, (ts, asOf) => {
        const r = report(ts, [], asOf, "2021-01-01", asOf);
        const total = TASK_COLUMNS.map((k) => r.tasks[k]);
        assert.deepEqual(
          sumColumns([total.map(() => 0), ...r.tasks.byField.map((f) => TASK_COLUMNS.map((k) => f[k]))]),
          total,
        );
        assert.deepEqual(
          sumColumns([total.map(() => 0), ...r.tasks.byUnit.map((u) => TASK_COLUMNS.map((k) => u[k]))]),
          total,
        );
        assert.equal(r.tasks.total, ts.length);
      }),
    );
  });

  it("every Biểu 06 column by sector and by unit adds up to the 'Tổng cộng' row of dossiers", () => {
    fc.assert(
      fc.property(dossiers, periodArb, (ds, p) => {
        const r = report([], ds, p.to, p.from, p.to);
        const total = dossierColumns(r.dossiers);
        const zero = total.map(() => 0);
        assert.deepEqual(sumColumns([zero, ...r.dossiers.bySector.map(dossierColumns)]), total);
        assert.deepEqual(sumColumns([zero, ...r.dossiers.byUnit.map(dossierColumns)]), total);
      }),
    );
  });

  it("the monthly chart adds up to the dossiers received and resolved in the plan year up to the cut-off", () => {
    fc.assert(
      fc.property(dossiers, dayOf2021, (ds, asOf) => {
        const r = report([], ds, asOf, "2021-01-01", asOf);
        const months = r.dossiers.byMonth;
        const expectedMonths = asOf < "2021-01-01" ? 0 : asOf > "2021-12-31" ? 12 : Number(asOf.slice(5, 7));
        assert.equal(months.length, expectedMonths);
        assert.equal(
          months.reduce((s, m) => s + m.received, 0),
          ds.filter((d) => inYearUpTo(d.receivedOn, asOf)).length,
        );
        assert.equal(
          months.reduce((s, m) => s + m.resolved, 0),
          ds.filter((d) => d.status === "resolved" && inYearUpTo(d.resultOn, asOf)).length,
        );
      }),
    );
  });

  it("a period's newly received and resolved are the sums over any split of it into two periods", () => {
    fc.assert(
      fc.property(dossiers, periodArb, fc.integer({ min: 0, max: 200 }), (ds, p, cut) => {
        const mid = addDays(p.from, cut);
        fc.pre(mid < p.to);
        const whole = additive(report([], ds, p.to, p.from, p.to));
        const first = additive(report([], ds, mid, p.from, mid));
        const second = additive(report([], ds, p.to, addDays(mid, 1), p.to));
        assert.deepEqual(addUp([first, second]), whole);
      }),
    );
  });

  it("the four official quarters of Nghị định 09/2019 make the official year (15/12/2020 – 14/12/2021)", () => {
    fc.assert(
      fc.property(dossiers, (ds) => {
        const y = officialYear(2021);
        const whole = additive(report([], ds, y.to, y.from, y.to));
        const quarters = ([1, 2, 3, 4] as const).map((q) => {
          const p = officialQuarter(2021, q);
          return additive(report([], ds, p.to, p.from, p.to));
        });
        assert.deepEqual(addUp(quarters), whole);
        // Consecutive quarters leave no day out and count none twice.
        for (let q = 1; q < 4; q++)
          assert.equal(
            addDays(officialQuarter(2021, q as 1 | 2 | 3).to, 1),
            officialQuarter(2021, (q + 1) as 2 | 3 | 4).from,
          );
      }),
    );
  });
});
