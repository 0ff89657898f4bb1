import { strict as assert } from "node:assert";
import { readWorkbook, type SheetGrid } from "../../core/layout";
import type { CellValue } from "../../core/parse/cell";

const register = (rows: CellValue[][]): SheetGrid => ({
  name: "Sổ",
  merges: [],
  rows: [["Mã hồ sơ", "Ngày nhận", "Ngày hẹn trả", "Ngày trả kết quả", "Tình trạng"], ...rows],
});

describe("a status that says only how timely (T12)", () => {
  it("'Quá hạn', 'Đúng hạn', 'Trước hạn', 'Trong hạn' leave it to the result date: resolved with one, processing without", () => {
    const r = readWorkbook(
      [
        register([
          ["A", "02/03/2026", "10/03/2026", "12/03/2026", "Quá hạn"],
          ["B", "02/03/2026", "10/03/2026", null, "Quá hạn"],
          ["C", "02/03/2026", "10/03/2026", "10/03/2026", "Đúng hạn"],
          ["D", "02/03/2026", "10/03/2026", "09/03/2026", "Trước hạn"],
          ["E", "02/03/2026", "30/03/2026", null, "Trong hạn"],
        ]),
      ],
      { year: 2026 },
    );
    assert.deepEqual(r.errors, []);
    assert.deepEqual(
      r.dossiers.map((d) => [d.code, d.status]),
      [
        ["A", "resolved"],
        ["B", "processing"],
        ["C", "resolved"],
        ["D", "resolved"],
        ["E", "processing"],
      ],
    );
  });
});
