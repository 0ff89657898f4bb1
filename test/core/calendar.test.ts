import { strict as assert } from "node:assert";
import fc from "fast-check";
import { CALENDAR_YEARS } from "../../core/calendar/calendar-data";
import { Calendar, CalendarRangeError, getDefaultCalendar } from "../../core/calendar/working-days";
import { addDays, isoDate, weekday } from "../../core/dates/local-date";

const cal = getDefaultCalendar();
const dayIn = fc.integer({ min: 0, max: 365 * 8 - 150 }).map((n) => addDays("2020-01-01", n));

describe("working-day calendar", () => {
  it("has data for every year 2020–2027, each citing its source", () => {
    assert.deepEqual(
      CALENDAR_YEARS.map((y) => y.year),
      [2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027],
    );
    for (const y of CALENDAR_YEARS) assert.ok(y.source.length > 20, `${y.year} cites its notice`);
  });

  it("lists days off on weekdays and worked days on Saturdays only", () => {
    for (const y of CALENDAR_YEARS) {
      for (const off of y.daysOff) assert.ok(![0, 6].includes(weekday(off.date)), `${off.date} is a weekday`);
      for (const sat of y.saturdaysWorked) assert.equal(weekday(sat.date), 6, `${sat.date} is a Saturday`);
    }
  });

  it("knows the real days off of 2021", () => {
    for (const day of [
      "2021-01-01",
      "2021-02-10",
      "2021-02-11",
      "2021-02-12",
      "2021-02-15",
      "2021-02-16",
      "2021-04-21",
      "2021-04-30",
      "2021-05-03",
      "2021-09-02",
      "2021-09-03",
    ])
      assert.equal(cal.isWorkingDay(day), false, day);
    for (const day of ["2021-02-09", "2021-02-17", "2021-05-04", "2021-09-06"])
      assert.equal(cal.isWorkingDay(day), true, day);
  });

  it("knows the real days off of 2026, and the Saturday worked for 2 January", () => {
    for (const day of [
      "2026-01-01",
      "2026-01-02",
      "2026-02-16",
      "2026-02-20",
      "2026-04-27",
      "2026-04-30",
      "2026-05-01",
      "2026-09-02",
    ])
      assert.equal(cal.isWorkingDay(day), false, day);
    assert.equal(cal.isWorkingDay("2026-01-10"), true, "Saturday 10/01/2026 is worked");
    assert.equal(cal.isWorkingDay("2026-02-23"), true);
  });

  it("adds working days by the Civil Code rule: first day not counted, days off skipped", () => {
    assert.equal(cal.addWorkingDays("2021-02-08", 3), "2021-02-18"); // 9/2, then Tết, 17/2, 18/2
    assert.equal(cal.addWorkingDays("2021-03-31", 1), "2021-04-01");
    assert.equal(cal.addWorkingDays("2021-04-29", 1), "2021-05-04"); // 30/4, weekend, 3/5 off
    assert.equal(cal.addWorkingDays("2021-02-13", 0), "2021-02-17"); // received on a day off
    assert.equal(cal.addWorkingDays("2026-01-09", 1), "2026-01-10"); // the Saturday worked
  });

  it("refuses dates outside its data rather than guessing", () => {
    assert.throws(() => cal.addWorkingDays("2019-12-31", 1), CalendarRangeError);
    assert.throws(() => cal.addWorkingDays("2027-12-30", 5), CalendarRangeError);
  });

  it("accepts a replacement table (editable reference data)", () => {
    const edited = new Calendar(
      CALENDAR_YEARS.map((y) =>
        y.year === 2021
          ? { ...y, daysOff: [...y.daysOff, { date: "2021-03-15", name: "local day off" }] }
          : y,
      ),
    );
    assert.equal(edited.isWorkingDay("2021-03-15"), false);
    assert.equal(cal.isWorkingDay("2021-03-15"), true);
  });

  it("never lands on a day off, counts exactly n, and is monotonic (property)", () => {
    fc.assert(
      fc.property(dayIn, fc.integer({ min: 0, max: 45 }), fc.integer({ min: 0, max: 10 }), (start, n, k) => {
        const due = cal.addWorkingDays(start, n);
        assert.ok(cal.isWorkingDay(due));
        assert.ok(due >= start);
        if (n > 0) assert.equal(cal.workingDaysBetween(start, due), n);
        assert.ok(cal.addWorkingDays(start, n + k) >= due);
        assert.ok(cal.addWorkingDays(addDays(start, 1), n) >= due);
      }),
    );
  });

  it("agrees with a day-by-day walk (property)", () => {
    fc.assert(
      fc.property(dayIn, fc.integer({ min: 1, max: 30 }), (start, n) => {
        let d = start;
        let left = n;
        while (left > 0) {
          d = addDays(d, 1);
          if (cal.isWorkingDay(d)) left--;
        }
        assert.equal(cal.addWorkingDays(start, n), d);
      }),
    );
  });

  it("counts 2021's working days as the notices make them", () => {
    assert.equal(cal.workingDaysBetween(isoDate(2020, 12, 31), isoDate(2021, 12, 31)), 261 - 11); // 11 weekdays off
  });
});
