import { strict as assert } from "node:assert";
import type { CellValue } from "../../core/parse/cell";
import { engineAsCoordinator } from "../helpers/sync";
import { MemoryPort } from "../helpers/fake-sync";
import { serverWithCoordinator } from "../helpers/server";

const SHEET = "Kế hoạch CCHC 2021";
const HEADER: CellValue[] = ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành", "Tiến độ"];
const JUNE_30 = new Date(Date.UTC(2021, 5, 30));

/**
 * Found by hand (docs: /work/notes/t1-findings.md): a deadline cell holding a date as a number — a
 * formula such as =DATE(2021,6,30) read from the file, or any date cell as the add-in reads it
 * (Office.js gives serials) — was kept as the text "44377". A colleague's copy got "44377" written as
 * text in its deadline cell, which it could not read back (a row error, the row no longer synced).
 */
describe("a deadline typed as a date (or computed by a formula)", function () {
  this.timeout(60_000);
  const suite = serverWithCoordinator();
  const sync = engineAsCoordinator(suite);

  it("reaches a colleague's copy as that date, which reads back without an error and pushes nothing", async () => {
    const staff = new MemoryPort([
      {
        name: SHEET,
        rows: [
          ["KẾ HOẠCH CCHC NĂM 2021"],
          HEADER,
          [1, "Hạn là một số (công thức, hoặc ô ngày đọc qua add-in)", "VP", 44377, "Đang thực hiện"],
          [2, "Hạn là một ô ngày", "VP", JUNE_30, "Đang thực hiện"],
          [3, "Hạn là năm, gõ dạng chữ", "VP", "2021", "Đang thực hiện"],
        ],
      },
    ]);
    const first = await sync(staff);
    assert.deepEqual(first.errors, []);
    assert.equal(first.pushed, 3);
    const copy = new MemoryPort([{ name: SHEET, rows: [["KẾ HOẠCH CCHC NĂM 2021"], HEADER] }]);
    assert.equal((await sync(copy)).pulled, 3);
    assert.equal(copy.rows(SHEET).find((r) => r[1] === "Hạn là năm, gõ dạng chữ")![3], "2021");
    for (const content of ["Hạn là một số (công thức, hoặc ô ngày đọc qua add-in)", "Hạn là một ô ngày"]) {
      const row = copy.rows(SHEET).find((r) => r[1] === content)!;
      assert.ok(row[3] instanceof Date, `${content}: deadline written as ${JSON.stringify(row[3])}`);
      assert.equal((row[3] as Date).toISOString().slice(0, 10), "2021-06-30");
    }
    const again = await sync(copy);
    assert.deepEqual(
      again.errors.map((e) => e.message.en),
      [],
      "the copy cannot read the deadline it was given",
    );
    assert.equal(again.pushed, 0);
    assert.equal((await sync(staff)).pulled, 0);
    assert.equal(staff.rows(SHEET)[2]![3], 44377, "the owner's cell is left as it was");
  });
});
