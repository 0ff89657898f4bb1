import { strict as assert } from "node:assert";
import type { CellValue } from "../../core/parse/cell";
import { engineAsCoordinator } from "../helpers/sync";
import { MemoryPort } from "../helpers/fake-sync";
import { serverWithCoordinator } from "../helpers/server";

const SHEET = "Kế hoạch CCHC 2021";
const HEADER: CellValue[] = ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành", "Tiến độ"];

/**
 * Found by hand (/work/notes/t1-findings.md, D3): cells B:E of a synced task's row merged (a merge
 * left over a row after rows were inserted, or "Merge cells" on a long content; LibreOffice keeps only
 * the first cell's text). The row, a title across the table, was read as a section heading: its task
 * disappeared from the reading, and the sync deleted it on the server and in every colleague's copy,
 * without a word. A row that holds a synced record's id is never a section heading.
 */
describe("a synced task whose row was merged across", function () {
  this.timeout(60_000);
  const suite = serverWithCoordinator();
  const sync = engineAsCoordinator(suite);

  it("is reported as a row error naming its row, and is not deleted on the server or in a colleague's copy", async () => {
    const owner = new MemoryPort([
      {
        name: SHEET,
        rows: [
          ["KẾ HOẠCH CCHC NĂM 2021"],
          HEADER,
          ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC"],
          [1, "Ban hành kế hoạch CCHC năm 2021", "VP", "Quý I", "Đã hoàn thành"],
          [2, "Tuyên truyền cải cách hành chính", "VP", "Quý II", "Đang thực hiện"],
        ],
      },
    ]);
    assert.equal((await sync(owner)).pushed, 2);
    const copy = new MemoryPort([{ name: SHEET, rows: [["KẾ HOẠCH CCHC NĂM 2021"], HEADER] }]);
    assert.equal((await sync(copy)).pulled, 2);

    // B5:E5 merged: only the first cell's text is left.
    const sheet = owner.sheets[0]!;
    sheet.rows[4] = [null, "Tuyên truyền cải cách hành chính", null, null, null, sheet.rows[4]![5]!];
    sheet.merges = [{ top: 4, left: 1, bottom: 4, right: 4 }];
    const merged = await sync(owner);
    assert.equal(merged.pushed, 0, "the task was deleted on the server");
    assert.deepEqual(
      merged.errors.map((e) => [e.sheet, e.row]),
      [[SHEET, 5]],
    );
    assert.match(merged.errors[0]!.message.en, /merged/);
    assert.equal((await sync(copy)).deleted, 0);
    assert.ok(copy.rows(SHEET).some((r) => r[1] === "Tuyên truyền cải cách hành chính"));
  });
});
