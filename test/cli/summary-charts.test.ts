/**
 * Issue 7 defect 6 meets issue 11: a workbook refreshed in Excel has native charts on "Tổng hợp".
 * The summary sheet is ours and rebuilt at every sync, so `cchc sync` drops those charts knowingly
 * (and says so); a chart anywhere else is still refused before anything is sent or written.
 * Fixtures: test/fixtures/make-summary-chart-workbooks.py (openpyxl).
 */
import { strict as assert } from "node:assert";
import { copyFileSync, readFileSync } from "node:fs";
import path from "node:path";
import JSZip from "jszip";
import { loadWorkbook } from "../../cli/xlsx/workbook-file";
import { serverWithCoordinator } from "../helpers/server";
import { cli } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";

const fixture = (name: string) => path.resolve(__dirname, "../fixtures/foreign", name);

async function partsOf(file: string): Promise<string[]> {
  return Object.keys((await JSZip.loadAsync(readFileSync(file))).files);
}

describe("charts on the summary sheet and elsewhere (cchc sync)", function () {
  this.timeout(60_000);
  const tmp = tempDir("summary-charts");
  const suite = serverWithCoordinator();
  const sync = (file: string) =>
    cli(["sync", file, "--server", suite.server.url, "--token", suite.token, "--as-of", "2021-03-31"]);
  after(() => {
    tmp.remove();
  });

  it("syncs a workbook whose only charts are on Tổng hợp, says they are redrawn by the add-in, and rebuilds the summary", async () => {
    const file = tmp.file("summary-charts.xlsx");
    copyFileSync(fixture("summary-charts.xlsx"), file);
    assert.equal((await partsOf(file)).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p)).length, 2);
    const r = await sync(file);
    assert.equal(r.code, 0, r.err + r.out);
    assert.match(r.out, /pushed: 9\b/);
    assert.match(
      r.out,
      /The 2 chart\(s\) on the summary sheet were not kept by the command line: the summary's charts are redrawn by the add-in at its next refresh/,
    );
    assert.match(r.out, /add-in vẽ lại chúng/);
    const parts = await partsOf(file);
    assert.deepEqual(
      parts.filter((p) => /chart|drawing\d/.test(p)),
      [],
      "no chart part and no dangling drawing left",
    );
    const wb = await loadWorkbook(file);
    assert.equal(wb.worksheets[0]!.name, "Tổng hợp");
    assert.match(String(wb.getWorksheet("Tổng hợp")!.getCell("A1").value), /NĂM 2021/);
    assert.equal(wb.getWorksheet("Kế hoạch")!.getCell("B5").value, "Ban hành kế hoạch CCHC năm 2021");
    const again = await sync(file);
    assert.equal(again.code, 0, again.err);
    assert.match(again.out, /pushed: 0\b/);
    assert.doesNotMatch(again.out, /redrawn by the add-in/, "nothing dropped the second time");
  });

  it("still refuses a chart on a data sheet (exit 2), naming charts and the add-in, and leaves the file untouched", async () => {
    const file = tmp.file("summary-and-data-charts.xlsx");
    copyFileSync(fixture("summary-and-data-charts.xlsx"), file);
    const before = readFileSync(file);
    const r = await sync(file);
    assert.equal(r.code, 2, r.out);
    assert.match(r.err, /charts/);
    assert.match(r.err, /biểu đồ/);
    assert.match(r.err, /Excel add-in/);
    assert.ok(readFileSync(file).equals(before), "the file is byte for byte as it was");
  });

  it("still refuses a picture on the summary sheet (only the add-in's charts are ours to drop)", async () => {
    const zip = await JSZip.loadAsync(readFileSync(fixture("summary-charts.xlsx")));
    const drawing = await zip.file("xl/drawings/drawing1.xml")!.async("string");
    const shape =
      '<oneCellAnchor><from><col>1</col><colOff>0</colOff><row>30</row><rowOff>0</rowOff></from><ext cx="952500" cy="952500"/>' +
      '<sp><nvSpPr><cNvPr id="7" name="Ghi chú của lãnh đạo"/><cNvSpPr/></nvSpPr><spPr/></sp><clientData/></oneCellAnchor>';
    zip.file(
      "xl/drawings/drawing1.xml",
      drawing.replace(/<\/(\w+:)?wsDr>/, (end) => shape + end),
    );
    const file = tmp.file("summary-shape.xlsx");
    require("node:fs").writeFileSync(file, await zip.generateAsync({ type: "nodebuffer" }));
    const before = readFileSync(file);
    const r = await sync(file);
    assert.equal(r.code, 2, r.out);
    assert.ok(readFileSync(file).equals(before));
  });
});
