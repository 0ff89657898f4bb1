/**
 * Deadlines typed as months (T17): "6/2026" typed into Excel is the date 1/6/2026 shown with a
 * format that has no day ("mm/yyyy", "mmm-yy", "[$-42A]mmmm yyyy"). The plan means the end of June,
 * as the text "Tháng 6/2026" does; both adapters read the cell so, and a pulled deadline written into
 * such a cell reads back the same (no back-and-forth between the command line and Excel).
 * Fixtures: test/fixtures/make-month-deadlines.py (openpyxl; LibreOffice for the -lo file).
 */
import { strict as assert } from "node:assert";
import path from "node:path";
import ExcelJS from "exceljs";
import { ExcelPort } from "../../addin/excel";
import { readWorkbook } from "../../core/layout/read-workbook";
import type { StatsReport } from "../../core/stats/report";
import { SyncEngine } from "../../core/sync/engine";
import { HttpTransport } from "../../core/sync/transport";
import { workbookToGrids } from "../../cli/xlsx/read-xlsx";
import { exceljsFromFake, fakeFromExceljs } from "../addin/fake-excel/exceljs-bridge";
import { FakeExcel } from "../addin/fake-excel/fake-excel";
import { dateToSerial } from "../addin/fake-excel/model";
import { startTestServer } from "../helpers/server";
import { cli, open } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";

const fixture = (name: string) => path.resolve(__dirname, "../fixtures/foreign", name);

async function stats(name: string): Promise<StatsReport> {
  const out = await cli(["stats", fixture(name), "--as-of", "2026-06-15", "--json"]);
  assert.equal(out.code, 0, out.err);
  return JSON.parse(out.out) as StatsReport;
}

