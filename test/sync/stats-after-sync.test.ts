import { strict as assert } from "node:assert";
import { writeFileSync } from "node:fs";
import type { StatsReport } from "../../core/stats/report";
import { serverWithCoordinator, call } from "../helpers/server";
import { cli } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";
import { d, xlsxBuffer } from "../helpers/workbooks";

/** The figures a leader reads, without the parts that name rows (a workbook) or ids (the server). */
function figures(r: StatsReport) {
  const units = <T extends { unit: string }>(xs: T[]) => [...xs].sort((a, b) => a.unit.localeCompare(b.unit));
  const strip = <T extends { sheet?: string; row?: number; id?: string }>(xs: T[]) =>
    xs.map(({ sheet: _s, row: _r, id: _i, ...w }) => w);
  return {
    asOf: r.asOf,
    tasks: { ...r.tasks, byUnit: units(r.tasks.byUnit) },
    dossiers: { ...r.dossiers, byUnit: units(r.dossiers.byUnit) },
    warnings: { ...r.warnings, tasks: strip(r.warnings.tasks), dossiers: strip(r.warnings.dossiers) },
  };
}

/**
 * The edge days of DOMAIN.md in one hand-made workbook; after `cchc sync`, GET /api/stats gives the
 * same figures as `cchc stats` on the file, and those are the figures worked out by hand.
 */
