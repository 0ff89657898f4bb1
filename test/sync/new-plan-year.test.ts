import { strict as assert } from "node:assert";
import type { CellValue } from "../../core/parse/cell";
import { SyncEngine } from "../../core/sync/engine";
import { HttpTransport } from "../../core/sync/transport";
import { MemoryPort } from "../helpers/fake-sync";
import { call, serverWithCoordinator } from "../helpers/server";

const SHEET = "Kế hoạch CCHC";
const HEADER: CellValue[] = ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành", "Tiến độ"];

/**
 * DOMAIN.md "Tasks": the plan year comes from the workbook's title and resolves deadlines such as
 * "Quý II". A department starts a new year by copying last year's workbook, clearing its rows and
 * changing the year in the title (t8-findings 1). The copy's sync state remembers 2021; that
 * memory was passed to the reader as if the user had typed `--year 2021`, so the title was never
 * read: the 2022 plan synced into 2021, last year's tasks were deleted on the server as "removed
 * rows", and the new task's "Quý II" became 30/06/2021.
 */
describe("a new plan year started from last year's synced workbook", function () {
  this.timeout(60_000);
  const suite = serverWithCoordinator();
  const sync = (port: MemoryPort, asOf: string) =>
    new SyncEngine(port, new HttpTransport(suite.server.url, suite.token), { asOf }).run();
  const tasksOf = async (year: number) => {
    const r = await call(suite.server.url, "GET", `/api/stats?year=${year}&asOf=${year}-12-31`, suite.token);
    assert.equal(r.status, 200);
    return (r.json.tasks as { total: number; notDoneOverdue: number }).total;
  };

  // The engine passes the state's year as `rememberedYear` (used when no title names a year), not
  // as `year` (which wins over the title): before, the 2022 plan synced into 2021.
  it("syncs into the year of its title, keeps last year's records on the server and pulls none of them", async () => {
    const last = new MemoryPort([
      {
        name: SHEET,
        rows: [
          ["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2021"],
          HEADER,
          [1, "Kiểm tra CCHC", "VP", "Quý III", null],
          [2, "Tuyên truyền CCHC", "VP", "Quý IV", "Đã hoàn thành"],
        ],
      },
    ]);
    assert.equal((await sync(last, "2021-12-31")).pushed, 2);

    const next = last.copy();
    const rows = next.rows(SHEET);
    rows[0] = ["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2022"];
    rows.splice(2); // the department clears last year's rows (the cchc_id cells go with them)
    rows.push([1, "Nhiệm vụ mới của năm 2022", "VP", "Quý II", null]);
    const result = await sync(next, "2022-03-31");

    assert.ok(
      result.notices.some((n) => n.en.includes("synced for plan year 2021, now 2022")),
      `told that the year changed: ${JSON.stringify(result.notices)}`,
    );
    assert.equal(result.pushed, 1, "only the new task is pushed: nothing of 2021 is deleted");
    assert.equal(result.pulled, 0, "last year's tasks are not pulled into the new year's plan");
    assert.equal(await tasksOf(2021), 2, "the 2021 plan keeps its two tasks");
    assert.equal(await tasksOf(2022), 1);
    const r = await call(suite.server.url, "GET", "/api/stats?year=2022&asOf=2022-07-01", suite.token);
    const warned = (r.json.warnings as { tasks: { due: string }[] }).tasks;
    assert.deepEqual(
      warned.map((w) => w.due),
      ["2022-06-30"],
      "'Quý II' of the 2022 plan is 30/06/2022",
    );
    assert.deepEqual(
      next
        .rows(SHEET)
        .slice(2)
        .map((row) => row[1]),
      ["Nhiệm vụ mới của năm 2022"],
    );
  });
});