describe("deadlines typed as months ('6/2026' shown 'mm/yyyy', 'mmm-yy') (T17)", function () {
  this.timeout(120_000);

  it("cchc stats reads them as the month's (year's) last day: 4 tasks overdue on 15/06/2026, not 6", async () => {
    const r = await stats("month-deadlines.xlsx");
    assert.equal(r.tasks.total, 10);
    // Overdue: 31/3 ("mmm-yy"), 1/6 shown dd/mm/yyyy, 1/5 (built-in 14), 1/6 08:30 (a day and a time).
    assert.equal(r.tasks.notDoneOverdue, 4);
    assert.equal(r.tasks.notDoneWithinDeadline, 6);
    const book = readWorkbook(workbookToGrids(await open(fixture("month-deadlines.xlsx"))));
    const due = book.tasks.map((t) => t.deadline?.due);
    assert.deepEqual(due, [
      "2026-06-30", // mm/yyyy
      "2026-03-31", // mmm-yy (built-in 17)
      "2026-09-30", // [$-42A]mmmm yyyy
      "2026-12-31", // "Tháng "m/yyyy
      "2026-12-31", // yyyy: the year's end
      "2026-06-01", // dd/mm/yyyy: a day, even the 1st
      "2026-06-15", // 15/6 typed into a column formatted mm/yyyy: the day typed is kept
      "2026-05-01", // mm-dd-yy (built-in 14)
      "2026-07-01", // d-mmm-yy (built-in 15)
      "2026-06-01", // [$-42A]dd/mm/yyyy h:mm
    ]);
    // Its text is the date read, as any date cell's: written back, 30/6 reads 30/6 in either format.
    assert.deepEqual(book.tasks[0]!.deadline, { text: "2026-06-30", due: "2026-06-30", recurring: false });
    const notes = JSON.stringify(r.mapping);
    assert.match(notes, /5 nhiệm vụ: thời hạn là ô ngày chỉ hiện tháng hoặc năm/);
  });

  it("a dossier date shown as a month only is a row error naming the cell; a day hidden by the format is read", async () => {
    const r = await stats("month-deadlines.xlsx");
    assert.deepEqual(
      r.errors.map((e) => [e.sheet, e.row, e.column]),
      [["Sổ hồ sơ", 2, "D"]],
    );
    assert.match(r.errors[0]!.message.vi, /chỉ ghi tháng \(06\/2026\)/);
    assert.match(r.errors[0]!.message.en, /gives only a month \(06\/2026\)/);
    assert.equal(r.dossiers.received.total, 2, "the other two dossiers are counted");
  });

  it("reads a LibreOffice-made plan alike ('MM/YYYY', 'MMM\\-YY', '[$-42A]MMMM\\ YYYY' as LibreOffice writes them)", async () => {
    const r = await stats("month-deadlines-lo.xlsx");
    const book = readWorkbook(workbookToGrids(await open(fixture("month-deadlines-lo.xlsx"))));
    assert.deepEqual(
      book.tasks.map((t) => t.deadline?.due),
      ["2026-06-30", "2026-03-31", "2026-09-30", "2026-12-31", "2026-12-31", "2026-06-01"],
    );
    assert.equal(r.tasks.notDoneOverdue, 2);
  });

  it("reads the text '6/2026' (a CSV opened in LibreOffice keeps it as text) as the month's end too, not a row error", async () => {
    const r = await stats("month-deadlines-csv.xlsx");
    assert.deepEqual(r.errors, []);
    const book = readWorkbook(workbookToGrids(await open(fixture("month-deadlines-csv.xlsx"))));
    assert.deepEqual(
      book.tasks.map((t) => [t.deadline?.text, t.deadline?.due]),
      [
        ["6/2026", "2026-06-30"],
        ["06/2026", "2026-06-30"],
        ["2026-06-15", "2026-06-15"],
      ],
    );
  });

  it("synced by the command line and by Excel: the server keeps the month's end; a pulled deadline written into a month cell reads back the same", async () => {
    const s = await startTestServer();
    const tmp = tempDir("t17-month-sync");
    try {
      const token = (await s.services.members.issue({ name: "Điều phối", role: "coordinator" })).token;
      const file = tmp.file("plan.xlsx");
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("KH 2026");
      ws.addRow(["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026"]);
      ws.addRow(["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Tình trạng"]);
      const june = new Date(Date.UTC(2026, 5, 1));
      ws.addRow([1, "Rà soát thủ tục", "Văn phòng Sở", june, "Đang thực hiện"]);
      ws.addRow([2, "Tuyên truyền CCHC", "Văn phòng Sở", new Date(Date.UTC(2026, 2, 1)), "Đang thực hiện"]);
      ws.addRow([3, "Kiểm tra CCHC", "Văn phòng Sở", june, "Đang thực hiện"]);
      ws.getCell("D3").numFmt = "mm/yyyy";
      ws.getCell("D4").numFmt = "mmm-yy";
      ws.getCell("D5").numFmt = "dd/mm/yyyy";
      await wb.xlsx.writeFile(file);
      const sync = () => cli(["sync", file, "--server", s.url, "--token", token, "--as-of", "2026-06-15"]);

      const first = await sync();
      assert.equal(first.code, 0, first.err + first.out);
      assert.match(first.out, /pushed: 3\b/);
      const dueOnServer = async () => {
        const res = await fetch(`${s.url}/api/stats?year=2026&asOf=2026-06-15`, {
          headers: { authorization: `Bearer ${token}` },
        });
        const report = (await res.json()) as StatsReport;
        assert.equal(res.status, 200, JSON.stringify(report));
        return report.tasks;
      };
      // The server counts 1/6 (a day) overdue; June and March's end: one overdue too (31/3).
      assert.equal((await dueOnServer()).notDoneOverdue, 2);

      // The same workbook opened in Excel (the add-in on the fake Excel API): nothing to send or take.
      const excel = new FakeExcel(fakeFromExceljs(await open(file)));
      const port = new ExcelPort({ run: excel.run, isSetSupported: excel.isSetSupported });
      const syncExcel = () =>
        new SyncEngine(port, new HttpTransport(s.url, token), { asOf: "2026-06-15" }).run();
      const inExcel = await syncExcel();
      assert.deepEqual([inExcel.pushed, inExcel.pulled, inExcel.errors.length], [0, 0, 0]);
      assert.equal(port.lastRead!.syncs, 2, "the number formats come with the values: no extra sync");

      // In the file, task 1 moves to "9/2026" (typed: 1/9/2026, the cell keeps mm/yyyy).
      const edited = await open(file);
      edited.getWorksheet("KH 2026")!.getCell("D3").value = new Date(Date.UTC(2026, 8, 1));
      await edited.xlsx.writeFile(file);
      const moved = await sync();
      assert.match(moved.out, /pushed: 1\b/, moved.out);

      // Excel pulls it into its month cell: 30/9 shown "09/2026", read back as 30/9: nothing pushed.
      const pulled = await syncExcel();
      assert.deepEqual([pulled.pushed, pulled.pulled], [0, 1]);
      const cell = excel.workbook.get("KH 2026").cell(2, 3);
      assert.equal(cell?.v, dateToSerial(new Date(Date.UTC(2026, 8, 30))));
      assert.equal(cell?.nf, "mm/yyyy", "the cell's format is left alone");
      const still = await syncExcel();
      assert.deepEqual([still.pushed, still.pulled], [0, 0]);
      const back = await sync();
      assert.match(back.out, /pushed: 0\b.*pulled: 0\b/s, back.out);

      // The workbook saved from Excel and synced by the command line: still nothing to do.
      await exceljsFromFake(excel.workbook).xlsx.writeFile(file);
      const fromExcel = await sync();
      assert.match(fromExcel.out, /pushed: 0\b.*pulled: 0\b/s, fromExcel.out);
    } finally {
      await s.stop();
      tmp.remove();
    }
  });
});
