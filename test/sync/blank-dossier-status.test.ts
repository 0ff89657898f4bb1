import { strict as assert } from "node:assert";
import type { CellValue } from "../../core/parse/cell";
import { engineAsCoordinator } from "../helpers/sync";
import { MemoryPort } from "../helpers/fake-sync";
import { serverWithCoordinator } from "../helpers/server";
import { REGISTER_HEADER, REGISTER_SHEET } from "../helpers/register";

const SHEET = REGISTER_SHEET;
const HEADER: CellValue[] = [...REGISTER_HEADER, "Trả kết quả", "Trạng thái", "Ghi chú"];
const [RESULT, STATUS] = [7, 8];
const day = (d: number) => new Date(Date.UTC(2021, 2, d));

/**
 * Found by hand (/work/notes/t1-findings.md, D2), the dossier cousin of blank-status.test.ts: a
 * register's "Trạng thái" left blank is read from the other cells (a result date means resolved),
 * but a colleague's copy got the word "Đang giải quyết" written into it. A result date entered in
 * that copy then left the dossier "processing" on the server, and the owner's next sync pushed
 * "resolved" back: a change its user never made.
 */
describe("a dossier whose status cell is left blank", function () {
  this.timeout(60_000);
  const suite = serverWithCoordinator();
  const sync = engineAsCoordinator(suite);

  it("is resolved by a result date entered in a colleague's copy, and the owner's next sync pushes nothing back", async () => {
    const owner = new MemoryPort([
      {
        name: SHEET,
        rows: [
          ["SỔ THEO DÕI HỒ SƠ - NĂM 2021"],
          HEADER,
          [1, "H40-1", "Cấp giấy phép", "Việc làm", "VP", day(1), day(8), null, null, null],
          [
            2,
            "H40-2",
            "Cấp giấy phép",
            "Việc làm",
            "VP",
            day(2),
            day(9),
            null,
            null,
            "Trả lại hồ sơ do thiếu giấy tờ",
          ],
        ],
      },
    ]);
    assert.equal((await sync(owner)).pushed, 2);
    const copy = new MemoryPort([{ name: SHEET, rows: [["SỔ THEO DÕI HỒ SƠ - NĂM 2021"], HEADER] }]);
    assert.equal((await sync(copy)).pulled, 2);
    const row = (port: MemoryPort, code: string) => port.rows(SHEET).find((r) => r[1] === code)!;

    row(copy, "H40-1")[RESULT] = day(5);
    assert.equal((await sync(copy)).pushed, 1);
    const ownerPull = await sync(owner);
    assert.equal(ownerPull.pulled, 1);
    assert.equal(ownerPull.pushed, 0, "the owner pushed a status it did not change");
    assert.equal((await sync(owner)).pushed, 0);
    assert.equal((await sync(copy)).pulled, 0);
    assert.deepEqual(row(owner, "H40-1").slice(RESULT, STATUS + 1), [day(5), null]);
    for (const code of ["H40-1", "H40-2"])
      assert.ok(
        [null, undefined].includes(row(copy, code)[STATUS] as null),
        `${code}: ${String(row(copy, code)[STATUS])}`,
      );
  });
});
