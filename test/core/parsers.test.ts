import { strict as assert } from "node:assert";
import fc from "fast-check";
import { endOfMonth, endOfQuarter } from "../../core/dates/local-date";
import { parseChannel } from "../../core/parse/channel";
import { parseDeadline, parseDeadlineText } from "../../core/parse/deadline";
import { parseDossierStatus, statusFromNote } from "../../core/parse/dossier-status";
import { parseTaskStatus } from "../../core/parse/task-status";

const due = (text: string, year?: number) => {
  const r = parseDeadlineText(text, year);
  return r.ok ? (r.deadline.recurring ? "recurring" : r.deadline.due) : r.reason;
};

describe("deadline texts", () => {
  it("reads every form of DOMAIN.md to a due date, keeping the text", () => {
    const cases: [string, string][] = [
      ["31/3/2021", "2021-03-31"],
      ["Quý I", "2021-03-31"],
      ["Quý I/2021", "2021-03-31"],
      ["Quý 2", "2021-06-30"],
      ["quy iv nam 2021", "2021-12-31"],
      ["Tháng 6", "2021-06-30"],
      ["Tháng 6/2021", "2021-06-30"],
      ["tháng 02", "2021-02-28"],
      ["6 tháng đầu năm", "2021-06-30"],
      ["6 tháng cuối năm", "2021-12-31"],
      ["Trước ngày 30/6/2021", "2021-06-30"],
      ["trước 15/02", "2021-02-15"],
      ["Năm 2021", "2021-12-31"],
      ["Cả năm", "2021-12-31"],
      ["Thường xuyên", "recurring"],
      ["thuong xuyen", "recurring"],
      ["Hằng quý", "recurring"],
      ["Quý I, II", "2021-06-30"],
      ["Q3/2022", "2022-09-30"],
    ];
    for (const [text, expected] of cases) assert.equal(due(text, 2021), expected, text);
    const r = parseDeadlineText("Quý I/2021", 2021);
    assert.ok(r.ok && r.deadline.text === "Quý I/2021");
  });

  it("asks for the plan year instead of guessing one", () => {
    assert.equal(due("Quý I"), "needs-year");
    assert.equal(due("Tháng 6"), "needs-year");
    assert.equal(due("Quý I/2021"), "2021-03-31");
  });

  it("reports what it cannot read", () => {
    assert.equal(due("Theo chỉ đạo của UBND tỉnh", 2021), "unparseable");
    assert.equal(due("31/02/2021", 2021), "impossible");
    assert.equal(due("Quý V", 2021), "impossible");
    assert.equal(due("Tháng 13", 2021), "impossible");
  });

  it("reads date cells (Date, serial) as dates", () => {
    const r = parseDeadline(new Date(Date.UTC(2021, 5, 30)), 2021);
    assert.ok(r?.ok && r.deadline.due === "2021-06-30");
    const s = parseDeadline(44377, 2021);
    assert.ok(s?.ok && s.deadline.due === "2021-06-30");
    assert.equal(parseDeadline(null, 2021), undefined);
  });

  it("maps any quarter and month, in any year and spelling, to the period's end (property)", () => {
    const roman = ["I", "II", "III", "IV"];
    fc.assert(
      fc.property(
        fc.integer({ min: 2020, max: 2030 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 12 }),
        fc.boolean(),
        (year, q, m, plain) => {
          const quarter = plain ? `quy ${q}/${year}` : `Quý ${roman[q - 1]}/${year}`;
          assert.equal(due(quarter), endOfQuarter(year, q));
          assert.equal(due(plain ? `thang ${m}` : `Tháng ${m}`, year), endOfMonth(year, m));
          assert.equal(due(`Trước ngày ${endOfMonth(year, m).slice(8)}/${m}/${year}`), endOfMonth(year, m));
        },
      ),
    );
  });
});

describe("status words and channels", () => {
  it("reads task statuses with or without diacritics, and in English", () => {
    const cases: [string, string | undefined][] = [
      ["Đã hoàn thành", "done"],
      ["Hoàn thành", "done"],
      ["da hoan thanh", "done"],
      ["HOÀN THÀNH", "done"],
      ["Done", "done"],
      ["Đang thực hiện", "in-progress"],
      ["Chưa hoàn thành", "in-progress"],
      ["In progress", "in-progress"],
      ["Chưa thực hiện", "not-started"],
      ["Chưa triển khai", "not-started"],
      ["chua trien khai", "not-started"],
      ["Not started", "not-started"],
      ["", "blank"],
      ["Tạm dừng???", undefined],
      ["Hoàn thành 80%", undefined],
      ["Hoàn thành đúng hạn", "done"],
      ["Đã hoàn thành ngày 15/3/2021", "done"],
    ];
    for (const [text, expected] of cases) assert.equal(parseTaskStatus(text), expected, text);
  });

  it("reads dossier statuses and notes", () => {
    assert.equal(parseDossierStatus("Đang giải quyết"), "processing");
    assert.equal(parseDossierStatus("đã giải quyết"), "resolved");
    assert.equal(parseDossierStatus("Trả lại"), "returned");
    assert.equal(parseDossierStatus("Rút hồ sơ"), "withdrawn");
    assert.equal(parseDossierStatus("Chờ bổ sung"), "awaiting-supplement");
    assert.equal(parseDossierStatus("Resolved"), "resolved");
    assert.equal(parseDossierStatus("xyz"), undefined);
    assert.equal(statusFromNote("Trả lại hồ sơ do thiếu giấy tờ"), "returned");
    assert.equal(statusFromNote("Công dân rút hồ sơ ngày 5/2"), "withdrawn");
    assert.equal(statusFromNote("Đã gọi điện hẹn"), undefined);
  });

  it("reads channels", () => {
    assert.equal(parseChannel("Trực tuyến"), "online");
    assert.equal(parseChannel("truc tuyen"), "online");
    assert.equal(parseChannel("Dịch vụ công trực tuyến mức độ 4"), "online");
    assert.equal(parseChannel("Trực tiếp"), "in-person");
    assert.equal(parseChannel("Bưu chính công ích"), "post");
    assert.equal(parseChannel("Online"), "online");
    assert.equal(parseChannel("fax"), undefined);
  });
});
