import { strict as assert } from "node:assert";
import type { CellValue } from "../../core/parse/cell";
import { SyncEngine } from "../../core/sync/engine";
import { MemoryPort, MemoryServer, MemoryTransport } from "../helpers/fake-sync";
import { REGISTER_HEADER, REGISTER_SHEET } from "../helpers/register";

/** A register of `n` dossiers, each with its code and no hidden id yet (a first sync). */
function codedRegister(n: number): MemoryPort {
  const day = (i: number, after = 0) => new Date(Date.UTC(2021, 0, 1 + (i % 300) + after));
  const rows: CellValue[][] = [["SỔ THEO DÕI HỒ SƠ - NĂM 2021"], [...REGISTER_HEADER]];
  for (let i = 1; i <= n; i++) rows.push([i, `C-${i}`, "Cấp giấy phép", "Việc làm", "VP", day(i), day(i, 7)]);
  return new MemoryPort([{ name: REGISTER_SHEET, rows }]);
}

describe("a first sync of a register of more than 120,000 coded dossiers", function () {
  this.timeout(300_000);

  // T14 F1: the ids taken from dossier codes go with the final write; appended with a spread
  // (push(...newIds)) they overflowed the call stack past about 120,000, and the sync failed with
  // "Maximum call stack size exceeded" before anything was pushed, every time.
  it("gives each dossier its code as id and pushes them all", async () => {
    const n = 130_000;
    const port = codedRegister(n);
    const report = await new SyncEngine(port, new MemoryTransport(new MemoryServer()), {
      asOf: "2021-12-31",
    }).run();
    assert.deepEqual(report.errors, []);
    assert.equal(report.pushed, n);
  });
});
