import { strict as assert } from "node:assert";
import { readFileSync, writeFileSync } from "node:fs";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { moveRanges } from "../../cli/xlsx/row-ranges";
import { parseDefinedNames } from "../../cli/xlsx/defined-names";
import { cli } from "../helpers/sync";
import { serverWithCoordinator } from "../helpers/server";
import { tempDir } from "../helpers/tmp";

const SHEET = "Kế hoạch";
const HEADER = ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành", "Tiến độ"];
const NAMES =
  `<definedNames><definedName name="NamKeHoach">2021</definedName>` +
  `<definedName name="DanhSach">OFFSET('Kế hoạch'!$B$4,0,0,COUNTA('Kế hoạch'!$B:$B),1)</definedName>` +
  `<definedName name="CotNoiDung" hidden="1">'Kế hoạch'!$B:$B</definedName>` +
  `<definedName name="NhiemVu" localSheetId="0">'Kế hoạch'!$B$4:$B$7</definedName>` +
  `<definedName name="_xlnm.Print_Area" localSheetId="0">'Kế hoạch'!$A$1:$E$7</definedName></definedNames>`;

function plan(tasks: (string | null)[][]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  ws.addRow(["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2021"]);
  ws.addRow(HEADER);
  for (const t of tasks) ws.addRow(t);
  return wb;
}

async function sheetXml(zip: JSZip, name: string): Promise<string> {
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const id = new RegExp(`<sheet\\b[^>]*name="${name}"[^>]*r:id="([^"]*)"`).exec(workbook)![1];
  const target = [...rels.matchAll(/<Relationship\b[^>]*>/g)]
    .map((m) => m[0])
    .find((r) => r.includes(`Id="${id}"`))!;
  const part = /Target="([^"]*)"/.exec(target)![1]!.replace(/^\/?xl\//, "");
  return zip.file(`xl/${part}`)!.async("string");
}

/**
 * Found by hand (/work/notes/t4-findings.md, E6, E7): a plan with its own defined names (a constant,
 * a dynamic list with OFFSET, a whole column, a name of the sheet's own), conditional formats, an
 * autofilter and a drop-down list. A sync that pulled tasks into it dropped or cut the names (the
 * OFFSET name became 'OFFSET(…'!$B$4), made the sheet's own name global, and left the formats, the
 * filter and the list over the old rows: the pulled rows had no drop-down, rows pushed down lost
 * their colours.
 */
