import { strict as assert } from "node:assert";
import { DEFAULT_FIELDS } from "../../core/reference/fields";
import { buildStatsReport } from "../../core/stats/report";
import { resolvePeriod } from "../../core/stats/workbook-stats";
import { buildSummary } from "../../core/sync/summary-model";

/**
 * Next year's plan is synced before its year starts (the 2027 plan in November 2026): its default
 * dossier period is 01/01/2027 – 28/11/2026. The summary must not print that backwards period as
 * "hồ sơ kỳ 01/01/2027 – 28/11/2026"; it says the year's dossier period has not started.
 */
describe("the summary of next year's plan, synced before the year starts", () => {
  it("says the dossier period starts on 01/01/2027 instead of printing a backwards period", () => {
    const { asOf, from, to } = resolvePeriod(2027, { asOf: "2026-11-28" }, "2026-11-28");
    const report = buildStatsReport({
      year: 2027,
      asOf,
      from,
      to,
      tasks: [],
      dossiers: [],
      fields: DEFAULT_FIELDS,
    });
    const model = buildSummary(report, new Date("2026-11-28T03:00:00Z"));
    assert.doesNotMatch(model.subtitle, /01\/01\/2027 – 28\/11\/2026/);
    assert.match(
      model.subtitle,
      /Số liệu tính đến ngày 28\/11\/2026; hồ sơ: kỳ bắt đầu từ 01\/01\/2027 \(chưa có số liệu\)/,
    );
  });
});
