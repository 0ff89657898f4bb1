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
 * Open: a conflict opened when the pull meets the formula is not seen again by the next sync (the
 * cursor has passed the change and the row equals the last synced values), so the fix needs the
 * sync state to remember the formula's value beside theirs (a field of the state sheet, shared with
 * the add-in): left for a session that can change that contract.
 */
describe("a field whose cell holds a formula, changed in a colleague's copy", function () {
  this.timeout(60_000);
  const suite = serverWithCoordinator();
  const sync = (port: MemoryPort, prefer?: "mine" | "theirs") =>
    new SyncEngine(port, new HttpTransport(suite.server.url, suite.token), {
      asOf: "2021-03-31",
      ...(prefer && { prefer }),
    }).run();

  it.skip("(open defect) is a conflict in the owner's copy, not silently pushed back; --prefer mine sends the formula's value", async () => {
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
});
