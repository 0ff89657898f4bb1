/**
 * A register kept as an Excel Table, synced from Excel (the Excel adapter on the fake, through the
 * engine and a local server) and by `cchc sync`: the hidden id column becomes the table's column
 * "cchc_id" at the first sync, a colleague's dossier pulled at the end of the register is a row of
 * the table, and the file saved from that workbook syncs by the command line with nothing to do.
 */
import { strict as assert } from "node:assert";
import { writeFile } from "node:fs/promises";
import { ExcelPort } from "../../addin/excel";
import { SyncEngine } from "../../core/sync/engine";
import { HttpTransport } from "../../core/sync/transport";
import { EXCEL_TABLE, day, registerWithTable, tableXmlOf } from "../helpers/excel-table";
import { REGISTER_SHEET, registerWorkbook } from "../helpers/register";
import { serverWithCoordinator } from "../helpers/server";
import { cli, open } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";
import { exceljsFromFake, fakeFromExceljs, withTableParts } from "./fake-excel/exceljs-bridge";
import { FakeExcel } from "./fake-excel/fake-excel";

describe("a register kept as an Excel Table, synced from Excel and by cchc", function () {
  this.timeout(120_000);
  const suite = serverWithCoordinator();
  const tmp = tempDir("excel-table-sync");
  after(() => tmp.remove());

  it("the id column is the table's column cchc_id; a pulled dossier is a row of the table; cchc agrees", async () => {
    const file = tmp.file("owner.xlsx");
    await registerWithTable(file, "TB", 3, EXCEL_TABLE);
    const excel = new FakeExcel(fakeFromExceljs(await open(file)));
    const port = new ExcelPort({ run: excel.run, isSetSupported: excel.isSetSupported });
    const syncExcel = () =>
      new SyncEngine(port, new HttpTransport(suite.server.url, suite.token), { asOf: "2021-03-31" }).run();
    const table = () => excel.workbook.get(REGISTER_SHEET).tables[0]!;

    const first = await syncExcel();
    assert.equal(first.pushed, 3);
    assert.deepEqual(table().box, { top: 1, left: 0, bottom: 4, right: 8 }, "A2:I5");
    assert.equal(table().columns[8], "cchc_id");
    assert.ok(excel.workbook.get(REGISTER_SHEET).hiddenColumns.has(8));

    // A colleague's register with one more dossier, pushed by the command line.
    const colleague = tmp.file("colleague.xlsx");
    const { wb, ws } = registerWorkbook();
    ws.addRow([1, "TB-NEW", "Trợ cấp thất nghiệp", "Việc làm", "VP", day(20), day(27)]);
    await wb.xlsx.writeFile(colleague);
    const pushed = await cli(["sync", colleague, "--server", suite.server.url, "--token", suite.token]);
    assert.equal(pushed.code, 0, pushed.err + pushed.out);

    const pulled = await syncExcel();
    assert.equal(pulled.pulled, 1);
    assert.deepEqual(table().box, { top: 1, left: 0, bottom: 5, right: 8 }, "A2:I6: the pulled row is in it");
    assert.equal(excel.workbook.get(REGISTER_SHEET).value(5, 1), "TB-NEW");
    assert.deepEqual(port.notices, []);

    // The same workbook saved as a file and synced by cchc: nothing to do, the table as Excel left it.
    const saved = tmp.file("saved.xlsx");
    const buffer = Buffer.from(await exceljsFromFake(excel.workbook).xlsx.writeBuffer());
    await writeFile(saved, await withTableParts(buffer, excel.workbook));
    const again = await cli(["sync", saved, "--server", suite.server.url, "--token", suite.token]);
    assert.equal(again.code, 0, again.err + again.out);
    assert.match(again.out, /đẩy lên \/ pushed: 0 {3}kéo về \/ pulled: 0/);
    assert.match(await tableXmlOf(saved), /ref="A2:I6".*<tableColumn id="9" name="cchc_id"\/>/s);
  });
});
