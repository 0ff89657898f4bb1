/**
 * "17/38 tasks completed, 3 more than a week ago": GET /api/stats?trend=7 compares with the daily
 * snapshot of a week before, and the summary sheet shows it as one line under its title, drawn
 * alike by the file adapter and the Excel adapter (on the fake Excel).
 */
import { strict as assert } from "node:assert";
import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import { Batch } from "../../addin/excel/batch";
import { writeSummary } from "../../addin/excel/summary-sheet";
import { writeSummarySheet } from "../../cli/xlsx/summary-sheet";
import { fetchSummaryModel, type SummaryModel } from "../../core/sync/summary-model";
import { HttpTransport } from "../../core/sync/transport";
import { takeSnapshots } from "../../functions/src/snapshots/take-snapshots";
import { call, startTestServer, type TestServer } from "../helpers/server";
import { fakeFromExceljs } from "../addin/fake-excel/exceljs-bridge";
import { FakeExcel } from "../addin/fake-excel/fake-excel";
import { FakeWorkbook } from "../addin/fake-excel/model";

const task = (id: string, unit: string, status: string, completedOn?: string) => ({
  kind: "task",
  id,
  unit,
  baseVersion: null,
  data: {
    content: `Nhiệm vụ ${id}`,
    status,
    leadUnit: unit,
    deadline: { text: "30/06/2021", due: "2021-06-30", recurring: false },
    ...(completedOn && { completedOn }),
  },
});
const dossier = (id: string, unit: string, receivedOn: string, resultOn?: string) => ({
  kind: "dossier",
  id,
  unit,
  baseVersion: null,
  data: {
    code: id,
    unit,
    receivedOn,
    dueOn: "2021-04-30",
    status: resultOn ? "resolved" : "processing",
    ...(resultOn && { resultOn }),
  },
});

type Trend = { since: string; tasksDone: number; resolved: number };

