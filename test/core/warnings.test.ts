import { strict as assert } from "node:assert";
import fc from "fast-check";
import type { DossierRecord, TaskRecord } from "../../core/model/records";
import { DEFAULT_FIELDS } from "../../core/reference/fields";
import { buildStatsReport } from "../../core/stats/report";
import { buildWarnings, warningsForUnit } from "../../core/stats/warnings";
import { dayOf2021, dossierArb, taskArb } from "../helpers/arbitraries";

const task = (over: Partial<TaskRecord>): TaskRecord => ({
  year: 2021,
  content: "t",
  status: "in-progress",
  statusText: "",
  leadUnit: "VP",
  ...over,
});
const dl = (due: string) => ({ text: due, due, recurring: false });
const dossier = (over: Partial<DossierRecord>): DossierRecord => ({
  receivedOn: "2021-01-04",
  dueOn: "2021-03-10",
  dueFrom: "appointment",
  status: "processing",
  unit: "VP",
  ...over,
});
const taskAt = (asOf: string, t: TaskRecord) => buildWarnings({ asOf, tasks: [t], dossiers: [] }).tasks;
const dossierAt = (asOf: string, d: DossierRecord) =>
  buildWarnings({ asOf, tasks: [], dossiers: [d] }).dossiers;

describe("deadline warnings: tasks (7 calendar days by default)", () => {
  const D = "2021-03-24";
  it("warns a task due today with 0 days left", () => {
    const [w] = taskAt(D, task({ deadline: dl(D), content: "Báo cáo quý" }));
    assert.deepEqual(
      { state: w?.state, days: w?.days, due: w?.due, content: w?.content },
      { state: "dueSoon", days: 0, due: D, content: "Báo cáo quý" },
    );
  });
  it("warns exactly N days ahead, not N+1", () => {
    assert.equal(taskAt(D, task({ deadline: dl("2021-03-31") }))[0]?.days, 7);
    assert.deepEqual(taskAt(D, task({ deadline: dl("2021-04-01") })), []);
  });
  it("reports a task past its deadline as overdue with negative days", () => {
    const [w] = taskAt(D, task({ deadline: dl("2021-03-23") }));
    assert.equal(w?.state, "overdue");
    assert.equal(w?.days, -1);
  });
  it("never warns a done task or a recurring one", () => {
    assert.deepEqual(taskAt(D, task({ status: "done", completedOn: "2021-03-01", deadline: dl(D) })), []);
    assert.deepEqual(taskAt(D, task({ status: "done", deadline: dl("2021-03-01") })), []);
    assert.deepEqual(taskAt(D, task({ deadline: { text: "Thường xuyên", recurring: true } })), []);
  });
  it("warns a task completed only after the as-of date (not yet done then)", () => {
    assert.equal(
      taskAt(D, task({ status: "done", completedOn: "2021-03-30", deadline: dl("2021-03-25") }))[0]?.days,
      1,
    );
  });
  it("uses the year's window when set", () => {
    const w = buildWarnings({
      asOf: D,
      tasks: [task({ deadline: dl("2021-04-03") })],
      dossiers: [],
      settings: { taskDays: 10, dossierWorkingDays: 2 },
    });
    assert.equal(w.taskDays, 10);
    assert.equal(w.tasks[0]?.days, 10);
  });
});

