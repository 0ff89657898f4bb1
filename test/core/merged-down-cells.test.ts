import { strict as assert } from "node:assert";
import { readWorkbook } from "../../core/layout/read-workbook";
import { d, gridsOf } from "../helpers/workbooks";

/**
 * Found by hand (/work/notes/t1-findings.md, D7): registers and plans group rows under one cell
 * merged down a column — "Việc làm" in "Lĩnh vực" beside three dossiers, "VP" in "Đơn vị chủ trì"
 * beside three tasks. Only the first row of the group got the value: `cchc stats` counted two of the
 * three dossiers under "(Chưa xác định lĩnh vực)", and the tasks below the first had no lead unit.
 */
describe("a cell merged down a column of data rows", () => {
  it("gives its value to every row beside it (sector of each dossier, lead unit of each task)", async () => {
    const grids = await gridsOf([
      {
        name: "Sổ theo dõi hồ sơ",
        rows: [
          ["SỔ THEO DÕI HỒ SƠ - NĂM 2021"],
          ["STT", "Mã hồ sơ", "Tên TTHC", "Lĩnh vực", "Nhận hồ sơ", "Hẹn trả kết quả"],
          [1, "M-1", "Cấp giấy phép", "Việc làm", d(2021, 3, 1), d(2021, 3, 8)],
          [2, "M-2", "Cấp giấy phép", null, d(2021, 3, 2), d(2021, 3, 9)],
          [3, "M-3", "Cấp giấy phép", null, d(2021, 3, 3), d(2021, 3, 10)],
          [4, "M-4", "Trợ cấp", "Người có công", d(2021, 3, 4), d(2021, 3, 11)],
          [5, "M-5", "Trợ cấp", null, d(2021, 3, 5), d(2021, 3, 12)],
          [6, null, null, null, null, null],
        ],
        merges: ["D3:D5", "D6:D8"],
      },
      {
        name: "Kế hoạch CCHC 2021",
        rows: [
          ["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2021"],
          ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành"],
          ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC"],
          [1, "Ban hành kế hoạch", "VP", "Quý I"],
          [2, "Kiểm tra", null, "Quý III"],
          [3, "Tuyên truyền", null, "Quý IV"],
        ],
        merges: ["B3:D3", "C4:C6"],
      },
    ]);
    const read = readWorkbook(grids, {});
    // A row emptied inside a group (row 8) is empty, not a dossier missing its dates.
    assert.deepEqual(read.errors, []);
    assert.deepEqual(
      read.dossiers.map((x) => [x.code, x.sector]),
      [
        ["M-1", "Việc làm"],
        ["M-2", "Việc làm"],
        ["M-3", "Việc làm"],
        ["M-4", "Người có công"],
        ["M-5", "Người có công"],
      ],
    );
    assert.deepEqual(
      read.tasks.map((t) => [t.content, t.leadUnit]),
      [
        ["Ban hành kế hoạch", "VP"],
        ["Kiểm tra", "VP"],
        ["Tuyên truyền", "VP"],
      ],
    );
  });
});
