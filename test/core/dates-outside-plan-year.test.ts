import { strict as assert } from "node:assert";
import type { SheetGrid } from "../../core/layout/grid";
import { readWorkbook } from "../../core/layout/read-workbook";

const plan = (year: number, deadline: string): SheetGrid => ({
  name: "Kế hoạch CCHC",
  merges: [],
  rows: [
    [`KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM ${year}`],
    ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành", "Tiến độ"],
    [1, "Kiểm tra CCHC", "VP", deadline, null],
    [2, "Tuyên truyền CCHC", "VP", "Thường xuyên", null],
  ],
});
const register = (received: string[]): SheetGrid => ({
  name: "Sổ theo dõi hồ sơ",
  merges: [],
  rows: [
    ["Mã hồ sơ", "Lĩnh vực", "Ngày nhận", "Hẹn trả kết quả"],
    ...received.map((r, i) => [`H${i}`, "Việc làm", r, "28/02/2022"]),
  ],
});
const notesOf = (sheets: SheetGrid[]) =>
  readWorkbook(sheets).mapping[0]!.notes.map((n) => `${n.vi} | ${n.en}`);

/**
 * A new year's workbook copied from last year's (t8-findings 6): DOMAIN.md reads a deadline
 * "31/3/2021" as written, so a 2022 plan that kept last year's dated deadlines is overdue at once,
 * and a 2021 register kept on into January counts those dossiers in 2021, never in 2022's figures.
 * Both are right by the rules and silent; the notes now say so.
 */
describe("dates outside the plan year", () => {
  it("a 2022 plan with a deadline of 2021 says so, naming the row and the text", () => {
    const notes = notesOf([plan(2022, "31/3/2021")]);
    assert.ok(
      notes.some((n) =>
        /^1 nhiệm vụ có thời hạn trước năm kế hoạch 2022 \(Kế hoạch CCHC!3: "31\/3\/2021"\)/.test(n),
      ),
      notes.join("\n"),
    );
    assert.ok(!notesOf([plan(2022, "Quý I")]).some((n) => n.includes("trước năm kế hoạch")));
  });

  it("a 2021 register with dossiers received in January 2022 says they count in 2021, not 2022", () => {
    const notes = notesOf([plan(2021, "Quý I"), register(["20/12/2021", "03/01/2022", "05/01/2022"])]);
    assert.ok(
      notes.some((n) =>
        /^2 hồ sơ nhận sau năm kế hoạch 2021 \(từ ngày 03\/01\/2022\).*không vào số liệu năm 2022/.test(n),
      ),
      notes.join("\n"),
    );
  });

  it("a 2022 plan keeping last year's done rows says they count as done in 2022", () => {
    const copied: SheetGrid = {
      name: "Kế hoạch CCHC",
      merges: [],
      rows: [
        ["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2022"],
        ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành", "Tiến độ", "Ngày hoàn thành"],
        [1, "Tuyên truyền CCHC", "VP", "Thường xuyên", "Đã hoàn thành", "20/12/2021"],
        [2, "Kiểm tra CCHC", "VP", "Quý III", "Đã hoàn thành", "15/08/2022"],
      ],
    };
    const read = readWorkbook([copied]);
    assert.equal(read.tasks.filter((t) => t.status === "done").length, 2, "read as written");
    const notes = read.mapping[0]!.notes.map((n) => n.vi);
    assert.ok(
      notes.some((n) =>
        /^1 nhiệm vụ hoàn thành trước năm kế hoạch 2022 \(Kế hoạch CCHC!3: 20\/12\/2021\)/.test(n),
      ),
      notes.join("\n"),
    );
  });
});
