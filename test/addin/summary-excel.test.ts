/**
 * The summary sheet drawn by the Excel adapter (on the fake Excel API) is the file adapter's
 * sheet cell for cell, plus native charts beside their tables; a refresh replaces the charts.
 */
import { strict as assert } from "node:assert";
import ExcelJS from "exceljs";
import { ExcelPort, ExcelPortError } from "../../addin/excel";
import { CONFLICT_SHEET, STATE_SHEET } from "../../core/sync";
import { edit } from "../contract/workbook-port.contract";
import { Batch } from "../../addin/excel/batch";
import { writeSummary } from "../../addin/excel/summary-sheet";
import { POINTS_PER_CHAR } from "../../addin/excel/system-sheets";
import { workbookToGrids } from "../../cli/xlsx/read-xlsx";
import { writeSummarySheet } from "../../cli/xlsx/summary-sheet";
import { buildDemoWorkbook } from "../../cli/xlsx/tracking-workbook";
import { readWorkbook } from "../../core/layout/read-workbook";
import { statsFromWorkbook } from "../../core/stats/workbook-stats";
import { SyncEngine } from "../../core/sync/engine";
import { buildSummary, type SummaryModel } from "../../core/sync/summary-model";
import { HttpTransport } from "../../core/sync/transport";
import { startTestServer, type TestServer } from "../helpers/server";
import { chartsOf } from "./fake-excel/charts";
import { fakeFromExceljs } from "./fake-excel/exceljs-bridge";
import { FakeExcel } from "./fake-excel/fake-excel";
import { type Box, FakeWorkbook } from "./fake-excel/model";

const SYNCED = new Date("2021-03-31T03:00:00Z");

function demoModel(): SummaryModel {
  const read = readWorkbook(workbookToGrids(buildDemoWorkbook()));
  return buildSummary(statsFromWorkbook(read, { asOf: "2021-03-31" }), SYNCED, {
    previous: statsFromWorkbook(read, { asOf: "2021-03-14" }),
  });
}

/** The file adapter's drawing, saved and read back as a file. */
async function fileDrawing(model: SummaryModel): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Kế hoạch");
  writeSummarySheet(wb, model);
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(await wb.xlsx.writeBuffer());
  return back;
}

/** The Excel adapter's drawing on a fake workbook (a second call is a refresh). */
async function excelDrawing(excel: FakeExcel, model: SummaryModel): Promise<void> {
  await excel.run(async (ctx) => {
    const batch = new Batch(ctx);
    const exists = excel.workbook.sheet(model.sheetName) !== undefined;
    await writeSummary(batch, model, exists);
    await batch.sync();
  });
}

const cellBox = (a1: string): Box => {
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  const c = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { top: Number(m[2]) - 1, left: c, bottom: Number(m[2]) - 1, right: c };
};
const chartBox = (from: string, to: string): Box => {
  const a = cellBox(from);
  const b = cellBox(to);
  return { top: a.top, left: a.left, bottom: b.bottom, right: b.right };
};
const inside = (r: number, c: number, b: Box) => r >= b.top && r <= b.bottom && c >= b.left && c <= b.right;
const key = (b: Box) => `${b.top}:${b.left}-${b.bottom}:${b.right}`;

