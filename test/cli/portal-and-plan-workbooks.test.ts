import { strict as assert } from "node:assert";
import { copyFileSync } from "node:fs";
import path from "node:path";
import { readWorkbook } from "../../core/layout";
import { parseTaskStatus } from "../../core/parse/task-status";
import type { StatsReport } from "../../core/stats/report";
import { loadWorkbook } from "../../cli/xlsx/workbook-file";
import { workbookToGrids } from "../../cli/xlsx/read-xlsx";
import { cli } from "../helpers/sync";
import { startTestServer } from "../helpers/server";
import { tempDir } from "../helpers/tmp";

/** Workbooks made by openpyxl as the portal and department staff make them (make-portal-workbooks.py). */
const fixture = (name: string) => path.resolve(__dirname, "../fixtures/foreign", name);

async function read(name: string) {
  return readWorkbook(workbookToGrids(await loadWorkbook(fixture(name))));
}

describe("workbooks from the one-stop portal and department plans (T12)", function () {
  this.timeout(60_000);

  it("reads the portal's date-times (time first, SA/CH, weekday, 'giờ … phút', a full stop) as their dates", async () => {
    const r = await read("portal-register.xlsx");
    assert.deepEqual(r.errors, []);
    const byRow = new Map(r.dossiers.map((d) => [d.source?.row, d]));
    const dates = (row: number) => {
      const d = byRow.get(row)!;
      return [d.receivedOn, d.dueOn, d.resultOn ?? null];
    };
    assert.deepEqual(dates(8), ["2026-01-05", "2026-01-12", "2026-01-09"]); // "08:15 05/01/2026"
    assert.deepEqual(dates(9), ["2026-01-07", "2026-01-20", "2026-01-20"]); // "… 8:05 SA", "… 4:30 CH"
    assert.equal(byRow.get(10)!.receivedOn, "2026-01-08"); // "T5, 08/01/2026"
    assert.deepEqual(dates(11), ["2026-03-05", "2026-03-12", "2026-03-10"]); // "- 08:15", "14 giờ 00 phút, ngày …", "10/03/2026."
  });

  it("reads the portal's status words: 'Dừng xử lý' is returned, 'Chờ trả kết quả' resolved", async () => {
    const r = await read("portal-register.xlsx");
    const status = (row: number) => r.dossiers.find((d) => d.source?.row === row)?.status;
    assert.equal(status(10), "returned");
    assert.equal(status(11), "resolved");
    assert.equal(status(13), "processing"); // "Đang xử lý - Quá hạn"
  });

  it("cchc stats counts the portal export: 6 received, 3 resolved (2 ahead, 1 on time), 2 overdue, 1 returned", async () => {
    const out = await cli(["stats", fixture("portal-register.xlsx"), "--as-of", "2026-03-31", "--json"]);
    assert.equal(out.code, 0, out.err);
    const report = JSON.parse(out.out) as StatsReport;
    assert.deepEqual(report.errors, []);
    assert.equal(report.year, 2026);
    assert.equal(report.dossiers.received.total, 6);
    assert.equal(report.dossiers.received.online, 3);
    assert.deepEqual(report.dossiers.resolved, { total: 3, ahead: 2, onTime: 1, overdue: 0 });
    assert.deepEqual(report.dossiers.processing, { total: 2, withinDeadline: 0, overdue: 2 });
    assert.equal(report.dossiers.returnedOrWithdrawn, 1);
    // "Đơn vị tiếp nhận" is the unit, "Hình thức nhận kết quả" (all "Dịch vụ bưu chính") not the channel.
    const columns = report.mapping.find((m) => m.kind === "dossiers")!.columns!;
    const field = (header: string) => columns.find((c) => c.header === header)?.field;
    assert.equal(field("Đơn vị tiếp nhận"), "unit");
    assert.equal(field("Hình thức nhận kết quả"), "ignored");
    assert.equal(field("Kênh tiếp nhận"), "channel");
  });

  it("reads 'Trong tháng 12/2026', 'Cuối tháng 6/2026', 'Trong quý III', 'Hết tháng 9/2026' as the period's last day", async () => {
    const r = await read("plan-levels.xlsx");
    assert.deepEqual(r.errors, []);
    const due = (content: string) => r.tasks.find((t) => t.content === content)?.deadline;
    assert.deepEqual(due("Kiểm tra CCHC tại các phòng"), {
      text: "Cuối tháng 6/2026",
      due: "2026-06-30",
      recurring: false,
      readAs: "period-end",
    });
    assert.equal(due("Kiểm tra Phòng Tổ chức")?.due, "2026-09-30");
    assert.equal(due("Báo cáo kết quả kiểm tra")?.due, "2026-09-30");
    assert.equal(due("Tổng kết thi hành pháp luật")?.due, "2026-12-31");
    assert.equal(due("Xây dựng kế hoạch CCHC năm 2026")?.due, "2026-02-28"); // "Từ tháng 01 đến tháng 02/2026"
  });

  it("reads a second table under the first on one sheet, and stops at 'Người lập biểu | Trưởng phòng'", async () => {
    const r = await read("plan-levels.xlsx");
    assert.deepEqual(r.errors, []);
    assert.deepEqual(
      r.tasks.map((t) => t.content),
      [
        "Xây dựng kế hoạch CCHC năm 2026",
        "Kiểm tra CCHC tại các phòng",
        "Kiểm tra Phòng Tổ chức",
        "Báo cáo kết quả kiểm tra",
        "Tổng kết thi hành pháp luật",
        "Tuyên truyền trên cổng thông tin điện tử",
        "Cuộc thi tìm hiểu CCHC",
      ],
    );
  });

  it("reads a plan typed in TCVN3 (.VnTime fonts) as Unicode, and says so; a row typed later in Unicode stays as it is", async () => {
    const r = await read("tcvn3-plan.xlsx");
    assert.deepEqual(r.errors, []);
    assert.equal(r.year, 2026);
    assert.deepEqual(
      r.tasks.map((t) => [t.content, t.leadUnit, t.deadline?.text, t.status]),
      [
        ["Rà soát thủ tục hành chính", "VP", "Quý II", "done"],
        ["Công bố danh mục thủ tục", "VP", "Tháng 6/2026", "in-progress"],
        ["Tuyên truyền cải cách", "VP", "Thường xuyên", "not-started"],
        ["Báo cáo sơ kết", "VP", "Tháng 7/2026", "in-progress"],
      ],
    );
    assert.equal(r.tasks[0]!.field, 3); // "C¶i c¸ch thñ tôc hµnh chÝnh"
    const notes = r.mapping.find((m) => m.sheet === "KH2026")!.notes.map((n) => n.en);
    assert.ok(
      notes.some((n) => /TCVN3/.test(n)),
      notes.join("\n"),
    );
  });

  it("names a CSV register opened as Windows-1252 (garbled letters), rather than 'no tasks sheet or register'", async () => {
    const out = await cli(["stats", fixture("csv-utf8-as-cp1252.xlsx"), "--year", "2026", "--json"]);
    assert.equal(out.code, 0, out.err);
    const report = JSON.parse(out.out) as StatsReport;
    assert.equal(report.errors.length, 1, JSON.stringify(report.errors));
    const [error] = report.errors;
    assert.equal(error!.sheet, "so-ho-so");
    assert.match(error!.message.vi, /UTF-8/);
    assert.match(error!.message.en, /opened as Windows-1252/);
  });

  it("reports the dates a month-first CSV import swapped (05/03 read as 3 May beside the text 20/03), naming each cell", async () => {
    const out = await cli([
      "stats",
      fixture("csv-month-first.xlsx"),
      "--year",
      "2026",
      "--as-of",
      "2026-03-31",
      "--json",
    ]);
    assert.equal(out.code, 0, out.err);
    const report = JSON.parse(out.out) as StatsReport;
    assert.deepEqual(
      report.errors.map((e) => `${e.sheet}!${e.column}${e.row}`),
      ["so-ho-so!D2", "so-ho-so!F2", "so-ho-so!D3", "so-ho-so!E3", "so-ho-so!F3", "so-ho-so!D4"],
    );
    assert.match(report.errors[0]!.message.vi, /03\/05\/2026.*đảo ngày và tháng.*"20\/03\/2026"/);
    assert.match(report.errors[0]!.message.en, /day and month swapped/);
    // Nothing was counted in May, June or July that was received in March.
    assert.equal(report.dossiers.received.total, 0);
    const text = await cli([
      "stats",
      fixture("csv-month-first.xlsx"),
      "--year",
      "2026",
      "--as-of",
      "2026-03-31",
    ]);
    assert.match(text.out, /LỖI \(6 lỗi, 3 dòng không được tính\)/);
  });

  it("counts a task whose lead cell names several units ('Văn phòng Sở; Phòng Người có công') for the first, the others coordinating", async () => {
    const r = await read("plan-levels.xlsx");
    const task = (content: string) => r.tasks.find((t) => t.content === content)!;
    assert.equal(task("Kiểm tra Phòng Tổ chức").leadUnit, "VP");
    assert.equal(task("Kiểm tra Phòng Tổ chức").coordinatingUnits, "Phòng Người có công; Thanh tra Sở");
    assert.equal(task("Tổng kết thi hành pháp luật").leadUnit, "VP"); // "Chủ trì: Văn phòng Sở; phối hợp: các phòng"
    assert.equal(task("Tổng kết thi hành pháp luật").coordinatingUnits, "các phòng");
    const notes = r.mapping.find((m) => m.sheet === "KH CCHC 2026")!.notes.map((n) => n.vi);
    assert.ok(
      notes.some((n) => n.startsWith("2 nhiệm vụ: ô đơn vị chủ trì ghi nhiều đơn vị")),
      notes.join("\n"),
    );
    const workbookNotes = r.mapping[0]!.notes.map((n) => n.vi).join("\n");
    assert.match(workbookNotes, /1 đơn vị không có trong danh mục, giữ nguyên như đã ghi: "Thanh tra Sở"\./);
  });

  it("cchc sync of that plan: the first sync pushes 7 tasks, the second nothing (the owner's 'A; B' cells stay)", async () => {
    const s = await startTestServer();
    const tmp = tempDir("t12-plan");
    try {
      const token = (await s.services.members.issue({ name: "Điều phối", role: "coordinator" })).token;
      const file = tmp.file("plan.xlsx");
      copyFileSync(fixture("plan-levels.xlsx"), file);
      const sync = () => cli(["sync", file, "--server", s.url, "--token", token, "--as-of", "2026-03-31"]);
      const first = await sync();
      assert.equal(first.code, 0, first.err + first.out);
      assert.match(first.out, /pushed: 7\b/);
      const second = await sync();
      assert.equal(second.code, 0, second.err + second.out);
      assert.match(second.out, /pushed: 0\b.*pulled: 0\b/);
      const wb = await loadWorkbook(file);
      assert.equal(
        wb.getWorksheet("KH CCHC 2026")!.getCell("C10").value,
        "Văn phòng Sở; Phòng Người có công",
      );
    } finally {
      await s.stop();
      tmp.remove();
    }
  });

  it("reads 'Hoàn thành 100%' and 'Đã hoàn thành (15/9/2026)' as done, the latter on 15/9 ('Hoàn thành 80%' stays an error)", async () => {
    const r = await read("plan-levels.xlsx");
    const status = (content: string) => r.tasks.find((t) => t.content === content)?.status;
    assert.equal(status("Xây dựng kế hoạch CCHC năm 2026"), "done");
    assert.equal(status("Cuộc thi tìm hiểu CCHC"), "done");
    // The date the status names is its completion date: done on 15/9 for a deadline of 30/9, on time.
    assert.equal(r.tasks.find((t) => t.content === "Cuộc thi tìm hiểu CCHC")?.completedOn, "2026-09-15");
    assert.equal(
      r.tasks.find((t) => t.content === "Xây dựng kế hoạch CCHC năm 2026")?.completedOn,
      undefined,
    );
    assert.equal(parseTaskStatus("Hoàn thành 80%"), undefined);
    assert.equal(parseTaskStatus("Hoàn thành 18"), undefined);
  });

  it("skips a section's subtotal ('Cộng mục I: 2 nhiệm vụ' | '1/2', 'Cộng lĩnh vực …', 'Cộng: 1') and notes under a table ('Ghi chú: …', '(*) …'), and reads a register's section title in its code column", async () => {
    const r = await read("subtotals.xlsx");
    assert.deepEqual(r.errors, []);
    assert.equal(r.fields.length, 8, "a note merged across is no field of the plan");
    assert.deepEqual(
      r.tasks.map((t) => t.content),
      [
        "Rà soát văn bản quy phạm pháp luật",
        "Cộng đồng doanh nghiệp góp ý dự thảo",
        "Công bố danh mục thủ tục",
      ],
    );
    assert.deepEqual(
      r.dossiers.map((d) => [d.code, d.sector]),
      [
        ["HS1", "Việc làm"],
        ["HS2", "Người có công"],
      ],
    );
  });

  it("reads a plan typed in VNI (VNI-Times) as Unicode, deadlines 'Thaùng 6/2026' and 'Quyù IV/2026' too, and says so", async () => {
    const r = await read("vni-plan.xlsx");
    assert.deepEqual(r.errors, []);
    assert.equal(r.year, 2026);
    assert.deepEqual(
      r.tasks.map((t) => [t.content, t.leadUnit, t.deadline?.text, t.status]),
      [
        ["Rà soát thủ tục hành chính", "VP", "Tháng 6/2026", "done"],
        ["Tuyên truyền cải cách", "VP", "Thường xuyên", "in-progress"],
        ["Báo cáo năm", "VP", "Quý IV/2026", "not-started"],
      ],
    );
    const notes = r.mapping.find((m) => m.sheet === "KH2026")!.notes.map((n) => n.en);
    assert.ok(
      notes.some((n) => /VNI/.test(n)),
      notes.join("\n"),
    );
  });
});
