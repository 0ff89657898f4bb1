/// <reference types="office-js" />
import assert from "node:assert/strict";
import { FakeExcel } from "./fake-excel/fake-excel";
import { FakeWorkbook } from "./fake-excel/model";

function fake(): FakeExcel {
  return new FakeExcel(
    FakeWorkbook.from([
      {
        name: "Kế hoạch",
        rows: [
          ["STT", "Nội dung"],
          [1, "a"],
          [2, "b"],
          [3, "c"],
        ],
        formulas: [{ row: 3, col: 0, formula: "=A3+1" }],
        merges: [{ top: 2, left: 1, bottom: 3, right: 2 }],
        notes: [{ row: 3, col: 1, text: "ghi chú" }],
      },
    ]),
  );
}

describe("the fake Excel API behaves like Office.js", () => {
  it("a property read before load + sync throws PropertyNotLoaded; after, it holds the values", async () => {
    const x = fake();
    await x.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Kế hoạch").getRange("A1:B2");
      assert.throws(() => r.values, /PropertyNotLoaded/);
      r.load("values");
      assert.throws(() => r.values, /PropertyNotLoaded/);
      await ctx.sync();
      assert.deepEqual(r.values, [
        ["STT", "Nội dung"],
        [1, "a"],
      ]);
    });
    assert.equal(x.syncs, 1);
  });

  it("writes apply at sync; null leaves a cell; text typed into a General cell may become a formula or a number, not in a Text (@) cell", async () => {
    const x = fake();
    await x.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Kế hoạch");
      ws.getRange("A2:B2").values = [[null as unknown as string, "=1+2"]];
      ws.getRange("C2").values = [["007"]];
      ws.getRange("D2").numberFormat = [["@"]];
      ws.getRange("D2").values = [["=1+2"]];
      assert.equal(x.workbook.get("Kế hoạch").value(1, 1), "a");
      await ctx.sync();
    });
    const s = x.workbook.get("Kế hoạch");
    assert.equal(s.value(1, 0), 1);
    assert.equal(s.cell(1, 1)?.f, "=1+2");
    assert.equal(s.value(1, 2), 7);
    assert.equal(s.value(1, 3), "=1+2");
    assert.equal(s.cell(1, 3)?.f, undefined);
  });

  it("whole-row insert and delete move values, merges and notes", async () => {
    const x = fake();
    await x.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Kế hoạch");
      ws.getRangeByIndexes(1, 0, 2, 1).getEntireRow().insert("Down");
      await ctx.sync();
    });
    const s = x.workbook.get("Kế hoạch");
    assert.deepEqual(s.grid()[3], [1, "a"]);
    assert.deepEqual(s.merges, [{ top: 4, left: 1, bottom: 5, right: 2 }]);
    assert.equal(s.notes.get("5:1"), "ghi chú");
    await x.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Kế hoạch").getRangeByIndexes(0, 0, 4, 1).getEntireRow().delete("Up");
    });
    assert.deepEqual(s.grid()[0], [2, "b"]);
    assert.deepEqual(s.merges, [{ top: 0, left: 1, bottom: 1, right: 2 }]);
    assert.equal(s.notes.get("1:1"), "ghi chú");
    assert.equal(x.syncs, 2, "Excel.run syncs what is still queued");
  });

  it("refuses a payload over 5 MB and a range over 5,000,000 cells", async () => {
    const x = fake();
    const big = Array.from({ length: 60_000 }, () => ["x".repeat(100)]);
    await assert.rejects(
      x.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Kế hoạch").getRangeByIndexes(0, 5, big.length, 1).values = big;
        await ctx.sync();
      }),
      /RequestPayloadSizeLimitExceeded/,
    );
    await assert.rejects(
      x.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Kế hoạch").getRange().load("values");
        await ctx.sync();
      }),
      /RangeExceedsLimit/,
    );
  });

  it("null objects, used ranges, special cells, merged areas; notes need ExcelApi 1.18", async () => {
    const x = fake();
    await x.run(async (ctx) => {
      const none = ctx.workbook.worksheets.getItemOrNullObject("nope");
      const ws = ctx.workbook.worksheets.getItem("Kế hoạch");
      const used = ws.getUsedRange(true).load("address,rowCount");
      const f = used.getSpecialCellsOrNullObject("Formulas").load("address");
      const m = ws.getRange().getMergedAreasOrNullObject().load("address");
      assert.throws(() => none.isNullObject, /PropertyNotLoaded/);
      await ctx.sync();
      assert.equal(none.isNullObject, true);
      assert.equal(used.address, "'Kế hoạch'!A1:B4");
      assert.equal(f.address, "'Kế hoạch'!A4");
      assert.equal(m.address, "'Kế hoạch'!B3:C4");
    });
    x.apiSets.set("ExcelApi", "1.17");
    await assert.rejects(
      x.run(async (ctx) => {
        ctx.workbook.notes.load("items/content");
        await ctx.sync();
      }),
      /ApiNotFound/,
    );
  });

  it("the active cell and sheet: A1 of the first visible sheet before any selection, then the cell the user selects; loaded after sync; getActiveCell needs ExcelApi 1.7", async () => {
    const x = fake();
    x.workbook.addSeed({ name: "Ẩn", visibility: "Hidden" });
    x.workbook.sheets.reverse(); // a hidden sheet first: Excel never shows it
    x.workbook.addSeed({ name: "Sổ" });
    const active = () =>
      x.run(async (ctx) => {
        const cell = ctx.workbook.getActiveCell().load(["rowIndex", "columnIndex", "address"]);
        const sheet = ctx.workbook.worksheets.getActiveWorksheet().load("name");
        assert.throws(() => cell.rowIndex, /PropertyNotLoaded/);
        assert.throws(() => sheet.name, /PropertyNotLoaded/);
        await ctx.sync();
        return { sheet: sheet.name, row: cell.rowIndex, col: cell.columnIndex, address: cell.address };
      });
    assert.deepEqual(await active(), { sheet: "Kế hoạch", row: 0, col: 0, address: "'Kế hoạch'!A1" });
    x.workbook.select("Sổ", 6, 2);
    assert.deepEqual(await active(), { sheet: "Sổ", row: 6, col: 2, address: "'Sổ'!C7" });
    // The adapter's own selection (Range.select) moves it too.
    await x.run(async (ctx) => ctx.workbook.worksheets.getItem("Kế hoạch").getRange("B3").select());
    assert.deepEqual(await active(), { sheet: "Kế hoạch", row: 2, col: 1, address: "'Kế hoạch'!B3" });
    // Another sheet activated: its active cell is its A1 here (the fake keeps one selection).
    await x.run(async (ctx) => ctx.workbook.worksheets.getItem("Sổ").activate());
    assert.deepEqual(await active(), { sheet: "Sổ", row: 0, col: 0, address: "'Sổ'!A1" });
    x.apiSets.set("ExcelApi", "1.6");
    await assert.rejects(active(), /ApiNotFound: Workbook.getActiveCell needs ExcelApi 1.7/);
  });
});
