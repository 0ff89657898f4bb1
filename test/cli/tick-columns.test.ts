import { strict as assert } from "node:assert";
import { copyFileSync } from "node:fs";
import path from "node:path";
import { readWorkbook } from "../../core/layout";
import type { StatsReport } from "../../core/stats/report";
import { loadWorkbook } from "../../cli/xlsx/workbook-file";
import { workbookToGrids } from "../../cli/xlsx/read-xlsx";
import { startTestServer } from "../helpers/server";
import { cli } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";

/** "Kết quả thực hiện" over "Đã hoàn thành | Chưa hoàn thành" with "x" ticks (make-portal-workbooks.py). */
const FIXTURE = path.resolve(__dirname, "../fixtures/foreign/plan-ticks.xlsx");

describe("a plan whose results are ticks under status columns (T12)", function () {
  this.timeout(60_000);

  it("reads an 'x' under 'Đã hoàn thành' as done and under 'Chưa hoàn thành' as not done; two ticks are an error", async () => {
    const r = readWorkbook(workbookToGrids(await loadWorkbook(FIXTURE)));
    assert.deepEqual(
      r.tasks.map((t) => [t.content, t.status, t.statusText]),
      [
        ["Ban hành kế hoạch CCHC", "done", "Đã hoàn thành"],
        ["Báo cáo CCHC quý II", "in-progress", "Chưa hoàn thành"],
        ["Kiểm tra CCHC", "in-progress", "Chưa hoàn thành"],
        ["Tập huấn nghiệp vụ", "not-started", ""],
      ],
    );
    assert.deepEqual(
      r.errors.map((e) => `${e.sheet}!${e.column}${e.row}`),
      ["KH!E8"],
    );
    assert.match(r.errors[0]!.message.vi, /đánh dấu nhiều cột tình trạng/);
  });

  it("syncs: a blank copy pulls the same statuses (1/4 done), and the owner's second sync sends nothing", async () => {
    const s = await startTestServer();
    const tmp = tempDir("t12-ticks");
    try {
      const token = (await s.services.members.issue({ name: "Điều phối", role: "coordinator" })).token;
      const owner = tmp.file("owner.xlsx");
      copyFileSync(FIXTURE, owner);
      const sync = (f: string) =>
        cli(["sync", f, "--server", s.url, "--token", token, "--as-of", "2026-06-30"]);
      const first = await sync(owner);
      assert.equal(first.code, 0, first.err + first.out);
      assert.match(first.out, /pushed: 4\b/);
      assert.match((await sync(owner)).out, /pushed: 0\b.*pulled: 0\b/);
      const copy = tmp.file("copy.xlsx");
      assert.equal((await cli(["template", copy, "--year", "2026"])).code, 0);
      assert.equal((await sync(copy)).code, 0);
      const stats = async (f: string) =>
        (JSON.parse((await cli(["stats", f, "--as-of", "2026-06-30", "--json"])).out) as StatsReport).tasks;
      const [a, b] = [await stats(owner), await stats(copy)];
      assert.equal(b.done, 1);
      assert.equal(b.total, 4);
      assert.deepEqual([b.done, b.notDone, b.notStarted], [a.done, a.notDone, a.notStarted]);
      assert.match((await sync(copy)).out, /pushed: 0\b.*pulled: 0\b/);

      // A colleague's copy with the same ticks: the owner moves row 5's tick to "Đã hoàn thành";
      // the copy gets an "x" there and its old tick cleared, not the word under the first column.
      const colleague = tmp.file("colleague.xlsx");
      copyFileSync(owner, colleague);
      const wb = await loadWorkbook(owner);
      const ws = wb.getWorksheet("KH")!;
      ws.getCell("E5").value = "x";
      ws.getCell("F5").value = null;
      await wb.xlsx.writeFile(owner);
      assert.match((await sync(owner)).out, /pushed: 1\b/);
      assert.match((await sync(colleague)).out, /pulled: 1\b/);
      const theirs = (await loadWorkbook(colleague)).getWorksheet("KH")!;
      assert.deepEqual([theirs.getCell("E5").value, theirs.getCell("F5").value], ["x", null]);
      assert.match((await sync(colleague)).out, /pushed: 0\b.*pulled: 0\b/, "it reads back as pulled");
    } finally {
      await s.stop();
      tmp.remove();
    }
  });
});
