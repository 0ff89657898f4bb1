import { strict as assert } from "node:assert";
import ExcelJS from "exceljs";
import type { StatsReport } from "../../core/stats/report";
import { startTestServer } from "../helpers/server";
import { cli } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";

/**
 * A row that one sync read as a task and the next reads as a subtotal or a signature (as happens to
 * a workbook synced before this session's reader changes: 'Cộng mục I' was a task, 'Trưởng phòng …'
 * did not end the table): its record, and the records below it, stay on the server (T15).
 */
describe("cchc sync of rows that a later reading skips (T15)", function () {
  this.timeout(90_000);

  it("keeps a synced row that now reads as a subtotal, and the tasks below a row that now reads as a signature", async () => {
    const s = await startTestServer();
    const tmp = tempDir("t15-resync");
    try {
      const token = (await s.services.members.issue({ name: "Điều phối", role: "coordinator" })).token;
      const file = tmp.file("plan.xlsx");
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("KH 2026");
      ws.addRow(["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026"]);
      ws.addRow(["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Kết quả"]);
      ws.addRow([1, "Rà soát văn bản", "Văn phòng Sở", "Quý II", "Đã hoàn thành"]);
      // Read as a task while its unit is filled in: it gets an id.
      ws.addRow([null, "Cộng mục I", "Văn phòng Sở", null, null]);
      ws.addRow([2, "Tuyên truyền CCHC", "Văn phòng Sở", "Thường xuyên", "Đang thực hiện"]);
      ws.addRow([3, "Kiểm tra CCHC", "Thanh tra Sở", "Quý III", "Chưa thực hiện"]);
      await wb.xlsx.writeFile(file);
      const sync = () => cli(["sync", file, "--server", s.url, "--token", token, "--as-of", "2026-06-30"]);
      const first = await sync();
      assert.equal(first.code, 0, first.err + first.out);
      assert.match(first.out, /pushed: 4\b/);

      // Now the row reads as a subtotal, and a title alone in the unit column reads as a signature.
      const again = new ExcelJS.Workbook();
      await again.xlsx.readFile(file);
      const sheet = again.getWorksheet("KH 2026")!;
      sheet.getCell("C4").value = null;
      sheet.spliceRows(5, 0, [null, null, "Trưởng phòng Tổ chức"]);
      await again.xlsx.writeFile(file);
      const second = await sync();
      assert.equal(second.code, 0, second.err + second.out);
      assert.match(second.out, /pushed: 0\b/);
      assert.match(second.out, /Cộng mục I/);

      const copy = tmp.file("copy.xlsx");
      assert.equal((await cli(["template", copy, "--year", "2026"])).code, 0);
      assert.equal(
        (await cli(["sync", copy, "--server", s.url, "--token", token, "--as-of", "2026-06-30"])).code,
        0,
      );
      const stats = JSON.parse(
        (await cli(["stats", copy, "--as-of", "2026-06-30", "--json"])).out,
      ) as StatsReport;
      assert.equal(stats.tasks.total, 4);
    } finally {
      await s.stop();
      tmp.remove();
    }
  });
});
