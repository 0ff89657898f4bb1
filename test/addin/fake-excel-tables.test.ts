/// <reference types="office-js" />
import assert from "node:assert/strict";
import { FakeExcel, fromR1C1, toR1C1 } from "./fake-excel/fake-excel";
import { FakeWorkbook, type SheetSeed } from "./fake-excel/model";

/** A register: title on row 1, header on row 2, three dossiers; a filter or a table over A2:C5. */
const SHEET: SheetSeed = {
  name: "Sổ",
  rows: [
    ["SỔ THEO DÕI HỒ SƠ"],
    ["STT", "Mã hồ sơ", "Lĩnh vực"],
    [1, "HS-1", "Việc làm"],
    [2, "HS-2", "Người có công"],
    [3, "HS-3", "Việc làm"],
  ],
};
const BOX = { top: 1, left: 0, bottom: 4, right: 2 };

function withFilter(criteria?: Record<number, Record<string, unknown>>): FakeExcel {
  return new FakeExcel(
    FakeWorkbook.from([{ ...SHEET, autoFilter: { box: BOX, ...(criteria && { criteria }) } }]),
  );
}
function withTable(showTotals = false): FakeExcel {
  return new FakeExcel(FakeWorkbook.from([{ ...SHEET, tables: [{ name: "SoHoSo", box: BOX, showTotals }] }]));
}

