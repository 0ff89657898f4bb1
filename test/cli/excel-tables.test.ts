import { strict as assert } from "node:assert";
import ExcelJS from "exceljs";
import { loadWorkbook } from "../../cli/xlsx/workbook-file";
import { cli } from "../helpers/sync";
import { serverWithCoordinator } from "../helpers/server";
import { tempDir } from "../helpers/tmp";
import { REGISTER_SHEET, registerWorkbook } from "../helpers/register";
import { day, EXCEL_TABLE, LIBREOFFICE_TABLE, registerWithTable, tableXmlOf } from "../helpers/excel-table";

/**
 * Found by hand (/work/notes/t4-findings.md, E1–E3): a department's register kept as an Excel Table
 * (Insert → Table) could not be synced once LibreOffice had saved it (a TypeError from exceljs, exit
 * 1), and a table saved by Excel lost its header row and its filter buttons at the first sync.
 */
describe("a register kept as an Excel Table", function () {
  this.timeout(90_000);
  const suite = serverWithCoordinator();
  const tmp = tempDir("excel-tables");
  after(() => tmp.remove());
  const sync = (file: string) =>
    cli(["sync", file, "--server", suite.server.url, "--token", suite.token, "--as-of", "2021-03-31"]);

  /** A colleague's own register with one more dossier: pushed, then pulled by the owner. */
  async function colleagueAdds(code: string): Promise<void> {
    const file = tmp.file(`colleague-${code}.xlsx`);
    const { wb, ws } = registerWorkbook();
    ws.addRow([1, code, "Trợ cấp thất nghiệp", "Việc làm", "VP", day(20), day(27)]);
    await wb.xlsx.writeFile(file);
    const r = await sync(file);
    assert.equal(r.code, 0, r.err + r.out);
  }

  it("saved by LibreOffice syncs, keeps its table as saved, and the table takes in the dossier a colleague added", async () => {
    const owner = tmp.file("libreoffice.xlsx");
    await registerWithTable(owner, "LO", 3, LIBREOFFICE_TABLE);
    const first = await sync(owner);
    assert.equal(first.code, 0, first.err + first.out);
    assert.match(first.out, /đẩy lên \/ pushed: 3 /);
    // The hidden id column (I) is the table's last column: a sort of the table moves the ids too.
    assert.equal(await tableXmlOf(owner), LIBREOFFICE_TABLE("A2:I5", ["cchc_id"]));

    await colleagueAdds("TB-LO");
    const pulled = await sync(owner);
    assert.equal(pulled.code, 0, pulled.err + pulled.out);
    assert.match(pulled.out, /kéo về \/ pulled: 1 /);
    const ws = (await new ExcelJS.Workbook().xlsx.readFile(owner)).getWorksheet(REGISTER_SHEET)!;
    assert.equal(ws.getCell("B6").value, "TB-LO");
    assert.equal(
      await tableXmlOf(owner),
      LIBREOFFICE_TABLE("A2:I6", ["cchc_id"]),
      "the pulled row is in the table",
    );
    const again = await sync(owner);
    assert.match(again.out, /đẩy lên \/ pushed: 0 {3}kéo về \/ pulled: 0/);
  });

  it("saved by Excel keeps its header row, its filter buttons and its filter after a sync", async () => {
    const owner = tmp.file("excel.xlsx");
    await registerWithTable(owner, "XL", 2, EXCEL_TABLE);
    const first = await sync(owner);
    assert.equal(first.code, 0, first.err + first.out);
    // The first sync also pulled the other test's dossiers into the register: the table took them in.
    const ws = (await loadWorkbook(owner)).getWorksheet(REGISTER_SHEET)!;
    let last = 2;
    while (ws.getCell(last + 1, 2).value) last++;
    assert.ok(last > 4);
    const table = await tableXmlOf(owner);
    assert.doesNotMatch(table, /headerRowCount="0"/, "the header row is still the table's header");
    assert.doesNotMatch(table, /hiddenButton="1"/, "the filter buttons are still shown");
    assert.equal(table, EXCEL_TABLE(`A2:I${last}`, ["cchc_id"]));
  });
});
