import { strict as assert } from "node:assert";
import { readWorkbook, type SheetGrid } from "../../core/layout";
import type { CellValue } from "../../core/parse/cell";

const HEADER: CellValue[] = ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Kết quả", "cchc_id"];
const plan = (rows: CellValue[][]): SheetGrid => ({ name: "KH", merges: [], rows: [HEADER, ...rows] });

describe("a row repeating the header (T12)", () => {
  it("is skipped when it is a second table's header, with no error", () => {
    const r = readWorkbook(
      [
        plan([
          [1, "Kế hoạch CCHC", "Văn phòng Sở", "Quý I", "Đã hoàn thành", null],
          [],
          ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Kết quả", null],
          [1, "Tuyên truyền CCHC", "Văn phòng Sở", "Thường xuyên", "Đang thực hiện", null],
        ]),
      ],
      { year: 2026 },
    );
    assert.deepEqual(r.errors, []);
    assert.equal(r.tasks.length, 2);
  });

  it("is never skipped when the sync gave it an id: its record is kept (an error), not deleted", () => {
    const r = readWorkbook(
      [plan([[1, "Nội dung nhiệm vụ", "Văn phòng Sở", "Thời hạn", "Kết quả", "t-0001"]])],
      { year: 2026 },
    );
    assert.deepEqual(r.idsInErrorRows, ["t-0001"]);
  });
});
