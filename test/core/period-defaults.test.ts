import { strict as assert } from "node:assert";
import { DEFAULT_FIELDS } from "../../core/reference/fields";
import { buildStatsReport, type StatsReport } from "../../core/stats/report";
import { resolvePeriod } from "../../core/stats/workbook-stats";
import { buildSummary } from "../../core/sync/summary-model";
import { call, startTestServer } from "../helpers/server";
import { cli } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";

describe("defaults a user notices (issue 7, defect 14)", function () {
  this.timeout(60_000);

  it("a closed plan year defaults to its own year: 01/01–31/12, as of 31/12", () => {
    assert.deepEqual(resolvePeriod(2021, {}, "2026-11-28"), {
      asOf: "2021-12-31",
      from: "2021-01-01",
      to: "2021-12-31",
    });
    assert.deepEqual(resolvePeriod(2026, {}, "2026-11-28"), {
      asOf: "2026-11-28",
      from: "2026-01-01",
      to: "2026-11-28",
    });
    assert.equal(
      resolvePeriod(2021, { asOf: "2021-03-31" }, "2026-11-28").to,
      "2021-03-31",
      "--as-of still wins",
    );
    assert.equal(resolvePeriod(2021, { to: "2021-06-30" }, "2026-11-28").to, "2021-06-30", "--to still wins");
    assert.equal(resolvePeriod(2027, {}, "2026-11-28").asOf, "2026-11-28", "a future plan: today");
  });

  it("cchc stats on a 2021 workbook without --to reports 2021, not up to today", async () => {
    const tmp = tempDir("period");
    try {
      const file = tmp.file("demo.xlsx");
      assert.equal((await cli(["demo-workbook", file])).code, 0);
      const r = await cli(["stats", file, "--json"]);
      const report = JSON.parse(r.out) as StatsReport;
      assert.equal(report.asOf, "2021-12-31");
      assert.equal(report.dossiers.from, "2021-01-01");
      assert.equal(report.dossiers.to, "2021-12-31");
    } finally {
      tmp.remove();
    }
  });

  it("the server's statistics use the same default", async () => {
    const s = await startTestServer();
    try {
      const token = (await s.services.members.issue({ name: "Lãnh đạo", role: "leader" })).token;
      const r = await call(s.url, "GET", "/api/stats?year=2021", token);
      assert.equal(r.status, 200);
      assert.equal(r.json.asOf, "2021-12-31");
    } finally {
      await s.stop();
    }
  });

  it("the summary's sync time is Vietnam time and says so", () => {
    const report = buildStatsReport({
      year: 2026,
      asOf: "2026-11-29",
      from: "2026-01-01",
      to: "2026-11-29",
      tasks: [],
      dossiers: [],
      fields: DEFAULT_FIELDS,
    });
    const summary = buildSummary(report, new Date("2026-11-28T20:30:00Z"));
    assert.match(summary.subtitle, /đồng bộ lúc 29\/11\/2026 03:30 \(giờ Việt Nam, UTC\+7\)/);
    assert.doesNotMatch(summary.subtitle, /\d UTC\b/);
  });
});
