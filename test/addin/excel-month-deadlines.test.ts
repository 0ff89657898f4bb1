/**
 * A deadline typed "6/2026" in Excel (T17): Excel stores the 1st of June and shows "Jun-26"
 * ("mmm-yy"). The add-in reads the cell's number format with its value, in the same syncs, and core
 * reads the month's last day, as the command line reads the same cell in a file.
 */
import { strict as assert } from "node:assert";
import { ExcelPort } from "../../addin/excel";
import { readWorkbook } from "../../core/layout/read-workbook";
import { cellKey } from "../../core/layout/grid";
import { FakeExcel } from "./fake-excel/fake-excel";
import { dateToSerial, FakeWorkbook, type Raw, type SheetSeed } from "./fake-excel/model";

/** A register of `n` rows: STT, eight text columns, a date column formatted "mm/yyyy" (the 1st of June). */
function register(n: number, merged = 0): SheetSeed {
  const june = dateToSerial(new Date(Date.UTC(2026, 5, 1)));
  return {
    name: "Sổ",
    rows: [
      ["STT", ...Array.from({ length: 8 }, (_, c) => `Cột ${c + 1}`), "Tháng"],
      ...Array.from({ length: n }, (_, r): Raw[] => [
        r + 1,
        ...Array.from({ length: 8 }, () => "Hồ sơ đăng ký"),
        june,
      ]),
    ],
    numberFormats: Array.from({ length: n }, (_, r) => ({ row: r + 1, col: 9, format: "mm/yyyy" })),
    // Two-cell merges down the first text column: past 512, Excel cannot list them in one call.
    merges: Array.from({ length: merged }, (_, i) => ({
      top: 2 * i + 1,
      left: 1,
      bottom: 2 * i + 2,
      right: 1,
    })),
  };
}

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

  it("loads the formats of the columns holding numbers only, below the first rows too, and marks every month cell", async () => {
    const excel = new FakeExcel(FakeWorkbook.from([register(3_000)]));
    const port = new ExcelPort({ run: excel.run, isSetSupported: excel.isSetSupported });
    const snapshot = await port.read();
    const sheet = snapshot.sheets[0]!;
    assert.equal(sheet.periodCells?.size, 3_000);
    assert.equal(sheet.periodCells?.get(cellKey(3_000, 9)), "month", "a row read in a later block");
    const values = Buffer.byteLength(JSON.stringify(sheet.rows));
    const response = excel.batches.reduce((sum, b) => sum + b.response, 0);
    // Values and the formats of 2 columns of 10 (and of every column in the first 300 rows).
    assert.ok(response < values * 1.25, `response ${response} B for ${values} B of values`);
  });

  it("loads the formats of every column when the used-range sync fails (over 512 merged areas), and still marks the month cells", async () => {
    const excel = new FakeExcel(FakeWorkbook.from([register(1_200, 520)]));
    const port = new ExcelPort({ run: excel.run, isSetSupported: excel.isSetSupported });
    const sheet = (await port.read()).sheets[0]!;
    assert.equal(sheet.merges.length, 520);
    assert.equal(sheet.periodCells?.size, 1_200);
    assert.equal(sheet.periodCells?.get(cellKey(1_200, 9)), "month");
  });
});
