import { strict as assert } from "node:assert";
import fc from "fast-check";
import { addDays } from "../../core/dates/local-date";
import type { DossierRecord, TaskRecord } from "../../core/model/records";
import { DEFAULT_FIELDS } from "../../core/reference/fields";
import { classifyDossier } from "../../core/stats/dossier-stats";
import { officialQuarter, parsePeriodName } from "../../core/stats/periods";
import { buildStatsReport, identityViolations } from "../../core/stats/report";
import { classifyTask } from "../../core/stats/task-stats";
import { dossierArb, periodArb, taskArb, dayOf2021 } from "../helpers/arbitraries";

const task = (over: Partial<TaskRecord>): TaskRecord => ({
  year: 2021,
  content: "t",
  status: "in-progress",
  statusText: "",
  ...over,
});
const dl = (due: string) => ({ text: due, due, recurring: false });
const dossier = (over: Partial<DossierRecord>): DossierRecord => ({
  receivedOn: "2021-03-01",
  dueOn: "2021-03-10",
  dueFrom: "appointment",
  status: "processing",
  ...over,
});

describe("task classification at a cut-off date", () => {
  const D = "2021-03-31";
  it("classes done tasks on time, late, or with unknown date", () => {
    assert.equal(
      classifyTask(task({ status: "done", completedOn: "2021-03-31", deadline: dl("2021-03-31") }), D),
      "done-on-time",
    );
    assert.equal(
      classifyTask(task({ status: "done", completedOn: "2021-03-20", deadline: dl("2021-03-15") }), D),
      "done-late",
    );
    assert.equal(classifyTask(task({ status: "done", deadline: dl("2021-03-15") }), D), "done-date-unknown");
    assert.equal(
      classifyTask(
        task({
          status: "done",
          completedOn: "2021-02-01",
          deadline: { text: "Thường xuyên", recurring: true },
        }),
        D,
      ),
      "done-on-time",
    );
  });
  it("classes not-done tasks within deadline (D ≤ due, or recurring) or overdue", () => {
    assert.equal(classifyTask(task({ deadline: dl("2021-03-31") }), D), "not-done-within-deadline");
    assert.equal(classifyTask(task({ deadline: dl("2021-03-30") }), D), "not-done-overdue");
    assert.equal(
      classifyTask(task({ deadline: { text: "Thường xuyên", recurring: true } }), D),
      "not-done-within-deadline",
    );
    assert.equal(
      classifyTask(task({ status: "not-started", deadline: dl("2021-01-31") }), D),
      "not-done-overdue",
    );
  });
  it("does not count as done at D a task completed after D", () => {
    assert.equal(
      classifyTask(task({ status: "done", completedOn: "2021-04-05", deadline: dl("2021-06-30") }), D),
      "not-done-within-deadline",
    );
  });
});

describe("dossier classification over a period", () => {
  const from = "2021-01-01";
  const to = "2021-03-31";
  it("compares result and due dates: ahead, on time, overdue", () => {
    assert.equal(
      classifyDossier(dossier({ status: "resolved", resultOn: "2021-03-09" }), from, to)?.outcome,
      "resolved-ahead",
    );
    assert.equal(
      classifyDossier(dossier({ status: "resolved", resultOn: "2021-03-10" }), from, to)?.outcome,
      "resolved-on-time",
    );
    assert.equal(
      classifyDossier(dossier({ status: "resolved", resultOn: "2021-03-11" }), from, to)?.outcome,
      "resolved-overdue",
    );
  });
  it("classes still-processing dossiers at `to`", () => {
    assert.equal(
      classifyDossier(dossier({ dueOn: "2021-03-31" }), from, to)?.outcome,
      "processing-within-deadline",
    );
    assert.equal(classifyDossier(dossier({ dueOn: "2021-03-30" }), from, to)?.outcome, "processing-overdue");
    assert.equal(
      classifyDossier(dossier({ status: "resolved", resultOn: "2021-04-02", dueOn: "2021-04-05" }), from, to)
        ?.outcome,
      "processing-within-deadline",
    );
  });
  it("carries over what was received before `from` and not finished, and leaves out the rest", () => {
    assert.equal(
      classifyDossier(dossier({ receivedOn: "2020-12-20", dueOn: "2021-01-05" }), from, to)?.carriedOver,
      true,
    );
    assert.equal(
      classifyDossier(
        dossier({ receivedOn: "2020-12-20", status: "resolved", resultOn: "2020-12-30" }),
        from,
        to,
      ),
      undefined,
    );
    assert.equal(classifyDossier(dossier({ receivedOn: "2021-04-01" }), from, to), undefined);
  });
  it("counts returned and withdrawn dossiers in their own column", () => {
    assert.equal(
      classifyDossier(dossier({ status: "returned", resultOn: "2021-03-03" }), from, to)?.outcome,
      "returned-or-withdrawn",
    );
    assert.equal(
      classifyDossier(dossier({ status: "withdrawn" }), from, to)?.outcome,
      "returned-or-withdrawn",
    );
  });
  it("makes what is processing at the end of one period carried over in the next (property)", () => {
    fc.assert(
      fc.property(dossierArb, periodArb, fc.integer({ min: 1, max: 90 }), (d, p, len) => {
        const first = classifyDossier(d, p.from, p.to);
        const next = classifyDossier(d, addDays(p.to, 1), addDays(p.to, len));
        if (first?.outcome.startsWith("processing")) assert.equal(next?.carriedOver, true);
        if (next?.carriedOver)
          assert.ok(first?.outcome.startsWith("processing") || d.receivedOn < p.from || !first);
      }),
    );
  });
});

