import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { cli } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";

/**
 * Found by hand (/work/notes/t4-findings.md, E18): `cchc template KH2021.xlsx`, typed with the name
 * of the workbook the department keeps, replaced it with a blank template: no question, no .bak.
 */
describe("cchc template given the name of an existing workbook", () => {
  const tmp = tempDir("template-over-workbook");
  after(() => tmp.remove());

  it("refuses (exit 2) and leaves the workbook byte for byte as it was", async () => {
    const file = tmp.file("KH2021.xlsx");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("KH 2021").getCell("A1").value = "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2021 của phòng";
    await wb.xlsx.writeFile(file);
    const before = readFileSync(file);
    const r = await cli(["template", file, "--year", "2021"]);
    assert.equal(r.code, 2, r.out + r.err);
    assert.match(r.err, /đã có/);
    assert.match(r.err, /never overwrites/);
    assert.ok(readFileSync(file).equals(before), "the workbook is unchanged");
    assert.equal(
      (await cli(["template", tmp.file("moi.xlsx"), "--year", "2021"])).code,
      0,
      "a new name is written",
    );
  });
});