describe("the edge days of the rules: cchc stats on the file = the server after a sync = by hand", function () {
  this.timeout(120_000);
  const suite = serverWithCoordinator();
  const tmp = tempDir("stats-after-sync");
  const file = tmp.file("edge-days.xlsx");
  after(() => tmp.remove());

  before(async () => {
    writeFileSync(
      file,
      await xlsxBuffer([
        {
          name: "Kế hoạch",
          rows: [
            ["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2021"],
            [
              "STT",
              "Nội dung nhiệm vụ",
              "Đơn vị chủ trì",
              "Thời gian hoàn thành",
              "Tiến độ",
              "Ngày hoàn thành",
            ],
            [1, "Thường xuyên, xong, không rõ ngày", "Văn phòng Sở", "Thường xuyên", "Đã hoàn thành", null],
            [2, "Quý I, chưa triển khai", "Phòng Kế hoạch - Tài chính", "Quý I", "Chưa triển khai", null],
            [3, "Xong sau hạn", "Phòng Kế hoạch - Tài chính", "31/3/2021", "Đã hoàn thành", d(2021, 4, 2)],
            [4, "Quý II, để trống", "Văn phòng Sở", "Quý II", null, null],
          ],
        },
        {
          name: "Sổ hồ sơ",
          rows: [
            [
              "Mã hồ sơ",
              "Lĩnh vực",
              "Đơn vị",
              "Hình thức",
              "Ngày nhận",
              "Ngày hẹn trả",
              "Ngày trả kết quả",
              "Trạng thái",
              "Thời hạn giải quyết",
              "Ghi chú",
            ],
            // Received on Saturday 9/1, 1 working day: due Monday 11/1, returned then: on time.
            [
              "A1",
              "Việc làm",
              "Văn phòng Sở",
              "Trực tuyến",
              d(2021, 1, 9),
              null,
              d(2021, 1, 11),
              "Đã giải quyết",
              1,
              null,
            ],
            // Received Sunday 14/3, the official Q1's last day.
            [
              "A2",
              "Việc làm",
              "Văn phòng Sở",
              "Trực tiếp",
              d(2021, 3, 14),
              d(2021, 3, 19),
              null,
              "Đang giải quyết",
              null,
              null,
            ],
            [
              "A3",
              "Việc làm",
              "Văn phòng Sở",
              "Trực tiếp",
              d(2021, 3, 1),
              d(2021, 3, 5),
              d(2021, 3, 1),
              "Đã giải quyết",
              null,
              null,
            ],
            // Returned without a date: ended the day it came in.
            [
              "A5",
              "Người có công",
              "Phòng Người có công",
              "Trực tiếp",
              d(2021, 2, 1),
              d(2021, 2, 5),
              null,
              "Trả lại",
              null,
              null,
            ],
            // Withdrawn after the Q1 close: processing (overdue) at 14/3.
            [
              "A6",
              "Người có công",
              "Phòng Người có công",
              "Trực tiếp",
              d(2021, 3, 10),
              d(2021, 3, 12),
              d(2021, 3, 20),
              "Rút hồ sơ",
              null,
              null,
            ],
            [
              "A7",
              "Người có công",
              "Phòng Người có công",
              "Bưu chính",
              d(2021, 3, 1),
              d(2021, 3, 3),
              null,
              "Chờ bổ sung",
              null,
              null,
            ],
            [
              "A8",
              "Người có công",
              "Phòng Người có công",
              "Trực tiếp",
              d(2021, 3, 1),
              d(2021, 3, 3),
              null,
              null,
              null,
              "Trả lại hồ sơ do thiếu giấy tờ",
            ],
            // Carried over from 2020, resolved on its due date.
            [
              "A9",
              "Người có công",
              "Phòng Người có công",
              "Trực tiếp",
              d(2020, 12, 20),
              d(2021, 1, 5),
              d(2021, 1, 5),
              "Đã giải quyết",
              null,
              null,
            ],
            // Due on the holiday 30/4, returned Tuesday 4/5 (1/5 Sat, 2/5 Sun, 3/5 day off in lieu): on time.
            [
              "B1",
              "Việc làm",
              "Văn phòng Sở",
              "Trực tuyến",
              d(2021, 4, 26),
              d(2021, 4, 30),
              d(2021, 5, 4),
              "Đã giải quyết",
              null,
              null,
            ],
          ],
        },
      ]),
    );
    const r = await cli([
      "sync",
      file,
      "--server",
      suite.server.url,
      "--token",
      suite.token,
      "--as-of",
      "2021-06-14",
    ]);
    assert.equal(r.code, 0, r.out + r.err);
  });

  const local = async (args: string[]) =>
    JSON.parse((await cli(["stats", file, ...args, "--json"])).out) as StatsReport;
  const remote = async (query: string) =>
    (await call(suite.server.url, "GET", `/api/stats?year=2021&${query}`, suite.token))
      .json as unknown as StatsReport;

  it("Q1/2021 (15/12/2020 – 14/03/2021), as of its close", async () => {
    const file = await local(["--period", "Q1/2021"]);
    assert.deepEqual(figures(await remote("from=2020-12-15&to=2021-03-14")), figures(file));
    const x = file.dossiers;
    assert.equal(file.asOf, "2021-03-14");
    assert.deepEqual(x.received, { total: 8, online: 1, inPersonOrPost: 7, carriedOver: 0 });
    assert.deepEqual(x.resolved, { total: 3, ahead: 1, onTime: 2, overdue: 0 });
    assert.deepEqual(x.processing, { total: 3, withinDeadline: 1, overdue: 2 });
    assert.equal(x.returnedOrWithdrawn, 2);
    assert.equal(file.tasks.doneDateUnknown, 1);
    assert.equal(file.tasks.notDoneWithinDeadline, 3);
    assert.equal(file.tasks.notStarted, 2);
  });

  it("Q2/2021 (15/03 – 14/06/2021): what was processing at the Q1 close is carried over", async () => {
    const file = await local(["--period", "Q2/2021"]);
    assert.deepEqual(figures(await remote("from=2021-03-15&to=2021-06-14")), figures(file));
    const x = file.dossiers;
    assert.deepEqual(x.received, { total: 4, online: 1, inPersonOrPost: 0, carriedOver: 3 });
    assert.deepEqual(x.resolved, { total: 1, ahead: 0, onTime: 1, overdue: 0 }, "B1, due on the holiday");
    assert.deepEqual(x.processing, { total: 2, withinDeadline: 0, overdue: 2 });
    assert.equal(x.returnedOrWithdrawn, 1);
    assert.deepEqual(
      [file.tasks.doneLate, file.tasks.notDoneOverdue, file.tasks.dueByAsOf, file.tasks.doneOfDue],
      [1, 1, 2, 1],
    );
  });

  it("the calendar year as of 03/05/2021, the day off in lieu: B1 is due tomorrow, not late", async () => {
    const file = await local(["--as-of", "2021-05-03"]);
    assert.deepEqual(figures(await remote("asOf=2021-05-03")), figures(file));
    const b1 = file.warnings.dossiers.find((w) => w.code === "B1")!;
    assert.deepEqual([b1.state, b1.due, b1.days], ["dueSoon", "2021-05-04", 1]);
  });
});
