import { strict as assert } from "node:assert";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import JSZip from "jszip";
import { cli } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";
import { EXCEL_TABLE, registerWithTable, tableXmlOf } from "../helpers/excel-table";
import { REGISTER_SHEET } from "../helpers/register";

const CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";

/** A chart part in the package (what the command line cannot write again). */
async function addChartPart(file: string): Promise<void> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  zip.file(
    "xl/charts/chart1.xml",
    `<?xml version="1.0" encoding="UTF-8"?><c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>`,
  );
  const types = await zip.file("[Content_Types].xml")!.async("string");
  zip.file(
    "[Content_Types].xml",
    types.replace(
      "</Types>",
      `<Override PartName="/xl/charts/chart1.xml" ContentType="${CHART_TYPE}"/></Types>`,
    ),
  );
  writeFileSync(file, await zip.generateAsync({ type: "nodebuffer" }));
}

/**
 * Found by hand (/work/notes/t4-findings.md, E4): `cchc stats f.xlsx --map …` saves the correction
 * into the workbook, and wrote it with exceljs alone: a chart was dropped without a word (the same
 * file is refused by `cchc sync`), an Excel Table lost its header row, and a workbook open in Excel
 * was written underneath it.
 */
describe("a mapping correction saved into the workbook (cchc stats --map)", function () {
  this.timeout(60_000);
  const tmp = tempDir("map-correction-file");
  after(() => tmp.remove());
  const correct = (file: string) =>
    cli(["stats", file, "--map", `${REGISTER_SHEET}!H=none`, "--as-of", "2021-03-31"]);

  it("is refused (exit 2) in a workbook holding a chart, which is left byte for byte as it was", async () => {
    const file = tmp.file("chart.xlsx");
    await registerWithTable(file, "CH", 2, EXCEL_TABLE);
    await addChartPart(file);
    const before = readFileSync(file);
    const r = await correct(file);
    assert.equal(r.code, 2, r.out + r.err);
    assert.match(r.err, /biểu đồ/);
    assert.match(r.err, /charts/);
    assert.ok(readFileSync(file).equals(before), "the file is unchanged");
  });

  it("keeps the workbook's Excel Table as it was", async () => {
    const file = tmp.file("table.xlsx");
    await registerWithTable(file, "TM", 2, EXCEL_TABLE);
    const r = await correct(file);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.err, /corrections saved in the workbook/);
    assert.equal(await tableXmlOf(file), EXCEL_TABLE("A2:H4"));
  });

  it("is refused (exit 2) while the workbook is open in Excel, and the file is not written", async () => {
    const file = tmp.file("open.xlsx");
    await registerWithTable(file, "OP", 2, EXCEL_TABLE);
    writeFileSync(path.join(tmp.dir, "~$open.xlsx"), "lock");
    const before = readFileSync(file);
    const r = await correct(file);
    assert.equal(r.code, 2, r.out + r.err);
    assert.match(r.err, /open in Excel/);
    assert.ok(readFileSync(file).equals(before), "the file is unchanged");
  });
});
