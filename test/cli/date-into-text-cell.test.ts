import { strict as assert } from "node:assert";
import { FULL_REGISTER_HEADER, REGISTER_SHEET } from "../helpers/register";
import { serverWithCoordinator } from "../helpers/server";
import { copy, open, syncAsCoordinator } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";
import ExcelJS from "exceljs";

/**
 * A register whose date columns are formatted as Text (dates typed day first, kept as typed). A
 * result date pulled from a colleague was written as a date into such a cell: it showed its serial
 * number (44260), and the user's column became mixed. It is now written as the day-first text the
 * column holds (t7-findings: the add-in had the same defect).
 */
describe("cchc sync and a date pulled into a Text-formatted cell", function () {
  this.timeout(120_000);
  const suite = serverWithCoordinator();
  const tmp = tempDir("date-into-text");
  after(() => tmp.remove());

  it("writes it as dd/mm/yyyy text, keeps the cell's Text format, and reads it back as the same day", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(REGISTER_SHEET);
    ws.addRow(["SỔ THEO DÕI HỒ SƠ - NĂM 2021"]);
    ws.addRow([...FULL_REGISTER_HEADER]);
    ws.addRow([
      1,
      "TX-1",
      "Cấp giấy phép",
      "Việc làm",
      "VP",
      "Trực tiếp",
      "01/03/2021",
      "08/03/2021",
      null,
      "Đang giải quyết",
      null,
    ]);
    for (const col of [7, 8, 9]) ws.getCell(3, col).numFmt = "@";
    const mine = tmp.file("mine.xlsx");
    await wb.xlsx.writeFile(mine);
    assert.equal((await syncAsCoordinator(suite, mine)).code, 0);

    const theirs = copy(mine, tmp.file("theirs.xlsx"));
    const t = await open(theirs);
    const row = t.getWorksheet(REGISTER_SHEET)!.getRow(3);
    row.getCell(9).value = new Date(Date.UTC(2021, 2, 5));
    row.getCell(9).numFmt = "dd/mm/yyyy";
    row.getCell(10).value = "Đã giải quyết";
    await t.xlsx.writeFile(theirs);
    assert.equal((await syncAsCoordinator(suite, theirs)).code, 0);

    const pulled = await syncAsCoordinator(suite, mine);
    assert.equal(pulled.code, 0, pulled.out + pulled.err);
    const cell = (await open(mine)).getWorksheet(REGISTER_SHEET)!.getCell(3, 9);
    assert.equal(cell.value, "05/03/2021");
    assert.equal(cell.numFmt, "@");
    const again = await syncAsCoordinator(suite, mine);
    assert.match(again.out, /pushed: 0 /, "read back as the same day: nothing to push");
  });
});
