import { strict as assert } from "node:assert";
import { CALENDAR_YEARS, type CalendarYear } from "../../core/calendar/calendar-data";
import { withCalendarDueDates } from "../../core/calendar/due-dates";
import { CalendarRangeError, calendarWith, getDefaultCalendar } from "../../core/calendar/working-days";
import type { DossierRecord } from "../../core/model/records";

const cal = getDefaultCalendar();
const year2026 = CALENDAR_YEARS.find((y) => y.year === 2026)!;

describe("the 2026 calendar (issue 7, defect 9)", () => {
  it("has the Quốc khánh swap of TB 9441/TB-BNV: Monday 31/8 off, Saturday 22/8 worked", () => {
    assert.equal(cal.isWorkingDay("2026-08-31"), false, "Monday 31/8 is off");
    assert.equal(cal.isWorkingDay("2026-09-01"), false);
    assert.equal(cal.isWorkingDay("2026-09-02"), false);
    assert.equal(cal.isWorkingDay("2026-08-22"), true, "Saturday 22/8 is worked");
    assert.equal(cal.isWorkingDay("2026-09-03"), true);
    assert.equal(year2026.provisional, undefined, "2026 is no longer provisional");
  });

  it("computes late-August 2026 deadlines with it", () => {
    assert.equal(cal.addWorkingDays("2026-08-21", 1), "2026-08-22", "Friday + 1 = the Saturday worked");
    assert.equal(cal.addWorkingDays("2026-08-27", 1), "2026-08-28");
    assert.equal(cal.addWorkingDays("2026-08-28", 1), "2026-09-03", "the break 29/8–2/9 is skipped");
    assert.equal(cal.addWorkingDays("2026-08-26", 3), "2026-09-03");
    assert.equal(cal.addWorkingDays("2026-08-20", 5), "2026-08-26", "21, 22 (Saturday worked), 24, 25, 26");
    assert.equal(cal.workingDaysBetween("2026-08-28", "2026-09-04"), 2);
  });

  it("keeps the notice per day, in every year", () => {
    for (const y of CALENDAR_YEARS)
      for (const day of [...y.daysOff, ...y.saturdaysWorked])
        assert.ok(day.source && day.source.length > 10, `${day.date} (${day.name}) cites its notice`);
    const swap = year2026.daysOff.find((d) => d.date === "2026-08-31")!;
    assert.match(swap.source!, /9441\/TB-BNV/);
    assert.match(year2026.saturdaysWorked.find((d) => d.date === "2026-08-22")!.source!, /9441\/TB-BNV/);
  });
});

describe("a stored calendar replaces the shipped year", () => {
  const noSwap: CalendarYear = {
    ...year2026,
    source: "test: without the Quốc khánh swap",
    daysOff: year2026.daysOff.filter((d) => !["2026-08-31", "2026-09-01"].includes(d.date)),
    saturdaysWorked: year2026.saturdaysWorked.filter((d) => d.date !== "2026-08-22"),
  };

  it("moves the deadlines of that year only", () => {
    const c = calendarWith([noSwap]);
    assert.equal(c.isWorkingDay("2026-08-31"), true);
    assert.equal(c.addWorkingDays("2026-08-28", 1), "2026-08-31");
    assert.equal(c.addWorkingDays("2025-08-28", 1), cal.addWorkingDays("2025-08-28", 1));
    assert.equal(calendarWith([]), getDefaultCalendar());
  });

  it("recomputes the due dates that come from a processing time, not appointment dates", () => {
    const dossiers: DossierRecord[] = [
      {
        receivedOn: "2026-08-27",
        dueOn: "2026-09-03",
        dueFrom: "processing-days",
        processingDays: 2,
        status: "processing",
      },
      { receivedOn: "2026-08-27", dueOn: "2026-09-03", dueFrom: "appointment", status: "processing" },
    ];
    const [byDays, byAppointment] = withCalendarDueDates(dossiers, calendarWith([noSwap]));
    assert.equal(byDays!.dueOn, "2026-08-31");
    assert.equal(byAppointment!.dueOn, "2026-09-03");
    assert.deepEqual(withCalendarDueDates(dossiers, cal), dossiers, "same calendar, same dates");
  });

  it("takes a year beyond the table without guessing the years in between", () => {
    const y2030: CalendarYear = {
      year: 2030,
      source: "test",
      daysOff: [{ date: "2030-01-01", name: "Tết Dương lịch" }],
      saturdaysWorked: [],
    };
    const c = calendarWith([y2030]);
    assert.equal(c.isWorkingDay("2030-01-01"), false);
    assert.equal(c.addWorkingDays("2030-01-01", 1), "2030-01-02");
    assert.equal(c.covers("2028-06-01"), false);
    assert.throws(() => c.isWorkingDay("2028-06-01"), CalendarRangeError);
    assert.throws(() => c.addWorkingDays("2027-12-30", 5), CalendarRangeError, "no count through 2028–2029");
    assert.throws(() => c.workingDaysBetween("2027-12-30", "2030-01-02"), CalendarRangeError);
  });
});