describe("the change since the snapshot a week before (GET /api/stats?trend=, the summary's line)", function () {
  this.timeout(60_000);
  let s: TestServer;
  let leader: string;
  let vp: string;
  let ncc: string;

  before(async () => {
    s = await startTestServer();
    leader = (await s.services.members.issue({ name: "Lãnh đạo", role: "leader" })).token;
    vp = (await s.services.members.issue({ name: "Staff VP", role: "staff", unit: "VP" })).token;
    ncc = (await s.services.members.issue({ name: "Staff NCC", role: "staff", unit: "NCC" })).token;
    const push = async (token: string, records: unknown[]) => {
      const r = await call(s.url, "POST", "/api/sync", token, {
        year: 2021,
        operationId: randomUUID(),
        cursor: {},
        push: records,
      });
      assert.equal(r.status, 200);
      for (const x of r.json.results as { status: string }[]) assert.equal(x.status, "applied");
    };
    await push(vp, [
      task("t1", "VP", "done", "2021-03-10"),
      task("t2", "VP", "done", "2021-03-29"),
      task("t3", "VP", "done", "2021-03-30"),
      dossier("H-1", "VP", "2021-03-01", "2021-03-15"),
      dossier("H-4", "VP", "2021-03-05", "2021-03-28"),
    ]);
    await push(ncc, [task("t4", "NCC", "in-progress"), dossier("H-3", "NCC", "2021-03-20", "2021-03-26")]);
    // The timer's run of 24/03/2021 (17:00 in Vietnam).
    await takeSnapshots(s.services, new Date("2021-03-24T10:00:00Z"));
  });
  after(() => s?.stop());

  const trendOf = async (query: string, token = leader) => {
    const r = await call(s.url, "GET", `/api/stats?year=2021${query}`, token);
    assert.equal(r.status, 200, JSON.stringify(r.json));
    return r.json.trend as Trend | undefined;
  };

  it("gives tasks completed and dossiers resolved since the snapshot of 7 days before the cut-off", async () => {
    assert.deepEqual(await trendOf("&asOf=2021-03-31&trend=7"), {
      since: "2021-03-24",
      tasksDone: 2,
      resolved: 2,
    });
    // That day missing, the latest snapshot of the week before it (here the 24th, for the 2nd of April).
    assert.deepEqual(await trendOf("&asOf=2021-04-02&trend=7"), {
      since: "2021-03-24",
      tasksDone: 2,
      resolved: 2,
    });
  });

  it("compares in the caller's scope: a staff member's own unit's dossiers, unit= that unit's tasks and dossiers", async () => {
    assert.deepEqual(await trendOf("&asOf=2021-03-31&trend=7", vp), {
      since: "2021-03-24",
      tasksDone: 2,
      resolved: 1,
    });
    assert.deepEqual(await trendOf("&asOf=2021-03-31&trend=7&unit=NCC"), {
      since: "2021-03-24",
      tasksDone: 0,
      resolved: 1,
    });
  });

  it("is absent without a snapshot in the week before, for another period, or unasked", async () => {
    assert.equal(await trendOf("&asOf=2021-03-28&trend=7"), undefined, "the 24th is after the 21st");
    assert.equal(
      await trendOf("&asOf=2021-04-10&trend=7"),
      undefined,
      "the 24th is before the week before the 3rd",
    );
    assert.equal(await trendOf("&asOf=2021-03-31&from=2021-03-15&trend=7"), undefined);
    assert.equal(await trendOf("&asOf=2021-03-31"), undefined);
  });

  it("a bad trend gets 400 naming the parameter", async () => {
    for (const bad of ["0", "367", "x", "7.5", "-7"]) {
      const r = await call(s.url, "GET", `/api/stats?year=2021&trend=${bad}`, leader);
      assert.equal(r.status, 400, bad);
      assert.equal(r.json.parameter, "trend", bad);
    }
  });

  describe("the summary's line under its title", () => {
    let model: SummaryModel;
    const LINE = "So với 24/03/2021: +2 nhiệm vụ hoàn thành, +2 hồ sơ đã giải quyết";
    before(async () => {
      const transport = new HttpTransport(s.url, leader);
      model = await fetchSummaryModel(transport, 2021, "2021-03-31", new Date("2021-03-31T03:00:00Z"));
    });

    it("is the subtitle's last line in the model, with the row height of its lines", () => {
      const lines = model.subtitle.split("\n");
      assert.equal(lines.length, 2);
      assert.match(lines[0]!, /^Số liệu tính đến ngày 31\/03\/2021/);
      assert.equal(lines[1], LINE);
      assert.ok(model.subtitleRowHeight! > 15, "two lines are given two lines' height");
    });

    it("the file adapter and the Excel adapter write it in the cell under the title", async () => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet("Kế hoạch");
      writeSummarySheet(wb, model);
      const back = new ExcelJS.Workbook();
      await back.xlsx.load(await wb.xlsx.writeBuffer());
      const file = fakeFromExceljs(back).get(model.sheetName);
      assert.equal(String(file.cell(1, 0)?.v).split("\n").at(-1), LINE);

      const excel = new FakeExcel(FakeWorkbook.from([{ name: "Kế hoạch", rows: [["x"]] }]));
      await excel.run(async (ctx) => {
        const batch = new Batch(ctx);
        await writeSummary(batch, model, false);
        await batch.sync();
      });
      const ws = excel.workbook.get(model.sheetName);
      assert.equal(ws.value(1, 0), file.cell(1, 0)?.v);
      assert.equal(ws.cell(1, 0)?.f, undefined, "text, never a formula");
    });

    it("a staff member's line names whose dossiers it counts", async () => {
      const transport = new HttpTransport(s.url, vp);
      const own = await fetchSummaryModel(transport, 2021, "2021-03-31", new Date("2021-03-31T03:00:00Z"));
      assert.match(
        own.subtitle.split("\n")[1]!,
        /^So với 24\/03\/2021: \+2 nhiệm vụ hoàn thành, \+1 hồ sơ của .+ đã giải quyết$/,
      );
    });
  });
});
