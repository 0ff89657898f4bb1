import { strict as assert } from "node:assert";
import { RecordCache } from "../../functions/src/stats/record-cache";
import type { RecordsRepository } from "../../functions/src/storage/records-repository";
import type { StatsReport } from "../../core/stats";

/** A report whose deadline warnings list `count` overdue dossiers (what makes a report big). */
function reportWith(count: number): StatsReport {
  const dossiers = Array.from({ length: count }, (_, i) => ({ id: `hs:${i}`, state: "overdue" }));
  return { warnings: { tasks: [], dossiers } } as unknown as StatsReport;
}

/**
 * Statistics are cached per query (cut-off, period, unit). Any signed-in member chooses the
 * cut-off: 200 distinct `asOf=` over a register of 20,000 overdue dossiers kept 2.5 MB of warnings
 * each (measured: heap +100 MB for 40), so 100,000 overdue dossiers × 200 queries ran a host out of
 * the 1.5 GB an Azure Functions instance has. The cache is bounded by the warnings it holds too.
 */
describe("statistics cache: bounded by the warnings it holds, not only by the number of queries", () => {
  const repo = { onWrite: () => undefined } as unknown as RecordsRepository;

  it("keeps the newest reports within the bound, and drops the oldest", () => {
    const cache = new RecordCache(repo);
    for (let i = 0; i < 20; i++) cache.keepReport(`q${i}`, reportWith(100_000));
    const kept = Array.from({ length: 20 }, (_, i) => cache.report(`q${i}`)).filter(Boolean);
    const warnings = kept.reduce((n, r) => n + r!.warnings.dossiers.length, 0);
    assert.ok(warnings <= 400_000, `${kept.length} reports with ${warnings} warnings kept`);
    assert.ok(cache.report("q19"), "the newest report is kept");
    assert.equal(cache.report("q0"), undefined, "the oldest went first");
  });

  it("still keeps many small reports, and one report over the bound alone", () => {
    const cache = new RecordCache(repo);
    for (let i = 0; i < 150; i++) cache.keepReport(`s${i}`, reportWith(10));
    assert.ok(cache.report("s0") && cache.report("s149"), "150 small reports are all kept");
    cache.keepReport("huge", reportWith(500_000));
    assert.ok(cache.report("huge"), "a report over the bound is kept alone");
    assert.equal(cache.report("s149"), undefined);
  });
});
