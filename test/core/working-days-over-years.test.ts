import { strict as assert } from "node:assert";
import fc from "fast-check";
import { CalendarRangeError, getDefaultCalendar } from "../../core/calendar/working-days";
import { addDays } from "../../core/dates/local-date";

const cal = getDefaultCalendar();
/** Any day of the table, its year ends and Tết weeks included, up to its last day (31/12/2027). */
const inTable = fc.integer({ min: 0, max: 365 * 8 + 1 }).map((n) => addDays("2020-01-01", n));

/**
 * DOMAIN.md "Working days" over the years (Civil Code Art. 147–148): due(received, n) is a working
 * day, counting back gives n, counts add up over any split, and a count that leaves the table is
 * refused naming the missing year — never cut short or guessed (a dossier received 30/12/2027).
 */
describe("working days over the years (property)", () => {
  it("due(received, n) is a working day n working days later, or a refusal naming the year after the table", () => {
    fc.assert(
      fc.property(inTable, fc.integer({ min: 0, max: 60 }), (received, n) => {
        let due: string;
        try {
          due = cal.addWorkingDays(received, n);
        } catch (e) {
          assert.ok(e instanceof CalendarRangeError, String(e));
          assert.equal(e.date.slice(0, 4), "2028");
          assert.ok(received >= "2027-09-01", `refused far from the table's end: ${received}`);
          return;
        }
        assert.ok(cal.isWorkingDay(due));
        if (n > 0) {
          assert.equal(cal.workingDaysBetween(received, due), n);
          assert.equal(
            cal.workingDaysBetween(received, addDays(due, -1)),
            n - 1,
            "the first day that reaches n",
          );
        }
      }),
    );
  });

  it("working days add up over any split of a span, across year ends", () => {
    fc.assert(
      fc.property(inTable, inTable, inTable, (a, b, c) => {
        const [x, y, z] = [a, b, c].sort();
        assert.equal(
          cal.workingDaysBetween(x!, y!) + cal.workingDaysBetween(y!, z!),
          cal.workingDaysBetween(x!, z!),
        );
        assert.equal(cal.workingDaysBetween(z!, x!), 0 - cal.workingDaysBetween(x!, z!)); // 0 - n: +0, never -0, when x = z
      }),
    );
  });

  it("a dossier received on 30/12 is due in the next year, Tết and New Year skipped", () => {
    assert.equal(cal.addWorkingDays("2025-12-30", 5), "2026-01-08"); // 31/12, (1–2/1 off), 5, 6, 7, 8/1
    assert.equal(cal.addWorkingDays("2026-12-30", 5), "2027-01-07"); // 31/12, (1/1 off), 4, 5, 6, 7/1
    assert.equal(cal.addWorkingDays("2026-02-13", 3), "2026-02-25"); // the Friday before Tết Bính Ngọ
    assert.equal(cal.addWorkingDays("2021-04-30", 0), "2021-05-04"); // a holiday, its weekend and the day in lieu
    assert.throws(() => cal.addWorkingDays("2027-12-30", 2), CalendarRangeError);
  });
});
