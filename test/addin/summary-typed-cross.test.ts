/**
 * A workbook synced from Excel one day and by the command line the next behaves as one (DESIGN):
 * neither adapter's summary may read as "typed by hand" to the other (T10).
 */
import { strict as assert } from "node:assert";
import { ExcelPort } from "../../addin/excel";
import { buildDemoWorkbook } from "../../cli/xlsx/tracking-workbook";
import { serverWithCoordinator } from "../helpers/server";
import { engineAsCoordinator, open, syncAsCoordinator } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";
import { exceljsFromFake, fakeFromExceljs } from "./fake-excel/exceljs-bridge";
import { FakeExcel } from "./fake-excel/fake-excel";

describe("the summary written by one adapter, read by the other", function () {
  this.timeout(120_000);
  const suite = serverWithCoordinator();
  const tmp = tempDir("summary-cross");
  after(() => tmp.remove());

  it("Excel then the command line then Excel: no cell of the summary is called typed", async () => {
    const excel = new FakeExcel(fakeFromExceljs(buildDemoWorkbook()));
    const port = () => new ExcelPort({ run: excel.run, isSetSupported: excel.isSetSupported });
    await engineAsCoordinator(suite)(port());
    const file = tmp.file("from-excel.xlsx");
    await exceljsFromFake(excel.workbook).xlsx.writeFile(file);
    const cli = await syncAsCoordinator(suite, file);
    assert.equal(cli.code, 0, cli.out + cli.err);
    assert.doesNotMatch(cli.out, /typed into/, "the command line after Excel");
    const back = new FakeExcel(fakeFromExceljs(await open(file)));
    const report = await engineAsCoordinator(suite)(
      new ExcelPort({ run: back.run, isSetSupported: back.isSetSupported }),
    );
    assert.deepEqual(
      report.notices.map((n) => n.en).filter((t) => /typed into/.test(t)),
      [],
      "Excel after the command line",
    );
  });
});