describe("the fake Excel API: AutoFilter and tables (ExcelApi 1.9, 1.1-1.13)", () => {
  it("the AutoFilter's range, enabled, isDataFiltered and criteria load after sync; they need ExcelApi 1.9", async () => {
    const x = withFilter({ 2: { filterOn: "Values", values: ["Việc làm"] } });
    const seen = await x.run(async (ctx) => {
      const f = ctx.workbook.worksheets.getItem("Sổ").autoFilter;
      f.load("enabled,isDataFiltered,criteria");
      const range = f.getRangeOrNullObject().load("address");
      assert.throws(() => f.enabled, /PropertyNotLoaded/);
      await ctx.sync();
      return { enabled: f.enabled, filtered: f.isDataFiltered, criteria: f.criteria, address: range.address };
    });
    assert.deepEqual(seen, {
      enabled: true,
      filtered: true,
      criteria: [{}, {}, { filterOn: "Values", values: ["Việc làm"] }],
      address: "'Sổ'!A2:C5",
    });
    const none = new FakeExcel(FakeWorkbook.from([SHEET]));
    const isNull = await none.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sổ").autoFilter.getRangeOrNullObject();
      await ctx.sync();
      return r.isNullObject;
    });
    assert.equal(isNull, true);
    x.apiSets.set("ExcelApi", "1.8");
    await assert.rejects(
      x.run(async (ctx) => void ctx.workbook.worksheets.getItem("Sổ").autoFilter.load("enabled")),
      /ApiNotFound/,
    );
  });

  it("apply on the same range keeps the criteria; on another range the fake drops them (undocumented: assume the worst)", async () => {
    const x = withFilter({ 2: { filterOn: "Values", values: ["Việc làm"] } });
    await x.run(async (ctx) => ctx.workbook.worksheets.getItem("Sổ").autoFilter.apply("A2:C5"));
    assert.equal(x.workbook.get("Sổ").autoFilter!.criteria.size, 1);
    await x.run(async (ctx) => ctx.workbook.worksheets.getItem("Sổ").autoFilter.apply("A2:D5"));
    assert.deepEqual(x.workbook.get("Sổ").autoFilter!.box, { ...BOX, right: 3 });
    assert.equal(x.workbook.get("Sổ").autoFilter!.criteria.size, 0);
  });

  it("whole rows inserted inside a table or a filter grow it; rows inserted right under it stay outside; deletes shrink it", async () => {
    for (const x of [withTable(), withFilter()]) {
      const box = () => x.workbook.get("Sổ").tables[0]?.box ?? x.workbook.get("Sổ").autoFilter!.box;
      await x.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("Sổ");
        ws.getRangeByIndexes(3, 0, 2, 1).getEntireRow().insert("Down"); // inside: rows 4-5
      });
      assert.deepEqual(box(), { ...BOX, bottom: 6 });
      await x.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Sổ").getRangeByIndexes(7, 0, 1, 1).getEntireRow().insert("Down");
      });
      assert.deepEqual(box(), { ...BOX, bottom: 6 }, "a row right under it is not in it");
      await x.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Sổ").getRangeByIndexes(0, 0, 1, 1).getEntireRow().delete("Up");
      });
      assert.deepEqual(box(), { ...BOX, top: 0, bottom: 5 }, "moved up with its rows");
    }
  });

  it("a table lists, adds a named column at its right over empty cells, and resizes keeping its header row", async () => {
    const x = withTable();
    const loaded = await x.run(async (ctx) => {
      const tables = ctx.workbook.worksheets.getItem("Sổ").tables.load("items/name,items/showTotals");
      await ctx.sync();
      const t = tables.items[0]!;
      const range = t.getRange().load("address");
      await ctx.sync();
      t.columns.add(null as unknown as undefined, undefined, "cchc_id");
      return { name: t.name, totals: t.showTotals, address: range.address };
    });
    assert.deepEqual(loaded, { name: "SoHoSo", totals: false, address: "'Sổ'!A2:C5" });
    const s = x.workbook.get("Sổ");
    assert.deepEqual(s.tables[0]!.box, { ...BOX, right: 3 });
    assert.deepEqual(s.tables[0]!.columns, ["STT", "Mã hồ sơ", "Lĩnh vực", "cchc_id"]);
    assert.equal(s.value(1, 3), "cchc_id");

    s.at(2, 4).v = "x";
    await assert.rejects(
      x.run(
        async (ctx) => void ctx.workbook.worksheets.getItem("Sổ").tables.getItem("SoHoSo").columns.add(-1),
      ),
      /NotImplemented/,
      "a column over cells that hold values",
    );
    await x.run(async (ctx) =>
      ctx.workbook.worksheets.getItem("Sổ").tables.getItem("SoHoSo").resize("A2:D7"),
    );
    assert.deepEqual(s.tables[0]!.box, { ...BOX, right: 3, bottom: 6 });
    await assert.rejects(
      x.run(async (ctx) => ctx.workbook.worksheets.getItem("Sổ").tables.getItem("SoHoSo").resize("A3:D7")),
      /InvalidArgument/,
      "the header row stays on its row",
    );
    x.apiSets.set("ExcelApi", "1.12");
    await assert.rejects(
      x.run(async (ctx) => ctx.workbook.worksheets.getItem("Sổ").tables.getItem("SoHoSo").resize("A2:D8")),
      /ApiNotFound/,
    );
  });

  it("Range.clear empties values, formulas and number formats (not merges); a protected structure still lets cells, formats and charts change", async () => {
    const x = new FakeExcel(
      FakeWorkbook.from([
        {
          ...SHEET,
          formulas: [{ row: 4, col: 0, formula: "=A4+1" }],
          numberFormats: [{ row: 2, col: 1, format: "@" }],
          merges: [{ top: 0, left: 0, bottom: 0, right: 2 }],
        },
      ]),
    );
    x.workbook.protected = true;
    await x.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sổ");
      ws.getRange().clear("All");
      ws.horizontalPageBreaks.removePageBreaks();
      ws.getRange("A1").values = [["mới"]];
      ws.charts.add("ColumnClustered", ws.getRange("A1:B2"), "Columns");
    });
    const s = x.workbook.get("Sổ");
    assert.deepEqual(s.grid(), [["mới"]]);
    assert.equal(s.cell(4, 0)?.f, undefined);
    assert.equal(s.cell(2, 1)?.nf, undefined);
    assert.equal(s.merges.length, 1, "merges stay until unmerged");
    assert.ok(s.formatLog.includes("pageBreaks removed"));
  });

  it("formulasR1C1 reads and writes references relative to each cell; structured references stay as they are", async () => {
    assert.equal(toR1C1("=B3-A3+$A$1+SUM(A1:B2)", 2, 2), "=RC[-1]-RC[-2]+R1C1+SUM(R[-2]C[-2]:R[-1]C[-1])");
    assert.equal(fromR1C1("=RC[-1]-RC[-2]+R1C1", 5, 2), "=B6-A6+$A$1");
    assert.equal(toR1C1("=[@[Hẹn trả]]-[@Nhận]", 4, 4), "=[@[Hẹn trả]]-[@Nhận]");
    const x = withTable();
    await x.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sổ");
      ws.getRange("D3:D4").formulasR1C1 = [["=RC[-3]*2"], [null as unknown as string]];
      const body = ws.tables.getItem("SoHoSo").getDataBodyRange();
      const first = body.getRow(0).load("formulasR1C1,address");
      const last = body.getLastRow().load("address");
      await ctx.sync();
      assert.deepEqual(first.formulasR1C1, [[1, "HS-1", "Việc làm"]]);
      assert.deepEqual([first.address, last.address], ["'Sổ'!A3:C3", "'Sổ'!A5:C5"]);
    });
    assert.equal(x.workbook.get("Sổ").cell(2, 3)?.f, "=A3*2");
    assert.equal(x.workbook.get("Sổ").cell(3, 3), undefined, "null leaves the cell alone");
  });
});