describe("the summary sheet drawn in Excel (Excel adapter on the fake)", () => {
  const model = demoModel();
  const boxes = model.charts.map((c) => chartBox(c.from, c.to));
  const inChartBox = (r: number, c: number) => boxes.some((b) => inside(r, c, b));

  it("writes the file adapter's cells, merges, number formats and widths for the seed demo's model", async () => {
    const file = fakeFromExceljs(await fileDrawing(model)).get(model.sheetName);
    const excel = new FakeExcel(FakeWorkbook.from([{ name: "Kế hoạch", rows: [["x"]] }]));
    await excelDrawing(excel, model);
    const ws = excel.workbook.get(model.sheetName);
    assert.equal(excel.workbook.sheets[0], ws, "the summary is the first sheet");
    const rows = Math.max(file.rows.length, ws.rows.length);
    const differences: string[] = [];
    let compared = 0;
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < model.width + 2; c++) {
        // The file writes a placeholder where Excel draws the chart.
        if (inChartBox(r, c)) continue;
        const want = file.cell(r, c);
        const got = ws.cell(r, c);
        const wv = want?.v ?? "";
        const gv = got?.v ?? "";
        if (wv !== gv)
          differences.push(`R${r + 1}C${c + 1}: file ${JSON.stringify(wv)}, Excel ${JSON.stringify(gv)}`);
        if (got?.f !== undefined) differences.push(`R${r + 1}C${c + 1}: Excel made a formula ${got.f}`);
        if (typeof wv === "number" && (want?.nf ?? "General") !== (got?.nf ?? "General"))
          differences.push(`R${r + 1}C${c + 1}: file format ${want?.nf}, Excel ${got?.nf}`);
        if (typeof gv === "string" && gv !== "" && got?.nf !== "@")
          differences.push(`R${r + 1}C${c + 1}: text not formatted as Text`);
        if (wv !== "") compared++;
      }
    assert.deepEqual(differences.slice(0, 20), []);
    assert.ok(compared > 300, `${compared} cells compared`);
    const fileMerges = file.merges.filter((m) => !boxes.some((b) => key(b) === key(m))).map(key);
    assert.deepEqual(ws.merges.map(key).sort(), fileMerges.sort());
    const widths = model.columnWidths.map((w, c) => {
      const col = String.fromCharCode(65 + c);
      return ws.formatLog.includes(`${col}1 columnWidth=${w * POINTS_PER_CHAR}`);
    });
    assert.ok(widths.every(Boolean), "every column gets the model's width");
  });

  it("prints as the file does: landscape, the sheet's width on a page, the same page breaks", async () => {
    const excel = new FakeExcel(FakeWorkbook.from([{ name: "Kế hoạch", rows: [["x"]] }]));
    await excelDrawing(excel, model);
    const log = excel.workbook.get(model.sheetName).formatLog;
    assert.deepEqual(
      log.filter((l) => l.startsWith("pageBreakBefore=")),
      model.pageBreaksBefore.map((r) => `pageBreakBefore=A${r}`),
    );
    assert.ok(log.includes('pageLayout.orientation="Landscape"'));
    assert.ok(log.includes('pageLayout.zoom={"scale":48}'));
    assert.ok(log.includes("showGridlines=false"));
  });

  it("writes names as text, never as formulas", async () => {
    const evil = { ...model, tables: model.tables.map((t) => ({ ...t, rows: t.rows.map((r) => [...r]) })) };
    const table = evil.tables.find((t) => t.id === "tasks-by-unit")!;
    table.rows[0]![0] = '=HYPERLINK("http://x","bấm")';
    evil.title = "+1+2";
    const excel = new FakeExcel(FakeWorkbook.from([{ name: "Kế hoạch", rows: [["x"]] }]));
    await excelDrawing(excel, evil);
    const ws = excel.workbook.get(model.sheetName);
    assert.equal(ws.value(table.top + table.header.length, 0), '=HYPERLINK("http://x","bấm")');
    assert.equal(ws.value(0, 0), "+1+2");
    assert.ok(
      ws.rows.every((row) => row.every((c) => c?.f === undefined)),
      "no formula anywhere",
    );
  });

  it("draws one native chart per model chart from its table, beside it, named and titled", async () => {
    const excel = new FakeExcel(FakeWorkbook.from([{ name: "Kế hoạch", rows: [["x"]] }]));
    await excelDrawing(excel, model);
    const charts = chartsOf(excel.workbook.get(model.sheetName));
    assert.equal(model.charts.length, 3);
    assert.deepEqual(
      charts.map((c) => [c.name, c.type, c.source, c.seriesBy, c.title, c.from, c.to]),
      model.charts.map((m) => [m.name, m.type, `'Tổng hợp'!${m.range}`, "Columns", m.title, m.from, m.to]),
    );
    const types = Object.fromEntries(charts.map((c) => [c.name, c.type]));
    assert.deepEqual(types, {
      cchc_chart_tasks_by_field: "BarStacked",
      cchc_chart_dossiers_by_sector: "BarStacked",
      cchc_chart_dossiers_by_month: "Line",
    });
    assert.deepEqual(
      charts.map((c) => c.reversed),
      [true, true, false],
      "bars read top-down, in their table's order",
    );
    const ws = excel.workbook.get(model.sheetName);
    for (const m of model.charts) {
      const t = model.tables.find((x) => x.id === m.table)!;
      // The source is the table's header and rows: categories in A, one series per header cell.
      assert.equal(
        m.range,
        `A${t.top + 1}:${String.fromCharCode(64 + t.header[0]!.length)}${t.top + 1 + t.rows.length}`,
      );
      assert.deepEqual(ws.grid()[t.top]!.slice(1, t.header[0]!.length), m.series);
      assert.equal(ws.value(t.top + 1, 0), t.rows[0]![0]);
      // Beside the table: right of its last column, from its title row.
      assert.ok(cellBox(m.from).left >= t.header[0]!.length && cellBox(m.from).top === t.top - 1);
    }
  });

  it("a second refresh replaces the charts (same names, same number), never adds to them", async () => {
    const excel = new FakeExcel(FakeWorkbook.from([{ name: "Kế hoạch", rows: [["x"]] }]));
    await excelDrawing(excel, model);
    await excelDrawing(excel, model);
    await excelDrawing(excel, model);
    const charts = chartsOf(excel.workbook.get(model.sheetName));
    assert.equal(charts.length, model.charts.length);
    assert.deepEqual(
      charts.map((c) => c.name),
      model.charts.map((c) => c.name),
    );
    assert.equal(excel.workbook.sheets.filter((s) => s.name === model.sheetName).length, 1);
    // Through the API too: the charts collection and getItemOrNullObject by name.
    await excel.run(async (ctx) => {
      const list = ctx.workbook.worksheets.getItem(model.sheetName).charts.load("items/name");
      const one = ctx.workbook.worksheets
        .getItem(model.sheetName)
        .charts.getItemOrNullObject("cchc_chart_tasks_by_field");
      const none = ctx.workbook.worksheets.getItem(model.sheetName).charts.getItemOrNullObject("Chart 1");
      await ctx.sync();
      assert.deepEqual(
        list.items.map((c) => c.name),
        model.charts.map((c) => c.name),
      );
      assert.equal(one.isNullObject, false);
      assert.equal(none.isNullObject, true);
      one.delete();
    });
    assert.deepEqual(
      chartsOf(excel.workbook.get(model.sheetName)).map((c) => c.name),
      ["cchc_chart_dossiers_by_sector", "cchc_chart_dossiers_by_month"],
      "the fake deletes a chart by name",
    );
  });

  it("an empty chart table (no dossiers yet) gets no chart and no inside border on its one header row", async () => {
    const empty = {
      ...model,
      tables: model.tables.map((t) => (t.id === "chart-dossiers-by-sector" ? { ...t, rows: [] } : t)),
      charts: model.charts.filter((c) => c.table !== "chart-dossiers-by-sector"),
    };
    const excel = new FakeExcel(FakeWorkbook.from([{ name: "Kế hoạch", rows: [["x"]] }]));
    await excelDrawing(excel, empty);
    const t = empty.tables.find((x) => x.id === "chart-dossiers-by-sector")!;
    const header = `A${t.top + 1}:E${t.top + 1}`;
    const log = excel.workbook
      .get(model.sheetName)
      .formatLog.filter((l) => l.startsWith(`${header} border.`));
    assert.ok(log.some((l) => l.includes("EdgeBottom")));
    assert.ok(!log.some((l) => l.includes("InsideHorizontal")), log.join("\n"));
    assert.equal(chartsOf(excel.workbook.get(model.sheetName)).length, 2);
  });

  it("a smaller model leaves no stale cell of a bigger one", async () => {
    const excel = new FakeExcel(FakeWorkbook.from([{ name: "Kế hoạch", rows: [["x"]] }]));
    await excelDrawing(excel, model);
    const small = { ...model, tables: model.tables.slice(0, 1), charts: [] };
    await excelDrawing(excel, small);
    const ws = excel.workbook.get(model.sheetName);
    const last = small.tables[0]!;
    assert.ok(ws.grid().length <= last.top + last.header.length + last.rows.length + 1);
    assert.equal(chartsOf(ws).length, 0);
  });
});

