import { strict as assert } from "node:assert";
import { readFileSync, writeFileSync } from "node:fs";
import JSZip from "jszip";
import { sqrefCells, withLargeValidations, withoutLargeValidations } from "../../cli/xlsx/large-validations";
import { syncAsCoordinator } from "../helpers/sync";
import { serverWithCoordinator } from "../helpers/server";
import { tempDir } from "../helpers/tmp";
import { REGISTER_SHEET, registerWorkbook } from "../helpers/register";

const day = (d: number) => new Date(Date.UTC(2021, 0, d));
const EXCEL = `<dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="I:I"><formula1>"Anh An,Chị Bình"</formula1></dataValidation>`;
const LIBREOFFICE = `<dataValidation type="list" allowBlank="1" sqref="J1:J1048576"><formula1>"Có,Không"</formula1></dataValidation>`;

async function registerSheetXml(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const id = new RegExp(`<sheet\\b[^>]*name="${REGISTER_SHEET}"[^>]*r:id="([^"]*)"`).exec(workbook)![1];
  const rel = [...rels.matchAll(/<Relationship\b[^>]*>/g)]
    .map((m) => m[0])
    .find((r) => r.includes(`Id="${id}"`))!;
  return zip.file(`xl/${/Target="([^"]*)"/.exec(rel)![1]!.replace(/^\/?xl\//, "")}`)!.async("string");
}

/**
 * Found by hand (/work/notes/t4-findings.md, E12): a drop-down list over a whole column (Excel writes
 * `I:I`, LibreOffice `J1:J1048576`). exceljs moved Excel's to cell A1 (the list left column I and sat
 * on the title), and expanded LibreOffice's into a million cells: 30 s and 800 MB for a small plan.
 */
describe("a drop-down list over a whole column", function () {
  this.timeout(60_000);
  const suite = serverWithCoordinator();
  const tmp = tempDir("whole-column-validation");
  after(() => tmp.remove());

  it("stays on its column after a sync, as Excel or LibreOffice wrote it", async () => {
    const file = tmp.file("register.xlsx");
    const { wb, ws } = registerWorkbook(["Người xử lý", "Đã báo cáo"]);
    for (let i = 0; i < 3; i++)
      ws.addRow([
        i + 1,
        `WC-${i}`,
        "Cấp giấy phép",
        "Việc làm",
        "VP",
        day(4 + i),
        day(11 + i),
        "Anh An",
        "Có",
      ]);
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    const sheet = "xl/worksheets/sheet1.xml";
    const xml = await zip.file(sheet)!.async("string");
    zip.file(
      sheet,
      xml.replace(
        "<pageMargins",
        `<dataValidations count="2">${EXCEL}${LIBREOFFICE}</dataValidations><pageMargins`,
      ),
    );
    writeFileSync(file, await zip.generateAsync({ type: "nodebuffer" }));

    const r = await syncAsCoordinator(suite, file);
    assert.equal(r.code, 0, r.out + r.err);
    const after = await registerSheetXml(file);
    const sqrefs = [...after.matchAll(/<dataValidation\b[^>]*\ssqref="([^"]*)"/g)].map((m) => m[1]);
    assert.deepEqual(sqrefs.sort(), ["I:I", "J1:J1048576"]);
    assert.ok(after.includes(EXCEL) && after.includes(LIBREOFFICE), "written back as they were");
  });

  it("is told apart from a register's own lists by the cells it covers", () => {
    assert.equal(sqrefCells("I:I"), 1_048_576);
    assert.equal(sqrefCells("$J$1:$J$1048576 B5"), 1_048_577);
    assert.equal(sqrefCells("G8:H35"), 56);
    const xml = `<worksheet><sheetData/><dataValidations count="2">${EXCEL}<dataValidation sqref="G8:G35"><formula1>"a"</formula1></dataValidation></dataValidations><pageMargins/></worksheet>`;
    const { xml: small, large } = withoutLargeValidations(xml);
    assert.deepEqual(large, [EXCEL]);
    assert.equal(
      small,
      `<worksheet><sheetData/><dataValidations count="1"><dataValidation sqref="G8:G35"><formula1>"a"</formula1></dataValidation></dataValidations><pageMargins/></worksheet>`,
    );
    assert.equal(
      withLargeValidations(small, large).replace(/count="\d"/, ""),
      xml
        .replace(/count="\d"/, "")
        .replace(
          `${EXCEL}<dataValidation sqref="G8:G35"><formula1>"a"</formula1></dataValidation>`,
          `<dataValidation sqref="G8:G35"><formula1>"a"</formula1></dataValidation>${EXCEL}`,
        ),
    );
    assert.equal(
      withLargeValidations("<worksheet><sheetData/><pageMargins/></worksheet>", [LIBREOFFICE]),
      `<worksheet><sheetData/><dataValidations count="1">${LIBREOFFICE}</dataValidations><pageMargins/></worksheet>`,
    );
  });
});
