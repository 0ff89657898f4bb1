import { strict as assert } from "node:assert";
import { readWorkbook } from "../../core/layout/read-workbook";
import { gridsOf } from "../helpers/workbooks";

/**
 * Found by hand (/work/notes/t1-findings.md, D13), the plan's cousin of register-total-row.test.ts:
 * a total row below the plan with a count in "Tiến độ" (=COUNTIF(…,"Đã hoàn thành")) was read as a
 * task: a row error ("Không hiểu tình trạng "1"…") at every `cchc stats` and `cchc sync`.
 */
describe("a plan's total row with a count in a column", () => {
  it("is a total row, not a task with an error", async () => {
    const read = readWorkbook(
      await gridsOf([
        {
          name: "Kế hoạch CCHC 2021",
          rows: [
            ["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2021"],
            ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành", "Tiến độ"],
            ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC"],
            [1, "Ban hành kế hoạch", "VP", "Quý I", "Đã hoàn thành"],
            [2, "Kiểm tra", "VP", "Quý III", "Đang thực hiện"],
            [null, "Tổng cộng", null, null, { formula: 'COUNTIF(E4:E5,"Đã hoàn thành")', result: 1 }],
            ["Tổng số", null, null, null, 2],
          ],
          merges: ["B3:E3"],
        },
      ]),
      {},
    );
    assert.deepEqual(
      read.errors.map((e) => `${e.row}${e.column}: ${e.message.en}`),
      [],
    );
    assert.deepEqual(
      read.tasks.map((t) => t.content),
      ["Ban hành kế hoạch", "Kiểm tra"],
    );
  });
});
