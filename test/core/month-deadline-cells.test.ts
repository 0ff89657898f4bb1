/**
 * Core's reading of date cells marked "month only" or "year only" by their adapter
 * (SheetGrid.periodCells, T17): deadlines are the period's last day, days needed elsewhere are
 * row errors, and such cells are no evidence of a month-first import.
 */
import { strict as assert } from "node:assert";
import { cellKey, readWorkbook, type SheetGrid } from "../../core/layout";
import type { CellValue } from "../../core/parse/cell";
import type { ShownPeriod } from "../../core/parse/number-format";

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const TITLE: CellValue[] = ["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026"];
const HEADER: CellValue[] = [
  "STT",
  "Nội dung",
  "Đơn vị chủ trì",
  "Thời hạn",
  "Tình trạng",
  "Ngày hoàn thành",
];

function plan(rows: CellValue[][], marks: [row: number, col: number, period: ShownPeriod][]): SheetGrid {
  return {
    name: "KH",
    rows: [TITLE, HEADER, ...rows],
    merges: [],
    periodCells: new Map(marks.map(([r, c, p]) => [cellKey(r, c), p])),
  };
}

describe("date cells shown as a month or a year (T17)", () => {
  it("a plan of month cells beside a day-first text deadline past the 12th is not taken for a month-first import", () => {
    const rows: CellValue[][] = [
      [1, "Nhiệm vụ 1", "Văn phòng Sở", utc(2026, 3, 1), "Đang thực hiện"],
      [2, "Nhiệm vụ 2", "Văn phòng Sở", utc(2026, 6, 1), "Đang thực hiện"],
      [3, "Nhiệm vụ 3", "Văn phòng Sở", utc(2026, 9, 1), "Đang thực hiện"],
      [4, "Nhiệm vụ 4", "Văn phòng Sở", "15/07/2026", "Đang thực hiện"],
    ];
    const r = readWorkbook([
      plan(
        rows,
        [2, 3, 4].map((row) => [row, 3, "month"] as [number, number, ShownPeriod]),
      ),
    ]);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(
      r.tasks.map((t) => t.deadline?.due),
      ["2026-03-31", "2026-06-30", "2026-09-30", "2026-07-15"],
    );
  });

  it("a month cell merged down over two tasks is the month's end for both", () => {
    const rows: CellValue[][] = [
      [1, "Nhiệm vụ 1", "Văn phòng Sở", utc(2026, 6, 1), "Đang thực hiện"],
      [2, "Nhiệm vụ 2", "Văn phòng Sở", null, "Đang thực hiện"],
    ];
    const grid = plan(rows, [[2, 3, "month"]]);
    grid.merges.push({ top: 2, left: 3, bottom: 3, right: 3 });
    const r = readWorkbook([grid]);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(
      r.tasks.map((t) => t.deadline?.due),
      ["2026-06-30", "2026-06-30"],
    );
  });

  it("a completion date shown as a month only (the 1st) is a row error; the other tasks are read", () => {
    const rows: CellValue[][] = [
      [1, "Nhiệm vụ 1", "Văn phòng Sở", "Quý II", "Đã hoàn thành", utc(2026, 6, 1)],
      [2, "Nhiệm vụ 2", "Văn phòng Sở", "Quý II", "Đã hoàn thành", utc(2026, 6, 12)],
      [3, "Nhiệm vụ 3", "Văn phòng Sở", "Năm 2026", "Đã hoàn thành", utc(2026, 1, 1)],
    ];
    const r = readWorkbook([
      plan(rows, [
        [2, 5, "month"],
        [3, 5, "month"],
        [4, 5, "year"],
      ]),
    ]);
    assert.deepEqual(
      r.errors.map((e) => [e.row, e.column, e.message.en]),
      [
        [
          3,
          "F",
          'The cell in column "Ngày hoàn thành" gives only a month (06/2026), no day: type the full day/month/year (the cell\'s format shows only the month: change it to a date format, dd/mm/yyyy).',
        ],
        [
          5,
          "F",
          'The cell in column "Ngày hoàn thành" gives only a year (2026), no day: type the full day/month/year (the cell\'s format shows only the year: change it to a date format, dd/mm/yyyy).',
        ],
      ],
    );
    assert.deepEqual(
      r.tasks.map((t) => [t.content, t.completedOn]),
      [["Nhiệm vụ 2", "2026-06-12"]],
    );
  });
});
