/**
 * A department's own sheet named "Tổng hợp" (the name the sync gives its summary) was replaced by
 * the summary at the first sync. The command line refused such a workbook (t4-findings E17); the
 * rule is now core's, so the Excel add-in refuses it too, before anything is sent or written.
 */
import { strict as assert } from "node:assert";
import { ExcelPort } from "../../addin/excel";
import { SyncEngine, SyncSetupError } from "../../core/sync";
import { HttpTransport } from "../../core/sync/transport";
import { registerWorkbook } from "../helpers/register";
import { serverWithCoordinator } from "../helpers/server";
import { fakeFromExceljs } from "./fake-excel/exceljs-bridge";
import { FakeExcel } from "./fake-excel/fake-excel";

describe("the Excel add-in and a workbook with its own 'Tổng hợp' sheet", function () {
  this.timeout(60_000);
  const suite = serverWithCoordinator();

  it("is refused before anything is sent or written, and syncs once the sheet is renamed", async () => {
    const { wb, ws } = registerWorkbook();
    ws.addRow([
      1,
      "OS-1",
      "Cấp giấy phép",
      "Việc làm",
      "VP",
      new Date(Date.UTC(2021, 2, 1)),
      new Date(Date.UTC(2021, 2, 8)),
    ]);
    wb.addWorksheet("Tổng hợp").addRow(["BẢNG TỔNG HỢP CỦA PHÒNG"]);
    const excel = new FakeExcel(fakeFromExceljs(wb));
    const sync = () =>
      new SyncEngine(
        new ExcelPort({ run: excel.run, isSetSupported: excel.isSetSupported }),
        new HttpTransport(suite.server.url, suite.token),
        { asOf: "2021-03-31" },
      ).run();
    await assert.rejects(sync(), (e: unknown) => {
      assert.ok(e instanceof SyncSetupError);
      assert.match(e.userMessage.vi, /có trang "Tổng hợp" của riêng bạn/);
      assert.match(e.userMessage.en, /Rename that sheet/);
      return true;
    });
    assert.equal(excel.workbook.get("Tổng hợp").value(0, 0), "BẢNG TỔNG HỢP CỦA PHÒNG", "the sheet kept");
    assert.equal(
      excel.workbook.sheets.some((s) => s.name === "_cchc_state"),
      false,
      "nothing written",
    );

    excel.workbook.get("Tổng hợp").name = "Tổng hợp phòng";
    assert.equal((await sync()).pushed, 1);
    assert.equal(excel.workbook.get("Tổng hợp phòng").value(0, 0), "BẢNG TỔNG HỢP CỦA PHÒNG");
    assert.match(String(excel.workbook.get("Tổng hợp").value(0, 0)), /^TỔNG HỢP KẾT QUẢ/);
  });
});
