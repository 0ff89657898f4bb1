import { strict as assert } from "node:assert";
import { readWorkbook } from "../../core/layout/read-workbook";
import { statsFromWorkbook } from "../../core/stats/workbook-stats";
import { gridsOf } from "../helpers/workbooks";

const where = (e: { sheet: string; row: number | null; column: string | null }) =>
  `${e.sheet}!${e.column}${e.row}`;

describe("bad input: row-level errors, the rest is computed", () => {
  it("reports each bad task row by sheet, row and column in both languages, and counts the good ones", async () => {
    const grids = await gridsOf([
      {
        name: "Tasks",
        rows: [
          ["KẾ HOẠCH CCHC NĂM 2021"],
          [
            "STT",
            "Nội dung",
            "Đơn vị chủ trì",
            "Thời gian hoàn thành",
            "Tình trạng",
            "Ngày hoàn thành",
            "Mã",
          ],
          [1, "Good one", "VP", "Quý I", "Đã hoàn thành", "01/02/2021", "T1"],
          [2, "Bad status", "VP", "Quý I", "Hoàn thành 80%", null, "T2"],
          [3, "Impossible date", "VP", "Quý I", "Đã hoàn thành", "31/02/2021", "T3"],
          [
            4,
            "Formula error",
            "VP",
            { formula: "1/0", result: { error: "#DIV/0!" } },
            "Đã hoàn thành",
            null,
            "T4",
          ],
          [5, "N/A status", "VP", "Quý I", { error: "#N/A" }, null, "T5"],
          [],
          [],
          [6, "After blank rows", "VP", "Tháng 6", "Đang thực hiện", null, "T6"],
          [7, "Dup code", "VP", "Tháng 6", "Đang thực hiện", null, "T6"],
          [8, "x".repeat(40_000), "VP", "Tháng 6", "Đang thực hiện", null, "T8"],
          [9, "Unreadable deadline", "VP", "Khi có chỉ đạo", "Đang thực hiện", null, "T9"],
          [10, null, "VP", "Tháng 6", "Đang thực hiện", null, "T10"],
        ],
      },
    ]);
    const r = readWorkbook(grids);
    assert.deepEqual(r.errors.map(where), [
      "Tasks!E4",
      "Tasks!F5",
      "Tasks!D6",
      "Tasks!E7",
      "Tasks!G11",
      "Tasks!B12",
      "Tasks!D13",
      "Tasks!B14",
    ]);
    for (const e of r.errors)
      assert.ok(e.message.vi.length > 10 && e.message.en.length > 10 && e.message.vi !== e.message.en);
    assert.match(r.errors[0]!.message.vi, /Hoàn thành 80%/);
    assert.match(r.errors[2]!.message.en, /#DIV\/0!/);
    assert.match(r.errors[4]!.message.en, /duplicates row 10/);
    assert.deepEqual(
      r.tasks.map((t) => t.content),
      ["Good one", "After blank rows"],
    );
    const s = statsFromWorkbook(r, { asOf: "2021-03-31" });
    assert.equal(s.tasks.total, 2);
    assert.equal(s.errors.length, 8);
  });

  it("reports bad dossier rows: result before received, duplicate codes, text in a number column, missing dates", async () => {
    const grids = await gridsOf([
      {
        name: "Hồ sơ",
        rows: [
          [
            "Mã hồ sơ",
            "Ngày nhận",
            "Ngày hẹn trả",
            "Ngày trả kết quả",
            "Thời hạn giải quyết",
            "Hình thức nộp",
          ],
          ["A", "01/03/2021", "10/03/2021", "05/03/2021", 5, "Trực tuyến"],
          ["B", "01/03/2021", "10/03/2021", "25/02/2021", 5, "Trực tuyến"],
          ["A", "02/03/2021", "10/03/2021", null, 5, "Trực tiếp"],
          ["C", "02/03/2021", null, null, "mười", "Trực tiếp"],
          ["D", null, "10/03/2021", null, 5, "Trực tiếp"],
          ["E", "02/03/2021", null, null, null, "Trực tiếp"],
          ["F", "02/03/2021", "01/03/2021", null, null, "Trực tiếp"],
          ["G", "02/03/2021", "10/03/2021", null, null, "bồ câu"],
          ["H", "2/3/21", "10/03/2021", null, null, "Bưu chính"],
        ],
      },
    ]);
    const r = readWorkbook(grids, { year: 2021 });
    assert.deepEqual(r.errors.map(where), [
      "Hồ sơ!D3",
      "Hồ sơ!A4",
      "Hồ sơ!E5",
      "Hồ sơ!B6",
      "Hồ sơ!C7",
      "Hồ sơ!C8",
      "Hồ sơ!F9",
    ]);
    assert.deepEqual(
      r.dossiers.map((x) => x.code),
      ["A", "H"],
    );
    assert.equal(r.dossiers[1]!.receivedOn, "2021-03-02", "a two-digit year is read as 20yy");
    assert.ok(
      r.mapping.some((m) => m.notes.some((n) => n.en === "1 dates with a two-digit year were read as 20xx.")),
      "and mapping says so",
    );
  });

  it("reports an empty workbook and a workbook with no recognisable sheet, sheet-level", async () => {
    const empty = readWorkbook(await gridsOf([{ name: "Sheet1", rows: [] }]));
    assert.equal(empty.errors.length, 1);
    assert.match(empty.errors[0]!.message.en, /no sheet with data/);
    const none = readWorkbook(
      await gridsOf([
        {
          name: "Sheet1",
          rows: [
            ["Họ tên", "Tuổi"],
            ["A", 30],
          ],
        },
      ]),
    );
    assert.equal(none.errors.length, 1);
    assert.equal(none.errors[0]!.row, null);
    assert.match(none.errors[0]!.message.vi, /Không tìm thấy trang tính/);
    const stats = statsFromWorkbook(none, { asOf: "2021-03-31" });
    assert.equal(stats.tasks.total, 0);
  });

  it("asks for the plan year when deadlines need one and no title gives it", async () => {
    const r = readWorkbook(
      await gridsOf([
        {
          name: "Sheet1",
          rows: [
            ["Nội dung", "Đơn vị chủ trì", "Thời hạn"],
            ["A", "VP", "Quý I"],
            ["B", "VP", "30/06/2021"],
          ],
        },
      ]),
    );
    assert.equal(r.errors.length, 1);
    assert.match(r.errors[0]!.message.en, /--year/);
    assert.equal(r.tasks.length, 1);
  });
});
