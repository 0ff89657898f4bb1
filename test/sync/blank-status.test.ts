import { strict as assert } from "node:assert";
import type { CellValue } from "../../core/parse/cell";
import { engineAsCoordinator } from "../helpers/sync";
import { MemoryPort } from "../helpers/fake-sync";
import { serverWithCoordinator } from "../helpers/server";

const SHEET = "Kế hoạch CCHC 2021";
const HEADER: CellValue[] = ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành", "Tiến độ"];

/**
 * Found by hand (a staff member left "Tiến độ" blank, a colleague pulled the task into a blank copy):
 * the copy got the status word written into its row, read it back as a change of the record's
 * status text, pushed it, and the first workbook's blank cell was then filled in by the next sync.
 * The row writer now leaves the cell blank where blank reads back as the same status.
 */
describe("a task whose status cell is left blank", function () {
  this.timeout(60_000);
  const suite = serverWithCoordinator();
  const sync = engineAsCoordinator(suite);

  it("stays blank in every copy, and pulling it into another copy pushes nothing back", async () => {
    const staff = new MemoryPort([
      {
        name: SHEET,
        rows: [["KẾ HOẠCH CCHC NĂM 2021"], HEADER, [1, "Kiểm tra CCHC", "VP", "Quý III", null]],
      },
    ]);
    assert.equal((await sync(staff)).pushed, 1);
    const copy = new MemoryPort([{ name: SHEET, rows: [["KẾ HOẠCH CCHC NĂM 2021"], HEADER] }]);
    assert.equal((await sync(copy)).pulled, 1);
    const pulledRow = copy.rows(SHEET).find((r) => r[1] === "Kiểm tra CCHC")!;
    assert.ok(
      pulledRow[4] === null || pulledRow[4] === undefined || pulledRow[4] === "",
      `status written: ${String(pulledRow[4])}`,
    );
    assert.equal((await sync(copy)).pushed, 0, "the copy pushed the status word it was given");
    assert.equal((await sync(staff)).pulled, 0);
    assert.equal(staff.rows(SHEET)[2]![4], null);
  });
});
