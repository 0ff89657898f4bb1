import { strict as assert } from "node:assert";
import { readFileSync, statSync } from "node:fs";
import { ExcelPort } from "../../addin/excel";
import { buildDemoWorkbook } from "../../cli/xlsx/tracking-workbook";
import { serverWithCoordinator } from "../helpers/server";
import { engineAsCoordinator, open, syncAsCoordinator, writeDemo } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";
import { fakeFromExceljs } from "../addin/fake-excel/exceljs-bridge";
import { FakeExcel } from "../addin/fake-excel/fake-excel";

/**
 * A sync that changes nothing used to rewrite the whole workbook (a new modification time, a new
 * upload to OneDrive or the share, half a second for 10,000 rows) only to update the summary's
 * "đồng bộ lúc …". It now leaves the file alone and says so; anything else that changed — a cell,
 * the summary's figures, text typed into the summary — is written as before.
 */
describe("a sync that changes nothing leaves the workbook alone", function () {
  this.timeout(120_000);
  const suite = serverWithCoordinator();
  const tmp = tempDir("no-change-write");
  after(() => tmp.remove());

  it("the command line: the file's bytes and time stay; a change in it is written as before", async () => {
    const file = tmp.file("demo.xlsx");
    await writeDemo(file);
    assert.equal((await syncAsCoordinator(suite, file)).code, 0);
    const bytes = readFileSync(file);
    const time = statSync(file).mtimeMs;
    const again = await syncAsCoordinator(suite, file);
    assert.equal(again.code, 0, again.out + again.err);
    assert.match(again.out, /nothing changed, the workbook was not rewritten/);
    assert.ok(readFileSync(file).equals(bytes), "the same bytes");
    assert.equal(statSync(file).mtimeMs, time, "the same modification time");

    const wb = await open(file);
    wb.getWorksheet("Kế hoạch CCHC 2021")!.getCell(8, 9).value = "Ghi chú mới";
    await wb.xlsx.writeFile(file);
    const edited = await syncAsCoordinator(suite, file);
    assert.match(edited.out, /pushed: 1 /);
    assert.doesNotMatch(edited.out, /not rewritten/);
    assert.match(edited.out, /summary sheet updated/);
  });

  it("the add-in: nothing is written to Excel, and the summary's time stays that of the last write", async () => {
    const excel = new FakeExcel(fakeFromExceljs(buildDemoWorkbook()));
    const sync = () =>
      engineAsCoordinator(suite)(new ExcelPort({ run: excel.run, isSetSupported: excel.isSetSupported }));
    await sync();
    await sync(); // the colleague's records of the first test, pulled: a write
    const subtitle = String(excel.workbook.get("Tổng hợp").value(1, 0));
    const quiet = await sync();
    assert.equal(quiet.unchanged, true);
    assert.equal(String(excel.workbook.get("Tổng hợp").value(1, 0)), subtitle);
  });
});
