import { strict as assert } from "node:assert";
import type { StatsReport } from "../../core/stats/report";
import { periodError, resolvePeriod } from "../../core/stats/workbook-stats";
import { cli } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";

/**
 * A leader asks for one quarter's report (`--period Q1/2021`, or `--from/--to`) without an as-of
 * date: the report must be "as of" the end of that period, not of the whole year, or the paragraph
 * says "Tính đến ngày 31/12/2021" over the quarter's dossiers, and tasks and warnings are counted
 * nine months later than the dossiers beside them.
 */
describe("a leader's quarterly report is as of the end of its period", function () {
  this.timeout(60_000);
  const tmp = tempDir("leader-period");
  const demo = tmp.file("demo.xlsx");
  before(async () => assert.equal((await cli(["demo-workbook", demo])).code, 0));
  after(() => tmp.remove());

  it("cchc stats --period Q1/2021 on the 2021 plan reads 'tính đến ngày 14/03/2021'", async () => {
    const json = JSON.parse((await cli(["stats", demo, "--period", "Q1/2021", "--json"])).out) as StatsReport;
    assert.equal(json.dossiers.to, "2021-03-14");
    assert.equal(json.asOf, "2021-03-14", "tasks and warnings at the period's end, as the dossiers");
    // The same as asking for it in full.
    const full = JSON.parse(
      (await cli(["stats", demo, "--period", "Q1/2021", "--as-of", "2021-03-14", "--json"])).out,
    ) as StatsReport;
    assert.deepEqual(json.tasks, full.tasks);
    assert.deepEqual(json.warnings, full.warnings);
    const text = (await cli(["stats", demo, "--period", "Q1/2021"])).out;
    assert.match(text, /Tính đến ngày 14\/03\/2021/);
    assert.doesNotMatch(text, /31\/12\/2021/);
  });

  it("a period that ends before it starts (--from after the as-of date) is a usage error, not 0 dossiers resolved", async () => {
    const r = await cli(["stats", demo, "--from", "2021-04-01", "--as-of", "2021-03-31"]);
    assert.equal(r.code, 64, r.out + r.err);
    assert.match(r.err, /--from/);
    assert.match(r.err, /01\/04\/2021/);
    assert.equal(r.out, "", "no figures printed");
  });

  it("next year's plan read before it starts (no --from given) is not refused", () => {
    const given = { asOf: "2026-11-28" };
    const period = resolvePeriod(2027, given, "2026-11-28");
    assert.equal(period.from > period.to, true, "1/1/2027 after the cut-off");
    assert.equal(periodError(given, period), undefined);
    assert.ok(periodError({ from: "2027-01-01" }, period), "a --from given after the end is refused");
  });

  it("a --to without --as-of is the cut-off, unless it lies after today or the plan year", () => {
    assert.deepEqual(resolvePeriod(2021, { to: "2021-06-14" }, "2026-11-28"), {
      asOf: "2021-06-14",
      from: "2021-01-01",
      to: "2021-06-14",
    });
    assert.equal(resolvePeriod(undefined, { to: "2021-06-14" }, "2026-11-28").asOf, "2021-06-14");
    // Q4/2026 asked on 28/11/2026: the period has not ended, the figures are today's.
    assert.equal(
      resolvePeriod(2026, { from: "2026-09-15", to: "2026-12-14" }, "2026-11-28").asOf,
      "2026-11-28",
    );
    assert.equal(
      resolvePeriod(2021, { to: "2021-06-14", asOf: "2021-03-31" }, "2026-11-28").asOf,
      "2021-03-31",
    );
  });
});
