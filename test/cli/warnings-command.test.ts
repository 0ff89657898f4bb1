import { strict as assert } from "node:assert";
import { main } from "../../cli/main";
import type { StatsReport } from "../../core/stats/report";
import { tempDir } from "../helpers/tmp";

async function run(args: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  const code = await main(args, { out: (t) => (out += t + "\n"), err: () => undefined });
  return { code, out };
}

describe("cchc stats: deadline warnings", () => {
  const tmp = tempDir("cli-warnings");
  after(() => tmp.remove());
  const demo = tmp.file("demo.xlsx");
  before(async () => assert.equal((await run(["demo-workbook", demo])).code, 0));

  it("lists the demo's dossiers due within 2 working days, by sheet and row, in JSON and text", async () => {
    const json = JSON.parse(
      (await run(["stats", demo, "--as-of", "2021-03-31", "--json"])).out,
    ) as StatsReport;
    const w = json.warnings;
    assert.deepEqual([w.taskDays, w.dossierWorkingDays, w.tasks.length], [7, 2, 0]);
    assert.deepEqual(
      w.dossiers.map((d) => [d.state, d.due, d.days]),
      [
        ["dueSoon", "2021-03-31", 0],
        ["dueSoon", "2021-04-01", 1],
        ["dueSoon", "2021-04-02", 2],
        ["dueSoon", "2021-04-02", 2],
      ],
    );
    assert.ok(w.dossiers.every((d) => d.sheet === "Sổ theo dõi hồ sơ" && typeof d.row === "number"));
    const text = (await run(["stats", demo, "--as-of", "2021-03-31"])).out;
    assert.match(text, /CẢNH BÁO HẠN/);
    assert.match(text, /Sắp đến hạn \(4\)/);
    assert.match(text, new RegExp(`dòng ${w.dossiers[0]!.row}\\] .* 31/03/2021, đến hạn hôm nay`));
  });

  it("groups overdue before due soon, in English too", async () => {
    const text = (await run(["stats", demo, "--as-of", "2021-04-06", "--lang", "en"])).out;
    const overdue = text.indexOf("Overdue (");
    const soon = text.indexOf("Due soon (");
    assert.ok(overdue > 0, text);
    assert.ok(soon === -1 || soon > overdue);
    assert.match(text, /working day\(s\) late/);
  });
});
