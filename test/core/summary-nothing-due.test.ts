import { strict as assert } from "node:assert";
import { formatStatsText } from "../../cli/format/stats-text";
import { renderTable } from "../../cli/format/table";
import { DEFAULT_FIELDS } from "../../core/reference/fields";
import { buildStatsReport } from "../../core/stats/report";
import { keyFigures } from "../../core/sync/summary-parts";
import type { TaskRecord } from "../../core/model/records";

/**
 * A quarter with nothing due yet (T6): three tasks due at the year's end, one done. A leader reads
 * "đã đến hạn: 0/0" under the first key figure and "0/0 (—)" in cchc stats, a ratio of nothing;
 * the sheet should say that no task is due yet.
 */
describe("a period with no task due yet says so, not 0/0", () => {
  const task = (id: string, status: TaskRecord["status"], completedOn?: string): TaskRecord =>
    ({
      id,
      year: 2024,
      field: 1,
      content: `Nhiệm vụ ${id}`,
      leadUnit: "VP",
      coordinatingUnits: [],
      deadline: { text: "Năm 2024", due: "2024-12-31", recurring: false, readAs: "year-of-plan" },
      status,
      ...(completedOn && { completedOn }),
    }) as unknown as TaskRecord;
  const r = buildStatsReport({
    year: 2024,
    asOf: "2024-03-31",
    from: "2024-01-01",
    to: "2024-03-31",
    tasks: [task("a", "done", "2024-02-01"), task("b", "in-progress"), task("c", "not-started")],
    dossiers: [],
    fields: DEFAULT_FIELDS,
  });

  it("the first key figure says no task is due yet", () => {
    assert.equal(r.tasks.dueByAsOf, 0);
    const first = keyFigures(r)[0]!;
    assert.equal(first.text, "1/3");
    assert.doesNotMatch(first.detail, /0\/0/);
    assert.match(first.detail, /chưa có nhiệm vụ nào đến hạn/);
  });

  it("no dossier received yet: the online rate's detail says so, not 0/0", () => {
    const online = keyFigures(r)[5]!;
    assert.equal(online.text, "—");
    assert.equal(online.detail, "Chưa tiếp nhận hồ sơ mới");
  });

  it("cchc stats says it in Vietnamese and English", () => {
    assert.match(formatStatsText(r, "vi"), /Chưa có nhiệm vụ nào đến hạn\./);
    assert.doesNotMatch(formatStatsText(r, "vi"), /đã đến hạn: 0\/0/);
    assert.match(formatStatsText(r, "en"), /No task is due yet\./);
  });

  it("a rate of nothing ('—') is right-aligned with the figures of its column", () => {
    const lines = renderTable(
      ["", "Tỷ lệ HT"],
      [
        ["Tổng cộng", "—"],
        ["A", "50,0%"],
      ],
    ).split("\n");
    assert.equal(lines[2]!.length, lines[3]!.length);
    assert.ok(lines[2]!.endsWith("—"), JSON.stringify(lines[2]));
  });
});
