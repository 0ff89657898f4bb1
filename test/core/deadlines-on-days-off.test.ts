import { strict as assert } from "node:assert";
import type { DossierRecord, TaskRecord } from "../../core/model/records";
import { DEFAULT_FIELDS } from "../../core/reference/fields";
import { buildStatsReport } from "../../core/stats/report";

const report = (asOf: string, tasks: TaskRecord[], dossiers: DossierRecord[]) =>
  buildStatsReport({
    year: 2027,
    asOf,
    from: "2027-01-01",
    to: asOf,
    tasks,
    dossiers,
    fields: DEFAULT_FIELDS,
  });

/** DOMAIN.md "Working days" (Civil Code Art. 148) for dossiers; "Tasks" for the plan's deadlines. */
describe("deadlines that fall on a day off, over the years", () => {
  it("a dossier due on a Saturday of a year the calendar does not hold (2028) is met on the Monday, as in the years it holds", () => {
    // t8-findings 7: the weekend moved the due date in 2020–2027 only; in 2028 the same result was "quá hạn".
    const dossier = (dueOn: string, resultOn: string): DossierRecord => ({
      receivedOn: "2027-12-27",
      dueOn,
      dueFrom: "appointment",
      status: "resolved",
      resultOn,
    });
    const r = report(
      "2028-01-31",
      [],
      [
        dossier("2028-01-08", "2028-01-10"), // Saturday → Monday 10/1/2028: on time
        dossier("2028-01-09", "2028-01-10"), // Sunday → Monday: on time
        dossier("2027-12-25", "2027-12-27"), // Saturday in the table → Monday: on time
        dossier("2028-01-08", "2028-01-11"), // Tuesday: late
      ],
    );
    assert.deepEqual(r.dossiers.resolved, { total: 4, ahead: 0, onTime: 3, overdue: 1 });
  });

  it("a task's deadline on a day off is compared as written (our choice, README): done the next working day is late", () => {
    // "Năm 2022" is Saturday 31/12/2022; DOMAIN's task rule is "completed on or before the due date",
    // with no working-day shift: plan deadlines are dates a plan sets, not periods counted in days.
    const task: TaskRecord = {
      year: 2022,
      content: "Tự đánh giá chỉ số CCHC",
      status: "done",
      statusText: "Đã hoàn thành",
      deadline: { text: "Năm 2022", due: "2022-12-31", recurring: false },
      completedOn: "2023-01-03",
    };
    const r = report("2023-01-31", [task], []);
    assert.equal(r.tasks.doneLate, 1);
    const open = report("2023-01-02", [{ ...task, status: "in-progress", statusText: "Đang thực hiện" }], []);
    assert.equal(open.tasks.notDoneOverdue, 1, "overdue on Monday 2/1/2023 (1/1 and its day off in lieu)");
    assert.equal(open.warnings.tasks[0]?.days, -2, "calendar days late");
  });
});
