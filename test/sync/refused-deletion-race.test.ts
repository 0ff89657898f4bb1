import { strict as assert } from "node:assert";
import type { CellValue } from "../../core/parse/cell";
import { SyncEngine } from "../../core/sync/engine";
import { HttpTransport, type SyncTransport } from "../../core/sync/transport";
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

/**
 * A leader's copy synced before refused deletions were put back kept the refusal in its state (the
 * row stayed deleted). The next sync held the same deletion back for the same member and reported
 * it again at every sync, never putting the row back (T10).
 */
describe("a deletion refused by an earlier version, still recorded in the state", function () {
  this.timeout(60_000);
  const suite = serverWithCoordinator();

  it("is put back at the next sync, once, and then nothing is refused", async () => {
    const leaderToken = (await suite.server.services.members.issue({ name: "Lãnh đạo", role: "leader" }))
      .token;
    const http = (token: string) => new HttpTransport(suite.server.url, token);
    const as = (transport: SyncTransport) => (port: MemoryPort) =>
      new SyncEngine(port, transport, { asOf: "2021-03-31" }).run();
    const staff = new MemoryPort([{ name: REGISTER_SHEET, rows: rows() }]);
    await as(http(suite.token))(staff);
    const leader = staff.copy();
    leader.rows(REGISTER_SHEET).splice(3, 1); // RD-2 deleted in the leader's copy
    // The version before put-back: the refusal noted in the state, the row left deleted.
    const older = http(leaderToken);
    const before: SyncTransport = {
      stats: (q) => older.stats(q),
      bytesSent: 0,
      bytesReceived: 0,
      sync: async (req) => {
        const res = await older.sync(req);
        return {
          ...res,
          results: res.results.map((r) => (r.status === "rejected" ? { ...r, httpStatus: 0 } : r)),
        };
      },
    };
    const first = await as(before)(leader);
    assert.equal(first.rejected.length, 1);
    assert.equal(leader.rows(REGISTER_SHEET).filter((r) => r[1] === "RD-2").length, 0);
    const next = await as(http(leaderToken))(leader);
    const rd2 = leader.rows(REGISTER_SHEET).filter((r) => r[1] === "RD-2");
    assert.equal(rd2.length, 1, JSON.stringify(leader.rows(REGISTER_SHEET)));
    assert.match(next.rejected.map((r) => r.message.en).join("\n"), /the row was put back/);
    const settled = await as(http(leaderToken))(leader);
    assert.deepEqual([settled.pushed, settled.rejected.length, settled.inserted], [0, 0, 0], "settled");
  });
});

/**
 * A unit's staff read the whole plan: one of them deletes another unit's task in their copy (T10).
 * The row comes back under its section, with its values, and the other unit's task stays counted.
 */
describe("a staff member deleting another unit's task", function () {
  this.timeout(60_000);
  const suite = serverWithCoordinator();

  it("gets the row back under its section, with its values", async () => {
    const staffToken = (
      await suite.server.services.members.issue({ name: "Cán bộ TT", role: "staff", unit: "Thanh tra" })
    ).token;
    const as = (token: string) => (port: MemoryPort) =>
      new SyncEngine(port, new HttpTransport(suite.server.url, token), { asOf: "2021-03-31" }).run();
    const PLAN = "Kế hoạch";
    const dept = new MemoryPort([
      {
        name: PLAN,
        rows: [
          ["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2021"],
          ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành", "Tiến độ"],
          ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC", null, null, null],
          [1, "Ban hành kế hoạch CCHC", "Văn phòng", "Quý I", "Đã hoàn thành"],
          [2, "Kiểm tra CCHC", "Thanh tra", "Quý IV", "Chưa thực hiện"],
          ["II", "CẢI CÁCH THỂ CHẾ", null, null, null],
          [3, "Rà soát văn bản", "Pháp chế", "Quý II", "Đang thực hiện"],
        ],
      },
    ]);
    await as(suite.token)(dept);
    const staff = dept.copy();
    staff.rows(PLAN).splice(3, 1); // the Văn phòng task, deleted by Thanh tra's staff
    const report = await as(staffToken)(staff);
    assert.match(report.rejected.map((r) => r.message.en).join("\n"), /the row was put back/);
    const rows = staff.rows(PLAN).slice(2);
    const back = rows.findIndex((r) => r[1] === "Ban hành kế hoạch CCHC");
    assert.ok(back >= 0, JSON.stringify(rows));
    // The unit as the plan's reference names it ("Văn phòng Sở"): the copy last synced keeps no typed text.
    assert.deepEqual(
      [rows[back]![1], rows[back]![3], rows[back]![4]],
      ["Ban hành kế hoạch CCHC", "Quý I", "Đã hoàn thành"],
    );
    assert.match(String(rows[back]![2]), /^Văn phòng/);
    assert.ok(back < rows.findIndex((r) => r[0] === "II"), "under section I");
    const settled = await as(staffToken)(staff);
    assert.deepEqual([settled.pushed, settled.rejected.length, settled.inserted], [0, 0, 0], "settled");
  });
});
