import assert from "node:assert/strict";
import { ExcelPort, selectCell } from "../../addin/excel";
import { edit } from "../contract/workbook-port.contract";
import { FakeExcel, PAYLOAD_LIMIT } from "./fake-excel/fake-excel";
import { FakeWorkbook, type Raw, type SheetSeed } from "./fake-excel/model";

function setup(seeds: SheetSeed[]): { excel: FakeExcel; port: ExcelPort } {
  const excel = new FakeExcel(FakeWorkbook.from(seeds));
  return { excel, port: new ExcelPort({ run: excel.run, isSetSupported: excel.isSetSupported }) };
}

/** A register of `rows` rows, each cell `width` characters of Vietnamese text. */
function register(rows: number, width: number, cols = 10): SheetSeed {
  const text = "Hồ sơ đăng ký kinh doanh ".repeat(Math.ceil(width / 25)).slice(0, width);
  return {
    name: "Sổ hồ sơ",
    rows: [
      Array.from({ length: cols }, (_, c) => `Cột ${c + 1}`),
      ...Array.from({ length: rows }, (_, r) =>
        Array.from({ length: cols }, (_, c): Raw => (c === 0 ? r + 1 : text)),
      ),
    ],
  };
}

describe("the Excel adapter on the fake Excel API", function () {
  this.timeout(120_000);

  it("reads a large sheet in blocks under 5 MB: the number of syncs follows the data size, not the rows", async () => {
    const small = setup([register(40_000, 4)]);
    const snapSmall = await small.port.read();
    const large = setup([register(40_000, 40)]);
    const snap = await large.port.read();
    assert.equal(snap.sheets[0]!.rows.length, 40_001);
    assert.equal(snap.sheets[0]!.rows[40_000]![0], 40_000);
    assert.equal(snapSmall.sheets[0]!.rows[123]![0], 123);
    for (const x of [small, large])
      assert.ok(x.excel.maxResponse() < PAYLOAD_LIMIT && x.excel.maxRequest() < PAYLOAD_LIMIT);
    const bytes = JSON.stringify(register(40_000, 40).rows).length * 1.3; // UTF-8 of Vietnamese text
    // 40,000 rows of short cells fit in one or two blocks; ten times the bytes take about ten times the blocks.
    assert.ok(small.port.lastRead!.syncs <= 4, `small: ${small.port.lastRead!.syncs} syncs`);
    assert.ok(
      large.port.lastRead!.syncs >= 2 + Math.floor(bytes / 4_000_000),
      `large: ${large.port.lastRead!.syncs} syncs`,
    );
    assert.ok(
      large.port.lastRead!.syncs <= 3 + Math.ceil((bytes * 1.6) / 4_000_000),
      `large: ${large.port.lastRead!.syncs} syncs`,
    );
  });

  it("retries a block Excel refuses for its size with smaller blocks (rows much larger than the first ones)", async () => {
    const seed = register(6_000, 2);
    const long = "Đ".repeat(2_000);
    for (let r = 3_000; r <= 6_000; r++) seed.rows![r] = seed.rows![r]!.map((v, c) => (c === 0 ? v : long));
    const { excel, port } = setup([seed]);
    const snap = await port.read();
    assert.equal(snap.sheets[0]!.rows[5_000]![3], long);
    assert.ok(
      excel.batches.some((b) => b.response > PAYLOAD_LIMIT),
      "a block was refused and retried",
    );
  });

  it("writes thousands of cells in a few checked blocks, calculation suspended, under 5 MB each", async () => {
    const { excel, port } = setup([register(20_000, 10)]);
    await port.read();
    excel.resetCounters();
    const cells = Array.from({ length: 20_000 }, (_, i) => ({
      sheet: "Sổ hồ sơ",
      row: i + 1,
      col: 10,
      value: `id-${i}`,
    }));
    await port.write(edit({ cells }));
    assert.equal(excel.workbook.get("Sổ hồ sơ").value(20_000, 10), "id-19999");
    assert.ok(excel.syncs <= 4, `${excel.syncs} syncs`);
    assert.ok(excel.maxRequest() < PAYLOAD_LIMIT);
    const writing = excel.batches.filter((b) => b.request > 100_000);
    assert.ok(writing.length > 0 && writing.every((b) => b.calcSuspended && b.screenSuspended));
  });

  it("never overwrites a cell the user changed while the sync ran; writes the others", async () => {
    const { excel, port } = setup([register(10, 5)]);
    await port.read();
    excel.resetCounters();
    // The user types into B3 after the read, before the write's first sync completes.
    excel.beforeSync = (n, wb) => void (n === 1 && (wb.get("Sổ hồ sơ").at(2, 1).v = "người dùng sửa"));
    await port.write(
      edit({
        cells: [
          { sheet: "Sổ hồ sơ", row: 2, col: 1, value: "máy chủ" },
          { sheet: "Sổ hồ sơ", row: 3, col: 1, value: "máy chủ" },
        ],
      }),
    );
    const s = excel.workbook.get("Sổ hồ sơ");
    assert.equal(s.value(2, 1), "người dùng sửa");
    assert.equal(s.value(3, 1), "máy chủ");
    assert.deepEqual(port.lastWrite!.skipped, [{ sheet: "Sổ hồ sơ", row: 2, col: 1 }]);
  });

  it("without ExcelApi 1.18 it places no note (and calls no notes API), the conflicts sheet still shows everything", async () => {
    const { excel, port } = setup([register(5, 5)]);
    excel.apiSets.set("ExcelApi", "1.12");
    const snap = await port.read();
    assert.deepEqual(snap.sheets[0]!.merges, [], "merged areas need ExcelApi 1.13: not asked for");
    const notes = [{ sheet: "Sổ hồ sơ", row: 2, col: 1, text: "Xung đột" }];
    await port.write(
      edit({
        notes,
        conflicts: [
          ["Trang", "Dòng"],
          ["Sổ hồ sơ", "3"],
        ],
      }),
    );
    assert.equal(excel.workbook.get("Sổ hồ sơ").notes.size, 0);
    assert.deepEqual(port.lastWrite!.notesNotPlaced, notes);
    assert.deepEqual(excel.workbook.get("Xung đột").grid()[1], ["Sổ hồ sơ", "3"]);
  });

  it("selectCell activates the sheet and selects the cell", async () => {
    const { excel } = setup([register(5, 5), { name: "Khác", rows: [["x"]] }]);
    await selectCell(excel.run, "Sổ hồ sơ", 3, 2);
    assert.deepEqual(excel.workbook.selection, { sheet: "Sổ hồ sơ", row: 3, col: 2 });
    assert.equal(excel.workbook.activeSheet, "Sổ hồ sơ");
  });
});

