/**
 * The id column and the rows a sync inserts join the sheet's AutoFilter or the Excel Table over the
 * records, as `cchc sync` does for a filter (cli/xlsx/row-ranges.ts widenAutoFilterOver,
 * moveAutoFilter): otherwise a sort with the filter buttons moves the rows and leaves their hidden
 * ids behind, and pulled rows sit outside the table (no table style, left out of its sort and
 * filter). Excel behaviour relied on (learn.microsoft.com/javascript/api/excel): AutoFilter.apply,
 * getRangeOrNullObject, isDataFiltered (ExcelApi 1.9, excel.autofilter); Table.resize (ExcelApi
 * 1.13, excel.table: the header row stays on its row); whole-row inserts grow a table or filter only
 * inside it. Criteria read back do not re-apply reliably (OfficeDev/office-js#1226): a filtered
 * filter is left alone, with a notice.
 */
import assert from "node:assert/strict";
import { ExcelPort } from "../../addin/excel";
import { edit } from "../contract/workbook-port.contract";
import { FakeExcel } from "./fake-excel/fake-excel";
import { FakeWorkbook, type SheetSeed } from "./fake-excel/model";

const NAME = "Sổ hồ sơ";
const REGISTER: SheetSeed = {
  name: NAME,
  rows: [
    ["SỔ THEO DÕI HỒ SƠ NĂM 2021"],
    ["STT", "Mã hồ sơ", "Lĩnh vực"],
    [1, "HS-1", "Việc làm"],
    [2, "HS-2", "Người có công"],
    [3, "HS-3", "Việc làm"],
  ],
};
const RECORDS = { top: 1, left: 0, bottom: 4, right: 2 };

/** `without`: a requirement set Office says is missing (a host that loads the add-in below its minimum). */
function setup(seed: Partial<SheetSeed>, without?: string) {
  const excel = new FakeExcel(FakeWorkbook.from([{ ...REGISTER, ...seed }]));
  const port = new ExcelPort({
    run: excel.run,
    isSetSupported: (name, version) => version !== without && excel.isSetSupported(name, version),
  });
  return { excel, port, sheet: () => excel.workbook.get(NAME) };
}

/** The first sync's id column (D, header on row 2) with the three rows' ids. */
const ids = edit({
  idColumns: [{ sheet: NAME, col: 3, headerRow: 1 }],
  cells: [2, 3, 4].map((row) => ({ sheet: NAME, row, col: 3, value: `id-${row}` })),
});
/** A colleague's dossier pulled at the end of the register (right under its last row). */
const pulled = edit({
  rowOps: [{ op: "insert", sheet: NAME, row: 5, values: [[4, "HS-4", "Việc làm", "id-5"]] }],
});

