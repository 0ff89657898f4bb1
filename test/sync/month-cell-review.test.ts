/**
 * T19's hostile review of month-only deadline cells (T17): a copy whose deadline column is
 * formatted to show months only, receiving a deadline that is a genuine 1st of a month.
 */
import { strict as assert } from "node:assert";
import { cellKey } from "../../core/layout/grid";
import type { CellValue } from "../../core/parse/cell";
import type { ShownPeriod } from "../../core/parse/number-format";
import { SyncEngine } from "../../core/sync/engine";
import type { WorkbookSnapshot } from "../../core/sync/workbook-port";
import { MemoryPort, MemoryServer, MemoryTransport } from "../helpers/fake-sync";

const PLAN = "Kế hoạch";
const HEADER = ["STT", "Nội dung", "Đơn vị chủ trì", "Thời gian hoàn thành", "Tình trạng"];
const DEADLINE_COL = 3;

/** A copy whose deadline column is formatted "mm/yyyy" (a colleague reformatted it for display). */
class MonthFormattedCopy extends MemoryPort {
  override async read(): Promise<WorkbookSnapshot> {
    const snapshot = await super.read();
    for (const sheet of snapshot.sheets) {
      const marks = new Map<number, ShownPeriod>();
      sheet.rows.forEach((row, r) => {
        if (row[DEADLINE_COL] instanceof Date) marks.set(cellKey(r, DEADLINE_COL), "month");
      });
      if (marks.size > 0) sheet.periodCells = marks;
    }
    return snapshot;
  }
}

describe("month-only deadline cells, hostile review (T19)", () => {
  it("a 1st-of-month deadline pulled into a colleague's month-formatted cell is not pushed back as the month's end", async () => {
    // T17 left it (docs/findings/t17-findings.md, "Left"): the colleague's next sync pushed 30/6 over
    // the owner's 1/6, an edit nobody made, into every copy.
    const server = new MemoryServer();
    const rows: CellValue[][] = [["KẾ HOẠCH CCHC NĂM 2026"], [...HEADER]];
    rows.push([1, "Nhiệm vụ 1", "VP", new Date(Date.UTC(2026, 5, 1)), "Đang thực hiện"]);
    const owner = new MemoryPort([{ name: PLAN, rows }]);
    const sync = (p: MemoryPort) =>
      new SyncEngine(p, new MemoryTransport(server), { asOf: "2026-03-31" }).run();
    assert.equal((await sync(owner)).pushed, 1);
    const colleague = new MonthFormattedCopy([{ name: PLAN, rows: [rows[0]!, rows[1]!] }]);
    await sync(colleague); // the task pulled: a Date 1/6/2026 written into the month-formatted column
    const again = await sync(colleague);
    assert.equal(again.pushed, 0, "the colleague changed nothing");
    const task = server.live()[0]!;
    assert.deepEqual(task.data.deadline, { text: "2026-06-01", due: "2026-06-01", recurring: false });
  });

  it("a month typed into that cell ('7/2026', stored as 1/7) is still the month's end", async () => {
    const server = new MemoryServer();
    const rows: CellValue[][] = [["KẾ HOẠCH CCHC NĂM 2026"], [...HEADER]];
    rows.push([1, "Nhiệm vụ 1", "VP", new Date(Date.UTC(2026, 5, 1)), "Đang thực hiện"]);
    const owner = new MemoryPort([{ name: PLAN, rows }]);
    const sync = (p: MemoryPort) =>
      new SyncEngine(p, new MemoryTransport(server), { asOf: "2026-03-31" }).run();
    await sync(owner);
    const colleague = new MonthFormattedCopy([{ name: PLAN, rows: [rows[0]!, rows[1]!] }]);
    await sync(colleague);
    colleague.rows(PLAN)[2]![DEADLINE_COL] = new Date(Date.UTC(2026, 6, 1));
    assert.equal((await sync(colleague)).pushed, 1);
    assert.equal((server.live()[0]!.data.deadline as { due: string }).due, "2026-07-31");
  });
});
