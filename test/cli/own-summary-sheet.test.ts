import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { cli } from "../helpers/sync";
import { serverWithCoordinator } from "../helpers/server";
import { tempDir } from "../helpers/tmp";
import { REGISTER_HEADER, REGISTER_SHEET } from "../helpers/register";

const day = (d: number) => new Date(Date.UTC(2021, 0, d));

async function withOwnSummary(file: string, name: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const own = wb.addWorksheet(name);
  own.getCell("A1").value = "BẢNG TỔNG HỢP CỦA PHÒNG";
  own.getCell("A2").value = "Số hồ sơ";
  own.getCell("B2").value = { formula: `COUNTA('${REGISTER_SHEET}'!B3:B10)`, result: 1 };
  const ws = wb.addWorksheet(REGISTER_SHEET);
  ws.addRow(["SỔ THEO DÕI HỒ SƠ - NĂM 2021"]);
  ws.addRow(REGISTER_HEADER);
  ws.addRow([1, "OS-1", "Cấp giấy phép", "Việc làm", "VP", day(4), day(11)]);
  await wb.xlsx.writeFile(file);
}

/**
 * Found by hand (/work/notes/t4-findings.md, E17): a department's workbook with its own summary sheet
 * named "Tổng hợp" (the usual name) lost it at the first sync: the sync rewrites the sheet of that
 * name with its own summary, and the staff's formulas and notes were gone without a word.
 */
describe("a workbook with a summary sheet of its own named “Tổng hợp”", function () {
  this.timeout(60_000);
  const suite = serverWithCoordinator();
  const tmp = tempDir("own-summary-sheet");
  after(() => tmp.remove());
  const sync = (file: string) =>
    cli(["sync", file, "--server", suite.server.url, "--token", suite.token, "--as-of", "2021-03-31"]);

  it("is refused (exit 2) before anything is sent or written, with what to do", async () => {
    const file = tmp.file("own.xlsx");
    await withOwnSummary(file, "Tổng hợp");
    const before = readFileSync(file);
    const r = await sync(file);
    assert.equal(r.code, 2, r.out + r.err);
    assert.match(r.err, /có trang "Tổng hợp" của riêng bạn/);
    assert.match(r.err, /Rename that sheet/);
    assert.ok(readFileSync(file).equals(before), "the file is unchanged");
    const stats = await cli(["stats", file, "--server", suite.server.url, "--token", suite.token, "--json"]);
    assert.equal(JSON.parse(stats.out).dossiers.received.total, 1, "cchc stats still reads the file");
  });

  it("syncs once that sheet is renamed, and keeps it", async () => {
    const file = tmp.file("renamed.xlsx");
    await withOwnSummary(file, "Tổng hợp phòng");
    assert.equal((await sync(file)).code, 0);
    assert.equal((await sync(file)).code, 0);
    const wb = await new ExcelJS.Workbook().xlsx.readFile(file);
    assert.equal(wb.getWorksheet("Tổng hợp phòng")?.getCell("A1").value, "BẢNG TỔNG HỢP CỦA PHÒNG");
    assert.match(String(wb.getWorksheet("Tổng hợp")?.getCell("A1").value), /^TỔNG HỢP KẾT QUẢ/);
  });
});
