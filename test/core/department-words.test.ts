import { strict as assert } from "node:assert";
import { parseDateText } from "../../core/dates/parse-date";
import { parseDeadlineText } from "../../core/parse/deadline";
import { readWorkbook } from "../../core/layout/read-workbook";
import { gridsOf } from "../helpers/workbooks";

/**
 * Found by hand (/work/notes/t4-findings.md, E15) in a department's own workbook (/tmp/t4/mk2.py):
 * words its staff write that were row errors or an unknown unit — the deadline "Cuối năm", the
 * received date "ngày 5/1/2021", the channel "BCCI" (Bưu chính công ích, the public postal service)
 * and the unit "VP Sở" (Văn phòng Sở, whose code is VP).
 */
describe("words a department's staff write", () => {
  it("are read: “Cuối năm”, “ngày 5/1/2021”, “BCCI”, “VP Sở”", async () => {
    const read = readWorkbook(
      await gridsOf([
        {
          name: "KH",
          rows: [
            ["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2021"],
            ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành", "Tiến độ"],
            [1, "Tổng kết công tác CCHC", "VP Sở", "Cuối năm", "Chưa thực hiện"],
          ],
        },
        {
          name: "Sổ HS",
          rows: [
            ["STT", "Mã hồ sơ", "Tên thủ tục", "Ngày tiếp nhận", "Ngày hẹn trả", "Hình thức"],
            [1, "HS-1", "Trợ cấp", "ngày 5/1/2021", "12/01/2021", "BCCI"],
          ],
        },
      ]),
      {},
    );
    assert.deepEqual(read.errors, []);
    assert.equal(read.tasks[0]?.leadUnit, "VP");
    assert.equal(read.tasks[0]?.deadline?.due, "2021-12-31");
    assert.equal(read.tasks[0]?.deadline?.text, "Cuối năm");
    assert.equal(read.dossiers[0]?.receivedOn, "2021-01-05");
    assert.equal(read.dossiers[0]?.channel, "post");
  });

  it("keep their meaning with a year, and “ngày” is never taken for a date by itself", () => {
    const end = parseDeadlineText("Cuối năm 2022");
    assert.ok(end.ok && end.deadline.due === "2022-12-31");
    assert.deepEqual(parseDateText("Ngày 31/12/2021 08:30"), { ok: true, date: "2021-12-31" });
    assert.equal(parseDateText("ngày").ok, false);
  });
});
