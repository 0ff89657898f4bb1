import { strict as assert } from "node:assert";
import ExcelJS from "exceljs";
import { workbookToGrids } from "../../cli/xlsx/read-xlsx";
import { buildDemoWorkbook, renderTemplate } from "../../cli/xlsx/tracking-workbook";
import { readWorkbook } from "../../core/layout/read-workbook";
import { columnHeaders, type TemplateWorkbook } from "../../core/template/template-model";
import { trackingWorkbook } from "../../core/template/tracking-workbook";

async function roundTrip(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const back = new ExcelJS.Workbook();
  await back.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  return back;
}

/** What core's layout reader must find in a drawing of the model: sheets in order, kinds, header rows, columns. */
function expectedMapping(model: TemplateWorkbook) {
  return model.sheets.map((s) => ({
    sheet: s.name,
    headerRows: s.headerRows,
    headers: columnHeaders(s),
  }));
}

describe("the tracking-workbook template: a core model drawn by the file adapter", () => {
  it("is a pure function of its options (the same model twice, nothing shared)", () => {
    const a = trackingWorkbook({ year: 2024 });
    const b = trackingWorkbook({ year: 2024 });
    assert.deepEqual(a, b);
    a.sheets[0]!.rows[0]![0] = "changed";
    assert.notEqual(b.sheets[0]!.rows[0]![0], "changed");
    assert.deepEqual(
      a.sheets.map((s) => s.name),
      ["Kế hoạch CCHC 2024", "Sổ theo dõi hồ sơ", "Danh mục"],
    );
  });

  for (const year of [2021, 2026]) {
    it(`reads back (${year}) with core's layout reader: the model's sheets, header rows and columns, no errors`, async () => {
      const model = trackingWorkbook({ year });
      const file = await roundTrip(renderTemplate(model));
      const read = readWorkbook(workbookToGrids(file));
      assert.deepEqual(read.errors, []);
      assert.equal(read.year, year, "the plan year is read from the title");
      const sheets = read.mapping.filter((m) => m.kind !== "workbook");
      assert.deepEqual(
        sheets.map((m) => [m.sheet, m.kind]),
        [
          [model.sheets[0]!.name, "tasks"],
          [model.sheets[1]!.name, "dossiers"],
          [model.sheets[2]!.name, "ignored"],
        ],
      );
      for (const want of expectedMapping(model).slice(0, 2)) {
        const got = sheets.find((m) => m.sheet === want.sheet)!;
        assert.deepEqual(got.headerRows, want.headerRows, `${want.sheet}: header rows`);
        assert.deepEqual(
          got.columns!.map((c) => c.header),
          want.headers,
          `${want.sheet}: every column of the model, as the reader names it`,
        );
      }
    });
  }

  it("draws the model's widths, heights, merges, frozen rows and drop-down lists into the file", async () => {
    const model = trackingWorkbook({ year: 2022 });
    const file = await roundTrip(renderTemplate(model));
    for (const sheet of model.sheets) {
      const ws = file.getWorksheet(sheet.name)!;
      // exceljs leaves out a width equal to its default, 9 (Excel then shows its own default, 8.43).
      sheet.columnWidths.forEach((w, i) =>
        assert.equal(ws.getColumn(i + 1).width ?? 9, w, `${sheet.name} col ${i + 1}`),
      );
      for (const { row, height } of sheet.rowHeights) assert.equal(ws.getRow(row).height, height);
      const merges = (ws.model as { merges?: string[] }).merges ?? [];
      assert.equal(merges.length, sheet.merges.length, `${sheet.name}: merges`);
      const views = ws.views?.[0] as { state?: string; ySplit?: number } | undefined;
      assert.equal(
        views?.state === "frozen" ? views.ySplit : 0,
        sheet.frozenRows,
        `${sheet.name}: frozen rows`,
      );
      for (const v of sheet.validations) {
        const dv = ws.getCell(v.box.bottom, v.box.left).dataValidation;
        assert.equal(dv.type, "list");
        const list = file.getWorksheet(v.source.sheet)!;
        const [, col, first] = /!\$([A-Z]+)\$(\d+):/.exec(dv.formulae![0] as string)!;
        const words = v.words.map((_, i) => list.getCell(`${col}${Number(first) + i}`).value);
        assert.deepEqual(words, v.words, `${sheet.name}: the list at ${col}${first} holds the words offered`);
      }
    }
  });

  it("draws sample rows: the demo workbook still reads as the seed (38 tasks, 339 dossiers, no errors)", async () => {
    const read = readWorkbook(workbookToGrids(await roundTrip(buildDemoWorkbook())));
    assert.deepEqual(read.errors, []);
    assert.equal(read.tasks.length, 38);
    assert.equal(read.tasks.filter((t) => t.status === "done").length, 17);
    assert.ok(read.dossiers.length > 300);
  });
});
