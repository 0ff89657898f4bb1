/**
 * The summary is rebuilt at every sync; text typed into it is named in the report before it is
 * replaced (core/sync/summary-edits.ts), in the add-in as in the command line.
 */
import { strict as assert } from "node:assert";
import { ExcelPort } from "../../addin/excel";
import { registerWorkbook } from "../helpers/register";
import { serverWithCoordinator } from "../helpers/server";
import { engineAsCoordinator } from "../helpers/sync";
import { fakeFromExceljs } from "./fake-excel/exceljs-bridge";
import { FakeExcel } from "./fake-excel/fake-excel";

describe("the Excel add-in and text typed into the summary sheet", function () {
  this.timeout(60_000);
  const suite = serverWithCoordinator();

  it("says nothing when nothing was typed, and names a typed cell with its text", async () => {
    const { wb, ws } = registerWorkbook();
    ws.addRow([
      1,
      "TY-1",
      "Cấp giấy phép",
      "Việc làm",
      "VP",
      new Date(Date.UTC(2021, 2, 1)),
      new Date(Date.UTC(2021, 2, 8)),
    ]);
    const excel = new FakeExcel(fakeFromExceljs(wb));
    const sync = () =>
      engineAsCoordinator(suite)(new ExcelPort({ run: excel.run, isSetSupported: excel.isSetSupported }));
    await sync();
    const quiet = await sync();
    assert.deepEqual(
      quiet.notices.map((n) => n.en),
      [],
    );
    excel.workbook.get("Tổng hợp").at(44, 1).v = "Ghi chú của lãnh đạo";
    const told = await sync();
    assert.ok(
      told.notices.some((n) => n.en.includes(`B45 ("Ghi chú của lãnh đạo")`)),
      JSON.stringify(told.notices),
    );
  });
});
