import { strict as assert } from "node:assert";
import type { CellValue } from "../../core/parse/cell";
import { engineAsCoordinator } from "../helpers/sync";
import { MemoryPort } from "../helpers/fake-sync";
import { serverWithCoordinator } from "../helpers/server";

const SHEET = "Kế hoạch CCHC 2021";
const TITLE: CellValue[] = ["KẾ HOẠCH CCHC NĂM 2021"];
const HEADER: CellValue[] = ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành", "Tiến độ"];
const FIRST: CellValue[] = ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC"];
const LAST: CellValue[] = ["VIII", "THÔNG TIN, TUYÊN TRUYỀN CCHC"];

/**
 * Found by hand (/work/notes/t1-findings.md, D4): a plan with a section of its own ("IX. KIỂM TRA
 * CÔNG TÁC CCHC", a field numbered after the 8 default ones). A colleague's copy has no such section:
 * the pulled task landed after the copy's last task (in section VIII) or above section I, read back
 * there with another field (8) or none, and the copy pushed that as a change of field the user never
 * made (refused for staff of another unit, every sync; applied for a coordinator, and pushed back by
 * the owner's copy: the two copies changed the field back and forth).
 */
describe("a task in a section the plan has of its own", function () {
  this.timeout(60_000);
  const suite = serverWithCoordinator();
  const sync = engineAsCoordinator(suite);

  it("keeps its field in a colleague's copy without that section: the copy pushes nothing back", async () => {
    const owner = new MemoryPort([
      {
        name: SHEET,
        rows: [
          TITLE,
          HEADER,
          FIRST,
          [1, "Ban hành kế hoạch CCHC năm 2021", "VP", "Quý I", "Đã hoàn thành"],
          LAST,
          [1, "Tuyên truyền trên cổng thông tin", "VP", "Quý II", "Đang thực hiện"],
          ["IX", "KIỂM TRA CÔNG TÁC CCHC"],
          [1, "Kiểm tra tại 4 phòng", "NCC", "Quý IV", null],
        ],
      },
    ]);
    assert.equal((await sync(owner)).pushed, 3);
    // A copy holding a task already (in VIII), and a blank one.
    const copy = new MemoryPort([
      {
        name: SHEET,
        rows: [TITLE, HEADER, FIRST, LAST, [1, "Tuyên truyền trên cổng thông tin", "VP", "Quý II"]],
      },
    ]);
    const blank = new MemoryPort([{ name: SHEET, rows: [TITLE, HEADER, FIRST, LAST] }]);
    for (const port of [copy, blank]) {
      await sync(port);
      const again = await sync(port);
      assert.equal(again.pushed, 0, "the copy pushed a change of the task's field");
      assert.deepEqual(again.rejected, []);
      const rows = port.rows(SHEET);
      const at = rows.findIndex((r) => r[1] === "Kiểm tra tại 4 phòng");
      assert.ok(at >= 0 && at < rows.findIndex((r) => r[0] === "VIII"), "landed in section VIII");
    }
    assert.equal((await sync(owner)).pushed, 0);
    const own = owner.rows(SHEET);
    assert.ok(own.findIndex((r) => r[1] === "Kiểm tra tại 4 phòng") > own.findIndex((r) => r[0] === "IX"));
  });
});
