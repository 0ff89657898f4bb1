import { strict as assert } from "node:assert";
import type { CellValue } from "../../core/parse/cell";
import { SyncEngine } from "../../core/sync/engine";
import { HttpTransport } from "../../core/sync/transport";
import { MemoryPort } from "../helpers/fake-sync";
import { REGISTER_HEADER, REGISTER_SHEET } from "../helpers/register";
import { serverWithCoordinator } from "../helpers/server";

const day = (d: number) => new Date(Date.UTC(2021, 2, d));
const rows = (): CellValue[][] => [
  ["SỔ THEO DÕI HỒ SƠ - NĂM 2021"],
  [...REGISTER_HEADER],
  [1, "RD-1", "Cấp giấy phép", "Việc làm", "VP", day(1), day(8)],
  [2, "RD-2", "Cấp giấy phép", "Việc làm", "VP", day(2), day(9)],
];

/**
 * A leader deletes a row in their copy while staff change that record: the leader's sync is
 * refused the deletion (put back from the copy last synced) and pulls the staff's change of the same
 * record in the same sync. The row must come back once, with the staff's change.
 */
describe("a refused deletion of a record changed meanwhile by someone else", function () {
  this.timeout(60_000);
  const suite = serverWithCoordinator();

  it("puts the row back once, with the newer values", async () => {
    const leaderToken = (await suite.server.services.members.issue({ name: "Lãnh đạo", role: "leader" }))
      .token;
    const as = (token: string) => (port: MemoryPort) =>
      new SyncEngine(port, new HttpTransport(suite.server.url, token), { asOf: "2021-03-31" }).run();
    const staff = new MemoryPort([{ name: REGISTER_SHEET, rows: rows() }]);
    await as(suite.token)(staff);
    const leader = staff.copy();
    staff.rows(REGISTER_SHEET)[3]![2] = "Cấp lại giấy phép"; // RD-2 changed by staff
    await as(suite.token)(staff);
    leader.rows(REGISTER_SHEET).splice(3, 1); // RD-2 deleted in the leader's copy
    await as(leaderToken)(leader);
    const rd2 = leader.rows(REGISTER_SHEET).filter((r) => r[1] === "RD-2");
    assert.equal(rd2.length, 1, JSON.stringify(leader.rows(REGISTER_SHEET)));
    assert.equal(rd2[0]![2], "Cấp lại giấy phép");
    const next = await as(leaderToken)(leader);
    assert.deepEqual([next.pushed, next.rejected.length, next.inserted], [0, 0, 0], "settled");
  });
});
