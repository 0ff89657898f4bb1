import { strict as assert } from "node:assert";
import { serverWithCoordinator } from "../helpers/server";
import { open, syncAsCoordinator, writeDemo } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";

/**
 * "Tổng hợp" is rebuilt at every sync (README). A leader who typed a remark into it lost it at the
 * next sync without a word (t6-findings, D11). The sync now names each typed cell and quotes its
 * text before it is replaced.
 */
describe("cchc sync and text typed into the summary sheet", function () {
  this.timeout(120_000);
  const suite = serverWithCoordinator();
  const tmp = tempDir("summary-typed");
  after(() => tmp.remove());

  it("a sync after nothing was typed says nothing about the summary", async () => {
    const file = tmp.file("demo.xlsx");
    await writeDemo(file);
    assert.equal((await syncAsCoordinator(suite, file)).code, 0);
    const again = await syncAsCoordinator(suite, file);
    assert.equal(again.code, 0, again.out + again.err);
    assert.doesNotMatch(again.out, /nhập tay|typed into/);
  });

  it("names the cells typed into and quotes what they held, then rewrites the sheet", async () => {
    const file = tmp.file("demo.xlsx");
    const wb = await open(file);
    wb.getWorksheet("Tổng hợp")!.getCell("B40").value = "Đã báo cáo UBND tỉnh ngày 05/4";
    await wb.xlsx.writeFile(file);
    const r = await syncAsCoordinator(suite, file);
    assert.equal(r.code, 0, r.out + r.err);
    assert.ok(r.out.includes(`B40 ("Đã báo cáo UBND tỉnh ngày 05/4")`), r.out);
    assert.match(r.out, /what was typed into it was replaced at B40/);
    const after = (await open(file)).getWorksheet("Tổng hợp")!;
    assert.notEqual(after.getCell("B40").value, "Đã báo cáo UBND tỉnh ngày 05/4", "the sheet is the sync's");
    const quiet = await syncAsCoordinator(suite, file);
    assert.doesNotMatch(quiet.out, /typed into/, "said once");
  });
});
