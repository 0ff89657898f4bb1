import { strict as assert } from "node:assert";
import { summaryEn, summaryVi } from "../../core/format/summary-text";
import { DEFAULT_FIELDS } from "../../core/reference/fields";
import { buildStatsReport } from "../../core/stats/report";
import { cli } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";

/** The first paragraph of `cchc stats`: the sentence a leader pastes into a report. */
const sentence = (out: string) => out.split("\n\n")[1]!;

/**
 * The sentence leaders paste (README "The command line", T6): it must say which period its dossier
 * figures cover. "Tính đến ngày 31/03/2021, … đã giải quyết trước hạn 131 hồ sơ" for March alone
 * reads as the year to date (330); the official first quarter runs from 15/12/2020.
 */
describe("the report sentence a leader pastes says the period of its dossier figures", function () {
  this.timeout(60_000);
  const tmp = tempDir("sentence-period");
  const demo = tmp.file("demo.xlsx");
  before(async () => assert.equal((await cli(["demo-workbook", demo])).code, 0));
  after(() => tmp.remove());

  it("the year to date (01/01 to the cut-off) keeps the seed's own sentence", async () => {
    const out = (await cli(["stats", demo, "--as-of", "2021-03-31"])).out;
    assert.equal(
      sentence(out),
      "Tính đến ngày 31/03/2021, đã hoàn thành 17/38 nhiệm vụ theo kế hoạch; đã giải quyết trước hạn 330 hồ sơ, không có hồ sơ quá hạn; còn 9 hồ sơ đang giải quyết (chưa tới hạn).",
    );
  });

  it("--from 2021-03-01 --to 2021-03-31: the March figures say they are March's", async () => {
    const out = (await cli(["stats", demo, "--from", "2021-03-01", "--to", "2021-03-31"])).out;
    assert.match(sentence(out), /trong kỳ 01\/03\/2021 – 31\/03\/2021, đã giải quyết trước hạn 131 hồ sơ/);
    const en = (await cli(["stats", demo, "--from", "2021-03-01", "--to", "2021-03-31", "--lang", "en"])).out;
    assert.match(sentence(en), /in the period 2021-03-01 to 2021-03-31, 131 dossiers resolved ahead/);
  });

  it("--period Q1/2021: the official quarter from 15/12/2020 is named", async () => {
    const out = (await cli(["stats", demo, "--period", "Q1/2021"])).out;
    assert.match(
      sentence(out),
      /^Tính đến ngày 14\/03\/2021, đã hoàn thành 13\/38 nhiệm vụ theo kế hoạch; trong kỳ 15\/12\/2020 – 14\/03\/2021, đã giải quyết trước hạn 271 hồ sơ/,
    );
  });

  it("nothing still being processed reads 'không còn hồ sơ đang giải quyết', not 'còn 0 hồ sơ'", () => {
    const r = buildStatsReport({
      year: 2021,
      asOf: "2021-03-31",
      from: "2021-01-01",
      to: "2021-03-31",
      tasks: [],
      dossiers: [],
      fields: DEFAULT_FIELDS,
    });
    assert.doesNotMatch(summaryVi(r), /còn 0 hồ sơ/);
    assert.match(summaryVi(r), /không còn hồ sơ đang giải quyết\.$/);
    assert.match(summaryEn(r), /none still being processed\.$/);
  });
});
