import { strict as assert } from "node:assert";
import type { CellValue } from "../../core/parse/cell";
import { PACKAGE_LIMITS } from "../../cli/xlsx/package-limits";
import { readWorkbook } from "../../core/layout/read-workbook";
import { SyncEngine } from "../../core/sync/engine";
import { MemoryPort, MemoryServer, MemoryTransport } from "../helpers/fake-sync";

/** A plan sheet of `n` task rows, as an adapter hands it to core (no file: the reading alone is measured). */
function planGrid(n: number, task: (i: number) => CellValue[]) {
  const rows: CellValue[][] = [
    ["KẾ HOẠCH CCHC NĂM 2021"],
    ["STT", "Nội dung", "Đơn vị chủ trì", "Thời gian hoàn thành", "Tình trạng"],
  ];
  for (let i = 1; i <= n; i++) rows.push(task(i));
  return { name: "Kế hoạch", rows, merges: [] };
}

describe("sheets as large as the command line's limits accept (issue 12)", function () {
  this.timeout(120_000);
  const n = PACKAGE_LIMITS.rows - 2; // the title and header rows count too

  it(`reads ${n.toLocaleString("en")} task rows (spreading them into one array overflowed the call stack)`, () => {
    const read = readWorkbook([planGrid(n, (i) => [i, `Nhiệm vụ ${i}`, "VP", "Quý II", "Đang thực hiện"])]);
    assert.equal(read.tasks.length, n);
    assert.deepEqual(read.errors, []);
  });

  it(`names the cell of each of ${n.toLocaleString("en")} bad rows`, () => {
    const read = readWorkbook([planGrid(n, (i) => [i, `Nhiệm vụ ${i}`, "VP", "không rõ", "Đang thực hiện"])]);
    assert.equal(read.tasks.length, 0);
    assert.equal(read.errors.length, n);
    assert.deepEqual(
      [read.errors[0], read.errors.at(-1)].map((e) => `${e!.sheet}!${e!.column}${e!.row}`),
      ["Kế hoạch!D3", `Kế hoạch!D${n + 2}`],
    );
  });

  // Each row error's note is appended one by one (core/sync/sync-plan.ts completeEdit): spread into
  // push(...), they overflowed the call stack past about 120,000 bad cells.
  it(`syncs a sheet of ${n.toLocaleString("en")} bad rows: each named, none pushed`, async () => {
    const port = new MemoryPort([
      planGrid(n, (i) => [i, `Nhiệm vụ ${i}`, "VP", "không rõ", "Đang thực hiện"]),
    ]);
    const report = await new SyncEngine(port, new MemoryTransport(new MemoryServer()), {
      asOf: "2021-03-31",
    }).run();
    assert.equal(report.pushed, 0);
    assert.equal(report.errors.length, n);
  });
});
