import { strict as assert } from "node:assert";
import fc from "fast-check";
import { addDays } from "../../core/dates/local-date";
import type { DossierRecord } from "../../core/model/records";
import { DEFAULT_FIELDS } from "../../core/reference/fields";
import {
  calendarQuarter,
  officialQuarter,
  officialYear,
  parsePeriodName,
  type Period,
} from "../../core/stats/periods";
import { buildStatsReport } from "../../core/stats/report";
import { resolvePeriod } from "../../core/stats/workbook-stats";
import { dossierArb } from "../helpers/arbitraries";

const counts = (ds: DossierRecord[], p: Period) =>
  buildStatsReport({
    year: 2021,
    asOf: p.to,
    from: p.from,
    to: p.to,
    tasks: [],
    dossiers: ds,
    fields: DEFAULT_FIELDS,
  }).dossiers;

/** Q1/2021 … Q4/2021 and Q1/2022: the last step crosses the year (Q1/2022 starts 15/12/2021). */
const official = [
  officialQuarter(2021, 1),
  officialQuarter(2021, 2),
  officialQuarter(2021, 3),
  officialQuarter(2021, 4),
  officialQuarter(2022, 1),
];
const calendar = [1, 2, 3, 4]
  .map((q) => calendarQuarter(2021, q as 1 | 2 | 3 | 4))
  .concat(calendarQuarter(2022, 1));

/**
 * DOMAIN.md "The period statistics": "what is still processing at the end of one period is
 * 'carried over' in the next", official quarters run 15th to 14th and a year 15/12 to 14/12. Over
 * consecutive periods, across the year's end too: the dossiers of a period are those carried in,
 * plus those received, and each leaves as resolved, returned/withdrawn or still processing.
 */
describe("periods over the years (property)", () => {
  for (const [name, periods] of [
    ["official quarters", official],
    ["calendar quarters", calendar],
  ] as const)
    it(`${name}: what is processing at the end of each is carried over into the next, 2021 into 2022 too`, () => {
      fc.assert(
        fc.property(fc.array(dossierArb, { maxLength: 80 }), (ds) => {
          for (let i = 0; i + 1 < periods.length; i++) {
            const [a, b] = [periods[i]!, periods[i + 1]!];
            assert.equal(addDays(a.to, 1), b.from, "no day left out or counted twice");
            const [ca, cb] = [counts(ds, a), counts(ds, b)];
            assert.equal(cb.received.carriedOver, ca.processing.total, `${a.to} → ${b.from}`);
            const newly = cb.received.online + cb.received.inPersonOrPost;
            assert.equal(
              ca.processing.total + newly,
              cb.resolved.total + cb.returnedOrWithdrawn + cb.processing.total,
            );
          }
        }),
      );
    });

  it("official years follow each other: 2022's starts the day after 2021's ends, with Q1/2022", () => {
    assert.equal(addDays(officialYear(2021).to, 1), officialYear(2022).from);
    assert.deepEqual(officialQuarter(2022, 1), { from: "2021-12-15", to: "2022-03-14" });
    assert.deepEqual(parsePeriodName("Q1/2022"), officialQuarter(2022, 1));
    assert.deepEqual(parsePeriodName("2022"), { from: "2021-12-15", to: "2022-12-14" });
    assert.deepEqual(parsePeriodName("2022-calendar"), { from: "2022-01-01", to: "2022-12-31" });
  });

  it("a period running past a closed plan year's 31/12 is reported as of its own end, not 'tính đến 31/12'", () => {
    // t8-findings 11: `cchc stats register-2021.xlsx --period Q1/2022` printed "Tính đến ngày
    // 31/12/2021" over dossiers resolved on 10/01/2022 and processing "at" 14/03/2022.
    const today = "2026-11-28";
    assert.deepEqual(resolvePeriod(2021, { from: "2021-12-15", to: "2022-03-14" }, today), {
      asOf: "2022-03-14",
      from: "2021-12-15",
      to: "2022-03-14",
    });
    // Unchanged: a period inside the year, a period not yet over, and no period at all.
    assert.equal(resolvePeriod(2021, { from: "2020-12-15", to: "2021-03-14" }, today).asOf, "2021-03-14");
    assert.equal(resolvePeriod(2026, { from: "2025-12-15", to: "2026-12-14" }, today).asOf, today);
    assert.equal(resolvePeriod(2021, {}, today).asOf, "2021-12-31");
    assert.equal(resolvePeriod(2021, { to: "2022-03-14", asOf: "2021-12-31" }, today).asOf, "2021-12-31");
  });
});