describe("deadline warnings: dossiers (2 working days by default)", () => {
  it("counts working days after the as-of date up to the due date; due today is 0", () => {
    assert.equal(dossierAt("2021-03-10", dossier({ dueOn: "2021-03-10" }))[0]?.days, 0);
    // Friday 5/3 → Tuesday 9/3: Monday and Tuesday.
    assert.equal(dossierAt("2021-03-05", dossier({ dueOn: "2021-03-09" }))[0]?.days, 2);
    assert.deepEqual(dossierAt("2021-03-05", dossier({ dueOn: "2021-03-10" })), []);
  });
  it("skips Tết 2021 (10–16/2): from 9/2, the 17th is 1 working day, the 18th 2, the 19th not warned", () => {
    assert.equal(dossierAt("2021-02-09", dossier({ dueOn: "2021-02-17" }))[0]?.days, 1);
    assert.equal(dossierAt("2021-02-09", dossier({ dueOn: "2021-02-18" }))[0]?.days, 2);
    assert.deepEqual(dossierAt("2021-02-09", dossier({ dueOn: "2021-02-19" })), []);
  });
  it("skips 30/4, the weekend of 1/5 and the day off in exchange (3/5/2021)", () => {
    assert.equal(dossierAt("2021-04-29", dossier({ dueOn: "2021-05-04" }))[0]?.days, 1);
    assert.equal(dossierAt("2021-04-29", dossier({ dueOn: "2021-05-05" }))[0]?.days, 2);
  });
  it("reports a dossier past its due date as overdue, late by working days (at least 1)", () => {
    const [w] = dossierAt("2021-03-09", dossier({ dueOn: "2021-03-05", code: "H01" }));
    assert.deepEqual([w?.state, w?.days, w?.code], ["overdue", -2, "H01"]);
    assert.equal(dossierAt("2021-03-06", dossier({ dueOn: "2021-03-05" }))[0]?.days, -1);
  });
  it("never warns a dossier resolved, returned or withdrawn by the as-of date", () => {
    for (const status of ["resolved", "returned", "withdrawn"] as const)
      assert.deepEqual(
        dossierAt("2021-03-09", dossier({ status, resultOn: "2021-03-08", dueOn: "2021-03-09" })),
        [],
      );
  });
  it("names the workbook row, or the stored record's id", () => {
    const [fromSheet] = dossierAt(
      "2021-03-10",
      dossier({ dueOn: "2021-03-10", source: { sheet: "Sổ", row: 12 }, syncId: "x" }),
    );
    assert.deepEqual([fromSheet?.sheet, fromSheet?.row, fromSheet?.id], ["Sổ", 12, undefined]);
    const [stored] = dossierAt("2021-03-10", dossier({ dueOn: "2021-03-10", syncId: "abc" }));
    assert.deepEqual([stored?.sheet, stored?.id], [undefined, "abc"]);
  });
  it("filters per unit simply: staff keep every task warning and their unit's dossiers", () => {
    const w = buildWarnings({
      asOf: "2021-03-10",
      tasks: [task({ deadline: dl("2021-03-10"), leadUnit: "TC" })],
      dossiers: [dossier({ dueOn: "2021-03-10" }), dossier({ dueOn: "2021-03-10", unit: "TC" })],
    });
    const vp = warningsForUnit(w, "VP");
    assert.equal(vp.tasks.length, 1);
    assert.deepEqual(
      vp.dossiers.map((d) => d.unit),
      ["VP"],
    );
  });
});

describe("deadline warnings in the stats report", () => {
  it("lists overdue items first and agrees with the overdue counts (property)", () => {
    fc.assert(
      fc.property(
        fc.array(taskArb, { maxLength: 40 }),
        fc.array(dossierArb, { maxLength: 80 }),
        dayOf2021,
        (tasks, dossiers, asOf) => {
          const r = buildStatsReport({
            year: 2021,
            asOf,
            from: "2019-01-01",
            to: asOf,
            tasks,
            dossiers,
            fields: DEFAULT_FIELDS,
          });
          const w = r.warnings;
          const overdue = <T extends { state: string }>(xs: T[]) => xs.filter((x) => x.state === "overdue");
          assert.equal(overdue(w.tasks).length, r.tasks.notDoneOverdue);
          assert.equal(overdue(w.dossiers).length, r.dossiers.processing.overdue);
          for (const list of [w.tasks, w.dossiers] as { state: string; days: number }[][]) {
            const states = list.map((x) => x.state);
            assert.deepEqual(states, [
              ...overdue(list).map((x) => x.state),
              ...states.filter((s) => s === "dueSoon"),
            ]);
            for (const x of list) assert.equal(x.state === "overdue", x.days < 0);
          }
          for (const x of w.tasks) assert.ok(x.days <= 7);
          for (const x of w.dossiers) assert.ok(x.days <= 2);
        },
      ),
    );
  });
});
