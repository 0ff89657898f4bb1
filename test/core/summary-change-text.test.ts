import { strict as assert } from "node:assert";
import type { DossierRecord } from "../../core/model/records";
import { DEFAULT_FIELDS } from "../../core/reference/fields";
import { buildStatsReport } from "../../core/stats/report";
import { keyFigures } from "../../core/sync/summary-parts";

/**
 * A key figure's change line says why there is no change to show: "no previous quarter" only when
 * the previous quarter had no figure; when this period has none (no dossier received yet since
 * 1 January, the online rate is "—"), it must not claim the previous quarter is missing.
 */
describe("the key figures' change line when there is nothing to compare", () => {
  const report = (asOf: string, dossiers: DossierRecord[]) =>
    buildStatsReport({
      year: 2021,
      asOf,
      from: "2021-01-01",
      to: asOf,
      tasks: [],
      dossiers,
      fields: DEFAULT_FIELDS,
    });
  const online: DossierRecord = {
    receivedOn: "2021-02-01",
    dueOn: "2021-02-05",
    dueFrom: "appointment",
    status: "processing",
    channel: "online",
  };

  it("this period without a rate: says this period has none, not that the previous quarter is missing", () => {
    const previous = report("2021-03-14", [online]);
    const now = { ...report("2021-03-31", []) };
    const rate = keyFigures(now, previous).find((k) => k.label.startsWith("Tỷ lệ hồ sơ trực tuyến"))!;
    assert.equal(rate.text, "—");
    assert.doesNotMatch(rate.changeText, /quý trước/);
    assert.match(rate.changeText, /kỳ này/);
  });

  it("the previous quarter without a rate: says so", () => {
    const rate = keyFigures(report("2021-03-31", [online]), report("2021-03-14", [])).find((k) =>
      k.label.startsWith("Tỷ lệ hồ sơ trực tuyến"),
    )!;
    assert.equal(rate.changeText, "Chưa có số liệu quý trước để so sánh");
  });
});
