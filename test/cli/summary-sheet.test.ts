import { strict as assert } from "node:assert";
import ExcelJS from "exceljs";
import { writeSummarySheet } from "../../cli/xlsx/summary-sheet";
import { buildDemoWorkbook } from "../../cli/xlsx/tracking-workbook";
import { workbookToGrids } from "../../cli/xlsx/read-xlsx";
import { leadAndLag, reportParagraphVi } from "../../core/format/report-paragraph";
import { readWorkbook } from "../../core/layout/read-workbook";
import { previousQuarterClose } from "../../core/stats/periods";
import type { StatsReport, UnitTaskCounts } from "../../core/stats/report";
import { statsFromWorkbook } from "../../core/stats/workbook-stats";
import { buildSummary, fetchSummaryModel, type SummaryModel } from "../../core/sync/summary-model";
import { tempDir } from "../helpers/tmp";

const SYNCED = new Date("2021-03-31T03:00:00Z");

describe("the summary sheet: key figures, paragraph, warnings, chart tables (model and file)", () => {
  const tmp = tempDir("summary");
  after(() => tmp.remove());
  let stats: (asOf: string) => StatsReport;
  let model: SummaryModel;

  before(() => {
    const read = readWorkbook(workbookToGrids(buildDemoWorkbook()));
    stats = (asOf) => statsFromWorkbook(read, { asOf });
    model = buildSummary(stats("2021-03-31"), SYNCED, { previous: stats("2021-03-14") });
  });

  it("compares with the close of the previous official quarter (14/3, 14/6, 14/9, 14/12)", () => {
    assert.equal(previousQuarterClose("2021-03-31"), "2021-03-14");
    assert.equal(previousQuarterClose("2021-03-14"), "2020-12-14");
    assert.equal(previousQuarterClose("2021-03-15"), "2021-03-14");
    assert.equal(previousQuarterClose("2021-12-31"), "2021-12-14");
  });

  it("shows the seed's key figures with their change since 14/03/2021", () => {
    const now = stats("2021-03-31");
    const before = stats("2021-03-14");
    const f = Object.fromEntries(model.keyFigures.map((k) => [k.label, k]));
    assert.equal(f["Nhiệm vụ đã hoàn thành"]!.text, "17/38");
    assert.equal(f["Nhiệm vụ đã hoàn thành"]!.change, now.tasks.done - before.tasks.done);
    assert.ok(before.tasks.done < 17, "the demo completed tasks in the second half of March");
    assert.match(f["Nhiệm vụ đã hoàn thành"]!.changeText, /^\+\d+ so với 14\/03\/2021$/);
    assert.equal(f["Nhiệm vụ đã hoàn thành"]!.tone, "good");
    assert.equal(f["Hồ sơ đã giải quyết"]!.text, "330");
    assert.equal(f["Hồ sơ đã giải quyết"]!.change, 330 - before.dossiers.resolved.total);
    assert.match(f["Hồ sơ đã giải quyết"]!.detail, /100,0%/);
    assert.equal(f["Hồ sơ quá hạn"]!.text, "0");
    assert.equal(f["Hồ sơ quá hạn"]!.tone, "neutral");
    assert.equal(f["Nhiệm vụ quá hạn"]!.alert, false);
    const online = f["Tỷ lệ hồ sơ trực tuyến"]!;
    assert.equal(online.percent, true);
    assert.equal(online.text, "35,4%");
    assert.ok(Math.abs(online.change! - (now.dossiers.onlineRate! - before.dossiers.onlineRate!)) < 0.001);
    assert.match(online.changeText, /điểm %/);
    assert.equal(model.keyFigures.length, 6);
  });

  it("says when there is no previous quarter to compare with", () => {
    const m = buildSummary(stats("2021-02-01"), SYNCED);
    assert.ok(m.keyFigures.every((k) => k.change === null && /Chưa có số liệu quý trước/.test(k.changeText)));
  });

  it("asks the server for the previous quarter's close only within the plan year", async () => {
    const asked: string[] = [];
    const transport = {
      stats: async (q: { year: number; asOf: string }) => (asked.push(q.asOf), stats(q.asOf)),
    };
    const m = await fetchSummaryModel(transport, 2021, "2021-03-31", SYNCED);
    assert.deepEqual(asked, ["2021-03-31", "2021-03-14"]);
    assert.equal(m.keyFigures[0]!.changeText.endsWith("14/03/2021"), true);
    asked.length = 0;
    await fetchSummaryModel(transport, 2021, "2021-03-01", SYNCED);
    assert.deepEqual(asked, ["2021-03-01"]);
  });

  it("asks once, for both dates and 25 warnings of each kind, of a server that answers previous= (issue 12)", async () => {
    const asked: unknown[] = [];
    const transport = {
      stats: async (q: { year: number; asOf: string; warnings?: number; previous?: string }) => (
        asked.push(q),
        { ...stats(q.asOf), ...(q.previous && { previous: stats(q.previous) }) }
      ),
    };
    const m = await fetchSummaryModel(transport, 2021, "2021-03-31", SYNCED);
    assert.deepEqual(asked, [
      { year: 2021, asOf: "2021-03-31", warnings: 25, previous: "2021-03-14", trend: 7 },
    ]);
    assert.equal(m.keyFigures[0]!.changeText.endsWith("14/03/2021"), true);
  });

  it("keeps the seed's sentence and adds what is overdue and who leads", () => {
    assert.match(
      model.paragraph,
      /^Tính đến ngày 31\/03\/2021, đã hoàn thành 17\/38 nhiệm vụ theo kế hoạch; đã giải quyết trước hạn 330 hồ sơ, không có hồ sơ quá hạn; còn 9 hồ sơ đang giải quyết \(chưa tới hạn\)\. Không có nhiệm vụ nào quá hạn\./,
    );
    assert.match(model.paragraph, /Đơn vị dẫn đầu: Văn phòng Sở \(16\/32, 50,0%\)/);
    const unit = (name: string, done: number, total: number, overdue: number): UnitTaskCounts =>
      ({
        unit: name,
        name,
        total,
        done,
        notDoneOverdue: overdue,
        completionRate: done / total,
        dueByAsOf: total,
        doneOfDue: done,
        dueCompletionRate: done / total,
      }) as UnitTaskCounts;
    const ranked = leadAndLag([unit("A", 3, 4, 0), unit("B", 1, 4, 2), unit("C", 0, 1, 0)]);
    assert.deepEqual([ranked.lead?.name, ranked.lag?.name], ["A", "B"]);
    // A unit with overdue tasks never leads, however much it has done.
    const busy = leadAndLag([unit("A", 16, 32, 6), unit("B", 1, 2, 0), unit("C", 0, 1, 1)]);
    assert.deepEqual([busy.lead?.name, busy.lag?.name], ["B", "A"]);
    const late = stats("2021-12-31");
    assert.match(reportParagraphVi(late), /Có \d+ nhiệm vụ quá hạn chưa hoàn thành \(/);
    assert.match(reportParagraphVi(late), /Cần đôn đốc: /);
  });

  it("lists the warnings with the row of each record", () => {
    const w = model.tables.find((t) => t.id === "warnings")!;
    assert.match(w.title, /0 quá hạn, 4 sắp đến hạn/);
    assert.deepEqual(
      w.rows.map((r) => [r[2], r[3], r[4]]),
      [
        ["Sắp đến hạn", "31/03/2021", "hôm nay"],
        ["Sắp đến hạn", "01/04/2021", "còn 1 ngày làm việc"],
        ["Sắp đến hạn", "02/04/2021", "còn 2 ngày làm việc"],
        ["Sắp đến hạn", "02/04/2021", "còn 2 ngày làm việc"],
      ],
    );
    assert.ok(w.rows.every((r) => /^Sổ theo dõi hồ sơ, dòng \d+$/.test(String(r[6]))));
    // From the server, records come by id: the locator finds their rows in this workbook.
    const stored = { ...stats("2021-03-31") };
    stored.warnings = {
      ...stored.warnings,
      dossiers: stored.warnings.dossiers.map(({ sheet: _s, row: _r, ...d }) => ({ ...d, id: "rec-1" })),
    };
    const located = buildSummary(stored, SYNCED, {
      locate: (id) => (id === "rec-1" ? { sheet: "S", row: 9 } : undefined),
    });
    assert.equal(located.tables.find((t) => t.id === "warnings")!.rows[0]![6], "S, dòng 9");
  });

  it("has three charts whose ranges are their source tables on the sheet, beside them", () => {
    assert.deepEqual(
      model.charts.map((c) => [c.name, c.type, c.series.length]),
      [
        ["cchc_chart_tasks_by_field", "BarStacked", 5],
        ["cchc_chart_dossiers_by_sector", "BarStacked", 4],
        ["cchc_chart_dossiers_by_month", "Line", 2],
      ],
    );
    const byField = model.tables.find((t) => t.id === "chart-tasks-by-field")!;
    assert.equal(model.charts[0]!.range, `A${byField.top + 1}:F${byField.top + 1 + byField.rows.length}`);
    assert.deepEqual(model.charts[0]!.series, [
      "Đúng hạn",
      "HT, không rõ ngày",
      "Trễ hạn",
      "Chưa HT, trong hạn",
      "Chưa HT, quá hạn",
    ]);
    const month = model.tables.find((t) => t.id === "chart-dossiers-by-month")!;
    assert.deepEqual(
      month.rows.map((r) => r[0]),
      ["Tháng 1", "Tháng 2", "Tháng 3"],
    );
    const received = month.rows.reduce((s, r) => s + (r[1] as number), 0);
    assert.equal(received, stats("2021-03-31").dossiers.received.total, "all the demo's dossiers came in Q1");
    // Tasks by field: on time + date unknown + late + within deadline + overdue = the field's tasks.
    for (const r of byField.rows) {
      const f = stats("2021-03-31").tasks.byField.find((x) => r[0] === `${x.field}. ${x.name}`)!;
      assert.equal(
        r.slice(1).reduce<number>((s, x) => s + (x as number), 0),
        f.total,
      );
    }
    for (const c of model.charts) assert.match(c.from, /^G\d+$/);
  });

  it("is written by the file adapter where the model places it (read back with exceljs)", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Other");
    writeSummarySheet(wb, model);
    const file = tmp.file("summary.xlsx");
    await wb.xlsx.writeFile(file);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(file);
    const ws = back.getWorksheet("Tổng hợp")!;
    assert.equal(back.worksheets[0]!.name, "Tổng hợp", "the summary is the first sheet");
    assert.match(String(ws.getCell(3, 1).value), /add-in/);
    for (const f of model.keyFigures) {
      assert.equal(ws.getCell(f.row, f.col).value, f.label);
      assert.equal(ws.getCell(f.row + 1, f.col).value, f.text);
      assert.equal(ws.getCell(f.row + 3, f.col).value, f.changeText);
    }
    assert.equal((ws.getCell(model.keyFigures[0]!.row + 1, 1).font as ExcelJS.Font).size, 24);
    assert.equal(ws.getCell(model.paragraphRow, 1).value, model.paragraph);
    for (const t of model.tables) {
      assert.equal(ws.getCell(t.top, 1).value, t.title);
      const last = t.rows[t.rows.length - 1]!;
      assert.equal(ws.getCell(t.top + t.header.length + t.rows.length, 1).value, last[0]);
    }
    for (const c of model.charts) {
      assert.equal(ws.getCell(c.from).value, c.placeholder);
      const [start, end] = c.range.split(":") as [string, string];
      const table = model.tables.find((t) => t.id === c.table)!;
      assert.equal(ws.getCell(start).value, table.header[0]![0]);
      assert.equal(ws.getCell(`A${end.slice(1)}`).value, table.rows[table.rows.length - 1]![0]);
    }
    const warnings = model.tables.find((t) => t.id === "warnings")!;
    // The unit column spans four cells (merged): the "Vị trí" column starts after them.
    assert.equal(ws.getCell(warnings.top + 1, 11).value, "Vị trí");
  });
});
