import { strict as assert } from "node:assert";
import ExcelJS from "exceljs";
import { startTestServer, type TestServer } from "../helpers/server";
import { cli } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";

const LONG =
  "Trung tâm Bảo trợ xã hội và Chăm sóc người cao tuổi, người khuyết tật, trẻ em có hoàn cảnh đặc biệt khó khăn tỉnh Thừa Thiên Huế";

/**
 * A unit the reference list does not know is kept as written (README), and real unit names run
 * long. The server takes units of at most 100 characters: one such row must be a row error naming
 * its cell, and the other rows must still sync, not "Máy chủ trả lời 400: unit phải là chuỗi 1–100
 * ký tự" for the whole workbook (T6: a department with long unit names could not sync at all).
 */
describe("a unit name longer than the server takes is a row error, the other rows sync", function () {
  this.timeout(120_000);
  let s: TestServer;
  let token: string;
  const tmp = tempDir("long-unit");
  const file = tmp.file("plan.xlsx");

  before(async () => {
    s = await startTestServer();
    token = (await s.services.members.issue({ name: "Điều phối", role: "coordinator" })).token;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Kế hoạch 2022");
    ws.addRow(["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2022"]);
    ws.addRow(["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành", "Tiến độ"]);
    ws.addRow(["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC"]);
    ws.addRow([1, "Xây dựng kế hoạch CCHC năm 2022", "Văn phòng Sở", "Quý I", "Đã hoàn thành"]);
    ws.addRow([2, "Rà soát quy trình nội bộ", LONG, "Quý II", "Đang thực hiện"]);
    ws.addRow([3, "Báo cáo CCHC quý I", "Văn phòng Sở", "Quý I", "Đang thực hiện"]);
    await wb.xlsx.writeFile(file);
  });
  after(async () => {
    await s?.stop();
    tmp.remove();
  });

  it("syncs the two good tasks and names the long unit's cell (Kế hoạch 2022!C5)", async () => {
    const r = await cli(["sync", file, "--server", s.url, "--token", token, "--as-of", "2022-06-30"]);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /pushed: 2\b/);
    assert.match(r.out, /Kế hoạch 2022!C5: .*100/);
    assert.ok(r.out.includes(`${LONG.length}`), "the message says how long the name is");
  });
});
