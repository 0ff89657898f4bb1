import { strict as assert } from "node:assert";
import { formatStatsText } from "../../cli/format/stats-text";
import { summaryEn, summaryVi } from "../../core/format/summary-text";
import { reportParagraphVi } from "../../core/format/report-paragraph";
import { DEFAULT_FIELDS } from "../../core/reference/fields";
import { buildStatsReport, type StatsReport } from "../../core/stats/report";
import { keyFigures } from "../../core/sync/summary-parts";

/** A year of 100,000 dossiers, as the figures of a large department's report. */
function yearOf100000(): StatsReport {
  const r = buildStatsReport({
    year: 2023,
    asOf: "2023-12-31",
    from: "2023-01-01",
    to: "2023-12-31",
    tasks: [],
    dossiers: [],
    fields: DEFAULT_FIELDS,
  });
  const d = r.dossiers;
  Object.assign(d.received, { total: 100_000, online: 33_503, inPersonOrPost: 66_497, carriedOver: 0 });
  Object.assign(d.resolved, { total: 85_085, ahead: 78_075, onTime: 7_010, overdue: 1_250 });
  Object.assign(d.processing, { total: 14_915, withinDeadline: 13_000, overdue: 1_915 });
  d.onTimeRate = (78_075 + 7_010) / 85_085;
  d.onlineRate = 33_503 / 100_000;
  return r;
}

/**
 * A Vietnamese report writes 78.075 hồ sơ (a dot between thousands, a comma before decimals, as the
 * rates already do: 33,5%); "78075" is not how a leader writes it, and "78,075" beside "33,5%"
 * reads as seventy-eight point something. English keeps 78,075.
 */
describe("large counts are written as a Vietnamese report writes them (78.075), in English as 78,075", () => {
  const r = yearOf100000();

  it("the report sentence and paragraph", () => {
    const vi = summaryVi(r);
    assert.match(
      vi,
      /đã giải quyết trước hạn 78\.075 hồ sơ, đúng hạn 7\.010 hồ sơ, 1\.250 hồ sơ giải quyết quá hạn/,
    );
    assert.match(vi, /còn 14\.915 hồ sơ đang giải quyết \(13\.000 trong hạn, 1\.915 quá hạn\)/);
    assert.match(reportParagraphVi(r), /78\.075 hồ sơ/);
    assert.match(
      summaryEn(r),
      /78,075 dossiers resolved ahead of deadline, 7,010 on time, 1,250 overdue; 14,915 still/,
    );
  });

  it("the summary's key figures", () => {
    const f = Object.fromEntries(keyFigures(r).map((k) => [k.label, k]));
    assert.equal(f["Hồ sơ đã giải quyết"]!.text, "85.085");
    assert.match(f["Hồ sơ đã giải quyết"]!.detail, /đang giải quyết 14\.915/);
    assert.equal(f["Hồ sơ quá hạn"]!.text, "3.165");
    assert.match(f["Tỷ lệ hồ sơ trực tuyến"]!.detail, /^33\.503\/100\.000 hồ sơ/);
  });

  it("the tables of cchc stats", () => {
    assert.match(formatStatsText(r, "vi"), /Tổng cộng\s+100\.000\s+33\.503\s+66\.497/);
    assert.match(formatStatsText(r, "en"), /Total\s+100,000\s+33,503\s+66,497/);
  });
});
