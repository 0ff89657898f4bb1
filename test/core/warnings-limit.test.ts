import { strict as assert } from "node:assert";
import fc from "fast-check";
import { buildWarnings, limitWarnings, warningTotals } from "../../core/stats/warnings";
import { WARNINGS_SHOWN, warningsTable } from "../../core/sync/summary-parts";
import { dayOf2021, dossierArb, taskArb } from "../helpers/arbitraries";

/** Many records near their deadlines, so that lists run past the summary's 25 lines. */
const input = fc.record({
  asOf: dayOf2021,
  tasks: fc.array(taskArb, { minLength: 40, maxLength: 200 }),
  dossiers: fc.array(dossierArb, { minLength: 40, maxLength: 200 }),
  limit: fc.integer({ min: 0, max: 40 }),
});

describe("deadline warnings cut to the most urgent (warnings=N, issue 12)", () => {
  it("the summary's table is the same from the 25 most urgent of each kind as from every warning", () => {
    fc.assert(
      fc.property(input, ({ asOf, tasks, dossiers }) => {
        const all = buildWarnings({ asOf, tasks, dossiers });
        assert.deepEqual(warningsTable(limitWarnings(all, WARNINGS_SHOWN)), warningsTable(all));
      }),
      { numRuns: 300 },
    );
  });

  it("keeps the first N of each list and counts every warning, whatever N", () => {
    fc.assert(
      fc.property(input, ({ asOf, tasks, dossiers, limit }) => {
        const all = buildWarnings({ asOf, tasks, dossiers });
        const cut = limitWarnings(all, limit);
        assert.deepEqual(cut.tasks, all.tasks.slice(0, limit));
        assert.deepEqual(cut.dossiers, all.dossiers.slice(0, limit));
        const totals = warningTotals(cut);
        assert.equal(totals.tasks.overdue + totals.tasks.dueSoon, all.tasks.length);
        assert.equal(totals.dossiers.overdue + totals.dossiers.dueSoon, all.dossiers.length);
        assert.equal(totals.tasks.overdue, all.tasks.filter((w) => w.state === "overdue").length);
        assert.deepEqual(warningTotals(limitWarnings(cut, 0)), totals, "cutting again keeps the counts");
      }),
      { numRuns: 300 },
    );
  });
});
