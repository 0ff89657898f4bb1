import { strict as assert } from "node:assert";
import type { CellValue } from "../../core/parse/cell";
import { SyncEngine, type SyncOptions } from "../../core/sync/engine";
import { MemoryPort, MemoryServer, MemoryTransport } from "../helpers/fake-sync";

const PLAN = "Kế hoạch";
const HEADER = ["STT", "Nội dung", "Đơn vị chủ trì", "Thời gian hoàn thành", "Tình trạng"];

/**
 * A user copied the synced plan sheet (Move or Copy → Create a copy: "Kế hoạch (2)", the hidden
 * cchc_id column with it) to keep last quarter's picture; the next sync pushed every copied row as a
 * new task, and the department's summary counted 76 tasks where the plan has 38. A copy that holds
 * exactly its record's values is now the same record shown twice: a row error, nothing pushed.
 */
describe("a synced sheet copied with its hidden ids", () => {
  async function synced() {
    const server = new MemoryServer();
    const plan: CellValue[][] = [["KẾ HOẠCH CCHC NĂM 2021"], [...HEADER]];
    for (let i = 1; i <= 12; i++) plan.push([i, `Nhiệm vụ ${i}`, "VP", "Quý II", "Đang thực hiện"]);
    const port = new MemoryPort([{ name: PLAN, rows: plan }]);
    const sync = (options: SyncOptions = {}) =>
      new SyncEngine(port, new MemoryTransport(server), { asOf: "2021-03-31", ...options }).run();
    assert.equal((await sync()).pushed, 12);
    return { server, port, sync };
  }
  const copySheet = (port: MemoryPort, name: string, at = port.sheets.length) =>
    port.sheets.splice(at, 0, { ...port.sheets[0]!, name, rows: port.rows(PLAN).map((r) => [...r]) });

  it("adds no record: each copied row is a row error naming the row it copies, and the original still syncs", async () => {
    const { server, port, sync } = await synced();
    copySheet(port, "Kế hoạch (2)");
    port.rows(PLAN)[2]![4] = "Đã hoàn thành"; // an edit of the original is still an edit
    const report = await sync();
    assert.equal(server.live().length, 12, "no task added");
    assert.equal(report.pushed, 1);
    assert.equal(server.live().find((r) => r.data.content === "Nhiệm vụ 1")!.data.status, "done");
    const copies = report.errors.filter((e) => e.sheet === "Kế hoạch (2)");
    assert.equal(copies.length, 12);
    assert.match(copies[0]!.message.vi, /bản sao của "Kế hoạch" dòng 3/);
    assert.match(copies[0]!.message.en, /copy of "Kế hoạch" row 3/);
    assert.equal(report.heldDeletions.length, 0);
  });

  it("a copy placed before its original: the original keeps its records, an edited copied row is a new task", async () => {
    const { server, port, sync } = await synced();
    copySheet(port, "Bản sao", 0);
    port.rows("Bản sao")[3]![1] = "Nhiệm vụ mới từ bản sao";
    const report = await sync();
    assert.equal(server.live().length, 13, "one new task, from the edited row only");
    assert.equal(report.pushed, 1);
    assert.equal(server.live().filter((r) => r.data.content === "Nhiệm vụ 2").length, 1);
    assert.equal(report.errors.filter((e) => e.sheet === "Bản sao").length, 11);
    // The original's rows kept their ids: editing one edits its record.
    port.rows(PLAN)[3]![4] = "Đã hoàn thành";
    assert.equal((await sync()).pushed, 1);
    assert.equal(server.live().find((r) => r.data.content === "Nhiệm vụ 2")!.data.status, "done");
    assert.equal(server.live().length, 13);
  });
});
