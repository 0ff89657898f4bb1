import { strict as assert } from "node:assert";
import fc from "fast-check";
import { readWorkbook, type SheetGrid } from "../../core/layout";
import type { CellValue } from "../../core/parse/cell";

const HEADER: CellValue[] = ["Mã hồ sơ", "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày trả kết quả", "Trạng thái"];
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const grid = (rows: CellValue[][]): SheetGrid => ({ name: "Sổ", rows: [HEADER, ...rows], merges: [] });

describe("a month-first import of a day-first register (T12)", () => {
  it("leaves a register typed right alone: date cells past the 12th beside day-first texts (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 28 }), { minLength: 3, maxLength: 12 }),
        fc.integer({ min: 13, max: 28 }),
        (days, textDay) => {
          fc.pre(days.some((d) => d > 12));
          const rows: CellValue[][] = days.map((d, i) => [
            `HS${i}`,
            utc(2026, 3, d),
            utc(2026, 4, 30),
            null,
            "Đang giải quyết",
          ]);
          rows.push(["HS-text", `${textDay}/03/2026`, "30/04/2026", null, "Đang giải quyết"]);
          const r = readWorkbook([grid(rows)], { year: 2026 });
          assert.deepEqual(r.errors, []);
          assert.equal(r.dossiers.length, days.length + 1);
        },
      ),
    );
  });

  it("leaves a register of date cells alone, and one of texts alone", () => {
    const dates = [1, 2, 3, 4].map((d) => [
      `HS${d}`,
      utc(2026, 3, d),
      utc(2026, 3, 10 + d),
      null,
      "Đang giải quyết",
    ]);
    assert.deepEqual(readWorkbook([grid(dates)], { year: 2026 }).errors, []);
    const texts = [13, 14, 15].map((d) => [`HS${d}`, `${d}/03/2026`, "30/03/2026", null, "Đang giải quyết"]);
    assert.deepEqual(readWorkbook([grid(texts)], { year: 2026 }).errors, []);
  });

  it("reports each date cell, and reads the rows of texts, when all date cells fall on days 1–12 beside '20/03/2026'", () => {
    const rows: CellValue[][] = [
      ["HS1", utc(2026, 5, 3), "20/03/2026", null, "Đang giải quyết"], // "05/03/2026" read month first
      ["HS2", utc(2026, 6, 3), utc(2026, 11, 3), null, "Đang giải quyết"],
      ["HS3", "15/03/2026", "25/03/2026", null, "Đang giải quyết"],
      ["HS4", 46_086, "27/03/2026", null, "Đang giải quyết"], // Office.js hands date cells as serials
    ];
    const r = readWorkbook([grid(rows)], { year: 2026 });
    assert.deepEqual(
      r.errors.map((e) => `${e.column}${e.row}`),
      ["B2", "B3", "C3", "B5"],
    );
    assert.deepEqual(
      r.dossiers.map((d) => d.code),
      ["HS3"],
    );
  });
});