describe("a plan with its own names, conditional formats, autofilter and drop-down list", function () {
  this.timeout(60_000);
  const suite = serverWithCoordinator();
  const tmp = tempDir("user-ranges");
  after(() => tmp.remove());
  const sync = (file: string) =>
    cli(["sync", file, "--server", suite.server.url, "--token", suite.token, "--as-of", "2021-03-31"]);

  it("keeps them over the same rows when a sync pulls a task into the middle of the plan", async () => {
    const owner = tmp.file("owner.xlsx");
    const wb = plan([
      ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC"],
      ["1", "Ban hành kế hoạch CCHC", "VP", "Quý I", "Đã hoàn thành"],
      ["II", "CẢI CÁCH THỂ CHẾ"],
      ["1", "Rà soát văn bản", "VP", "Quý II", "Đang thực hiện"],
    ]);
    // rows 3–6: I, task, II, task. The formats and the list cover rows 4–7, the filter rows 2–7.
    const ws = wb.getWorksheet(SHEET)!;
    ws.addConditionalFormatting({
      ref: "E4:E7",
      rules: [
        {
          type: "cellIs",
          operator: "equal",
          formulae: ['"Đã hoàn thành"'],
          priority: 1,
          style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFC6EFCE" } } },
        },
      ],
    });
    ws.addConditionalFormatting({
      ref: "D4:D7",
      rules: [
        {
          type: "expression",
          formulae: ['ISNUMBER(SEARCH("Quý",D4))'],
          priority: 2,
          style: { font: { bold: true } },
        },
      ],
    });
    ws.autoFilter = "A2:E7";
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    const sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    zip.file(
      "xl/worksheets/sheet1.xml",
      sheet.replace(
        "<pageMargins",
        `<dataValidations count="1"><dataValidation type="list" allowBlank="1" sqref="E4:E7"><formula1>"Đã hoàn thành,Đang thực hiện,Chưa thực hiện"</formula1></dataValidation></dataValidations><pageMargins`,
      ),
    );
    const workbookXml = (await zip.file("xl/workbook.xml")!.async("string")).replace(
      /<definedNames>[\s\S]*?<\/definedNames>|(<\/sheets>)/,
      (_, sheets?: string) => (sheets ? `${sheets}${NAMES}` : NAMES),
    );
    zip.file("xl/workbook.xml", workbookXml);
    writeFileSync(owner, await zip.generateAsync({ type: "nodebuffer" }));
    assert.equal((await sync(owner)).code, 0);

    // A colleague's plan adds a task in section I; the owner's sync puts it under the first task.
    const colleague = tmp.file("colleague.xlsx");
    await plan([
      ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC"],
      ["1", "Kiểm tra CCHC tại các phòng", "VP", "Quý III", "Chưa thực hiện"],
    ]).xlsx.writeFile(colleague);
    assert.equal((await sync(colleague)).code, 0);
    const pulled = await sync(owner);
    assert.equal(pulled.code, 0, pulled.out + pulled.err);
    assert.match(pulled.out, /dòng thêm \/ rows inserted: 1 /);

    const after = await JSZip.loadAsync(readFileSync(owner));
    const xml = await sheetXml(after, SHEET);
    const rows = await new ExcelJS.Workbook().xlsx.readFile(owner);
    assert.equal(rows.getWorksheet(SHEET)!.getCell("B5").value, "Kiểm tra CCHC tại các phòng");
    // Everything over rows 4–7 now covers rows 4–8, the pulled row 5 included.
    assert.match(xml, /<conditionalFormatting sqref="E4:E8">/);
    assert.match(xml, /<conditionalFormatting sqref="D4:D8">[\s\S]*?SEARCH\(&quot;Quý&quot;,D4\)/);
    assert.match(xml, /<autoFilter ref="A2:F8"\/>/, "the autofilter takes in the ids (column F)");
    assert.match(xml, /<dataValidation [^>]*sqref="E4:E8"/);
    const sheets = [
      ...(await after.file("xl/workbook.xml")!.async("string")).matchAll(/<sheet\b[^>]*name="([^"]*)"/g),
    ].map((m) => m[1]);
    const names = parseDefinedNames(await after.file("xl/workbook.xml")!.async("string"));
    const local = sheets.indexOf(SHEET);
    assert.deepEqual(
      names.map((n) => [n.attributes.trim(), n.sheet ?? null, n.formula]),
      [
        ['name="NamKeHoach"', null, "2021"],
        ['name="DanhSach"', null, "OFFSET('Kế hoạch'!$B$4,0,0,COUNTA('Kế hoạch'!$B:$B),1)"],
        ['name="CotNoiDung" hidden="1"', null, "'Kế hoạch'!$B:$B"],
        ['name="NhiemVu"', SHEET, "'Kế hoạch'!$B$4:$B$8"],
        ['name="_xlnm.Print_Area"', SHEET, "'Kế hoạch'!$A$1:$E$8"],
      ],
    );
    assert.ok(local > 0, "the summary sheet came first: the plan's own names point at its new place");
    assert.match(
      await after.file("xl/workbook.xml")!.async("string"),
      new RegExp(`name="NhiemVu" localSheetId="${local}"`),
    );
  });

  it("moves a range list with its rows: inserted rows inside join it, deleted ends shrink it", () => {
    // old rows 1..10: row 4 deleted (old 5, 6 → 4, 5), a row inserted at 6 (old 7 → 7, old 10 → 10)
    const map = (r: number) => (r === 4 ? undefined : r < 4 ? r : r <= 6 ? r - 1 : r);
    assert.equal(moveRanges("E4:E7 $D$2:$D$3 A4", map), "E4:E7 $D$2:$D$3");
    assert.equal(
      moveRanges("B8:C10", map, (r) => (r === 10 ? 2 : 0)),
      "B8:C12",
    );
    assert.equal(moveRanges("A:A", map), "A:A");
  });
});