describe("Excel addresses", () => {
  it("reads RangeAreas addresses whose sheet names hold quotes, commas and '!'", async () => {
    const { parseAreas } = await import("../../addin/excel/addresses");
    assert.deepEqual(parseAreas("'It''s, a!b'!A1:B2,'It''s, a!b'!$C$3, Sheet1!AA10:AB11"), [
      { top: 0, left: 0, bottom: 1, right: 1 },
      { top: 2, left: 2, bottom: 2, right: 2 },
      { top: 9, left: 26, bottom: 10, right: 27 },
    ]);
  });
});

describe("the Excel adapter with its defaults (Excel.run and Office's requirement check) on the fake installed as office.js", () => {
  it("reads and writes through the globals, and asks Office which API sets there are", async () => {
    const { installFakeOffice } = await import("./fake-excel/install-globals");
    const excel = new FakeExcel(FakeWorkbook.from([register(3, 5)]));
    excel.apiSets.set("ExcelApi", "1.9");
    const uninstall = installFakeOffice(excel);
    try {
      const port = new ExcelPort();
      const snap = await port.read();
      assert.equal(snap.sheets[0]!.rows[1]![0], 1);
      await port.write(
        edit({ notes: [{ sheet: "Sổ hồ sơ", row: 1, col: 1, text: "x" }], stateCells: ["s"] }),
      );
      assert.equal(port.lastWrite!.notesNotPlaced.length, 1, "ExcelApi 1.9: no notes");
      assert.equal(excel.workbook.get("_cchc_state").value(0, 0), "s");
    } finally {
      uninstall();
    }
  });
});

describe("the Excel adapter with many small commands", function () {
  this.timeout(120_000);
  it("writes 30,000 scattered cells (one command each) in blocks whose requests stay under 5 MB", async () => {
    const { excel, port } = setup([register(30_000, 3, 12)]);
    await port.read();
    excel.resetCounters();
    const cells = Array.from({ length: 30_000 }, (_, i) => ({
      sheet: "Sổ hồ sơ",
      row: 1 + i,
      col: 1 + (i % 11),
      value: `đổi ${i}`,
    }));
    await port.write(edit({ cells }));
    assert.equal(excel.workbook.get("Sổ hồ sơ").value(29_999, 1 + (29_998 % 11)), "đổi 29998");
    assert.ok(excel.maxRequest() < PAYLOAD_LIMIT, `largest request ${excel.maxRequest()}`);
    assert.ok(excel.syncs < 40, `${excel.syncs} syncs for 30,000 commands`);
  });
});

describe("the Excel adapter and protected sheets", () => {
  it("refuses, before changing anything, a write to a protected sheet, naming it in Vietnamese and English", async () => {
    const { ExcelPortError } = await import("../../addin/excel");
    const { excel, port } = setup([register(5, 5), { name: "Khóa", rows: [["a"]], protected: true }]);
    await port.read();
    const err = await port
      .write(
        edit({
          cells: [
            { sheet: "Sổ hồ sơ", row: 2, col: 1, value: "mới" },
            { sheet: "Khóa", row: 0, col: 0, value: "b" },
          ],
        }),
      )
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    assert.ok(err instanceof ExcelPortError, String(err));
    assert.match(err.userMessage.vi, /Trang "Khóa" đang được bảo vệ.*chưa bị thay đổi/);
    assert.match(err.userMessage.en, /"Khóa" is protected.*not changed/);
    assert.notEqual(excel.workbook.get("Sổ hồ sơ").value(2, 1), "mới", "nothing was written");
  });
});
