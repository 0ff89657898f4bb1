import assert from "node:assert/strict";
import { ExcelPort } from "../../addin/excel";
import { ExcelPortError } from "../../addin/excel/errors";
import { drawTemplate } from "../../addin/excel/template-sheets";
import { getDefaultCalendar } from "../../core/calendar/working-days";
import { readWorkbook } from "../../core/layout/read-workbook";
import { seedDossiersQ1_2021 } from "../../core/samples/seed-dossiers";
import { SEED_TASKS_2021, type SampleTask } from "../../core/samples/seed-tasks";
import { columnHeaders, listReference } from "../../core/template/template-model";
import { trackingWorkbook } from "../../core/template/tracking-workbook";
import { FakeExcel } from "./fake-excel/fake-excel";
import { FakeWorkbook, type SheetSeed } from "./fake-excel/model";

const OTHER: SheetSeed = { name: "Sheet1", rows: [["Ghi chép riêng", 42]] };

function setup(seeds: SheetSeed[] = [OTHER]) {
  const excel = new FakeExcel(FakeWorkbook.from(seeds));
  const port = () => new ExcelPort({ run: excel.run, isSetSupported: excel.isSetSupported });
  return { excel, port };
}

describe("the add-in's 'Tạo sổ mẫu': the template model drawn through the Excel API (fake)", function () {
  this.timeout(60_000);

  it("adds the model's sheets after the workbook's own, in two syncs; core's reader finds the model's sheets and columns", async () => {
    const { excel, port } = setup();
    const model = trackingWorkbook({ year: 2026 });
    const report = await drawTemplate(excel.run, model);
    assert.equal(report.syncs, 2, "one sync reads the sheet names, one draws everything");
    assert.equal(excel.syncs, 2);
    const names = model.sheets.map((s) => s.name);
    assert.deepEqual(
      excel.workbook.sheets.map((s) => s.name),
      ["Sheet1", ...names],
    );
    assert.deepEqual(
      excel.workbook.get("Sheet1").grid(),
      [["Ghi chép riêng", 42]],
      "the user's sheet is untouched",
    );
    assert.equal(excel.workbook.activeSheetName(), names[0]);

    const read = readWorkbook((await port().read()).sheets);
    assert.deepEqual(read.errors, []);
    assert.equal(read.year, 2026);
    const kinds = Object.fromEntries(read.mapping.map((m) => [m.sheet, m.kind]));
    assert.deepEqual(
      [kinds[names[0]!], kinds[names[1]!], kinds[names[2]!]],
      ["tasks", "dossiers", "ignored"],
    );
    for (const sheet of model.sheets.slice(0, 2)) {
      const m = read.mapping.find((x) => x.sheet === sheet.name)!;
      assert.deepEqual(m.headerRows, sheet.headerRows, `${sheet.name}: header rows`);
      assert.deepEqual(
        m.columns!.map((c) => c.header),
        columnHeaders(sheet),
        `${sheet.name}: the model's columns`,
      );
    }
  });

  it("draws merges, frozen rows, widths and the drop-down lists pointing at the words of 'Danh mục'", async () => {
    const { excel } = setup();
    const model = trackingWorkbook({ year: 2022 });
    await drawTemplate(excel.run, model);
    for (const sheet of model.sheets) {
      const fake = excel.workbook.get(sheet.name);
      assert.equal(fake.merges.length, sheet.merges.length, `${sheet.name}: merges`);
      assert.equal(fake.frozenRows, sheet.frozenRows, `${sheet.name}: frozen rows`);
      assert.equal(
        fake.formatLog.filter((l) => / columnWidth=/.test(l)).length,
        sheet.columnWidths.length,
        `${sheet.name}: a width per column`,
      );
      assert.equal(fake.validations.length, sheet.validations.length);
      sheet.validations.forEach((v, i) => {
        const got = fake.validations[i]!;
        assert.equal(got.box.left, v.box.left - 1);
        assert.equal(got.box.bottom, v.box.bottom - 1);
        assert.equal(
          got.rule?.list?.source,
          listReference(v),
          "the list's source is the lists sheet's range",
        );
        assert.equal(got.errorAlert?.title, v.errorTitle);
        const list = excel.workbook.get(v.source.sheet);
        const words = v.words.map((_, j) => list.value(v.source.firstRow - 1 + j, v.source.column - 1));
        assert.deepEqual(words, v.words);
      });
    }
  });

  it("keeps text as text: '(1)', '=…' and '- …' are written as typed, never as numbers or formulas", async () => {
    const { excel, port } = setup();
    const task = (content: string): SampleTask => ({
      field: 1,
      content,
      lead: "VP",
      deadline: "Quý I",
      output: "+ Báo cáo",
    });
    const texts = ['=HYPERLINK("http://x")', "- Rà soát thủ tục", "@mention", "12/3"];
    await drawTemplate(excel.run, trackingWorkbook({ year: 2021, tasks: texts.map(task), dossiers: [] }));
    const sheet = excel.workbook.get("Kế hoạch CCHC 2021");
    const cells = sheet.rows.flatMap((r) => r ?? []).filter((c) => c !== undefined);
    assert.deepEqual(
      cells.filter((c) => c.f !== undefined),
      [],
      "no formula",
    );
    assert.deepEqual(
      sheet.rows[5]!.map((c) => c?.v),
      Array.from({ length: 9 }, (_, i) => `(${i + 1})`),
      "the column numbers stay (1) (2) …",
    );
    const read = readWorkbook((await port().read()).sheets);
    assert.deepEqual(
      read.tasks.map((t) => t.content),
      texts,
    );
    assert.ok(read.tasks.every((t) => t.output === "+ Báo cáo"));
  });

  it("draws sample rows with their dates: the seed drawn in Excel reads as the seed (38 tasks, 17 done)", async () => {
    const { excel, port } = setup();
    const dossiers = seedDossiersQ1_2021(getDefaultCalendar());
    await drawTemplate(excel.run, trackingWorkbook({ year: 2021, tasks: SEED_TASKS_2021, dossiers }));
    const read = readWorkbook((await port().read()).sheets);
    assert.deepEqual(read.errors, []);
    assert.equal(read.tasks.length, 38);
    assert.equal(read.tasks.filter((t) => t.status === "done").length, 17);
    assert.equal(read.dossiers.length, dossiers.length);
    assert.equal(read.dossiers[0]!.receivedOn, dossiers[0]!.receivedOn, "dates read back as the same days");
  });

  it("refuses, changing nothing, when a sheet of the template's name is there (Excel ignores case)", async () => {
    const { excel } = setup([OTHER, { name: "danh mục", rows: [["Danh mục của tôi"]] }]);
    const model = trackingWorkbook({ year: 2021 });
    await assert.rejects(drawTemplate(excel.run, model), (e: unknown) => {
      assert.ok(e instanceof ExcelPortError);
      assert.match(e.userMessage.vi, /Danh mục/);
      assert.match(e.userMessage.vi, /chưa bị thay đổi/);
      assert.match(e.userMessage.en, /already has the sheet "Danh mục".*not changed/);
      return true;
    });
    assert.deepEqual(
      excel.workbook.sheets.map((s) => s.name),
      ["Sheet1", "danh mục"],
    );
    assert.deepEqual(excel.workbook.get("danh mục").grid(), [["Danh mục của tôi"]]);
    assert.equal(excel.syncs, 1, "only the names were read");
  });

  it("takes back the sheets it added when Excel refuses a command while drawing", async () => {
    const { excel } = setup();
    // No data validation (ExcelApi 1.8): the drawing sync fails at the lists, after the sheets were added.
    excel.apiSets.set("ExcelApi", "1.7");
    await assert.rejects(drawTemplate(excel.run, trackingWorkbook({ year: 2021 })), /ApiNotFound/);
    assert.deepEqual(
      excel.workbook.sheets.map((s) => s.name),
      ["Sheet1"],
    );
  });
});
