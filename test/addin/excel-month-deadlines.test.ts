/**
 * A deadline typed "6/2026" in Excel (T17): Excel stores the 1st of June and shows "Jun-26"
 * ("mmm-yy"). The add-in reads the cell's number format with its value, in the same syncs, and core
 * reads the month's last day, as the command line reads the same cell in a file.
 */
import { strict as assert } from "node:assert";
import { ExcelPort } from "../../addin/excel";
import { readWorkbook } from "../../core/layout/read-workbook";
import { FakeExcel } from "./fake-excel/fake-excel";
import { FakeWorkbook } from "./fake-excel/model";

describe("the Excel adapter reads a deadline typed as a month (T17)", () => {
  it("'6/2026' typed into a General cell reads as 30/06/2026; the text '15/06/2026' stays that day; no extra sync", async () => {
    const excel = new FakeExcel(
      FakeWorkbook.from([
        {
          name: "KH 2026",
          rows: [
            ["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026"],
            ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Tình trạng"],
            [1, "Rà soát thủ tục", "Văn phòng Sở", null, "Đang thực hiện"],
            [2, "Tuyên truyền CCHC", "Văn phòng Sở", "15/06/2026", "Đang thực hiện"],
          ],
        },
      ]),
    );
    // The user types into D3 (the fake interprets it as an en-US Excel does).
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("KH 2026").getRange("D3").values = [["6/2026"]];
    });
    const port = new ExcelPort({ run: excel.run, isSetSupported: excel.isSetSupported });
    excel.resetCounters();
    const snapshot = await port.read();
    assert.equal(port.lastRead!.syncs, 2, "sheet list, then used ranges with values and formats");
    assert.equal(excel.syncs, 2);
    const read = readWorkbook(snapshot.sheets);
    assert.deepEqual(read.errors, []);
    assert.deepEqual(
      read.tasks.map((t) => t.deadline?.due),
      ["2026-06-30", "2026-06-15"],
    );
  });
});
