/// <reference types="office-js" />
import assert from "node:assert/strict";
import { FakeExcel, PATH_OVERHEAD } from "./fake-excel/fake-excel";
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
      const n = used.getSpecialCellsOrNullObject("Constants", "Numbers").load("address");
      const k = used.getSpecialCellsOrNullObject("Constants").load("address");
      const m = ws.getRange().getMergedAreasOrNullObject().load("address");
      assert.throws(() => none.isNullObject, /PropertyNotLoaded/);
      await ctx.sync();
      assert.equal(none.isNullObject, true);
      assert.equal(used.address, "'Kế hoạch'!A1:B4");
      assert.equal(f.address, "'Kế hoạch'!A4");
      assert.equal(n.address, "'Kế hoạch'!A2:A3", "numbers that are no formula");
      assert.equal(k.address, "'Kế hoạch'!A1:A3,'Kế hoạch'!B1:B4");
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

/**
 * Where the fake was kinder than Excel (T7's audit, /work/notes/t7-findings.md): each strictness
 * below is Excel's documented behaviour, with its source beside the fake's code.
 */
describe("the fake Excel API is as strict as Excel", () => {
  const enter = async (value: string, format?: string) => {
    const x = fake();
    await x.run(async (ctx) => {
      const cell = ctx.workbook.worksheets.getItem("Kế hoạch").getRange("F1");
      if (format) cell.numberFormat = [[format]];
      cell.values = [[value]];
    });
    return x.workbook.get("Kế hoạch").value(0, 5);
  };

  it("text typed into a General cell becomes what an en-US Excel reads in it; a Text cell keeps it", async () => {
    const serial = (y: number, m: number, d: number) =>
      (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;
    const year = new Date().getUTCFullYear();
    const cases: [string, unknown][] = [
      ["001", 1],
      ["1,000", 1000],
      ["$12.50", 12.5],
      ["12%", 0.12],
      ["(5)", -5],
      ["1 1/2", 1.5],
      ["10:30", 0.4375],
      ["10:30 PM", 22.5 / 24],
      ["03/04/2021", serial(2021, 3, 4)], // month first: 4 March, not 3 April
      ["2021-03-04", serial(2021, 3, 4)],
      ["5-Mar", serial(year, 3, 5)],
      ["Mar 5, 2021", serial(2021, 3, 5)],
      ["12/2", serial(year, 12, 2)],
      ["25/12/2021", "25/12/2021"], // no 25th month: stays text
      ["1234567890123456789", 1234567890123450000], // 15 significant digits
      ["true", true],
      ["'=1+2", "=1+2"], // the apostrophe is a prefix, not part of the value
      ["Hồ sơ 12", "Hồ sơ 12"],
    ];
    for (const [typed, value] of cases) assert.deepEqual(await enter(typed), value, typed);
    for (const [typed] of cases) assert.equal(await enter(typed, "@"), typed, `${typed} in a Text cell`);
  });

  it("a date typed into a General cell gets Excel's date format: '6/2026' is the 1st of June shown 'mmm-yy' (T17)", async () => {
    const serial = (y: number, m: number, d: number) =>
      (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;
    const typed = async (value: string, format?: string) => {
      const x = fake();
      await x.run(async (ctx) => {
        const cell = ctx.workbook.worksheets.getItem("Kế hoạch").getRange("F1");
        if (format) cell.numberFormat = [[format]];
        cell.values = [[value]];
      });
      const cell = x.workbook.get("Kế hoạch").cell(0, 5);
      const shown = await x.run(async (ctx) => {
        const r = ctx.workbook.worksheets.getItem("Kế hoạch").getRange("F1").load("numberFormat");
        await ctx.sync();
        return r.numberFormat[0]![0];
      });
      return [cell?.v, shown];
    };
    const year = new Date().getUTCFullYear();
    assert.deepEqual(await typed("6/2026"), [serial(2026, 6, 1), "mmm-yy"]);
    assert.deepEqual(await typed("Jun 2026"), [serial(2026, 6, 1), "mmm-yy"]);
    assert.deepEqual(await typed("03/04/2021"), [serial(2021, 3, 4), "m/d/yyyy"]);
    assert.deepEqual(await typed("12/2"), [serial(year, 12, 2), "d-mmm"]);
    assert.deepEqual(
      await typed("6/2026", "mm/yyyy"),
      [serial(2026, 6, 1), "mm/yyyy"],
      "a cell's own format stays",
    );
    assert.deepEqual(await typed("Hồ sơ 12"), ["Hồ sơ 12", "General"]);
    assert.deepEqual(await typed("6/2026", "@"), ["6/2026", "@"]);
  });

  it("null leaves a cell alone inside an array, but a property cannot be set to null", async () => {
    const x = fake();
    await assert.rejects(
      x.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Kế hoạch").getRange("A1").values = null as unknown as string[][];
      }),
      /InvalidArgument/,
    );
    assert.equal(x.workbook.get("Kế hoạch").value(0, 0), "STT");
  });

  it("data validations move and grow with inserted rows, shrink with deleted ones", async () => {
    const x = fake();
    const s = x.workbook.get("Kế hoạch");
    s.validations.push({ box: { top: 1, left: 4, bottom: 4, right: 4 } });
    await x.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Kế hoạch");
      ws.getRangeByIndexes(2, 0, 2, 1).getEntireRow().insert("Down");
    });
    assert.deepEqual(s.validations[0]!.box, { top: 1, left: 4, bottom: 6, right: 4 });
    await x.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Kế hoạch").getRangeByIndexes(0, 0, 3, 1).getEntireRow().delete("Up");
    });
    assert.deepEqual(s.validations[0]!.box, { top: 0, left: 4, bottom: 3, right: 4 });
  });

  it("a cell holds at most 32,767 characters", async () => {
    await assert.rejects(enter("x".repeat(32_768), "@"), /InvalidArgument/);
    assert.equal(await enter("x".repeat(32_767), "@"), "x".repeat(32_767));
  });

  it("in cell-edit mode a sync fails (InvalidOperationInCellEditMode), or waits for the edit to end with delayForCellEdit", async () => {
    const x = fake();
    const endEdit = x.startCellEdit();
    const write = (ctx: Excel.RequestContext) => {
      ctx.workbook.worksheets.getItem("Kế hoạch").getRange("F1").values = [["x"]];
      return ctx.sync();
    };
    await assert.rejects(x.run(write), /InvalidOperationInCellEditMode/);
    assert.equal(x.workbook.get("Kế hoạch").value(0, 5), "", "nothing applied");
    let done = false;
    const waiting = x.run({ delayForCellEdit: true }, write).then(() => (done = true));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(done, false, "waits while the user edits");
    endEdit();
    await waiting;
    assert.equal(x.workbook.get("Kế hoạch").value(0, 5), "x");
  });

  it("an object used after its Excel.run ended, or in another run, is refused", async () => {
    const x = fake();
    const kept = await x.run(async (ctx) => ctx.workbook.worksheets.getItem("Kế hoạch").getRange("A1"));
    assert.throws(() => (kept.values = [["x"]]), /InvalidObjectPath/);
    assert.throws(() => kept.load("values"), /InvalidObjectPath/);
    await assert.rejects(
      x.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Kế hoạch").notes.add(kept, "ghi chú");
        await ctx.sync();
      }),
      /InvalidRequestContext/,
    );
  });

  it("a protected sheet refuses formatting and merges too; a protected workbook refuses to add, delete, move or hide sheets", async () => {
    const x = fake();
    x.workbook.get("Kế hoạch").protected = true;
    for (const change of [
      (r: Excel.Range) => (r.format.font.bold = true),
      (r: Excel.Range) => r.merge(false),
      (r: Excel.Range) => r.unmerge(),
    ])
      await assert.rejects(
        x.run(async (ctx) => change(ctx.workbook.worksheets.getItem("Kế hoạch").getRange("E1:F1"))),
        /AccessDenied/,
      );
    x.workbook.get("Kế hoạch").protected = false;
    x.workbook.addSeed({ name: "Khác" });
    x.workbook.protected = true;
    const structure = [
      (ctx: Excel.RequestContext) => void ctx.workbook.worksheets.add("Mới"),
      (ctx: Excel.RequestContext) => ctx.workbook.worksheets.getItem("Khác").delete(),
      (ctx: Excel.RequestContext) => void (ctx.workbook.worksheets.getItem("Khác").position = 0),
      (ctx: Excel.RequestContext) => void (ctx.workbook.worksheets.getItem("Khác").visibility = "Hidden"),
    ];
    for (const change of structure)
      await assert.rejects(
        x.run(async (ctx) => change(ctx)),
        /AccessDenied/,
      );
    assert.deepEqual(
      x.workbook.sheets.map((s) => [s.name, s.visibility]),
      [
        ["Kế hoạch", "Visible"],
        ["Khác", "Visible"],
      ],
    );
    const seen = await x.run(async (ctx) => {
      const p = ctx.workbook.protection.load("protected");
      await ctx.sync();
      return p.protected;
    });
    assert.equal(seen, true);
    // Cells of an unprotected sheet can still be written.
    await x.run(
      async (ctx) => void (ctx.workbook.worksheets.getItem("Khác").getRange("A1").values = [["ok"]]),
    );
    assert.equal(x.workbook.get("Khác").value(0, 0), "ok");
  });

  it("getMergedAreasOrNullObject reports the areas whose top-left cell is in the range, and fails past 512", async () => {
    const x = new FakeExcel(
      FakeWorkbook.from([
        {
          name: "Sổ",
          merges: Array.from({ length: 513 }, (_, i) => ({
            top: 2 * i,
            left: 1,
            bottom: 2 * i + 1,
            right: 1,
          })),
        },
      ]),
    );
    const merged = (address?: string) =>
      x.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("Sổ");
        const m = (address ? ws.getRange(address) : ws.getRange())
          .getMergedAreasOrNullObject()
          .load("address");
        await ctx.sync();
        return m.isNullObject ? null : m.address;
      });
    await assert.rejects(merged(), /GeneralException/);
    assert.equal((await merged("1:1024"))!.split(",").length, 512);
    assert.equal(await merged("B2:B3"), "'Sổ'!B3:B4", "B1:B2 only overlaps: not reported");
  });

  it("a request counts each command and each object it reaches (an object path of its own)", async () => {
    const x = fake();
    await x.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Kế hoạch");
      for (let i = 0; i < 1_000; i++) ws.getRangeByIndexes(i, 5, 1, 1).values = [["x"]];
    });
    // 1,000 ranges (paths) and 1,000 writes (actions), each with its [["x"]]: ~270 bytes a cell, not 150.
    assert.ok(x.maxRequest() >= 1_000 * (150 + PATH_OVERHEAD), `request ${x.maxRequest()}`);
  });

  it("sheet names follow Excel's rules: 31 characters, no / \\ ? * : [ ], no apostrophe first or last, not History", async () => {
    for (const name of ["x".repeat(32), "a/b", "a:b", "[a]", "'a", "a'", "History", " "])
      await assert.rejects(
        x().run(async (ctx) => void ctx.workbook.worksheets.add(name)),
        /InvalidArgument/,
        name,
      );
    await fake().run(async (ctx) => void ctx.workbook.worksheets.add("Tổng hợp 'Q1' 2021"));
    function x() {
      return fake();
    }
  });
});
