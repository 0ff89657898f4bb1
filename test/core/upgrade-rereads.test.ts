import { strict as assert } from "node:assert";
import fc from "fast-check";
import { readWorkbook, type SheetGrid } from "../../core/layout";
import type { CellValue } from "../../core/parse/cell";

// Rows a workbook synced with the previous reader (3ce75ed) holds: each has the id that sync wrote.
// Reading them again with this session's reader must not move, drop or delete them unasked (T15).
const HEADER: CellValue[] = ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Kết quả", "cchc_id"];
const plan = (rows: CellValue[][]): SheetGrid => ({ name: "KH", merges: [], rows: [HEADER, ...rows] });
const read = (rows: CellValue[][]) => readWorkbook([plan(rows)], { year: 2026 });

describe("a workbook synced before this session's reader changes, read again (T15)", () => {
  it("keeps a lead unit whose long name is wrapped with Alt+Enter as one unit (it was not split before)", () => {
    const r = read([
      [
        1,
        "Tiếp nhận hồ sơ trực tuyến",
        "Trung tâm Phục vụ\nhành chính công tỉnh",
        "Quý II",
        "Đang thực hiện",
        "t-1",
      ],
      [2, "Kiểm tra CCHC", "Trung tâm Dịch vụ\nviệc làm", "Quý III", "Chưa thực hiện", "t-2"],
    ]);
    assert.deepEqual(r.errors, []);
    // One line: a unit key with a line break was refused before it was sent ("control character").
    assert.equal(r.tasks[0]!.leadUnit, "Trung tâm Phục vụ hành chính công tỉnh");
    assert.equal(r.tasks[0]!.coordinatingUnits, undefined);
    assert.equal(r.tasks[1]!.leadUnit, "TTDVVL");
    assert.equal(r.tasks[1]!.coordinatingUnits, undefined);
  });

  it("still reads a lead cell listing units one a line as several units", () => {
    const r = read([
      [1, "Kiểm tra CCHC", "Văn phòng Sở\nPhòng Pháp chế", "Quý III", "Chưa thực hiện", "t-1"],
    ]);
    assert.equal(r.tasks[0]!.leadUnit, "VP");
    assert.equal(r.tasks[0]!.coordinatingUnits, "Phòng Pháp chế");
  });

  it("never drops a synced row that now reads as a subtotal: it is reported and its record kept", () => {
    const r = read([
      [1, "Kế hoạch CCHC", "Văn phòng Sở", "Quý I", "Đã hoàn thành", "t-1"],
      [null, "Cộng mục I", null, null, null, "t-2"],
      [2, "Tuyên truyền CCHC", "Văn phòng Sở", "Thường xuyên", "Đang thực hiện", "t-3"],
    ]);
    assert.deepEqual(
      r.tasks.map((t) => t.syncId),
      ["t-1", "t-3"],
    );
    assert.deepEqual(r.idsInErrorRows, ["t-2"]);
    assert.equal(r.errors.length, 1);
    assert.equal(r.errors[0]!.row, 3);
  });

  it("reports a synced row that now reads as a note, keeping its record, rather than counting it as a task", () => {
    const r = read([
      [1, "Kế hoạch CCHC", "Văn phòng Sở", "Quý I", "Đã hoàn thành", "t-1"],
      [null, "Ghi chú: số liệu tính đến ngày 15/6/2026", null, null, null, "t-2"],
    ]);
    assert.deepEqual(
      r.tasks.map((t) => t.syncId),
      ["t-1"],
    );
    assert.deepEqual(r.idsInErrorRows, ["t-2"]);
    assert.match(r.errors[0]!.message.en, /reads as a total or a note/);
  });

  it("does not end the table at a row that now reads as a signature while synced rows follow", () => {
    const r = read([
      [1, "Kế hoạch CCHC", "Văn phòng Sở", "Quý I", "Đã hoàn thành", "t-1"],
      [null, null, "Trưởng phòng Tổ chức", null, null, null],
      [2, "Tuyên truyền CCHC", "Văn phòng Sở", "Thường xuyên", "Đang thực hiện", "t-3"],
    ]);
    assert.deepEqual(
      r.tasks.map((t) => t.syncId),
      ["t-1", "t-3"],
    );
  });
});

describe("a status naming a share of the work done (T15)", () => {
  it("reads 'Đã hoàn thành 1/2' as the report it is, not done on 1 February", () => {
    const r = read([
      [1, "Rà soát thủ tục", "Văn phòng Sở", "Quý II", "Đã hoàn thành 1/2", null],
      [2, "Công bố thủ tục", "Văn phòng Sở", "Quý II", "Đã hoàn thành 15/9/2026", null],
    ]);
    assert.deepEqual(
      r.tasks.map((t) => [t.content, t.status, t.completedOn]),
      [["Công bố thủ tục", "done", "2026-09-15"]],
    );
    assert.equal(r.errors.length, 1);
    assert.equal(r.errors[0]!.row, 2);
  });
});

