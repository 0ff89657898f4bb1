import { strict as assert } from "node:assert";
import fc from "fast-check";
import { CALENDAR_YEARS } from "../../core/calendar/calendar-data";
import { Calendar, getDefaultCalendar } from "../../core/calendar/working-days";
import { addDays, weekday } from "../../core/dates/local-date";
import type { DossierRecord } from "../../core/model/records";
import { DEFAULT_FIELDS } from "../../core/reference/fields";
import { buildStatsReport } from "../../core/stats/report";

const cal = getDefaultCalendar();
const processing = (code: string, dueOn: string): DossierRecord => ({
  code,
  receivedOn: "2027-12-20",
  dueOn,
  dueFrom: "appointment",
  status: "processing",
});
const warningsAt = (asOf: string, dossiers: DossierRecord[]) =>
  buildStatsReport({
    year: 2027,
    asOf,
    from: "2027-01-01",
    to: asOf,
    tasks: [],
    dossiers,
    fields: DEFAULT_FIELDS,
  }).warnings.dossiers;

/**
 * DOMAIN.md "Deadline warnings": a dossier is due soon within the next 2 *working* days and late by
 * working days. The table ships 2020–2027. Beyond it the warnings counted calendar days and printed
 * them as working days (t8-findings 2): the seed's dossiers read in 2030 were "trễ 3198 ngày làm
 * việc", and at the end of 2027 a dossier due on the first Monday of 2028 was not warned at all.
 */
describe("dossier warnings beyond the years of the calendar table", () => {
  it("a dossier due on Monday 3/1/2028 is 'due soon' on Thursday 30/12/2027: 2 working days, not 4 calendar days", () => {
    const [w] = warningsAt("2027-12-30", [processing("H1", "2028-01-03")]);
    assert.ok(w, "warned");
    assert.equal(w.state, "dueSoon");
    assert.equal(w.days, 2); // Friday 31/12/2027 (table), Monday 3/1/2028 (Monday–Friday beyond it)
  });

  it("a dossier due on 28/12/2027 is 9 working days late on 10/1/2028, not 13", () => {
    const [w] = warningsAt("2028-01-10", [processing("H2", "2027-12-28")]);
    assert.equal(w?.state, "overdue");
    // 29, 30, 31/12/2027 by the table; 3–7 and 10/1/2028 Monday to Friday
    assert.equal(w?.days, -9);
  });

  it("the seed's first-quarter dossiers read on 1/1/2030 are late by the table's working days plus weekdays after it", () => {
    const [w] = warningsAt("2030-01-01", [{ ...processing("H3", "2021-03-31"), receivedOn: "2021-03-24" }]);
    const inTable = cal.workingDaysBetween("2021-03-31", "2027-12-31");
    // Monday–Friday from 1/1/2028 to Tuesday 1/1/2030: 260 in 2028, 261 in 2029, and 1/1/2030
    assert.equal(w?.days, -(inTable + 260 + 261 + 1));
  });

  it("equals the table's count inside it, and a day-by-day walk with weekdays beyond it (property)", () => {
    const anyDay = fc.integer({ min: 0, max: 365 * 12 }).map((n) => addDays("2018-06-01", n));
    const edited = new Calendar(CALENDAR_YEARS.filter((y) => y.year !== 2023)); // a year missing inside
    fc.assert(
      fc.property(anyDay, fc.integer({ min: -60, max: 60 }), (from, span) => {
        const to = addDays(from, span);
        for (const c of [cal, edited]) {
          let walk = 0;
          const [a, b] = from <= to ? [from, to] : [to, from];
          for (let d = addDays(a, 1); d <= b; d = addDays(d, 1))
            walk += c.covers(d) ? (c.isWorkingDay(d) ? 1 : 0) : weekday(d) % 6 === 0 ? 0 : 1;
          assert.equal(c.estimatedWorkingDaysBetween(from, to), from <= to ? walk : 0 - walk);
          if (c === cal && cal.covers(from) && cal.covers(to))
            assert.equal(c.estimatedWorkingDaysBetween(from, to), c.workingDaysBetween(from, to));
        }
      }),
    );
  });
});