/**
 * Review → Protect Workbook (structure): Excel refuses to add, delete, move, hide or rename sheets,
 * not to change cells, formats or charts (support.microsoft.com, "Protect a workbook"). The summary
 * used to be refused there (it was deleted and added again); an existing one is now drawn in place.
 */
describe("a leader's summary refresh in a workbook whose structure is protected", () => {
  const model = demoModel();
  const plan = { name: "Kế hoạch", rows: [["x"]] };

  async function refreshed(protect: boolean, first: SummaryModel, second: SummaryModel) {
    const excel = new FakeExcel(FakeWorkbook.from([plan]));
    const port = new ExcelPort({ run: excel.run, isSetSupported: excel.isSetSupported });
    await port.read();
    await port.write(edit({ summary: first, stateCells: ["v1"], conflicts: [["Trang"], ["Kế hoạch"]] }));
    excel.workbook.protected = protect;
    await port.read();
    await port.write(edit({ summary: second, stateCells: ["v2"] }));
    return excel.workbook;
  }

  it("redraws the existing summary in place: the same cells, merges and charts as a fresh drawing, nothing stale", async () => {
    const small = { ...model, tables: model.tables.slice(0, 1), charts: model.charts.slice(0, 1) };
    const wb = await refreshed(true, model, small);
    const fresh = new FakeExcel(FakeWorkbook.from([plan]));
    await excelDrawing(fresh, small);
    const ws = wb.get(model.sheetName);
    const want = fresh.workbook.get(model.sheetName);
    assert.deepEqual(ws.grid(), want.grid());
    const byPlace = (a: Box, b: Box) => a.top - b.top || a.left - b.left;
    assert.deepEqual([...ws.merges].sort(byPlace), [...want.merges].sort(byPlace));
    assert.deepEqual(
      chartsOf(ws).map((c) => [c.name, c.source]),
      chartsOf(want).map((c) => [c.name, c.source]),
    );
    assert.deepEqual(
      wb.sheets.map((x) => x.name),
      [model.sheetName, "Kế hoạch", CONFLICT_SHEET, STATE_SHEET],
      "no sheet added, deleted or moved; the conflicts sheet is emptied, not deleted",
    );
    assert.deepEqual(wb.get(CONFLICT_SHEET).grid(), []);
    assert.equal(wb.get(STATE_SHEET).value(0, 0), "v2");
  });

  it("a workbook without its summary sheet yet is refused before anything is written: the sheet must be added", async () => {
    const excel = new FakeExcel(FakeWorkbook.from([plan, { name: STATE_SHEET, rows: [["v1"]] }]));
    excel.workbook.protected = true;
    const port = new ExcelPort({ run: excel.run, isSetSupported: excel.isSetSupported });
    await port.read();
    await assert.rejects(port.write(edit({ summary: model, stateCells: ["v2"] })), (e: unknown) => {
      assert.ok(e instanceof ExcelPortError);
      assert.match(e.userMessage.en, /the sheet "Tổng hợp" cannot be added; unprotect it/);
      assert.match(e.userMessage.vi, /không thêm được trang "Tổng hợp"/);
      return true;
    });
    assert.equal(excel.workbook.get(STATE_SHEET).value(0, 0), "v1");
  });
});

