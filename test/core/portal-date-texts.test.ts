import { strict as assert } from "node:assert";
import fc from "fast-check";
import { parseDateText } from "../../core/dates/parse-date";
import { isoDate } from "../../core/dates/local-date";
import { parseDeadlineText } from "../../core/parse/deadline";

const anyDate = fc
  .date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => ({ y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() }));
const pad = (n: number) => String(n).padStart(2, "0");

describe("date-times as the one-stop portal and receipts write them (T12)", () => {
  it("reads the date of any date-time: time first or last, 24-hour or SA/CH, weekday before (property)", () => {
    fc.assert(
      fc.property(
        anyDate,
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.constantFrom("time-first", "time-last", "dash", "sa-ch", "gio-phut", "weekday", "full-stop"),
        ({ y, m, d }, h, min, form) => {
          const date = `${pad(d)}/${pad(m)}/${y}`;
          const time = `${pad(h)}:${pad(min)}`;
          const half = `${h % 12 === 0 ? 12 : h % 12}:${pad(min)} ${h < 12 ? "SA" : "CH"}`;
          const text = {
            "time-first": `${time} ${date}`,
            "time-last": `${date} ${time}:05`,
            dash: `${date} - ${time}`,
            "sa-ch": `${date} ${half}`,
            "gio-phut": `${h} giờ ${pad(min)} phút, ngày ${d} tháng ${m} năm ${y}`,
            weekday: `T5, ${date}`,
            "full-stop": `${date}.`,
          }[form];
          assert.deepEqual(parseDateText(text), { ok: true, date: isoDate(y, m, d) }, text);
        },
      ),
    );
  });

  it("refuses a time that cannot be, rather than keeping its date", () => {
    assert.deepEqual(parseDateText("08:75 05/01/2026"), { ok: false, reason: "impossible" });
    assert.deepEqual(parseDateText("05/01/2026 13:30 CH"), { ok: false, reason: "impossible" });
    assert.deepEqual(parseDateText("05/01/2026 0:30 SA"), { ok: false, reason: "impossible" });
  });

  it("still never reads month first, with a time or a weekday around it", () => {
    assert.deepEqual(parseDateText("08:15 12/31/2026"), { ok: false, reason: "impossible" });
    assert.deepEqual(parseDateText("T5, 12/31/2026"), { ok: false, reason: "impossible" });
  });
});

describe("deadlines written as a range or an end (T12)", () => {
  it("reads 'Từ tháng 3 đến tháng 6/2026', 'Từ 01/3 đến 30/6/2026', 'Đến 30/6/2026', 'Đến hết tháng 6' as 30/6", () => {
    for (const text of [
      "Từ tháng 3 đến tháng 6/2026",
      "Từ 01/3 đến 30/6/2026",
      "Đến 30/6/2026",
      "Đến hết tháng 6",
    ]) {
      const r = parseDeadlineText(text, 2026);
      assert.ok(r.ok, text);
      assert.equal(r.deadline.due, "2026-06-30", text);
      assert.equal(r.deadline.text, text);
    }
    assert.deepEqual(parseDeadlineText("Từ tháng 3 đến nay", 2026), { ok: false, reason: "unparseable" });
  });
});