describe("statistics report", () => {
  it("satisfies both identities of DOMAIN.md and its breakdowns for any dataset (property)", () => {
    fc.assert(
      fc.property(
        fc.array(taskArb, { maxLength: 60 }),
        fc.array(dossierArb, { maxLength: 120 }),
        periodArb,
        dayOf2021,
        (tasks, dossiers, p, asOf) => {
          const r = buildStatsReport({
            year: 2021,
            asOf,
            from: p.from,
            to: p.to,
            tasks,
            dossiers,
            fields: DEFAULT_FIELDS,
          });
          assert.deepEqual(identityViolations(r), []);
          const d = r.dossiers;
          assert.equal(
            d.received.total,
            d.received.online + d.received.inPersonOrPost + d.received.carriedOver,
          );
          assert.equal(d.received.total, d.resolved.total + d.processing.total + d.returnedOrWithdrawn);
          assert.equal(r.tasks.total, tasks.length);
          assert.equal(r.tasks.done, r.tasks.doneOnTime + r.tasks.doneLate + r.tasks.doneDateUnknown);
        },
      ),
    );
  });

  it("reports rates, and null where there is nothing to divide", () => {
    const r = buildStatsReport({
      year: 2021,
      asOf: "2021-03-31",
      from: "2021-01-01",
      to: "2021-03-31",
      fields: DEFAULT_FIELDS,
      tasks: [
        task({ status: "done", completedOn: "2021-01-10", deadline: dl("2021-01-31") }),
        task({ deadline: dl("2021-06-30") }),
      ],
      dossiers: [
        dossier({ status: "resolved", resultOn: "2021-03-05", channel: "online" }),
        dossier({ status: "resolved", resultOn: "2021-03-12" }),
      ],
    });
    assert.equal(r.tasks.completionRate, 0.5);
    assert.equal(r.tasks.dueCompletionRate, 1);
    assert.equal(r.dossiers.onTimeRate, 0.5);
    assert.equal(r.dossiers.onlineRate, 0.5);
    const empty = buildStatsReport({
      year: 2021,
      asOf: "2021-03-31",
      from: "2021-01-01",
      to: "2021-03-31",
      fields: DEFAULT_FIELDS,
      tasks: [],
      dossiers: [],
    });
    assert.equal(empty.tasks.completionRate, null);
    assert.equal(empty.dossiers.onTimeRate, null);
    assert.equal(empty.tasks.byField.length, 8, "every field of the plan is listed, even with no task");
  });

  it("knows the official reporting periods", () => {
    assert.deepEqual(officialQuarter(2021, 1), { from: "2020-12-15", to: "2021-03-14" });
    assert.deepEqual(parsePeriodName("Q2/2021"), { from: "2021-03-15", to: "2021-06-14" });
    assert.deepEqual(parsePeriodName("2021"), { from: "2020-12-15", to: "2021-12-14" });
    assert.deepEqual(parsePeriodName("Q1/2021-calendar"), { from: "2021-01-01", to: "2021-03-31" });
    assert.equal(parsePeriodName("Q5/2021"), undefined);
  });
});
