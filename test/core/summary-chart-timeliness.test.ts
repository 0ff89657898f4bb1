import { strict as assert } from "node:assert";
import type { TaskRecord } from "../../core/model/records";
import { DEFAULT_FIELDS } from "../../core/reference/fields";
import { buildStatsReport } from "../../core/stats/report";
import { buildSummary } from "../../core/sync/summary-model";

/**
 * DOMAIN.md: "A task marked done without a completion date counts as done, with its timeliness
 * unknown: done = on time + late + date unknown." Chart 1 of the summary must not show such a task
 * as done on time: its "Đúng hạn" bar would say 3 where table I beside it says 1 (and 2 "Không rõ
 * ngày"), and the key figure "Hoàn thành đúng hạn" 1.
 */
describe("chart 1 of the summary keeps tasks done without a completion date apart from 'on time'", () => {
  const task = (over: Partial<TaskRecord>): TaskRecord => ({
    year: 2021,
    content: "t",
    field: 1,
    status: "done",
    statusText: "Đã hoàn thành",
    deadline: { text: "Quý I", due: "2021-03-31", recurring: false },
    ...over,
  });
  const report = buildStatsReport({
    year: 2021,
    asOf: "2021-03-31",
    from: "2021-01-01",
    to: "2021-03-31",
    tasks: [
      task({ content: "on time", completedOn: "2021-03-01" }),
      task({ content: "no date" }),
      task({ content: "recurring, no date", deadline: { text: "Thường xuyên", recurring: true } }),
      task({ content: "not done", status: "in-progress", statusText: "Đang thực hiện" }),
    ],
    dossiers: [],
    fields: DEFAULT_FIELDS,
  });
  const model = buildSummary(report, new Date("2021-03-31T03:00:00Z"));
  const chart = model.tables.find((t) => t.id === "chart-tasks-by-field")!;
  const tableI = model.tables.find((t) => t.id === "tasks-by-field")!;

  it("the 'Đúng hạn' bar of a field equals table I's 'Đúng hạn', and 'Không rõ ngày' is a bar of its own", () => {
    const header = chart.header[0]!;
    const row = chart.rows.find((r) => String(r[0]).startsWith("1. "))!;
    const cell = (name: string) => row[header.indexOf(name)];
    const tableRow = tableI.rows.find((r) => String(r[0]).startsWith("1. "))!;
    assert.equal(cell("Đúng hạn"), tableRow[3], "on time as table I counts it");
    assert.equal(cell("Đúng hạn"), 1);
    assert.ok(header.includes("HT, không rõ ngày"), `a series for date unknown: ${header.join(" | ")}`);
    assert.equal(cell("HT, không rõ ngày"), 2);
    // The bars still add up to the field's tasks.
    const sum = row.slice(1).reduce<number>((s, x) => s + (x as number), 0);
    assert.equal(sum, 4);
    const c = model.charts.find((x) => x.table === "chart-tasks-by-field")!;
    assert.deepEqual(c.series, header.slice(1));
    const onTime = model.keyFigures.find((k) => k.label === "Hoàn thành đúng hạn")!;
    assert.equal(onTime.value, 1);
    // 1 of 3 done: the other 2 are accounted for beside it.
    assert.equal(onTime.detail, "1/3 nhiệm vụ đã hoàn thành; trễ hạn 0; không rõ ngày 2");
  });
});