describe("a leader's summary-only refresh from Excel draws the charts", function () {
  this.timeout(120_000);
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
  });
  after(async () => {
    await s?.stop();
  });

  it("draws the summary's charts, and replaces them at the next refresh", async () => {
    const coordinator = (await s.services.members.issue({ name: "Điều phối", role: "coordinator" })).token;
    const leader = (await s.services.members.issue({ name: "Lãnh đạo", role: "leader" })).token;
    const staffCopy = new FakeExcel(fakeFromExceljs(buildDemoWorkbook()));
    const staffPort = new ExcelPort({ run: staffCopy.run, isSetSupported: staffCopy.isSetSupported });
    const pushed = await new SyncEngine(staffPort, new HttpTransport(s.url, coordinator), {
      asOf: "2021-03-31",
    }).run();
    assert.equal(pushed.pushed, 377);
    assert.equal(chartsOf(staffCopy.workbook.get("Tổng hợp")).length, 3, "a full sync draws them too");
    const leaderCopy = new FakeExcel(fakeFromExceljs(buildDemoWorkbook()));
    const port = new ExcelPort({ run: leaderCopy.run, isSetSupported: leaderCopy.isSetSupported });
    const refresh = () =>
      new SyncEngine(port, new HttpTransport(s.url, leader), {
        asOf: "2021-03-31",
        summaryOnly: true,
        year: 2021,
      }).run();
    const r = await refresh();
    assert.equal(r.summary, true);
    const charts = () => chartsOf(leaderCopy.workbook.get("Tổng hợp"));
    assert.deepEqual(
      charts().map((c) => c.type),
      ["BarStacked", "BarStacked", "Line"],
    );
    await refresh();
    assert.equal(charts().length, 3);
    // The leader then protects the workbook's structure: the next refresh redraws in place.
    leaderCopy.workbook.protected = true;
    const names = leaderCopy.workbook.sheets.map((x) => x.name);
    const again = await refresh();
    assert.equal(again.summary, true);
    assert.equal(charts().length, 3);
    assert.deepEqual(
      leaderCopy.workbook.sheets.map((x) => x.name),
      names,
    );
    assert.match(JSON.stringify(leaderCopy.workbook.get("Tổng hợp").grid()), /đã hoàn thành 17\/38 nhiệm vụ/);
  });
});
