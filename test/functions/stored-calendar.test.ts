import { strict as assert } from "node:assert";
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { CALENDAR_YEARS } from "../../core/calendar/calendar-data";
import { WITHOUT_SWAP_2026 } from "../helpers/calendar-2026";
import type { StatsReport } from "../../core/stats/report";
import { serverCalendar } from "../../cli/commands/server-calendar";
import { XlsxPort } from "../../cli/xlsx/xlsx-port";
import { runSync } from "../../addin/shared/sync-runner";
import { call, startTestServer, type TestServer } from "../helpers/server";
import { cli } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";
import { xlsxBuffer } from "../helpers/workbooks";

const withoutSwap = WITHOUT_SWAP_2026;
const shipped2026 = CALENDAR_YEARS.find((y) => y.year === 2026)!;

/** A 2026 register of one resolved dossier received Thu 27/8/2026 with 2 working days. */
async function register2026(file: string, code: string): Promise<void> {
  writeFileSync(
    file,
    await xlsxBuffer([
      {
        name: "Sổ hồ sơ 2026",
        rows: [
          ["SỔ THEO DÕI HỒ SƠ NĂM 2026"],
          ["Mã hồ sơ", "Ngày nhận", "Thời hạn giải quyết (ngày làm việc)", "Ngày trả kết quả", "Tình trạng"],
          [code, "27/08/2026", 2, "01/09/2026", "Đã giải quyết"],
        ],
      },
    ]),
  );
}

describe("an admin's PUT /api/reference/calendar is the calendar deadlines use (issue 7, defect 9)", function () {
  this.timeout(60_000);
  const tmp = tempDir("stored-calendar");
  let s: TestServer;
  const tokens = { admin: "", coordinator: "" };
  before(async () => {
    s = await startTestServer();
    tokens.admin = (await s.services.members.issue({ name: "Admin", role: "admin" })).token;
    tokens.coordinator = (await s.services.members.issue({ name: "Điều phối", role: "coordinator" })).token;
  });
  after(async () => {
    await s?.stop();
    tmp.remove();
  });

  it("changes a dossier's due date in GET /api/stats", async () => {
    // Received Thu 27/8/2026 with 2 working days: due Thu 3/9 (28/8, then the break to 2/9); resolved 1/9.
    const pushed = await call(s.url, "POST", "/api/sync", tokens.coordinator, {
      year: 2026,
      operationId: randomUUID(),
      cursor: {},
      push: [
        {
          kind: "dossier",
          id: "d1",
          unit: "VP",
          baseVersion: null,
          data: {
            unit: "VP",
            receivedOn: "2026-08-27",
            dueOn: "2026-09-03",
            dueFrom: "processing-days",
            processingDays: 2,
            resultOn: "2026-09-01",
            status: "resolved",
          },
        },
      ],
    });
    assert.equal(pushed.status, 200, JSON.stringify(pushed.json));
    const stats = async () =>
      (await call(s.url, "GET", "/api/stats?year=2026&from=2026-08-01&to=2026-09-30", tokens.coordinator))
        .json as unknown as StatsReport;
    assert.equal(
      (await stats()).dossiers.resolved.ahead,
      1,
      "shipped calendar: due 3/9, resolved 1/9 is ahead",
    );

    const put = await call(s.url, "PUT", "/api/reference/calendar?year=2026", tokens.admin, withoutSwap);
    assert.ok(put.status === 200 || put.status === 204, JSON.stringify(put.json));
    const after = await stats();
    assert.equal(after.dossiers.resolved.overdue, 1, "stored calendar: due 31/8, resolved 1/9 is overdue");
    assert.equal(after.dossiers.resolved.ahead, 0);

    const back = await call(s.url, "PUT", "/api/reference/calendar?year=2026", tokens.admin, shipped2026);
    assert.ok(back.status === 200 || back.status === 204);
    assert.equal((await stats()).dossiers.resolved.ahead, 1, "storing the shipped year again restores it");
  });

  it("is fetched by the command line: cchc stats --server and cchc sync compute with it", async () => {
    assert.equal(
      (await call(s.url, "PUT", "/api/reference/calendar?year=2026", tokens.admin, withoutSwap)).status < 300,
      true,
    );
    const calendar = await serverCalendar(s.url, tokens.coordinator, 2026);
    assert.equal(calendar.isWorkingDay("2026-08-31"), true);
    assert.equal(calendar.isWorkingDay("2026-08-22"), false);

    const file = tmp.file("register-2026.xlsx");
    await register2026(file, "HS-1");
    const args = ["stats", file, "--year", "2026", "--from", "2026-08-01", "--to", "2026-09-30", "--json"];
    const shipped = await cli(args);
    assert.equal(shipped.code, 0, shipped.err);
    assert.equal(
      (JSON.parse(shipped.out) as StatsReport).dossiers.resolved.ahead,
      1,
      "the file alone: shipped calendar",
    );
    const withServer = await cli([...args, "--server", s.url, "--token", tokens.coordinator]);
    assert.equal(withServer.code, 0, withServer.err);
    assert.equal(
      (JSON.parse(withServer.out) as StatsReport).dossiers.resolved.overdue,
      1,
      "--server: the stored calendar",
    );

    const synced = await cli([
      "sync",
      file,
      "--server",
      s.url,
      "--token",
      tokens.coordinator,
      "--year",
      "2026",
    ]);
    assert.equal(synced.code, 0, synced.err + synced.out);
    const stored = await call(s.url, "POST", "/api/sync", tokens.coordinator, {
      year: 2026,
      operationId: randomUUID(),
      cursor: {},
      push: [],
    });
    const mine = (
      stored.json.changes as { id: string; data: { dueOn?: string; receivedOn?: string } }[]
    ).filter((c) => c.id !== "d1");
    assert.equal(mine.length, 1);
    assert.equal(mine[0]!.data.dueOn, "2026-08-31", "cchc sync pushed the due date of the stored calendar");
  });

  it("is fetched by the add-in's sync too (it used the shipped calendar)", async () => {
    assert.ok(
      (await call(s.url, "PUT", "/api/reference/calendar?year=2026", tokens.admin, withoutSwap)).status < 300,
    );
    const file = tmp.file("register-2026-addin.xlsx");
    await register2026(file, "HS-ADDIN");
    const host = { port: () => new XlsxPort(file), selectCell: async () => {} };
    const report = await runSync(host, { server: s.url, token: tokens.coordinator }, { mode: "sync" });
    assert.equal(report.pushed, 1);
    const stored = await call(s.url, "POST", "/api/sync", tokens.coordinator, {
      year: 2026,
      operationId: randomUUID(),
      cursor: {},
      push: [],
    });
    const pushed = (stored.json.changes as { id: string; data: { dueOn?: string } }[]).find(
      (c) => c.id === "hs:HS-ADDIN",
    );
    assert.equal(pushed?.data.dueOn, "2026-08-31", "the add-in pushed the due date of the stored calendar");
  });
});
