import { strict as assert } from "node:assert";
import fc from "fast-check";
import type { SheetGrid } from "../../core/layout/grid";
import { readWorkbook } from "../../core/layout/read-workbook";
import type { Warnings } from "../../core/stats/warnings";
import { placeLocator } from "../../core/sync/record-history";
import { mappingForm, overridesFromForm, sameOverrides } from "../../addin/shared/mapping-form";
import { valueText } from "../../addin/shared/shown-values";
import { daysText, warningGroups } from "../../addin/shared/warnings-view";

const PLAN: SheetGrid = {
  name: "KH",
  merges: [],
  rows: [
    ["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2021"],
    ["STT", "Nội dung", "Đơn vị chủ trì", "Thời gian hoàn thành", "Tình trạng", "Kết quả", "cchc_id"],
    [1, "Ban hành kế hoạch", "VP", "31/3/2021", "Đang thực hiện", "Đã hoàn thành", "t-1"],
    [2, "Kiểm tra", "VP", "30/6/2021", "Chưa thực hiện", "", "t-2"],
  ],
};

describe("the task pane's views of warnings, history values and mapping corrections", () => {
  it("says days left or late in the user's words: calendar days for tasks, working days for dossiers", () => {
    assert.equal(daysText(-3, false, "vi"), "trễ 3 ngày");
    assert.equal(daysText(-1, true, "vi"), "trễ 1 ngày làm việc");
    assert.equal(daysText(0, true, "vi"), "hạn hôm nay");
    assert.equal(daysText(2, false, "vi"), "còn 2 ngày");
    assert.equal(daysText(1, true, "en"), "1 working day left");
    assert.equal(daysText(-2, false, "en"), "2 days late");
    assert.equal(daysText(0, false, "en"), "due today");
  });

  it("groups the server's warnings overdue / due soon, tasks first, and finds records by id in this workbook", () => {
    const base = { unitName: "Văn phòng Sở", unit: "VP" };
    const w: Warnings = {
      taskDays: 7,
      dossierWorkingDays: 2,
      tasks: [
        { ...base, state: "overdue", due: "2021-03-31", days: -2, id: "t-1", content: "Ban hành", field: 1 },
        { ...base, state: "dueSoon", due: "2021-04-05", days: 3, id: "elsewhere", content: "Khác", field: 1 },
      ],
      dossiers: [
        { ...base, state: "overdue", due: "2021-03-30", days: -2, id: "d-9", code: null, sector: null },
      ],
    };
    const read = readWorkbook([PLAN]);
    const g = warningGroups(w, placeLocator(read), "vi");
    assert.deepEqual(
      g.overdue.map((x) => [x.kind, x.what, x.due, x.daysText, x.place]),
      [
        ["task", "Ban hành", "31/03/2021", "trễ 2 ngày", { sheet: "KH", row: 3 }],
        ["dossier", "(không có mã)", "30/03/2021", "trễ 2 ngày làm việc", undefined],
      ],
    );
    assert.deepEqual(
      g.dueSoon.map((x) => [x.what, x.place, x.late]),
      [["Khác", undefined, false]],
    );
  });

  it("shows stored values as a user reads them", () => {
    assert.equal(valueText("in-progress", "vi"), "Đang thực hiện");
    assert.equal(valueText("in-progress", "en"), "in progress");
    assert.equal(valueText("2021-01-15", "en"), "15/01/2021");
    assert.equal(valueText({ text: "Quý I", due: "2021-03-31" }, "vi"), "Quý I");
    assert.equal(valueText(null, "vi"), "—");
    assert.equal(valueText("=1+1", "vi"), "=1+1", "text stays text");
  });

  it("offers a dropdown per column (not the hidden id) and marks what was set by hand", () => {
    const overrides = { sheets: { KH: { columns: { F: "status" } } } };
    const form = mappingForm(readWorkbook([PLAN], { overrides }), overrides);
    const kh = form.sheets.find((s) => s.sheet === "KH")!;
    assert.ok(!kh.columns.some((c) => c.column === "G"), "the id column is the add-in's");
    assert.deepEqual(
      kh.columns.filter((c) => c.choice !== "auto").map((c) => [c.column, c.choice]),
      [["F", "status"]],
    );
    assert.equal(form.yearRead, 2021);
    const ignored = { sheets: { KH: { ignore: true } } };
    assert.deepEqual(mappingForm(readWorkbook([PLAN], { overrides: ignored }), ignored).sheets, [
      { sheet: "KH", kind: "ignored", ignore: true, columns: [] },
    ]);
  });

  it("turns the form's answer into corrections: auto removes one, the year can be cleared, other sheets' stay", () => {
    const saved = {
      year: 2020,
      sheets: { KH: { columns: { F: "status" } }, Other: { columns: { B: "none" } } },
    };
    const next = overridesFromForm(saved, {
      year: null,
      sheets: [{ sheet: "KH", ignore: true, columns: { F: "auto", E: "none" } }],
    });
    assert.deepEqual(next, {
      sheets: { KH: { ignore: true, columns: { E: "none" } }, Other: { columns: { B: "none" } } },
    });
    assert.ok(sameOverrides(saved, overridesFromForm(saved, { year: 2020, sheets: [] })));
    assert.ok(!sameOverrides(saved, next));
  });

  it("an answer that sets every column back to auto leaves no correction (property)", () => {
    const letters = fc.constantFrom("B", "C", "D", "E", "F", "H", "K");
    const fields = fc.constantFrom("status", "notes", "none", "deadline");
    fc.assert(
      fc.property(fc.dictionary(letters, fields), fc.boolean(), (columns, ignore) => {
        const saved = { sheets: { KH: { columns, ...(ignore && { ignore }) } } };
        const auto = Object.fromEntries(Object.keys(columns).map((c) => [c, "auto"]));
        const next = overridesFromForm(saved, {
          year: null,
          sheets: [{ sheet: "KH", ignore: false, columns: auto }],
        });
        assert.deepEqual(next, {});
      }),
    );
  });
});