describe("a register whose columns this session's vocabulary names twice (T15)", () => {
  const register = (header: CellValue[], rows: CellValue[][]): SheetGrid => ({
    name: "Sổ HS",
    merges: [],
    rows: [header, ...rows],
  });

  it("reads the appointment from 'Ngày hẹn trả' as before, not from a 'Hạn giải quyết' column left of it", () => {
    const r = readWorkbook(
      [
        register(
          [
            "STT",
            "Mã hồ sơ",
            "Thủ tục",
            "Ngày nhận",
            "Hạn giải quyết",
            "Ngày hẹn trả",
            "Ngày trả",
            "cchc_id",
          ],
          [[1, "HS1", "Thủ tục A", "02/03/2026", "15 ngày", "20/03/2026", "18/03/2026", "d-1"]],
        ),
      ],
      { year: 2026 },
    );
    assert.deepEqual(r.errors, []);
    assert.equal(r.dossiers[0]!.dueOn, "2026-03-20");
  });

  it("reads the appointment from a 'Hạn giải quyết' column the user mapped by hand", () => {
    const r = readWorkbook(
      [
        register(
          ["STT", "Mã hồ sơ", "Thủ tục", "Ngày nhận", "Hạn giải quyết", "Ngày hẹn trả", "Ngày trả"],
          [[1, "HS1", "Thủ tục A", "02/03/2026", "16/03/2026", "20/03/2026", null]],
        ),
      ],
      { year: 2026, overrides: { sheets: { "Sổ HS": { columns: { E: "dueOn" } } } } },
    );
    assert.deepEqual(r.errors, []);
    assert.equal(r.dossiers[0]!.dueOn, "2026-03-16");
  });

  it("reads the code from 'Mã hồ sơ' as before, not from a 'Mã HS' column left of it", () => {
    const r = readWorkbook(
      [
        register(
          ["STT", "Mã HS", "Mã hồ sơ", "Thủ tục", "Ngày nhận", "Ngày hẹn trả", "cchc_id"],
          [[1, "07", "000.00.21.H36-260302-0007", "Thủ tục A", "02/03/2026", "20/03/2026", "d-1"]],
        ),
      ],
      { year: 2026 },
    );
    assert.deepEqual(r.errors, []);
    assert.equal(r.dossiers[0]!.code, "000.00.21.H36-260302-0007");
  });
});

describe("a register typed right in the first days of a month (T15)", () => {
  const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
  it("is not taken for a month-first import: date cells on days 1–12 beside appointments typed as text, in order", () => {
    const r = readWorkbook(
      [
        {
          name: "Sổ HS",
          merges: [],
          rows: [
            ["STT", "Mã hồ sơ", "Thủ tục", "Ngày nhận", "Ngày hẹn trả", "Ngày trả", "cchc_id"],
            [1, "HS1", "Thủ tục A", utc(2026, 1, 5), "19/01/2026", utc(2026, 1, 9), "d-1"],
            [2, "HS2", "Thủ tục A", utc(2026, 1, 6), "20/01/2026", null, "d-2"],
            [3, "HS3", "Thủ tục A", utc(2026, 1, 8), "22/01/2026", null, "d-3"],
          ],
        },
      ],
      { year: 2026 },
    );
    assert.deepEqual(r.errors, []);
    assert.deepEqual(
      r.dossiers.map((d) => [d.receivedOn, d.dueOn]),
      [
        ["2026-01-05", "2026-01-19"],
        ["2026-01-06", "2026-01-20"],
        ["2026-01-08", "2026-01-22"],
      ],
    );
  });

  it("is never taken for one when its rows are in order (property): received cells on days 1–12, later appointments", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 16 })), {
          minLength: 3,
          maxLength: 10,
        }),
        (rows) => {
          fc.pre(rows.some(([d, k]) => d + k > 12));
          const grid: SheetGrid = {
            name: "Sổ HS",
            merges: [],
            rows: [
              ["STT", "Mã hồ sơ", "Ngày nhận", "Ngày hẹn trả", "Trạng thái"],
              // An appointment past the 12th typed as text (pasted from a receipt), else a date cell.
              ...rows.map(([d, k], i) => [
                i + 1,
                `HS${i}`,
                utc(2026, 3, d),
                d + k > 12 ? `${d + k}/03/2026` : utc(2026, 3, d + k),
                "Đang giải quyết",
              ]),
            ],
          };
          assert.deepEqual(readWorkbook([grid], { year: 2026 }).errors, []);
        },
      ),
    );
  });
});

describe("a register whose ISO date cells an earlier sync wrote back as 1905 (T15)", () => {
  const rows = (received: CellValue): SheetGrid => ({
    name: "Sổ HS",
    merges: [],
    rows: [
      ["Mã hồ sơ", "Thủ tục", "Ngày nhận", "Ngày hẹn trả", "cchc_id"],
      ["HS1", "Thủ tục A", received, "20/03/2026", "d-1"],
    ],
  });

  it("reports the date cell (18/07/1905), as the add-in does for the same cell, and keeps the record", () => {
    // exceljs hands the damaged cell as a Date of 1905; Office.js as the serial 2026.
    for (const cell of [new Date(Date.UTC(1905, 6, 18)), 2026]) {
      const r = readWorkbook([rows(cell)], { year: 2026 });
      assert.deepEqual(r.dossiers, []);
      assert.deepEqual(r.idsInErrorRows, ["d-1"]);
      assert.equal(r.errors[0]!.column, "C");
    }
    const r = readWorkbook([rows(new Date(Date.UTC(1905, 6, 18)))], { year: 2026 });
    assert.match(r.errors[0]!.message.vi, /18\/07\/1905.*trước năm 1990/);
  });
});