describe("the Excel adapter keeps the id column and new rows in the sheet's filter or table", () => {
  it("an AutoFilter without criteria takes in the id column, then the pulled row under it", async () => {
    const { port, sheet } = setup({ autoFilter: { box: RECORDS } });
    await port.read();
    await port.write(ids);
    assert.deepEqual(sheet().autoFilter!.box, { ...RECORDS, right: 3 }, "A2:D5: the id column is in it");
    await port.read();
    await port.write(pulled);
    assert.deepEqual(sheet().autoFilter!.box, { ...RECORDS, right: 3, bottom: 5 }, "A2:D6");
    assert.deepEqual(port.notices, []);
  });

  it("a filter with empty columns between it and the id column takes them in; one with a value between does not", async () => {
    const wide = setup({
      rows: [["SỔ THEO DÕI HỒ SƠ", null, null, null, "CỘNG HÒA"], ...REGISTER.rows!.slice(1)],
      autoFilter: { box: RECORDS },
    });
    await wide.port.read();
    await wide.port.write(edit({ idColumns: [{ sheet: NAME, col: 5, headerRow: 1 }] }));
    assert.deepEqual(wide.sheet().autoFilter!.box, { ...RECORDS, right: 5 });
    const rows = REGISTER.rows!.map((r) => [...r]);
    rows[3]![4] = "ghi chú";
    const kept = setup({ rows, autoFilter: { box: RECORDS } });
    await kept.port.read();
    await kept.port.write(edit({ idColumns: [{ sheet: NAME, col: 5, headerRow: 1 }] }));
    assert.deepEqual(kept.sheet().autoFilter!.box, RECORDS);
  });

  it("a filter with criteria keeps them and its range, and the user is told how to widen it", async () => {
    const criteria = { 2: { filterOn: "Values", values: ["Việc làm"] } };
    const { port, sheet } = setup({ autoFilter: { box: RECORDS, criteria } });
    await port.read();
    await port.write(ids);
    assert.deepEqual(sheet().autoFilter!.box, RECORDS);
    assert.deepEqual(sheet().autoFilter!.criteria.get(2), criteria[2]);
    assert.equal(sheet().value(1, 3), "cchc_id", "the id column is written all the same");
    assert.equal(port.notices.length, 1);
    assert.match(port.notices[0]!.en, /the filter A2:C5 has criteria, so it was not widened to A2:D5/);
    assert.match(port.notices[0]!.vi, /bộ lọc \(Filter\) A2:C5 đang lọc/);
  });

  it("an Excel Table takes in the id column as its column cchc_id, and the pulled row under it", async () => {
    const { port, sheet } = setup({ tables: [{ name: "SoHoSo", box: RECORDS }] });
    await port.read();
    await port.write(ids);
    const table = () => sheet().tables[0]!;
    assert.deepEqual(table().box, { ...RECORDS, right: 3 });
    assert.deepEqual(table().columns, ["STT", "Mã hồ sơ", "Lĩnh vực", "cchc_id"]);
    assert.ok(sheet().hiddenColumns.has(3), "still hidden");
    await port.read();
    await port.write(pulled);
    assert.deepEqual(
      table().box,
      { ...RECORDS, right: 3, bottom: 5 },
      "the pulled row is a row of the table",
    );
    assert.equal(sheet().value(5, 1), "HS-4");
  });

  it("a table with a totals row takes rows inserted above it by itself, and never the row under its totals", async () => {
    const rows = [...REGISTER.rows!, ["Tổng", 3]];
    const totals = { ...RECORDS, bottom: 5 };
    const { port, sheet } = setup({ rows, tables: [{ name: "SoHoSo", box: totals, showTotals: true }] });
    await port.read();
    await port.write(
      edit({ rowOps: [{ op: "insert", sheet: NAME, row: 5, values: [[4, "HS-4", "Việc làm"]] }] }),
    );
    assert.deepEqual(sheet().tables[0]!.box, { ...totals, bottom: 6 });
    await port.read();
    await port.write(edit({ rowOps: [{ op: "insert", sheet: NAME, row: 7, values: [["ghi chú"]] }] }));
    assert.deepEqual(sheet().tables[0]!.box, { ...totals, bottom: 6 }, "below the totals row: outside");
  });

  it("a table that does not reach the id column keeps its columns (no Column1 on the header row), with a notice", async () => {
    const { port, sheet } = setup({
      rows: [["SỔ THEO DÕI HỒ SƠ", null, null, null, "CỘNG HÒA"], ...REGISTER.rows!.slice(1)],
      tables: [{ name: "SoHoSo", box: RECORDS }],
    });
    await port.read();
    await port.write(edit({ idColumns: [{ sheet: NAME, col: 5, headerRow: 1 }] }));
    assert.deepEqual(sheet().tables[0]!.box, RECORDS);
    assert.equal(sheet().value(1, 3), "");
    assert.match(port.notices[0]!.en, /the hidden id column \(F\) is not next to the table "SoHoSo"/);
  });

  it("without ExcelApi 1.9 (AutoFilter) or 1.13 (Table.resize) the write goes on, and says what it could not widen", async () => {
    const filter = setup({ autoFilter: { box: RECORDS } }, "1.9");
    await filter.port.read();
    await filter.port.write(ids);
    assert.equal(filter.sheet().value(2, 3), "id-2");
    assert.deepEqual(filter.sheet().autoFilter!.box, RECORDS);
    assert.match(filter.port.notices[0]!.en, /lacks ExcelApi 1\.9/);
    const table = setup({ tables: [{ name: "SoHoSo", box: RECORDS }] }, "1.13");
    await table.port.read();
    await table.port.write(ids);
    assert.equal(table.sheet().value(2, 3), "id-2");
    assert.deepEqual(table.sheet().tables[0]!.box, RECORDS);
    assert.match(
      table.port.notices[0]!.en,
      /the table "SoHoSo" \(A2:C5\) was not resized to A2:D5: this Excel lacks ExcelApi 1\.13/,
    );
  });

  it("rows pulled into a table get its calculated columns' formulas where the pull left the cell empty", async () => {
    const rows = [
      ["SỔ THEO DÕI HỒ SƠ NĂM 2021"],
      ["STT", "Mã hồ sơ", "Nhận", "Hẹn trả", "Số ngày", "Hạn + 1"],
      [1, "HS-1", 44200, 44207, 7, 44201],
      [2, "HS-2", 44201, 44210, 9, 44202],
    ];
    const days = "=[@[Hẹn trả]]-[@Nhận]";
    const { port, sheet } = setup({
      rows,
      formulas: [2, 3].flatMap((r) => [
        { row: r, col: 4, formula: days },
        { row: r, col: 5, formula: `=C${r + 1}+1` },
      ]),
      tables: [{ name: "SoHoSo", box: { top: 1, left: 0, bottom: 3, right: 5 } }],
    });
    await port.read();
    await port.write(
      edit({
        rowOps: [
          { op: "insert", sheet: NAME, row: 3, values: [[3, "HS-3", 44202, 44209, null, 1]] },
          { op: "insert", sheet: NAME, row: 5, values: [[4, "HS-4", 44203, 44211]] },
        ],
      }),
    );
    const s = sheet();
    assert.deepEqual(s.tables[0]!.box, { top: 1, left: 0, bottom: 5, right: 5 });
    assert.equal(s.cell(3, 4)?.f, days, "a row inserted inside the table");
    assert.equal(s.value(3, 5), 1, "a value the pull gave is kept");
    assert.equal(s.cell(3, 5)?.f, undefined);
    assert.equal(s.cell(5, 4)?.f, days, "the row pulled under it");
    assert.equal(s.cell(5, 5)?.f, "=C6+1", "relative references follow the row");
  });
});
