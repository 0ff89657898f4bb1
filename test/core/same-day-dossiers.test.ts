import { strict as assert } from "node:assert";
import { readWorkbook, type SheetGrid } from "../../core/layout";
import type { CellValue } from "../../core/parse/cell";

const register = (rows: CellValue[][]): SheetGrid => ({
  name: "Sổ chứng thực",
  merges: [],
  rows: [["Mã hồ sơ", "Ngày nhận", "Ngày hẹn trả", "Thời hạn giải quyết", "Ngày trả kết quả"], ...rows],
});

describe("same-day procedures (T12)", () => {
  it("a dossier due 'Trong ngày' or 'Trả ngay' is due the day it was received; 'Trong ngày' as a processing time is 0 days", () => {
    const r = readWorkbook(
      [
        register([
          ["CT-1", "05/03/2026", "Trong ngày", null, "05/03/2026"],
          ["CT-2", "06/03/2026", "Trả ngay", null, "09/03/2026"],
          ["CT-3", "07/03/2026", null, "Trong ngày", null],
        ]),
      ],
      { year: 2026 },
    );
    assert.deepEqual(r.errors, []);
    assert.deepEqual(
      r.dossiers.map((d) => [d.code, d.dueOn]),
      [
        ["CT-1", "2026-03-05"],
        ["CT-2", "2026-03-06"],
        // Saturday 7/3/2026: due the next working day (Civil Code Art. 148).
        ["CT-3", "2026-03-09"],
      ],
    );
  });
});
