import { strict as assert } from "node:assert";
import type { CellValue } from "../../core/parse/cell";
import { SyncEngine } from "../../core/sync/engine";
import { HttpTransport } from "../../core/sync/transport";
import { MemoryPort } from "../helpers/fake-sync";
import { serverWithCoordinator } from "../helpers/server";

const SHEET = "Kế hoạch CCHC 2021";
const HEADER: CellValue[] = ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành", "Tiến độ"];
const TITLE: CellValue[] = ["KẾ HOẠCH CCHC NĂM 2021"];

/**
 * Found by hand (/work/notes/t1-findings.md, D9): a task's deadline cell is a formula
 * (="Quý "&"II"). A colleague changes the deadline to "Quý III" in his copy. The owner's sync keeps
 * the formula (never overwritten, "formula cells kept: 1"), and the owner's next sync pushed the
 * formula's value back: the colleague's change was undone without a word to either of them.
 * The field is now held (core/sync/formula-holds.ts): an open conflict, kept in the sync state and
 * marked `formula`, reported at each sync while the row counts as holding the server's value, until
 * the formula gives that value, the cell is typed over, or the owner keeps the formula's (--prefer mine).
 */
describe("a field whose cell holds a formula, changed in a colleague's copy", function () {
  this.timeout(60_000);
  const suite = serverWithCoordinator();
  const sync = (port: MemoryPort, prefer?: "mine" | "theirs") =>
    new SyncEngine(port, new HttpTransport(suite.server.url, suite.token), {
      asOf: "2021-03-31",
      ...(prefer && { prefer }),
    }).run();

  it("is a conflict in the owner's copy, not silently pushed back; --prefer mine sends the formula's value", async () => {
    const owner = new MemoryPort([
      {
        name: SHEET,
        rows: [TITLE, HEADER, [1, "Hạn là công thức", "VP", "Quý II", null]],
        formulas: [[2, 3]],
      },
    ]);
    assert.equal((await sync(owner)).pushed, 1);
    const colleague = new MemoryPort([{ name: SHEET, rows: [TITLE, HEADER] }]);
    await sync(colleague);
    colleague.rows(SHEET).find((r) => r[1] === "Hạn là công thức")![3] = "Quý III";
    assert.equal((await sync(colleague)).pushed, 1);

    for (let i = 0; i < 2; i++) {
      const pulled = await sync(owner);
      assert.equal(pulled.pushed, 0, "the formula's value was pushed back over the colleague's change");
      const sheetRows = owner.writes.at(-1)!.conflicts;
      assert.equal(sheetRows[1]![3], "deadline (ô công thức / formula cell)", "the conflicts sheet says why");
      const text = (v: unknown) => (v as { text: string }).text;
      assert.deepEqual(
        pulled.conflicts.map((c) => [c.field, c.row, text(c.mine), text(c.theirs)]),
        [["deadline", 3, "Quý II", "Quý III"]],
      );
    }
    assert.equal((await sync(colleague)).pulled, 0);
    assert.equal(colleague.rows(SHEET).find((r) => r[1] === "Hạn là công thức")![3], "Quý III");

    assert.equal((await sync(owner, "mine")).conflicts.length, 0);
    assert.equal((await sync(colleague)).pulled, 1);
    assert.equal(colleague.rows(SHEET).find((r) => r[1] === "Hạn là công thức")![3], "Quý II");
    const after = await sync(owner);
    assert.equal(after.pushed + after.pulled + after.conflicts.length, 0);
  });

  it('a status computed by a formula (=IF(H8<>"",…)) is held while its saved value is stale, and settles once it gives the colleague\'s word', async () => {
    const header: CellValue[] = [...HEADER, "Ngày hoàn thành"];
    const owner = new MemoryPort([
      {
        name: SHEET,
        rows: [TITLE, header, [1, "Tiến độ là công thức", "VP", "Quý II", "Đang thực hiện", null]],
        formulas: [[2, 4]],
      },
    ]);
    assert.equal((await sync(owner)).pushed, 1);
    const colleague = new MemoryPort([{ name: SHEET, rows: [TITLE, header] }]);
    await sync(colleague);
    const theirs = colleague.rows(SHEET).find((r) => r[1] === "Tiến độ là công thức")!;
    // The id column the first sync added may sit before "Ngày hoàn thành": find it by its header.
    const completed = (port: MemoryPort) => port.rows(SHEET)[1]!.indexOf("Ngày hoàn thành");
    theirs[4] = "Đã hoàn thành";
    theirs[completed(colleague)] = new Date(Date.UTC(2021, 2, 20));
    assert.equal((await sync(colleague)).pushed, 1);

    const row = () => owner.rows(SHEET).find((r) => r[1] === "Tiến độ là công thức")!;
    for (let i = 0; i < 2; i++) {
      // The command line does not recalculate: the formula's saved value is still the old word.
      const pulled = await sync(owner);
      assert.equal(pulled.pushed, 0, "the stale status was pushed back over the colleague's");
      assert.deepEqual(
        pulled.conflicts.map((c) => [c.field, c.row, c.mine, c.theirs]),
        [["status", 3, "in-progress", "done"]],
      );
      assert.ok(row()[completed(owner)] instanceof Date, "the completion date (no formula) is written");
    }
    // Excel recalculates when the owner opens and saves the file: the formula now says done.
    row()[4] = "Đã hoàn thành";
    const settled = await sync(owner);
    assert.deepEqual([settled.pushed, settled.conflicts.length], [0, 0]);
    assert.equal((await sync(colleague)).pulled, 0);
  });
});
