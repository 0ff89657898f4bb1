import { strict as assert } from "node:assert";
import { readWorkbook } from "../../core/layout/read-workbook";
import type { SheetGrid } from "../../core/layout/grid";

const plan = (title: string | null): SheetGrid => ({
  name: "Kế hoạch CCHC",
  rows: [
    ...(title === null ? [] : [[title]]),
    ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành", "Tiến độ"],
    [1, "Nhiệm vụ mới", "VP", "Quý II", null],
  ],
  merges: [],
});

/**
 * The year a workbook's sync state remembers is last year's when the department copied last year's
 * workbook and changed the title (t8-findings 1): the title names the plan year (DOMAIN.md
 * "Tasks"), the remembered year is only for a workbook whose titles name none.
 */
describe("the plan year a synced workbook remembers", () => {
  it("gives way to a title naming another year, and the mapping says the workbook was synced for the other", () => {
    const read = readWorkbook([plan("KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2022")], { rememberedYear: 2021 });
    assert.equal(read.year, 2022);
    assert.equal(read.tasks[0]!.deadline!.due, "2022-06-30");
    const note = read.mapping[0]!.notes[0]!;
    assert.match(note.vi, /Năm kế hoạch: 2022.*đồng bộ cho năm 2021/);
    assert.match(note.en, /Plan year: 2022.*synced for 2021/);
  });

  it("is the plan year when no title names one, and the mapping says where it came from", () => {
    const read = readWorkbook([plan(null)], { rememberedYear: 2021 });
    assert.equal(read.year, 2021);
    assert.equal(read.tasks[0]!.deadline!.due, "2021-06-30");
    assert.match(read.mapping[0]!.notes[0]!.en, /Plan year: 2021 \(the year of the last sync/);
  });

  it("never beats the year the user gives", () => {
    const read = readWorkbook([plan("KẾ HOẠCH NĂM 2022")], { year: 2023, rememberedYear: 2021 });
    assert.equal(read.year, 2023);
  });

  it("set by hand last year, it stays, and the notes say the title names another year and how to change it", () => {
    // A copied workbook keeps last year's `--map year=2021` in its state (t8-findings 12).
    const read = readWorkbook([plan("KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2022")], { overrides: { year: 2021 } });
    assert.equal(read.year, 2021);
    const notes = read.mapping[0]!.notes.map((n) => n.vi);
    assert.equal(notes[0], "Năm kế hoạch: 2021 (do người dùng sửa).");
    assert.match(notes[1] ?? "", /ghi năm 2022, khác năm kế hoạch 2021.*--map year=2022/);
    const agreeing = readWorkbook([plan("KẾ HOẠCH NĂM 2021")], { overrides: { year: 2021 } });
    assert.equal(agreeing.mapping[0]!.notes.length, 1, "no note when the title agrees");
  });
});
