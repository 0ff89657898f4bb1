import { strict as assert } from "node:assert";
import { matchLabel } from "../../core/layout/detect-header";
import { TASK_VOCABULARY } from "../../core/layout/header-vocabulary";
import { readWorkbook } from "../../core/layout/read-workbook";
import { UNCOMPUTED_FORMULA } from "../../core/parse/cell";
import { gridsOf } from "../helpers/workbooks";

const SHEET = "KH 2021";
const TOP = [
  ["SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"],
  ["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2021"],
  [],
  [
    "STT",
    "Nội dung công việc",
    "Thời gian hoàn thành",
    "Đơn vị chủ trì",
    "Tình hình thực hiện",
    "Người phụ trách",
    "Ghi chú",
  ],
  ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],
  ["I.", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC"],
  ["1", "Xây dựng kế hoạch CCHC năm 2021", "Tháng 1/2021", "VP", "Đã hoàn thành", "Chị Lan"],
  ["1.1", "Báo cáo CCHC định kỳ", "Thường xuyên", null, "Đang thực hiện", "Anh Minh"],
];

/**
 * Found by hand (/work/notes/t4-findings.md, E8–E10) in a department's own plan (openpyxl, then saved
 * by LibreOffice): the count under the plan ("Tổng số nhiệm vụ" with =COUNTA(…) under the deadline)
 * was a row error, or a task pushed to the server when the file held no value for the formula; the
 * signature block ("GIÁM ĐỐC" under "Tình hình thực hiện") was two row errors; and "Người phụ trách"
 * (a person) was read as a second lead-unit column, so a task whose unit cell was blank got the
 * unit "Anh Minh".
 */
describe("a department's own plan", () => {
  it("has a count row and a signature block under it that are neither tasks nor errors", async () => {
    const read = readWorkbook(
      await gridsOf([
        {
          name: SHEET,
          rows: [
            ...TOP,
            [],
            [null, "Tổng số nhiệm vụ", { formula: "COUNTA(C7:C8)", result: 2 }],
            [null, "Tổng số nhiệm vụ đã hoàn thành", null, null, 1],
            [null, null, null, null, "Hà Nội, ngày 31 tháng 3 năm 2021"],
            ["Nơi nhận:", null, null, null, "KT. GIÁM ĐỐC"],
            ["- Như trên;", null, null, null, "PHÓ GIÁM ĐỐC"],
          ],
        },
      ]),
      {},
    );
    assert.deepEqual(
      read.errors.map((e) => `${e.row}${e.column}: ${e.message.en}`),
      [],
    );
    assert.deepEqual(
      read.tasks.map((t) => t.content),
      ["Xây dựng kế hoạch CCHC năm 2021", "Báo cáo CCHC định kỳ"],
    );
  });

  it("whose count formula holds no value (a file written by a script) does not count the row as a task", async () => {
    for (const count of [null, { error: UNCOMPUTED_FORMULA }]) {
      const grids = await gridsOf([{ name: SHEET, rows: [...TOP, [], [null, "Tổng số nhiệm vụ", "x"]] }]);
      grids[0]!.rows[TOP.length + 1]![2] = count; // =COUNTA(…) under the deadline, as the file adapter reads it
      const read = readWorkbook(grids, {});
      assert.equal(read.tasks.length, 2);
      assert.deepEqual(read.errors, []);
    }
  });

  it("has a person-in-charge column that is not read as the lead unit", async () => {
    const read = readWorkbook(await gridsOf([{ name: SHEET, rows: TOP }]), {});
    assert.deepEqual(
      read.tasks.map((t) => t.leadUnit ?? null),
      ["VP", null],
    );
    const columns = read.mapping.find((m) => m.sheet === SHEET)?.columns ?? [];
    assert.deepEqual(
      columns.filter((c) => c.field === "leadUnit").map((c) => c.header),
      ["Đơn vị chủ trì"],
    );
  });

  it("reads person columns as left alone, and a column naming a unit or a person as the unit", () => {
    for (const label of ["Người phụ trách", "Cán bộ thực hiện", "Chuyên viên theo dõi", "Người xử lý"])
      assert.equal(matchLabel(label, TASK_VOCABULARY), "ignored", label);
    for (const label of ["Đơn vị/người phụ trách", "Phòng phụ trách", "Đơn vị thực hiện", "Phụ trách"])
      assert.equal(matchLabel(label, TASK_VOCABULARY), "leadUnit", label);
  });
});
