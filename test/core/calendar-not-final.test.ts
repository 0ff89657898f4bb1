import { strict as assert } from "node:assert";
import { CALENDAR_YEARS, CULTURE_DAY } from "../../core/calendar/calendar-data";
import { calendarWith, getDefaultCalendar } from "../../core/calendar/working-days";
import type { SheetGrid } from "../../core/layout/grid";
import { readWorkbook } from "../../core/layout/read-workbook";

const cal = getDefaultCalendar();
const register = (year: number, rows: (string | number | null)[][]): SheetGrid => ({
  name: "Sổ theo dõi hồ sơ",
  rows: [
    [`SỔ THEO DÕI HỒ SƠ NĂM ${year}`],
    ["Mã hồ sơ", "Lĩnh vực", "Ngày nhận", "Thời hạn giải quyết (ngày làm việc)", "Ngày trả kết quả"],
    ...rows,
  ],
  merges: [],
});
const notes = (year: number, rows: (string | number | null)[][]) =>
  readWorkbook([register(year, rows)]).mapping[0]!.notes.map((n) => n.vi + " | " + n.en);

/**
 * DOMAIN.md "Working days and the calendar": the calendar is a data table per year, from each
 * year's notices. 2027's notice is not out (the table marks it provisional, statutory rule only),
 * yet dossier due dates counted through 2027 were given without a word (t8-findings 3): the user
 * must see that those dates rest on a provisional calendar.
 */
describe("a calendar year that is not final", () => {
  it("a due date counted through provisional 2027 says so in the workbook's notes; 2026's do not", () => {
    const with2027 = notes(2027, [["H1", "Việc làm", "01/02/2027", 10, null]]);
    assert.ok(
      with2027.some((n) => /1 hồ sơ .*dự kiến của năm 2027.*\| 1 dossiers .*provisional .*2027/.test(n)),
      with2027.join("\n"),
    );
    // received 30/12/2026, due in 2027: counted through 2027 too
    const across = notes(2026, [["H2", "Việc làm", "30/12/2026", 5, null]]);
    assert.ok(
      across.some((n) => n.includes("năm 2027")),
      across.join("\n"),
    );
    const in2026 = notes(2026, [["H3", "Việc làm", "02/11/2026", 5, null]]);
    assert.ok(!in2026.some((n) => n.includes("dự kiến")), in2026.join("\n"));
  });

  it("24/11/2026 (Ngày Văn hóa Việt Nam) is a working day in the shipped table, and the 2026 data says why and how to change it", () => {
    // Decision documented (t8-findings 4): no act in force makes 24/11/2026 a day off.
    assert.equal(cal.isWorkingDay("2026-11-24"), true);
    assert.equal(cal.addWorkingDays("2026-11-23", 1), "2026-11-24");
    const y2026 = CALENDAR_YEARS.find((y) => y.year === 2026)!;
    assert.ok(y2026.source.includes(CULTURE_DAY));
    assert.match(CULTURE_DAY, /24\/11.*PUT \/api\/reference\/calendar/s);
    // A department that had the day off stores it: its deadlines move.
    const stored = calendarWith([
      { ...y2026, daysOff: [...y2026.daysOff, { date: "2026-11-24", name: "Ngày Văn hóa Việt Nam" }] },
    ]);
    assert.equal(stored.addWorkingDays("2026-11-23", 1), "2026-11-25");
  });
});
